import CansDSP
import Foundation

/// Why a take (one recording of the sweep) cannot be trusted.
public enum TakeProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// Samples reached full scale: the response and the distortion are wrong.
    case clipped(source: String, sampleCount: Int, peakDBFS: Double)
    /// No sweep in the recording: microphone off, wrong channel, no gain.
    case silent(source: String, peakDBFS: Double, snrDB: Double?)
    /// The sound card lost samples (buffer over- or underrun): the recording has a gap.
    case xruns(source: String, count: Int)
    /// A run of digital silence in the middle of the sweep: the audio path dropped samples.
    case dropout(source: String, samples: Int)
    /// Every sample of the capture has one value: the device delivers no audio at all (a
    /// driver returning zeros, a converter stuck at one code).
    case stuck(source: String, value: Float)

    /// A problem that may not happen again (retry the take); the others need the user.
    public var isTransient: Bool {
        switch self {
        case .xruns, .dropout: return true
        case .clipped, .silent, .stuck: return false
        }
    }

    /// A short name of the kind of problem, for `session.json`: clipped, silent, xruns, dropout,
    /// stuck.
    public var kind: String {
        switch self {
        case .clipped: return "clipped"
        case .silent: return "silent"
        case .xruns: return "xruns"
        case .dropout: return "dropout"
        case .stuck: return "stuck"
        }
    }

    public var description: String {
        switch self {
        case let .clipped(source, count, peak):
            return String(
                format: "%@ is clipped: %d samples at full scale (peak %.2f dBFS); lower the playback level"
                    + " or the input gain by 6 dB or more and record again", source, count, peak)
        case let .silent(source, peak, snr):
            let level = peak <= -300
                ? "every sample is zero"
                : String(format: "peak %.1f dBFS", peak) + (snr.map { String(format: ", SNR %.1f dB", $0) } ?? "")
            return "\(source) is silent: no sweep found (\(level)); check the microphone, its channel and the input gain"
        case let .dropout(source, samples):
            return "\(source) has a gap: \(samples) samples of digital silence in the middle of the sweep (a dropout);"
                + " close other audio programs or use a larger buffer"
        case let .xruns(source, count):
            return "\(source) lost samples (\(count) buffer xrun(s)); close other audio programs or use a larger buffer"
        case let .stuck(source, value):
            return "\(source): the capture is stuck, every sample is \(value) (the input delivers no audio);"
                + " check the capture device, its cable and that no other program holds it, then measure again"
        }
    }
}

/// The checks every take passes before it is used: clipping and silence.
public enum TakeCheck {
    /// Below this SNR the sweep is not really in the recording.
    public static let minimumSNRDB = 10.0
    /// Below this peak there is no signal at all.
    public static let silentPeakDBFS = -80.0
    /// This many exact zeros in a row inside the sweep are a dropout (1.3 ms at 48 kHz).
    public static let dropoutSamples = 64

    /// Every problem of a take whose levels are `levels`; `source` names it in messages
    /// ("rec.wav (channel 1)", "left cup, seat 2").
    public static func problems(_ levels: RecordingLevels, source: String) -> [TakeProblem] {
        var problems = [TakeProblem]()
        if levels.clippedSampleCount > 0 {
            problems.append(.clipped(source: source, sampleCount: levels.clippedSampleCount, peakDBFS: levels.peakDBFS))
        }
        if levels.peakDBFS < silentPeakDBFS || (levels.snrDB.map { $0 < minimumSNRDB } ?? false) {
            problems.append(.silent(source: source, peakDBFS: levels.peakDBFS, snrDB: levels.snrDB))
        } else if levels.longestZeroRunInSignal >= dropoutSamples {
            problems.append(.dropout(source: source, samples: levels.longestZeroRunInSignal))
        }
        return problems
    }

    /// The problem of a capture whose every sample is the same (nil when any two differ): it
    /// replaces the level checks, which would only call it silent or clipped.
    public static func stuck(_ samples: [Float], source: String) -> TakeProblem? {
        guard let first = samples.first, samples.allSatisfy({ $0 == first }) else { return nil }
        return .stuck(source: source, value: first)
    }

    /// - Throws: the first problem, if any.
    public static func verify(_ levels: RecordingLevels, source: String) throws(TakeProblem) {
        if let problem = problems(levels, source: source).first { throw problem }
    }
}
