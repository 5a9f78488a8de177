import CansAudio
import CansCore
import CansDSP
import CansFormats
import Foundation

/// Writes a finished session into a staged folder with the Measurements/ layout:
///
///     sweep.wav, sweep.json              what was played
///     recordings/<cup>-seat<n>.wav       every take as recorded (32-bit float)
///     response-<cup>.csv                 each cup averaged over its placements (AutoEq CSV)
///     response.csv                       both cups averaged
///     session.json                       everything else (see `SessionRecord`)
public enum SessionWriter {
    /// - Returns: the record written as session.json.
    @discardableResult
    public static func write(
        _ result: SessionResult, plan: SessionPlan, headphone: String, rig: SessionRecord.RigRecord,
        software: String, date: Date, into folder: SessionFolder
    ) throws -> SessionRecord {
        let signal = ExponentialSweep.signal(plan.sweep).map(Float.init)
        try AudioFile.write(
            AudioBuffer(sampleRate: plan.sweep.sampleRate, channels: [signal]), to: folder.path("sweep.wav"),
            container: .wav, sampleFormat: .float32)
        let sidecar = SweepSidecar(software: software, audioFile: "sweep.wav", requestedStartHz: plan.sweep.startHz, sweep: plan.sweep)
        try AtomicFile.write(try sidecar.encoded(), toPath: folder.path("sweep.json"))
        try FileManager.default.createDirectory(atPath: folder.path("recordings"), withIntermediateDirectories: true)

        var cupRecords = [SessionRecord.CupRecord]()
        for (name, average) in result.cups {
            let takes = result.takes.filter { $0.cup.name == name }
            var takeRecords = [SessionRecord.TakeRecord]()
            for take in takes {
                let file = "recordings/\(take.stem).wav"
                try AudioFile.write(take.recording, to: folder.path(file), container: .wav, sampleFormat: .float32)
                let levels = take.analysis.levels
                let thd = take.analysis.distortion.flatMap { curve in
                    curve.frequenciesHz.firstIndex { $0 >= 1000 }.map { curve.thdPercent[$0] }
                }
                takeRecords.append(SessionRecord.TakeRecord(
                    seat: take.seat, recordingFile: file, latencySamples: take.analysis.latencySamples,
                    peakDBFS: rounded(levels.peakDBFS), noiseFloorDBFS: levels.noiseFloorDBFS.map(rounded),
                    snrDB: levels.snrDB.map(rounded), thdPercentAt1kHz: thd.map { rounded($0, 4) },
                    accepted: take.problems.isEmpty, problems: take.problems.map(\.description)))
            }
            let responseFile = "response-\(name).csv"
            try AtomicFile.write(
                AutoEqCSV.render(
                    average.response.normalized(),
                    extraColumns: [AutoEqCSV.Column(name: "spread", values: average.standardDeviationDB)]),
                toPath: folder.path(responseFile))
            let spread = average.standardDeviationDB.enumerated().max { $0.element < $1.element }
            cupRecords.append(SessionRecord.CupRecord(
                cup: takes[0].cup, responseFile: responseFile, maximumSpreadDB: rounded(spread?.element ?? 0),
                maximumSpreadHz: rounded(average.response.frequenciesHz[spread?.offset ?? 0]), takes: takeRecords))
        }
        try AtomicFile.write(AutoEqCSV.render(result.combined.normalized()), toPath: folder.path("response.csv"))

        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let record = SessionRecord(
            software: software, createdAt: formatter.string(from: date), headphone: headphone, rig: rig,
            sweepFile: "sweep.wav", sweep: plan.sweep, gate: plan.analysis.gate, reseats: plan.reseats,
            cups: cupRecords, responseFile: "response.csv")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(String(decoding: try encoder.encode(record), as: UTF8.self) + "\n", toPath: folder.path("session.json"))
        return record
    }

    private static func rounded(_ value: Double) -> Double { rounded(value, 2) }

    private static func rounded(_ value: Double, _ decimals: Int) -> Double {
        let scale = pow(10, Double(decimals))
        let result = (value * scale).rounded() / scale
        return result == 0 ? 0 : result
    }
}
