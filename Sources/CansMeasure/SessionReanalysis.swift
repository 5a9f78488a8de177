import CansAudio
import CansCore
import CansDSP
import CansFormats
import Foundation

/// Re-runs the analysis of a stored session from its WAVs (other smoothing, other calibration,
/// another gate) without measuring again, into a new folder inside the session:
/// `<session>/analysis-<yyyy-MM-dd_HH-mm-ss>/` with `response-<cup>.csv`, `response.csv` and
/// `analysis.json`. The session's own files are never changed.
public enum SessionReanalysis {
    /// What to change.
    public struct Settings: Sendable {
        public let smoothing: Smoothing
        /// Calibration to apply instead of the session's; nil re-applies the session's files when
        /// they are still there and unchanged (same SHA-256).
        public let calibration: CalibrationSet?
        public let gate: ImpulseResponseGate?
        public let software: String

        public init(smoothing: Smoothing, calibration: CalibrationSet?, gate: ImpulseResponseGate?, software: String) {
            self.smoothing = smoothing
            self.calibration = calibration
            self.gate = gate
            self.software = software
        }
    }

    /// `analysis.json`.
    public struct Record: Codable, Sendable {
        public var kind = "cans-analysis"
        public var formatVersion = 1
        public let software: String
        public let createdAt: String
        /// The session analysed (its folder name).
        public let session: String
        public let smoothing: String
        public let gate: ImpulseResponseGate
        public let calibrations: [CalibrationSet.Entry]
        /// Takes used per cup ("left": ["recordings/left-seat1.wav", ...]).
        public let takes: [String: [String]]
        public let responseFiles: [String]
        public let notes: [String]
    }

    /// Analyses the session in `sessionPath` again.
    /// - Returns: the new folder and its record.
    /// - Throws: `FileFormatError` for a missing or unreadable session.json, the audio and
    ///   analysis errors of its files, `SessionError.noGoodTakes`.
    public static func run(sessionPath: String, settings: Settings, date: Date = Date()) throws -> (URL, Record) {
        let session = URL(fileURLWithPath: sessionPath)
        let storedSession = try StoredSession.load(path: sessionPath)
        let stored = storedSession.record
        var notes = [String]()
        if stored.status != .complete {
            notes.append("the session is \(stored.status.rawValue): only its accepted takes are analysed")
        }
        let calibration = try settings.calibration ?? sessionCalibration(stored, notes: &notes)
        var options = AnalysisOptions()
        options.gate = settings.gate ?? stored.gate
        let analyzer = try storedSession.analyzer(options: options)

        var takes = [Take]()
        for record in stored.takes where record.accepted {
            guard let cup = stored.cups.first(where: { $0.name == record.cup }) else { continue }
            let recording = try AudioFile.read(path: session.appendingPathComponent(record.recordingFile).path)
            let analysis = try analyzer.analyse(recording.channels[0].map(Double.init))
            let problems = TakeCheck.problems(analysis.levels, source: record.recordingFile)
            takes.append(Take(
                cup: cup, seat: record.seat, attempt: record.attempt, recording: recording, analysis: analysis,
                xruns: record.xruns, problems: problems))
        }
        let measuredCups = stored.cups.filter { cup in takes.contains { $0.cup == cup && $0.problems.isEmpty } }
        guard !measuredCups.isEmpty else {
            throw SessionError.noGoodTakes(cup: stored.cups.map(\.name).joined(separator: ", "), reasons: ["no accepted take in \(sessionPath)"])
        }
        let plan = SessionPlan(sweep: stored.sweep, cups: measuredCups, reseats: stored.reseats, analysis: options)
        let result = try SessionResult(takes: takes, plan: plan, calibration: calibration)

        let folder = try createFolder(in: session, date: date)
        var files = [String]()
        for cup in result.cups {
            let file = "response-\(cup.cup.name).csv"
            try write(cup.average.response, spread: cup.average.standardDeviationDB, smoothing: settings.smoothing, to: folder.appendingPathComponent(file).path)
            files.append(file)
        }
        try write(result.combined, spread: nil, smoothing: settings.smoothing, to: folder.appendingPathComponent("response.csv").path)
        files.append("response.csv")
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var used = [String: [String]]()
        for take in takes where take.problems.isEmpty { used[take.cup.name, default: []].append("recordings/\(take.stem).wav") }
        let record = Record(
            software: settings.software, createdAt: formatter.string(from: date), session: session.lastPathComponent,
            smoothing: settings.smoothing.description, gate: options.gate, calibrations: calibration.entries, takes: used,
            responseFiles: files, notes: notes + result.warnings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(
            String(decoding: try encoder.encode(record), as: UTF8.self) + "\n",
            toPath: folder.appendingPathComponent("analysis.json").path)
        return (folder, record)
    }

    /// The session's own calibration files, if they are still there and unchanged.
    private static func sessionCalibration(_ stored: SessionRecord, notes: inout [String]) throws -> CalibrationSet {
        var mic: String?, rig: String?
        for entry in stored.calibrations {
            let bytes = FileManager.default.contents(atPath: entry.file)
            guard let bytes, SHA256.hex(of: bytes) == entry.sha256 else {
                notes.append("the session's \(entry.role) calibration \(entry.file) is missing or changed: not applied")
                continue
            }
            if entry.role == "mic" { mic = entry.file } else { rig = entry.file }
        }
        return try CalibrationSet(micPath: mic, rigPath: rig)
    }

    private static func createFolder(in session: URL, date: Date) throws -> URL {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd_HH-mm-ss"
        return try SessionFolder.createUnique(in: session, named: "analysis-" + formatter.string(from: date))
    }

    /// AutoEq CSV: `raw` unsmoothed (0 dB at 1 kHz), then `smoothed` and `spread` when there are.
    private static func write(_ response: FrequencyResponse, spread: [Double]?, smoothing: Smoothing, to path: String) throws {
        let raw = response.normalized()
        var columns = [AutoEqCSV.Column]()
        if smoothing != .none {
            columns.append(AutoEqCSV.Column(name: "smoothed", values: try raw.smoothed(smoothing).magnitudesDB))
        }
        if let spread { columns.append(AutoEqCSV.Column(name: "spread", values: spread)) }
        try AtomicFile.write(AutoEqCSV.render(raw, extraColumns: columns), toPath: path)
    }
}
