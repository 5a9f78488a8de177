import CansAudio
import CansCore
import CansDSP
import CansMeasure
import Foundation

/// A rig wrapper that adds up the time spent playing and recording, so the session's own
/// processing (analysis, files, averaging) can be told apart from the audio.
struct TimedRig<Inner: AudioRig>: AudioRig {
    var inner: Inner
    private(set) var rigSeconds = 0.0
    private(set) var playedSeconds = 0.0

    var sampleRate: Double { inner.sampleRate }
    var outputChannelCount: Int { inner.outputChannelCount }
    var inputChannelCount: Int { inner.inputChannelCount }
    var name: String { inner.name }
    var lastXrunCount: Int { inner.lastXrunCount }

    mutating func playAndRecord(_ playback: AudioBuffer, captureFrameCount: Int) throws -> AudioBuffer {
        let start = ContinuousClock.now
        let recorded = try inner.playAndRecord(playback, captureFrameCount: captureFrameCount)
        let elapsed = ContinuousClock.now - start
        rigSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        playedSeconds += Double(captureFrameCount) / sampleRate
        return recorded
    }
}

/// One whole session (2 cups x 5 placements, 2^18-sample sweep at 48 kHz) on `rig`, into a
/// temporary folder: returns (total, time in the rig, audio played) in seconds.
func benchmarkSession<Rig: AudioRig>(rig: Rig, cups: [SessionPlan.Cup], prepareSeat: (Int, inout Rig) -> Void) throws
    -> (total: Double, rig: Double, played: Double)
{
    let sweep = try SweepParameters(sampleRate: rig.sampleRate, sweepSamples: 1 << 18)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cans-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let settings = MeasurementSession.Settings(
        headphone: "bench", plan: SessionPlan(sweep: sweep, cups: cups, reseats: 5),
        calibration: try CalibrationSet(micPath: nil, rigPath: nil), micDBFSAt94DBSPL: nil, checkLevel: true,
        parentFolder: folder.path, software: "bench")
    var timed = TimedRig(inner: rig)
    let start = ContinuousClock.now
    _ = try MeasurementSession.run(
        settings, rig: &timed, rigRecord: SessionRecord.RigRecord(name: rig.name, simulated: true),
        prepareSeat: { seat, timed in prepareSeat(seat, &timed.inner) })
    let elapsed = ContinuousClock.now - start
    let total = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return (total, timed.rigSeconds, timed.playedSeconds)
}
