/// Why an ALSA device could not be listed, opened, configured or streamed.
///
/// Every case names the device as the caller gave it (`hw:1,0`, `plughw:CARD=USB,DEV=0`,
/// `default`, `loopback`); `description` adds the cause and what to do about it. System reasons
/// are ALSA's own words (snd_strerror).
public enum ALSAError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No PCM of that name: no such card, or no such definition in the ALSA configuration.
    /// `available` holds a few names that do exist (from the device hints).
    case deviceNotFound(device: String, available: [String])
    /// Another program holds the device open (EBUSY).
    case deviceBusy(device: String, direction: ALSADirection)
    /// The device goes through a sound server (the `pulse` plugin) and no server answered.
    case connectionRefused(device: String, direction: ALSADirection)
    /// The device does not run at this rate without resampling; `supportedHz` are the common
    /// rates it does run at, `rangeHz` all it claims.
    case unsupportedSampleRate(
        device: String, direction: ALSADirection, requestedHz: Int, supportedHz: [Int], rangeHz: ClosedRange<Int>?)
    /// The device does not take the requested sample format (`requested` nil: none of the
    /// formats cans converts to and from). `supported` are those of cans's formats it takes.
    case unsupportedFormat(
        device: String, direction: ALSADirection, requested: ALSASampleFormat?, supported: [ALSASampleFormat])
    /// The device does not open this many channels.
    case unsupportedChannelCount(device: String, direction: ALSADirection, requested: Int, supported: ClosedRange<Int>?)
    /// The device offers no interleaved read/write access (only mmap or non-interleaved).
    case unsupportedAccess(device: String, direction: ALSADirection)
    /// A take was spoiled by buffer under- or overruns `attempts` times in a row (`count` xruns
    /// in all); the recording would not be sample-aligned with the playback.
    case xruns(device: String, count: Int, attempts: Int)
    /// A take did not finish within `seconds` (twice its length plus 2 s): the stream stopped.
    case timeout(device: String, seconds: Double)
    /// SIGINT or SIGTERM arrived during a take; both streams were dropped.
    case interrupted(signal: Int32)
    /// The playback holds NaN or an infinity (0-based channel and frame of the first one).
    case nonFiniteSample(channel: Int, frame: Int)
    /// Any other ALSA failure: `operation` is what cans was doing, `code` the negative errno,
    /// `reason` ALSA's text for it.
    case system(device: String, operation: String, code: Int32, reason: String)

    public var description: String {
        switch self {
        case let .deviceNotFound(device, available):
            let names = available.isEmpty
                ? "ALSA lists no devices at all (is a sound card or the loopback present?)"
                : "available devices include " + available.joined(separator: ", ")
            return "no ALSA device named '\(device)'; \(names); run `cans devices` for the full list"
        case let .deviceBusy(device, direction):
            return "ALSA device '\(device)' (\(direction)) is busy: another program is using it;"
                + " close it or pick another device"
        case let .connectionRefused(device, direction):
            return "ALSA device '\(device)' (\(direction)) goes through a sound server that refused the"
                + " connection (is PulseAudio/PipeWire running, and PULSE_SERVER right?); start the"
                + " server or pick a hw: device"
        case let .unsupportedSampleRate(device, direction, requestedHz, supportedHz, rangeHz):
            let offered = supportedHz.isEmpty
                ? "none of the common rates"
                : supportedHz.map(String.init).joined(separator: ", ") + " Hz"
            let range = rangeHz.map { " (range \($0.lowerBound)-\($0.upperBound) Hz)" } ?? ""
            return "ALSA device '\(device)' (\(direction)) does not run at \(requestedHz) Hz without"
                + " resampling; it offers \(offered)\(range); choose one of those rates"
        case let .unsupportedFormat(device, direction, requested, supported):
            let offered = supported.isEmpty
                ? "none of S16_LE, S24_LE, S24_3LE, S32_LE, FLOAT_LE"
                : supported.map(\.rawValue).joined(separator: ", ")
            let what = requested.map { "the sample format \($0.rawValue)" } ?? "any sample format cans handles"
            return "ALSA device '\(device)' (\(direction)) does not take \(what); it offers \(offered);"
                + (requested == nil ? " use its plughw: or plug: form" : " choose one of those, or let cans choose")
        case let .unsupportedChannelCount(device, direction, requested, supported):
            let offered = supported.map { $0.lowerBound == $0.upperBound
                ? "exactly \($0.lowerBound)" : "\($0.lowerBound) to \($0.upperBound)" } ?? "an unknown number of"
            return "ALSA device '\(device)' (\(direction)) cannot open \(requested) channels; it opens"
                + " \(offered) channels"
        case let .unsupportedAccess(device, direction):
            return "ALSA device '\(device)' (\(direction)) offers no interleaved read/write access;"
                + " use its plughw: or plug: form"
        case let .xruns(device, count, attempts):
            return "'\(device)': \(count) buffer under/overruns (xruns) spoiled \(attempts) attempt(s) in a row,"
                + " so the recording would not line up with the sweep; close other programs, use a"
                + " larger buffer, or retry"
        case let .timeout(device, seconds):
            return "'\(device)': the take did not finish within \((seconds * 10).rounded() / 10) s (twice its"
                + " length plus 2 s), so the stream stopped moving; check that the device is connected and"
                + " its clock running, then retry"
        case let .interrupted(signal):
            return "interrupted by signal \(signal); the devices were released"
        case let .nonFiniteSample(channel, frame):
            return "the signal to play holds NaN or an infinity at channel \(channel) frame \(frame);"
                + " nothing was played, the processing before this step produced the bad value"
        case let .system(device, operation, code, reason):
            return "ALSA device '\(device)': \(operation) failed: \(reason) (error \(-code))"
        }
    }

    /// The device the error is about, if any.
    public var device: String? {
        switch self {
        case let .deviceNotFound(device, _), let .deviceBusy(device, _), let .connectionRefused(device, _),
            let .unsupportedSampleRate(device, _, _, _, _), let .unsupportedFormat(device, _, _, _),
            let .unsupportedChannelCount(device, _, _, _), let .unsupportedAccess(device, _),
            let .xruns(device, _, _), let .timeout(device, _), let .system(device, _, _, _):
            return device
        case .interrupted, .nonFiniteSample:
            return nil
        }
    }
}

/// The two directions of a PCM.
public enum ALSADirection: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case playback
    case capture

    public var description: String { rawValue }
}
