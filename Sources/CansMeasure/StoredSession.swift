import CansAudio
import CansCore
import CansDSP
import CansFormats
import Foundation

/// A session folder read back: its `session.json`, its averaged responses, and any take analysed
/// again from its recording (for what session.json does not keep: harmonics, impulse responses).
public struct StoredSession: Sendable {
    /// The session folder.
    public let path: String
    public let record: SessionRecord

    /// Reads `<path>/session.json`.
    /// - Throws: `FileAccessError` (`.notFound`) when it has no session.json, `FileFormatError` when that is not a cans session description.
    public static func load(path: String) throws -> StoredSession {
        let jsonPath = (path as NSString).appendingPathComponent("session.json")
        guard FileManager.default.fileExists(atPath: jsonPath) else {
            throw FileAccessError(path: jsonPath, reason: .notFound, problem: "no such file: this folder is not a measurement session",
                                  hint: "give the folder of a session made by `cans measure`")
        }
        guard let data = FileManager.default.contents(atPath: jsonPath) else {
            throw FileFormatError(path: jsonPath, problem: "cannot be read", hint: "give the folder of a session made by `cans measure`")
        }
        do {
            return StoredSession(path: path, record: try JSONDecoder().decode(SessionRecord.self, from: data))
        } catch {
            throw FileFormatError(path: jsonPath, problem: "is not a cans session description: \(error)")
        }
    }

    /// A file of the session by its relative name.
    public func file(_ relative: String) -> String { (path as NSString).appendingPathComponent(relative) }

    /// The averaged response of each measured cup, with its spread column when the file has one.
    /// - Throws: `FileFormatError`/`FileAccessError` for an unreadable response file.
    public func cupResponses() throws -> [(cup: String, response: FrequencyResponse, spreadDB: [Double]?)] {
        try record.results.map { result in
            let file = file(result.responseFile)
            let response = try AutoEqCSV.read(path: file)
            let spread = try? AutoEqCSV.read(path: file, column: "spread")
            return (result.cup.name, response, spread?.magnitudesDB)
        }
    }

    /// The analyser of this session's sweep (its `sweep.wav`), with the session's gate.
    /// - Throws: the audio file's errors, `AnalysisError`.
    public func analyzer() throws -> SweepAnalyzer {
        var options = AnalysisOptions()
        options.gate = record.gate
        return try analyzer(options: options)
    }

    func analyzer(options: AnalysisOptions) throws -> SweepAnalyzer {
        let reference = try AudioFile.read(path: file(record.sweepFile))
        return try SweepAnalyzer(
            reference: reference.channels[0].map(Double.init), sampleRate: reference.sampleRate, sweep: record.sweep, options: options)
    }

    /// The first accepted take of each cup, analysed again from its recording.
    /// - Throws: the audio file's errors, `AnalysisError`.
    public func firstAcceptedTakes() throws -> [(take: SessionRecord.TakeRecord, analysis: SweepAnalysis)] {
        let analyzer = try analyzer()
        var out = [(take: SessionRecord.TakeRecord, analysis: SweepAnalysis)]()
        for cup in record.cups {
            guard let take = record.takes.first(where: { $0.cup == cup.name && $0.accepted }) else { continue }
            let recording = try AudioFile.read(path: file(take.recordingFile))
            out.append((take, try analyzer.analyse(recording.channels[0].map(Double.init))))
        }
        return out
    }
}
