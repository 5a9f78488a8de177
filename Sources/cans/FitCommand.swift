import ArgumentParser
import CansCore
import CansExport
import CansFit
import CansFormats
import CansMeasure
import Foundation

/// Options `cans fit` and `cans batch` share: target, limits and the fit's settings.
struct FitOptions: ParsableArguments {
    @Option(help: "Target: a built-in name (\(TargetCurve.builtInNames.joined(separator: ", "))) or a response file.")
    var target: String = "harman-over-ear-2018"

    @Option(help: "Number of filters (default: all of the limit set).")
    var filters: Int?

    @Option(help: "Limits: a built-in set (\(FilterLimits.builtInNames.joined(separator: ", "))) or a limits file.")
    var limits: String = "autoeq"

    @Option(help: "Largest boost of the whole EQ curve, dB.")
    var maxBoost: Double = 6

    @Option(help: "Sample rate the filters are designed for, Hz.")
    var sampleRate: Double = 48_000

    @Option(help: "Bass shelf added to the target (105 Hz, Q 0.7), dB.")
    var bass: Double = 0

    @Option(help: "Treble shelf added to the target (10 kHz, Q 0.7), dB.")
    var treble: Double = 0

    @Option(help: "Tilt added to the target, dB per octave (pivot 1 kHz).")
    var tilt: Double = 0

    @Option(help: "Headroom below the preamp, dB.")
    var headroom: Double = 0

    @Option(help: "Preference model for the scores: in-ear or over-ear (default: from the target or folder name).")
    var model: String?

    /// Loads the target: a built-in name, a cans target definition (`name:` first) or any response file.
    func loadTarget() throws -> TargetCurve {
        if TargetCurve.builtInNames.contains(target.lowercased().replacingOccurrences(of: " ", with: "-")) {
            return try TargetCurve.builtIn(named: target)
        }
        guard FileManager.default.fileExists(atPath: target) else {
            throw FitError.unknownName(kind: "target", name: target, known: TargetCurve.builtInNames)
        }
        return try Self.loadResponseTarget(path: target)
    }

    static func loadResponseTarget(path: String) throws -> TargetCurve {
        if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasPrefix("name:") {
            return try TargetCurve.parseDefinition(text, path: path)
        }
        let parsed = try ResponseReader.read(path: path)
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try TargetCurve(name: name, source: path, response: parsed.response)
    }

    func loadLimits() throws -> FilterLimits {
        let set: FilterLimits
        if FilterLimits.builtInNames.contains(limits.lowercased()) {
            set = try FilterLimits.builtIn(named: limits)
        } else if FileManager.default.fileExists(atPath: limits) {
            set = try FilterLimits.parse(try String(contentsOfFile: limits, encoding: .utf8), path: limits)
        } else {
            throw FitError.unknownName(kind: "limit set", name: limits, known: FilterLimits.builtInNames)
        }
        if let filters { return try set.limited(to: filters) }
        return set
    }

    func configuration() throws -> FitConfiguration {
        var config = FitConfiguration()
        config.sampleRate = sampleRate
        config.maxBoostDB = maxBoost
        config.headroomDB = headroom
        return try config.validated()
    }

    func adjustments() throws -> TargetAdjustments {
        try TargetAdjustments(bassDB: bass, trebleDB: treble, tiltDBPerOctave: tilt).validated()
    }

    /// The preference model: --model, else "in-ear"/"earbud" in `hint` (a folder) or the target's name.
    func preferenceModel(target: TargetCurve, folderHint: String? = nil) throws -> PreferenceScore.Model {
        if let model {
            guard let parsed = PreferenceScore.Model(rawValue: model) else {
                throw FitError.usage("--model \(model): use in-ear or over-ear")
            }
            return parsed
        }
        if let folderHint, ["in-ear", "earbud"].contains(folderHint) { return .inEar }
        if let folderHint, ["over-ear", "on-ear"].contains(folderHint) { return .overEar }
        return target.name.lowercased().contains("in-ear") ? .inEar : .overEar
    }

    func request(target: TargetCurve, channelMode: ChannelMode = .separate, folderHint: String? = nil) throws -> FitRequest {
        FitRequest(target: target, adjustments: try adjustments(), limits: try loadLimits(), configuration: try configuration(),
                   channelMode: channelMode, model: try preferenceModel(target: target, folderHint: folderHint))
    }
}

/// `cans fit`: correction EQ for one headphone against a target.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit correction EQ (parametric filters) to a response against a target.",
        discussion: """
            Reads a response (AutoEq CSV, REW, squig.link, text) or a session folder made by \
            `cans measure` (its response-left.csv and response-right.csv, with their spread), \
            fits up to N biquads within the limits, and writes a profile (JSON) and, with --apo, \
            an EqualizerAPO ParametricEQ.txt. Prints the predicted preference and RMS error \
            before and after. Nothing is written when anything fails.

            Examples:
              cans fit "HD 600.csv" --target harman-over-ear-2018 -o hd600.profile.json --apo "HD 600 ParametricEQ.txt"
              cans fit "Measurements/HD 600/2026-11-21_10-00-00" --channels shared -o hd600.profile.json
              cans fit A.csv --match B.csv -o a-like-b.profile.json
              cans fit "HD 600.csv" -o hd600.profile.json --export camilladsp:hd600.yml --export sox:hd600.sox
            """)

    @Argument(help: "A response file or a session folder.")
    var input: String

    @OptionGroup var fit: FitOptions

    @Option(help: "Fit to another headphone's response instead of a target (EQ this one to sound like that one).")
    var match: String?

    @Option(help: "With left and right responses: separate (one EQ each) or shared (one EQ plus balance).")
    var channels: String = "separate"

    @Option(name: .shortAndLong, help: "The profile JSON to write.")
    var output: String

    @Option(help: "Also write an EqualizerAPO ParametricEQ.txt here.")
    var apo: String?

    @Option(name: .customLong("export"), help: ArgumentHelp(
        "Also export the profile: FORMAT:PATH (repeatable; formats as in `cans export`).", valueName: "format:path"))
    var exports: [String] = []

    @Flag(help: "Overwrite existing output files.")
    var force = false

    func run() throws {
        try reportingFailures {
            guard let mode = ChannelMode(rawValue: channels) else {
                throw CommandFailure(message: "--channels \(channels): use separate or shared", status: ExitStatus.usage)
            }
            let requests = try exports.map(ExportRequests.parseRequest)
            try ExportRequests.checkOutputs([output] + (apo.map { [$0] } ?? []) + requests.map(\.1), force: force)
            let (inputs, sources) = try Self.readChannels(input)
            let target = try match.map { try FitOptions.loadResponseTarget(path: $0) } ?? fit.loadTarget()
            let request = try fit.request(target: target, channelMode: mode)
            let results = try HeadphoneFitter.fit(inputs, request: request)
            var document = ProfileBuilder.document(results, request: request, measurement: sources)
            document.splAtFullScaleDB = try Self.sessionSensitivity(input)
            let profile = try document.render()
            let apoText = ProfileBuilder.equalizerAPO(results)
            let prepared = try ExportProfile(document, path: output)
            let artifacts = try requests.map { (try $0.0.render(prepared), $0.1) }
            // Every file is rendered before any is written; then all are written, or none.
            let files = [(ExportArtifact.text(profile), output)] + (apo.map { [(.text(apoText), $0)] } ?? []) + artifacts
            try ExportArtifact.writeAll(files.map { (artifact: $0.0, path: $0.1) }, overwrite: force)
            for result in results { print(ProfileBuilder.summary(result)) }
            if let spl = document.splAtFullScaleDB {
                print("calibrated: \(String(format: "%.1f", spl)) dB SPL at 0 dBFS (the louder cup), for the monitor's listening level")
            }
        }
    }

    /// A session measured with a calibrated microphone records each cup's SPL at 0 dBFS; the
    /// profile carries the louder cup's, so the monitor's level and sound dose err on the safe
    /// side. Nil for a response file or a session without that record.
    static func sessionSensitivity(_ path: String) throws -> Double? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
              FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("session.json"))
        else { return nil }
        return try StoredSession.load(path: path).record.sensitivity?.splAtFullScaleDB.values.max()
    }

    /// One response file, or a session folder's left and right responses (with spread).
    static func readChannels(_ path: String) throws -> ([ChannelInput], [String]) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            let left = (path as NSString).appendingPathComponent("response-left.csv")
            let right = (path as NSString).appendingPathComponent("response-right.csv")
            if FileManager.default.fileExists(atPath: left), FileManager.default.fileExists(atPath: right) {
                return ([try channel("L", left), try channel("R", right)], [left, right])
            }
            let single = (path as NSString).appendingPathComponent("response.csv")
            return ([ChannelInput(name: nil, response: try ResponseReader.read(path: single).response)], [single])
        }
        return ([ChannelInput(name: nil, response: try ResponseReader.read(path: path).response)], [path])
    }

    static func channel(_ name: String, _ path: String) throws -> ChannelInput {
        let response = try AutoEqCSV.read(path: path)
        let spread = try? AutoEqCSV.read(path: path, column: "spread")
        return ChannelInput(name: name, response: response, spreadDB: spread)
    }
}

/// Fit results as files and lines.
enum ProfileBuilder {
    static func document(_ results: [ChannelFit], request: FitRequest, measurement: [String]) -> ProfileDocument {
        ProfileDocument(fits: results, request: request, measurement: measurement, cansVersion: CansVersion.string)
    }

    static func equalizerAPO(_ results: [ChannelFit]) -> String {
        EqualizerAPO.render(results.map { result in
            EqualizerAPO.Channel(
                channel: results.count > 1 ? result.name : nil, preampDB: result.preampDB,
                filters: result.filters.map { .init(kind: $0.type.rawValue, frequencyHz: $0.frequencyHz, gainDB: $0.gainDB, q: $0.q) })
        })
    }

    static func summary(_ r: ChannelFit) -> String {
        func f(_ v: Double, _ d: Int) -> String { EqualizerAPO.fixed(v, d) }
        return "\(r.name ?? "all"): \(r.filters.count) filters, preamp \(f(r.preampDB, 1)) dB; preference"
            + " \(f(r.before.preference.score, 1)) -> \(f(r.after.preference.score, 1)) (\(r.after.preference.model.rawValue) model),"
            + " RMS 20 Hz-20 kHz \(f(r.before.rms20HzTo20kHzDB, 2)) -> \(f(r.after.rms20HzTo20kHzDB, 2)) dB,"
            + " 20 Hz-10 kHz \(f(r.before.rms20HzTo10kHzDB, 2)) -> \(f(r.after.rms20HzTo10kHzDB, 2)) dB"
    }
}
