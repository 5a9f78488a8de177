internal import CALSA
import Glibc

// The alsa-lib adapter, part 2: an open PCM and everything done to it. Every code goes through
// `check` (ALSA.swift). References: alsa-lib's PCM interface
// (https://www.alsa-project.org/alsa-doc/alsa-lib/pcm.html) and aplay.c, whose set-up order
// (access, format, channels, rate, period, buffer; then the software parameters) this follows.

/// What one read, write, wait or avail call came to.
enum ALSATransfer: Equatable {
    /// This many frames were moved (or are available; 0 when the device would block).
    case frames(Int)
    /// The stream under- or overran (EPIPE) or was suspended (ESTRPIPE): the code to recover from.
    case xrun(Int32)
}

/// An open PCM (snd_pcm_t *), opened non-blocking so that a busy device fails at once instead of
/// waiting; it closes itself. Not for concurrent use: one thread drives a stream.
final class ALSAPCM {
    let device: String
    let direction: ALSADirection
    private let handle: OpaquePointer
    /// Bytes per interleaved frame, once configured (0 before).
    private(set) var frameBytes = 0

    /// Opens `device` for `direction` (SND_PCM_NONBLOCK; it stays non-blocking).
    /// - Throws: `.deviceNotFound`, `.deviceBusy`, `.connectionRefused`, or `.system`.
    init(device: String, direction: ALSADirection) throws(ALSAError) {
        prepareALSA()
        var pcm: OpaquePointer?
        let stream = direction == .playback ? SND_PCM_STREAM_PLAYBACK : SND_PCM_STREAM_CAPTURE
        try check(snd_pcm_open(&pcm, device, stream, SND_PCM_NONBLOCK), device: device, direction: direction,
                  stage: .opening)
        guard let pcm else {
            throw .system(device: device, operation: "opening for \(direction)", code: -EINVAL,
                          reason: "alsa-lib returned no handle")
        }
        self.device = device
        self.direction = direction
        self.handle = pcm
    }

    deinit {
        snd_pcm_drop(handle)
        snd_pcm_close(handle)
    }

    private func verify(_ code: Int32, _ operation: @autoclosure () -> String) throws(ALSAError) {
        guard code < 0 else { return }
        try check(code, device: device, direction: direction, stage: .operation(operation()))
    }

    // MARK: Capabilities and configuration

    /// What the device offers, before anything is chosen (snd_pcm_hw_params_any and _test_*).
    func capabilities() throws(ALSAError) -> ALSAStreamCapabilities {
        let any = try HardwareParameters(of: self)
        let interleaved = snd_pcm_hw_params_test_access(handle, any.pointer, SND_PCM_ACCESS_RW_INTERLEAVED) == 0
        return ALSAStreamCapabilities(
            direction: direction, sampleRatesHz: supportedRates(any), rateRangeHz: rateRange(any),
            formats: supportedFormats(any), channelRange: channelRange(any), interleavedAccess: interleaved)
    }

    /// Chooses access, format, channels, rate, period and buffer, and starts nothing.
    ///
    /// The rate must be exact: alsa-lib's own resampling is switched off
    /// (snd_pcm_hw_params_set_rate_resample 0), so a `plughw:` device refuses rates its hardware
    /// lacks instead of converting them. (A sound server behind the `pulse` plugin may still
    /// resample; ALSA cannot tell.) The period is asked near a quarter of `bufferFrames` and the
    /// buffer near `bufferFrames` (the period near `periodFrames` when given, as the monitor
    /// needs); the device rounds both to what it can do.
    /// - Throws: `.unsupportedAccess`, `.unsupportedFormat`, `.unsupportedChannelCount`,
    ///   `.unsupportedSampleRate`, or `.system`.
    func configure(sampleRate: Int, channelCount: Int, format requested: ALSASampleFormat?, bufferFrames: Int,
                   periodFrames: Int? = nil) throws(ALSAError) -> ALSAStreamConfiguration
    {
        let params = try HardwareParameters(of: self)
        let p = params.pointer
        try verify(snd_pcm_hw_params_set_rate_resample(handle, p, 0), "switching off alsa-lib's resampling")
        guard snd_pcm_hw_params_set_access(handle, p, SND_PCM_ACCESS_RW_INTERLEAVED) == 0 else {
            throw .unsupportedAccess(device: device, direction: direction)
        }

        let offered = supportedFormats(p)
        let format: ALSASampleFormat
        if let requested {
            guard offered.contains(requested) else {
                throw .unsupportedFormat(device: device, direction: direction, requested: requested, supported: offered)
            }
            format = requested
        } else {
            guard let best = ALSASampleFormat.preferenceOrder.first(where: offered.contains) else {
                throw .unsupportedFormat(device: device, direction: direction, requested: nil, supported: [])
            }
            format = best
        }
        try verify(snd_pcm_hw_params_set_format(handle, p, format.alsaFormat), "setting the format \(format)")

        guard channelCount > 0, snd_pcm_hw_params_set_channels(handle, p, UInt32(channelCount)) == 0 else {
            throw .unsupportedChannelCount(
                device: device, direction: direction, requested: channelCount, supported: channelRange(p))
        }

        guard sampleRate > 0, sampleRate <= Int(UInt32.max),
              snd_pcm_hw_params_test_rate(handle, p, UInt32(sampleRate), 0) == 0
        else {
            throw .unsupportedSampleRate(
                device: device, direction: direction, requestedHz: sampleRate, supportedHz: supportedRates(p),
                rangeHz: rateRange(p))
        }
        try verify(snd_pcm_hw_params_set_rate(handle, p, UInt32(sampleRate), 0), "setting the rate \(sampleRate) Hz")

        var period = snd_pcm_uframes_t(max(16, periodFrames ?? bufferFrames / 4))
        var direction: Int32 = 0
        try verify(snd_pcm_hw_params_set_period_size_near(handle, p, &period, &direction),
                  "setting the period near \(period) frames")
        var buffer = snd_pcm_uframes_t(max(bufferFrames, Int(period) * 3))
        try verify(snd_pcm_hw_params_set_buffer_size_near(handle, p, &buffer), "setting the buffer near \(buffer) frames")
        try verify(snd_pcm_hw_params(handle, p), "applying the hardware parameters")
        try verify(snd_pcm_hw_params_get_period_size(p, &period, &direction), "reading the period size")
        try verify(snd_pcm_hw_params_get_buffer_size(p, &buffer), "reading the buffer size")

        try configureSoftware(periodFrames: period)
        frameBytes = format.bytesPerSample * channelCount
        return ALSAStreamConfiguration(
            device: device, direction: self.direction, sampleFormat: format, sampleRateHz: sampleRate,
            channelCount: channelCount, periodFrames: Int(period), bufferFrames: Int(buffer))
    }

    /// Start only on snd_pcm_start (start threshold = boundary); wake a wait after a period.
    private func configureSoftware(periodFrames: snd_pcm_uframes_t) throws(ALSAError) {
        var software: OpaquePointer?
        try verify(snd_pcm_sw_params_malloc(&software), "allocating software parameters")
        guard let software else { return }
        defer { snd_pcm_sw_params_free(software) }
        try verify(snd_pcm_sw_params_current(handle, software), "reading the software parameters")
        var boundary: snd_pcm_uframes_t = 0
        try verify(snd_pcm_sw_params_get_boundary(software, &boundary), "reading the boundary")
        try verify(snd_pcm_sw_params_set_start_threshold(handle, software, boundary), "setting the start threshold")
        try verify(snd_pcm_sw_params_set_avail_min(handle, software, periodFrames), "setting the wake-up threshold")
        try verify(snd_pcm_sw_params(handle, software), "applying the software parameters")
    }

    private func supportedFormats(_ params: HardwareParameters) -> [ALSASampleFormat] { supportedFormats(params.pointer) }
    private func supportedRates(_ params: HardwareParameters) -> [Int] { supportedRates(params.pointer) }
    private func rateRange(_ params: HardwareParameters) -> ClosedRange<Int>? { rateRange(params.pointer) }
    private func channelRange(_ params: HardwareParameters) -> ClosedRange<Int>? { channelRange(params.pointer) }

    private func supportedFormats(_ p: OpaquePointer) -> [ALSASampleFormat] {
        ALSASampleFormat.allCases.filter { snd_pcm_hw_params_test_format(handle, p, $0.alsaFormat) == 0 }
    }

    private func supportedRates(_ p: OpaquePointer) -> [Int] {
        ALSADevices.standardSampleRatesHz.filter { snd_pcm_hw_params_test_rate(handle, p, UInt32($0), 0) == 0 }
    }

    private func rateRange(_ p: OpaquePointer) -> ClosedRange<Int>? {
        var low: UInt32 = 0, high: UInt32 = 0, direction: Int32 = 0
        guard snd_pcm_hw_params_get_rate_min(p, &low, &direction) == 0,
              snd_pcm_hw_params_get_rate_max(p, &high, &direction) == 0, low <= high else { return nil }
        return Int(low)...Int(high)
    }

    private func channelRange(_ p: OpaquePointer) -> ClosedRange<Int>? {
        var low: UInt32 = 0, high: UInt32 = 0
        guard snd_pcm_hw_params_get_channels_min(p, &low) == 0,
              snd_pcm_hw_params_get_channels_max(p, &high) == 0, low <= high else { return nil }
        return Int(low)...Int(high)
    }

    // MARK: Card and linking

    /// The sound card's index, or nil for a PCM that is not on a card (plugins, sound servers).
    var cardIndex: Int? {
        var info: OpaquePointer?
        guard snd_pcm_info_malloc(&info) == 0, let info else { return nil }
        defer { snd_pcm_info_free(info) }
        guard snd_pcm_info(handle, info) == 0 else { return nil }
        let card = snd_pcm_info_get_card(info)
        return card >= 0 ? Int(card) : nil
    }

    /// Links this stream with `other` so that they start and stop together (snd_pcm_link);
    /// false when the driver cannot.
    func link(_ other: ALSAPCM) -> Bool {
        snd_pcm_link(handle, other.handle) == 0
    }

    // MARK: Stream control and I/O

    func prepare() throws(ALSAError) { try verify(snd_pcm_prepare(handle), "preparing the \(direction) stream") }
    func start() throws(ALSAError) { try verify(snd_pcm_start(handle), "starting the \(direction) stream") }

    /// Stops at once, discarding what is queued (snd_pcm_drop); errors are of no use here.
    func drop() { snd_pcm_drop(handle) }

    /// Prepares the stream again after an xrun or a suspend (snd_pcm_recover, silently).
    func recover(from code: Int32) throws(ALSAError) {
        try verify(snd_pcm_recover(handle, code, 1), "recovering the \(direction) stream from an xrun")
    }

    /// Frames that can be written (playback) or read (capture) now (snd_pcm_avail).
    func available() throws(ALSAError) -> ALSATransfer {
        try transfer(Int(snd_pcm_avail(handle)), "asking the \(direction) stream for room")
    }

    /// Writes up to `frames` interleaved frames from `bytes`, starting `offset` bytes in; returns
    /// how many were taken.
    func write(_ bytes: [UInt8], offset: Int = 0, frames: Int) throws(ALSAError) -> ALSATransfer {
        precondition(offset >= 0 && offset + frames * frameBytes <= bytes.count, "invariant: frames within the buffer")
        guard frames > 0 else { return .frames(0) }
        let result = bytes.withUnsafeBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            return snd_pcm_writei(handle, base + offset, snd_pcm_uframes_t(frames))
        }
        return try transfer(result, "writing to the playback stream")
    }

    /// Reads up to `frames` interleaved frames into `bytes`, starting `offset` bytes in; returns
    /// how many came.
    func read(into bytes: inout [UInt8], offset: Int, frames: Int) throws(ALSAError) -> ALSATransfer {
        precondition(offset >= 0 && offset + frames * frameBytes <= bytes.count, "invariant: frames within the buffer")
        guard frames > 0 else { return .frames(0) }
        let result = bytes.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            return snd_pcm_readi(handle, base + offset, snd_pcm_uframes_t(frames))
        }
        return try transfer(result, "reading from the capture stream")
    }

    /// Frames between the application and the converter now (snd_pcm_delay): for playback, how
    /// long a frame written now waits before it is heard; nil when the stream cannot say.
    func delayFrames() -> Int? {
        var frames: snd_pcm_sframes_t = 0
        return snd_pcm_delay(handle, &frames) == 0 ? Int(frames) : nil
    }

    /// Waits up to `milliseconds` for the stream to be ready (snd_pcm_wait): `.frames(1)` ready,
    /// `.frames(0)` timed out.
    func wait(milliseconds: Int) throws(ALSAError) -> ALSATransfer {
        try transfer(Int(snd_pcm_wait(handle, Int32(milliseconds))), "waiting for the \(direction) stream")
    }

    private func transfer(_ result: Int, _ operation: @autoclosure () -> String) throws(ALSAError) -> ALSATransfer {
        if result >= 0 { return .frames(result) }
        let code = Int32(truncatingIfNeeded: result)
        switch -code {
        case EAGAIN: return .frames(0)
        case EPIPE, ESTRPIPE: return .xrun(code)
        default:
            try verify(code, operation())
            return .frames(0)
        }
    }
}

/// A hardware parameter space (snd_pcm_hw_params_t) filled with everything the PCM offers.
private final class HardwareParameters {
    let pointer: OpaquePointer

    init(of pcm: ALSAPCM) throws(ALSAError) {
        var params: OpaquePointer?
        try check(snd_pcm_hw_params_malloc(&params), device: pcm.device, direction: pcm.direction,
                  stage: .operation("allocating hardware parameters"))
        guard let params else {
            throw .system(device: pcm.device, operation: "allocating hardware parameters", code: -ENOMEM,
                          reason: alsaReason(-ENOMEM))
        }
        pointer = params
        try pcm.fillWithEverything(params)
    }

    deinit { snd_pcm_hw_params_free(pointer) }
}

extension ALSAPCM {
    fileprivate func fillWithEverything(_ params: OpaquePointer) throws(ALSAError) {
        try verify(snd_pcm_hw_params_any(handle, params), "reading the hardware parameters")
    }
}

extension ALSASampleFormat {
    fileprivate var alsaFormat: snd_pcm_format_t {
        switch self {
        case .s16: return SND_PCM_FORMAT_S16_LE
        case .s24: return SND_PCM_FORMAT_S24_LE
        case .s24Packed: return SND_PCM_FORMAT_S24_3LE
        case .s32: return SND_PCM_FORMAT_S32_LE
        case .float: return SND_PCM_FORMAT_FLOAT_LE
        }
    }
}
