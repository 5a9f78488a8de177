import CansCore

/// A measurement rig on ALSA devices: plays on one PCM and records another (the same card or two)
/// over the same span of time, sample-aligned.
///
/// How a take runs (`playAndRecord`):
/// 1. Both streams are prepared, capture first; the playback buffer is filled with silence (one
///    buffer).
/// 2. Capture starts, then playback, as one action when the two are linked (snd_pcm_link, tried
///    when both PCMs are on the same card), else one right after the other. The capture's first
///    `prefill` frames (the silence's length) are dropped, so frame i of the result is what was
///    recorded while frame i of the signal played, plus the device's own latency.
///
///    On a card the offset is fixed. Through a sound server (the ALSA `pulse` plugin) it is not:
///    the plugin connects its streams when they are prepared and starts playback once its
///    prebuffer fills, so `snd_pcm_start` does not decide when either runs. Preparing the capture
///    first makes it run before the playback exists, so the offset is never negative (the
///    sweep's start cannot be lost); on the loopback it is 0 in most takes and one or two of the
///    server's blocks (1000-2400 frames) in some. Find the sweep by deconvolution, as
///    `SweepAnalyzer` does, and do not assume the latency of one take holds for the next.
/// 3. One loop keeps the playback buffer full (the signal, then silence) and reads the capture,
///    waiting on the capture when neither can move, until the capture holds the frames asked for.
///
/// Decisions:
/// - **Xruns void a take.** An under- or overrun (EPIPE) breaks the sample alignment between
///   playback and capture, so the take is thrown away: the streams are dropped and recovered
///   (snd_pcm_recover) and the take runs again, up to `maximumAttempts` times in all. Then it
///   throws `ALSAError.xruns`; callers may catch it and retry later. `lastXrunCount` says how
///   many xruns the last call met, so a caller can report a busy machine even when a retry
///   succeeded.
/// - **Formats**: an explicit `format` is used for both directions or refused; otherwise each
///   direction takes the first its device offers of FLOAT, S32, S24, S24_3, S16
///   (`ALSASampleFormat.preferenceOrder`).
/// - **Rates are exact**: alsa-lib's resampler is off; a device without the rate refuses with the
///   rates it offers.
/// - **No endless waits**: PCMs are non-blocking; a take that has not finished within twice its
///   length plus 2 s throws `ALSAError.timeout`. With `ALSAInterruption.installHandlers()`,
///   SIGINT/SIGTERM drop both streams and throw `ALSAError.interrupted`.
///
/// The PCMs stay open for the rig's life and close in deinit. Not for concurrent use.
public final class ALSADuplexRig: AudioRig {
    public let sampleRate: Double
    public let outputChannelCount: Int
    public let inputChannelCount: Int
    public let name: String
    /// What the playback device was set to.
    public let playbackConfiguration: ALSAStreamConfiguration
    /// What the capture device was set to.
    public let captureConfiguration: ALSAStreamConfiguration
    /// Whether the two streams start and stop as one (snd_pcm_link succeeded).
    public let isLinked: Bool
    /// Attempts per take when xruns spoil it, at least 1.
    public var maximumAttempts = 3
    /// Xruns met by the last `playAndRecord`, over all its attempts (0: the first attempt was clean).
    public private(set) var lastXrunCount = 0

    private let playback: ALSAPCM
    private let capture: ALSAPCM

    /// The default ring buffer: 16384 frames at 48 kHz (341 ms), the same time at other rates.
    /// A sweep measurement does not care about latency, and a long buffer rides out a busy
    /// machine: with 85 ms, a loopback take dropped out now and then while the test suite ran
    /// on both cores. Devices that cannot hold that much get their largest (set_buffer_size_near).
    public static func defaultBufferFrames(sampleRate: Int) -> Int {
        max(1024, Int((16_384 * Double(sampleRate) / 48_000).rounded(.up)))
    }

    /// Opens and configures both devices.
    /// - Parameters:
    ///   - playbackDevice: ALSA name of the output (`hw:1,0`, `plughw:1,0`, `default`, `loopback`).
    ///   - captureDevice: ALSA name of the input; nil for the same name as `playbackDevice`.
    ///   - sampleRate: the exact rate of both directions, in Hz.
    ///   - format: the sample format of both directions, or nil to let cans choose per direction.
    ///   - bufferFrames: the ring buffer wanted, or nil for `defaultBufferFrames(sampleRate:)`.
    /// - Throws: `ALSAError` naming the device and what it refused.
    public init(
        playbackDevice: String, captureDevice: String? = nil, sampleRate: Int, format: ALSASampleFormat? = nil,
        outputChannels: Int, inputChannels: Int, bufferFrames: Int? = nil
    ) throws(ALSAError) {
        let captureName = captureDevice ?? playbackDevice
        let frames = bufferFrames ?? Self.defaultBufferFrames(sampleRate: sampleRate)
        playback = try ALSAPCM(device: playbackDevice, direction: .playback)
        capture = try ALSAPCM(device: captureName, direction: .capture)
        playbackConfiguration = try playback.configure(
            sampleRate: sampleRate, channelCount: outputChannels, format: format, bufferFrames: frames)
        captureConfiguration = try capture.configure(
            sampleRate: sampleRate, channelCount: inputChannels, format: format, bufferFrames: frames)
        if let card = playback.cardIndex, card == capture.cardIndex {
            isLinked = capture.link(playback)
        } else {
            isLinked = false
        }
        self.sampleRate = Double(sampleRate)
        self.outputChannelCount = outputChannels
        self.inputChannelCount = inputChannels
        self.name = "\(playbackDevice) -> \(captureName)"
    }

    /// Plays `playback` and records `captureFrameCount` frames of every input (see the type's
    /// documentation for how, and for the xrun policy).
    /// - Throws: `AudioRigError` when the request does not fit the rig; `ALSAError.nonFiniteSample`
    ///   for NaN or infinite samples; `.xruns`, `.timeout`, `.interrupted` or `.system` when the
    ///   devices fail.
    public func playAndRecord(_ playback: AudioBuffer, captureFrameCount: Int) throws -> AudioBuffer {
        guard playback.sampleRate == sampleRate else {
            throw AudioRigError.sampleRateMismatch(expectedHz: sampleRate, gotHz: playback.sampleRate)
        }
        guard playback.channelCount == outputChannelCount else {
            throw AudioRigError.channelCountMismatch(expected: outputChannelCount, got: playback.channelCount)
        }
        guard captureFrameCount >= playback.frameCount else {
            throw AudioRigError.captureTooShort(frames: captureFrameCount, needed: playback.frameCount)
        }
        for (channel, samples) in playback.channels.enumerated() {
            if let frame = samples.firstIndex(where: { !$0.isFinite }) {
                throw ALSAError.nonFiniteSample(channel: channel, frame: frame)
            }
        }
        let output = playbackConfiguration, input = captureConfiguration
        let outputFrameBytes = output.sampleFormat.bytesPerSample * outputChannelCount
        var signal = [UInt8](repeating: 0, count: playback.frameCount * outputFrameBytes)
        signal.withUnsafeMutableBytes { bytes in
            output.sampleFormat.encode(playback.channels, start: 0, frameCount: playback.frameCount, into: bytes)
        }

        lastXrunCount = 0
        let attempts = max(1, maximumAttempts)
        for _ in 0..<attempts {
            let stream = DuplexTake(
                playback: self.playback, capture: capture, output: output, input: input, isLinked: isLinked,
                name: name)
            if let recorded = try stream.run(signal: signal, signalFrames: playback.frameCount,
                                             captureFrames: captureFrameCount) {
                let channels = recorded.withUnsafeBytes { bytes in
                    input.sampleFormat.decode(bytes, channelCount: inputChannelCount, frameCount: captureFrameCount)
                }
                return AudioBuffer(sampleRate: sampleRate, channels: channels)
            }
            lastXrunCount += 1
        }
        throw ALSAError.xruns(device: name, count: lastXrunCount, attempts: attempts)
    }
}
