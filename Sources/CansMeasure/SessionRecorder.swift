import CansAudio
import CansCore
import CansDSP
import CansFormats
import Foundation

/// Writes a session into its folder as it happens, with the Measurements/ layout:
///
///     sweep.wav, sweep.json              what was played
///     recordings/<cup>-seat<n>.wav       every take as recorded (32-bit float), retries included
///     response-<cup>.csv                 each cup averaged over its placements (AutoEq CSV)
///     response.csv                       both cups averaged
///     session.json                       everything else (`SessionRecord`), rewritten after
///                                        every take, so it is honest at any moment
public final class SessionRecorder {
    public let folder: SessionFolder
    public private(set) var record: SessionRecord
    private let plan: SessionPlan

    /// Starts the session: writes the sweep and an `incomplete` session.json.
    /// - Throws: `AudioFileError.fileExists` or `FileAccessError` (`.alreadyExists`) when the
    ///   folder holds a session already: nothing of it is replaced.
    public init(
        folder: SessionFolder, plan: SessionPlan, headphone: String, rig: SessionRecord.RigRecord,
        calibration: CalibrationSet, software: String, date: Date
    ) throws {
        self.folder = folder
        self.plan = plan
        record = SessionRecord(
            software: software, createdAt: Self.timestamp(date), status: .incomplete, statusDetail: nil, stoppedBy: nil,
            headphone: headphone, rig: rig, sweepFile: "sweep.wav", sweep: plan.sweep, gate: plan.analysis.gate,
            reseats: plan.reseats, cups: plan.cups, calibrations: calibration.entries, levelCheck: nil, takes: [],
            results: [], responseFile: nil, sensitivity: nil, warnings: [])
        let signal = ExponentialSweep.signal(plan.sweep).map(Float.init)
        try AudioFile.write(
            AudioBuffer(sampleRate: plan.sweep.sampleRate, channels: [signal]), to: folder.path("sweep.wav"),
            container: .wav, sampleFormat: .float32)
        let sidecar = SweepSidecar(software: software, audioFile: "sweep.wav", requestedStartHz: plan.sweep.startHz, sweep: plan.sweep)
        try AtomicFile.write(try sidecar.encoded(), toPath: folder.path("sweep.json"))
        try FileManager.default.createDirectory(atPath: folder.path("recordings"), withIntermediateDirectories: true)
        // The first session.json must be new: a folder that holds a session already is refused.
        try save(overwrite: false)
    }

    /// Stores the level check's outcome.
    public func levelChecked(_ check: SessionRecord.LevelCheckRecord) throws {
        record.levelCheck = check
        try save()
    }

    /// Stores one take: its recording, then its line in session.json.
    /// - Parameter date: when the take was made.
    public func add(_ take: Take, at date: Date = Date()) throws {
        let file = "recordings/\(take.stem).wav"
        try AudioFile.write(take.recording, to: folder.path(file), container: .wav, sampleFormat: .float32)
        let levels = take.analysis.levels
        let thd = take.analysis.distortion.flatMap { curve in
            curve.frequenciesHz.firstIndex { $0 >= 1000 }.map { curve.thdPercent[$0] }
        }
        record.takes.append(SessionRecord.TakeRecord(
            cup: take.cup.name, seat: take.seat, attempt: take.attempt, recordingFile: file,
            latencySamples: take.analysis.latencySamples, peakDBFS: Self.rounded(levels.peakDBFS),
            noiseFloorDBFS: levels.noiseFloorDBFS.map { Self.rounded($0) }, snrDB: levels.snrDB.map { Self.rounded($0) },
            thdPercentAt1kHz: thd.map { Self.rounded($0, 4) }, xruns: take.xruns, accepted: take.problems.isEmpty,
            problems: take.problems.map(\.description), problemKinds: take.problems.map(\.kind),
            recordedAt: Self.timestamp(date)))
        try save()
    }

    /// Writes the responses and marks the session complete.
    /// - Parameter micDBFSAt94DBSPL: the microphone's sensitivity, when known.
    public func finish(_ result: SessionResult, micDBFSAt94DBSPL: Double? = nil) throws {
        var results = [SessionRecord.CupResult]()
        for cup in result.cups {
            let file = "response-\(cup.cup.name).csv"
            try AtomicFile.write(
                AutoEqCSV.render(
                    cup.average.response.normalized(),
                    extraColumns: [AutoEqCSV.Column(name: "spread", values: cup.average.standardDeviationDB)]),
                toPath: folder.path(file))
            let spread = cup.average.standardDeviationDB.enumerated().max { $0.element < $1.element }
            results.append(SessionRecord.CupResult(
                cup: cup.cup, responseFile: file, maximumSpreadDB: Self.rounded(spread?.element ?? 0),
                maximumSpreadHz: Self.rounded(cup.average.response.frequenciesHz[spread?.offset ?? 0]),
                outlierSeats: cup.outlierSeats, latenciesSamples: cup.latenciesSamples))
        }
        try AtomicFile.write(AutoEqCSV.render(result.combined.normalized()), toPath: folder.path("response.csv"))
        if let micDBFSAt94DBSPL {
            // A 0 dBFS-peak sine has an RMS of -3.01 dBFS; recorded at gain G, it reads -3.01 + G
            // dBFS at the mic, which is 94 + (-3.01 + G - sensitivity) dB SPL.
            var spl = [String: Double]()
            for cup in result.cups {
                let gain = cup.average.response.magnitudeDB(atHz: 1000)
                spl[cup.cup.name] = Self.rounded(94 + gain - 10 * log10(2.0) - micDBFSAt94DBSPL)
            }
            record.sensitivity = SessionRecord.SensitivityRecord(micDBFSAt94DBSPL: micDBFSAt94DBSPL, splAtFullScaleDB: spl)
        }
        record.results = results
        record.responseFile = "response.csv"
        record.warnings = result.warnings
        record.status = .complete
        try save()
    }

    /// Marks the session stopped (best effort: a failure to write is ignored, the takes are on disk).
    public func stop(_ status: SessionRecord.Status, detail: String, stoppedBy: SessionRecord.StopRecord? = nil) {
        record.status = status
        record.statusDetail = detail
        record.stoppedBy = stoppedBy
        try? save()
    }

    /// ISO 8601 in UTC, as session.json writes times.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Writes session.json; after the first time, replacing its own earlier version.
    private func save(overwrite: Bool = true) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(
            String(decoding: try encoder.encode(record), as: UTF8.self) + "\n", toPath: folder.path("session.json"),
            overwrite: overwrite)
    }

    static func rounded(_ value: Double, _ decimals: Int = 2) -> Double {
        let scale = pow(10, Double(decimals))
        let result = (value * scale).rounded() / scale
        return result == 0 ? 0 : result
    }
}
