import CansAudio
import CansCore
import CansDSP
import Foundation

/// The short sweep played before a session to find a level that neither clips nor drowns in
/// noise: peak at most -3 dBFS at the capture, SNR at least 40 dB.
public enum LevelCheck {
    public static let maximumPeakDBFS = -3.0
    public static let minimumSNRDB = 40.0
    /// The peak a level change aims for, dBFS.
    static let targetPeakDBFS = -6.0

    /// Plays a 2^15-sample sweep at the session's rate and level into `cup` and judges the capture.
    /// - Throws: `LevelCheckError` with the level change to make, or the rig's errors.
    public static func run<Rig: AudioRig>(
        sweep: SweepParameters, cup: SessionPlan.Cup, rig: inout Rig
    ) throws -> SessionRecord.LevelCheckRecord {
        let probe = try SweepParameters(
            sampleRate: sweep.sampleRate, requestedStartHz: sweep.startHz, endHz: sweep.endHz, sweepSamples: 1 << 15,
            levelDBFS: sweep.levelDBFS, preSilenceSeconds: 0.1, postSilenceSeconds: 0.2)
        let signal = ExponentialSweep.signal(probe).map(Float.init)
        var channels = Array(repeating: [Float](repeating: 0, count: signal.count), count: rig.outputChannelCount)
        channels[cup.outputChannel] = signal
        let recorded = try rig.playAndRecord(
            AudioBuffer(sampleRate: sweep.sampleRate, channels: channels),
            captureFrameCount: signal.count + Int(0.5 * sweep.sampleRate))
        let analysis = try SweepAnalyzer(sweep: probe).analyse(recorded.channels[cup.inputChannel].map(Double.init))
        let levels = analysis.levels
        let source = "the level check (\(cup.name) cup, output \(cup.outputChannel + 1), input \(cup.inputChannel + 1))"
        if let problem = TakeCheck.problems(levels, source: source).first(where: { !$0.isTransient }) {
            if case .clipped = problem {
                throw LevelCheckError.tooLoud(
                    peakDBFS: levels.peakDBFS, currentLevelDBFS: sweep.levelDBFS, changeDB: -12, clipped: true)
            }
            throw LevelCheckError.noSignal(problem.description)
        }
        if levels.peakDBFS > maximumPeakDBFS {
            throw LevelCheckError.tooLoud(
                peakDBFS: levels.peakDBFS, currentLevelDBFS: sweep.levelDBFS,
                changeDB: (targetPeakDBFS - levels.peakDBFS).rounded(.down), clipped: false)
        }
        if let snr = levels.snrDB, snr < minimumSNRDB {
            let wanted = (minimumSNRDB + 6 - snr).rounded(.up)
            let headroom = min(targetPeakDBFS - levels.peakDBFS, -sweep.levelDBFS).rounded(.down)
            throw LevelCheckError.tooQuiet(
                snrDB: snr, currentLevelDBFS: sweep.levelDBFS, changeDB: min(wanted, max(headroom, 0)),
                needsInputGain: headroom < wanted)
        }
        return SessionRecord.LevelCheckRecord(
            peakDBFS: (levels.peakDBFS * 100).rounded() / 100, snrDB: levels.snrDB.map { ($0 * 100).rounded() / 100 },
            verdict: "ok")
    }
}

/// A level that would spoil the measurement, with the change to make.
public enum LevelCheckError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooLoud(peakDBFS: Double, currentLevelDBFS: Double, changeDB: Double, clipped: Bool)
    case tooQuiet(snrDB: Double, currentLevelDBFS: Double, changeDB: Double, needsInputGain: Bool)
    case noSignal(String)

    public var description: String {
        switch self {
        case let .tooLoud(peak, level, change, clipped):
            return String(
                format: "too loud: the capture %@ (peak %.1f dBFS, at most %.0f dBFS is safe); lower the level by"
                    + " %.0f dB (--level %.0f) or lower the input gain",
                clipped ? "clips" : "peaks too close to full scale", peak, LevelCheck.maximumPeakDBFS, -change,
                level + change)
        case let .tooQuiet(snr, level, change, needsGain):
            let fix = needsGain
                ? String(format: "raise the input gain (the playback has only %.0f dB of headroom left)", change)
                : String(format: "raise the level by %.0f dB (--level %.0f) or raise the input gain", change, level + change)
            return String(format: "too quiet: SNR %.1f dB, at least %.0f dB is needed; ", snr, LevelCheck.minimumSNRDB) + fix
        case let .noSignal(message):
            return message
        }
    }
}
