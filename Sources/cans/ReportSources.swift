import CansCore
import CansExport
import CansFit
import CansFormats
import CansMeasure
import CansReport
import Foundation

/// Reads what a report shows from files: a session folder or a profile and the files it names.
enum ReportSources {
    /// A session: its record, responses and first takes, fitted against the target of `fit`.
    static func session(_ folder: String, fit: FitOptions) throws -> ReportInput {
        let stored = try StoredSession.load(path: folder)
        var notes = [String]()
        if stored.record.status != .complete {
            notes.append("The session is \(stored.record.status.rawValue)" + (stored.record.statusDetail.map { " (\($0))" } ?? "")
                + ": it has no averaged response, so only its facts and takes are shown.")
        }
        let cups = try stored.cupResponses()
        let channels = cups.map { ReportInput.Channel(name: $0.cup, response: $0.response, spreadDB: $0.spreadDB) }
        var input = ReportInput(
            title: stored.record.headphone, subject: "Measurement session \(folder)", channels: channels,
            session: stored.record, notes: notes, software: CansVersion.string)
        if !channels.isEmpty {
            let target = try fit.loadTarget()
            let request = try fit.request(target: target)
            input.target = adjustedTarget(target, adjustments: request.adjustments, sampleRate: request.configuration.sampleRate)
            let inputs = cups.map { cup in
                ChannelInput(name: cup.cup == "left" ? "L" : cup.cup == "right" ? "R" : cup.cup, response: cup.response,
                             spreadDB: cup.spreadDB.map { FrequencyResponse(validatedFrequenciesHz: cup.response.frequenciesHz, magnitudesDB: $0) })
            }
            do {
                let results = try HeadphoneFitter.fit(inputs, request: request)
                let document = ProfileBuilder.document(results, request: request, measurement: stored.record.results.map { stored.file($0.responseFile) })
                input.fit = ReportInput.Fit(profile: document, eq: try ProfileEQ(document, path: folder))
            } catch {
                // The measurement is still worth a report without an EQ (a response short of 20 Hz-20 kHz...).
                input.notes.append("No EQ was fitted: \(describe(error).0).")
            }
        }
        do {
            let sampleRate = stored.record.sweep.sampleRate
            input.takeDetails = try stored.firstAcceptedTakes().map {
                ReportInput.TakeDetail(cup: $0.take.cup, recordingFile: $0.take.recordingFile, sampleRate: sampleRate, analysis: $0.analysis)
            }
        } catch {
            input.notes.append("The recordings could not be analysed again (\(describe(error).0)): no distortion or impulse plots.")
        }
        return input
    }

    /// A profile with the measurement and target it names (or `measurements` given instead).
    static func profile(_ path: String, measurements: [String]) throws -> ReportInput {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure(message: "\(path): cannot be read (\(error.localizedDescription))", status: ExitStatus.ioError)
        }
        let document = try ProfileDocument.parse(text, path: path)
        let eq = try ProfileEQ(document, path: path)
        var notes = [String]()
        var channels = [ReportInput.Channel]()
        let folder = (path as NSString).deletingLastPathComponent
        for named in measurements.isEmpty ? document.measurement : measurements {
            guard let file = resolve(named, beside: folder) else {
                notes.append("The measurement \(named) named by the profile is not there (pass --measurement FILE): it is not plotted.")
                continue
            }
            let response = try ResponseReader.read(path: file).response.normalized()
            let spread = try? AutoEqCSV.read(path: file, column: "spread")
            let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            let name = stem.hasPrefix("response-") ? String(stem.dropFirst("response-".count)) : stem
            channels.append(ReportInput.Channel(name: name, response: response, spreadDB: spread?.magnitudesDB))
        }
        var input = ReportInput(
            title: channels.count == 1 ? channels[0].name : (path as NSString).lastPathComponent, subject: "EQ profile \(path)",
            channels: channels, fit: ReportInput.Fit(profile: document, eq: eq, path: path), notes: notes, software: CansVersion.string)
        if let target = try? profileTarget(document.target, beside: folder) {
            let adjustments = TargetAdjustments(bassDB: document.target.bassDB, trebleDB: document.target.trebleDB, tiltDBPerOctave: document.target.tiltDBPerOctave)
            input.target = adjustedTarget(target, adjustments: adjustments, sampleRate: document.sampleRateHz)
        } else {
            input.notes.append("The target \(document.target.name) (\(document.target.source)) is neither built in nor a file here: it is not plotted.")
        }
        return input
    }

    /// A built-in target by name, or the file the profile names.
    static func profileTarget(_ target: ProfileDocument.Target, beside folder: String) throws -> TargetCurve {
        if let builtIn = try? TargetCurve.builtIn(named: target.name) { return builtIn }
        guard let file = resolve(target.source, beside: folder) else { throw CommandFailure(message: "no target", status: ExitStatus.noInput) }
        return try FitOptions.loadResponseTarget(path: file)
    }

    /// `name` as given (relative to the working folder), else relative to `folder`.
    static func resolve(_ name: String, beside folder: String) -> String? {
        if FileManager.default.fileExists(atPath: name) { return name }
        let relative = (folder as NSString).appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: relative) ? relative : nil
    }

    /// The target with the fit's adjustments, on AutoEq's grid.
    static func adjustedTarget(_ target: TargetCurve, adjustments: TargetAdjustments, sampleRate: Double) -> ReportInput.Target {
        let grid = LogFrequencyGrid.autoEq
        return ReportInput.Target(
            name: target.name, source: target.source,
            curve: FrequencyResponse(validatedFrequenciesHz: grid, magnitudesDB: target.values(onGridHz: grid, adjustments: adjustments, sampleRate: sampleRate)))
    }
}
