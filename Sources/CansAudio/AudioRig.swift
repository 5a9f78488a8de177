import CansCore

/// Something that plays audio on its outputs and records its inputs over the same span of time:
/// an ALSA duplex stream on a real interface, or the simulated rig.
///
/// The measurement code talks only to this protocol, so the same session logic runs on hardware,
/// in tests and in `--simulate` runs.
public protocol AudioRig {
    /// Sample rate of both directions, in Hz.
    var sampleRate: Double { get }
    /// Number of output (playback) channels.
    var outputChannelCount: Int { get }
    /// Number of input (capture) channels.
    var inputChannelCount: Int { get }
    /// A short human-readable name ("hw:1,0 -> hw:1,0", "simulated rig: ...").
    var name: String { get }

    /// Plays `playback` (one channel per output; its rate must be `sampleRate`) and records
    /// `captureFrameCount` frames from every input, capture and playback started together.
    /// - Throws: `AudioRigError` when the request does not fit the rig or the device fails.
    mutating func playAndRecord(_ playback: AudioBuffer, captureFrameCount: Int) throws -> AudioBuffer

    /// Buffer over- and underruns (xruns) during the last `playAndRecord`; a take with any is
    /// suspect (a gap or a jump in the recording) and is retried.
    var lastXrunCount: Int { get }
}

extension AudioRig {
    /// A rig that cannot lose samples (the simulation) has none.
    public var lastXrunCount: Int { 0 }
}

/// Why a rig could not play and record.
public enum AudioRigError: Error, Equatable, Sendable, CustomStringConvertible {
    case sampleRateMismatch(expectedHz: Double, gotHz: Double)
    case channelCountMismatch(expected: Int, got: Int)
    case captureTooShort(frames: Int, needed: Int)
    case device(String)
    /// The device stopped answering part way through a take (unplugged, its server stopped).
    case deviceLost(device: String, framesCaptured: Int)

    public var description: String {
        switch self {
        case let .sampleRateMismatch(expectedHz, gotHz):
            return "the signal is at \(Int(gotHz)) Hz but the rig runs at \(Int(expectedHz)) Hz;"
                + " generate the sweep at the rig's rate"
        case let .channelCountMismatch(expected, got):
            return "the signal has \(got) channels but the rig has \(expected) outputs"
        case let .captureTooShort(frames, needed):
            return "a capture of \(frames) frames is shorter than the \(needed) frames played;"
                + " record at least as long as the signal"
        case let .device(message):
            return message
        case let .deviceLost(device, frames):
            return "\(device) disappeared during the take, after \(frames) frames (unplugged, or its sound server"
                + " stopped); reconnect it and measure again"
        }
    }
}
