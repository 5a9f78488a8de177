import Glibc

/// A continuous stereo stream on ALSA for monitoring: capture (or nothing, when the caller plays
/// a file) -> the caller's processing -> playback, one period at a time.
///
/// How it runs:
/// 1. Both PCMs are opened and set to the same rate, 2 channels, the best format each offers
///    (`ALSASampleFormat.preferenceOrder`), `periodFrames` per period and a ring of
///    `bufferPeriods` periods.
/// 2. Capture is prepared, then playback, whose buffer gets `prefillPeriods` periods of
///    silence (what sets the latency: a frame captured waits for the rest of its period, then
///    behind the prefill less the period played meanwhile, so input to output is `prefillPeriods`
///    periods, plus the devices' own; measured in `measuredLatencyFrames`); then both start,
///    playback first. One period of prefill leaves no room for a late wakeup on a card that
///    plays at its own clock; two leave one period (Docs/benchmarks.md, "Monitor latency").
/// 3. The loop waits for a period of capture (or, playing a file, for a period of room in the
///    playback), hands it to `process`, and writes the result. All buffers are allocated before
///    the loop; the loop allocates nothing and takes no lock.
/// 4. An under- or overrun (EPIPE) is counted, both streams are dropped, recovered and primed
///    again, and the loop goes on (the listener hears a short gap, never a burst: what is
///    written is always the processed signal or silence).
///
/// Realtime priority: `run` asks for SCHED_FIFO on its thread (`realtimePriority`); when the
/// system does not allow it (no CAP_SYS_NICE, no rtprio limit) the stream runs at normal priority
/// and `isRealtime` says so.
public final class ALSAStream {
    public let playbackConfiguration: ALSAStreamConfiguration
    public let captureConfiguration: ALSAStreamConfiguration?
    /// Periods of silence queued before the start (and after an xrun).
    public let prefillPeriods: Int
    /// Under- and overruns met so far.
    public private(set) var xrunCount = 0
    /// With a capture device: the largest and the mean input-to-output delay measured, frames:
    /// the playback's queue when a period is written (snd_pcm_delay) plus that period (it waited
    /// in the capture while it filled). nil before the first period or without capture.
    public private(set) var measuredLatencyFrames: (largest: Int, mean: Double)? = nil
    private var latencySum = 0.0, latencyCount = 0, latencyLargest = 0
    /// Whether `run` got realtime scheduling.
    public private(set) var isRealtime = false
    /// SCHED_FIFO priority asked for (the range JACK and PipeWire use for audio threads).
    public static let realtimePriority: Int32 = 70

    private let playback: ALSAPCM
    private let capture: ALSAPCM?
    private var captureBytes: [UInt8]
    private var playbackBytes: [UInt8]
    private var silence: [UInt8]
    private var input: [Float]
    private var output: [Float]

    public var periodFrames: Int { playbackConfiguration.periodFrames }
    public var sampleRate: Int { playbackConfiguration.sampleRateHz }

    /// - Parameters:
    ///   - playbackDevice: where the result goes (the headphones).
    ///   - captureDevice: where the signal comes from, or nil when the caller makes it.
    /// - Throws: `ALSAError` when a device cannot be opened or set up as asked.
    public init(playbackDevice: String, captureDevice: String?, sampleRate: Int, periodFrames: Int,
                bufferPeriods: Int = 4, prefillPeriods: Int = 2) throws(ALSAError) {
        let periods = max(3, bufferPeriods)
        if let captureDevice {
            let capture = try ALSAPCM(device: captureDevice, direction: .capture)
            captureConfiguration = try capture.configure(sampleRate: sampleRate, channelCount: 2, format: nil,
                                                         bufferFrames: periodFrames * periods, periodFrames: periodFrames)
            self.capture = capture
        } else {
            capture = nil
            captureConfiguration = nil
        }
        playback = try ALSAPCM(device: playbackDevice, direction: .playback)
        playbackConfiguration = try playback.configure(sampleRate: sampleRate, channelCount: 2, format: nil,
                                                       bufferFrames: periodFrames * periods, periodFrames: periodFrames)
        self.prefillPeriods = min(max(1, prefillPeriods), periods - 1)
        let frames = playbackConfiguration.periodFrames
        captureBytes = [UInt8](repeating: 0, count: frames * 2 * (captureConfiguration?.sampleFormat.bytesPerSample ?? 4))
        playbackBytes = [UInt8](repeating: 0, count: frames * 2 * playbackConfiguration.sampleFormat.bytesPerSample)
        silence = playbackBytes
        input = [Float](repeating: 0, count: frames * 2)
        output = input
    }

    /// Frames between a frame's capture and its playback, as queued: with a capture device the
    /// prefill (the part of its period still to be captured plus the queue ahead of it when it
    /// is written); playing a file, the whole buffer (the loop keeps it full).
    public var queuedLatencyFrames: Int {
        capture == nil ? playbackConfiguration.bufferFrames : prefillPeriods * periodFrames
    }

    /// Streams until `process` returns false, the process is asked to stop
    /// (`ALSAInterruption`), or a device fails.
    ///
    /// `process(input, output)` gets one period of interleaved stereo input (silence without a
    /// capture device) and fills the interleaved stereo output; it runs on this thread and must
    /// not block.
    /// - Throws: `ALSAError`: `.interrupted` after a signal, `.system` when a device fails (one
    ///   that disappears: "No such device"), `.timeout` when a device stops moving for 2 s.
    public func run(_ process: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Bool) throws(ALSAError) {
        isRealtime = Self.askForRealtime()
        try start()
        defer {
            playback.drop()
            capture?.drop()
        }
        ALSAInterruption.takeStarted()
        defer { ALSAInterruption.takeEnded() }
        let frames = periodFrames
        let rate = Double(sampleRate)
        let waitMilliseconds = max(1, Int(Double(frames) / rate * 1000))
        let stallLimit = Int(2 * rate / Double(frames)) + 4
        var stalls = 0
        while true {
            if let number = ALSAInterruption.requestedSignal { throw .interrupted(signal: number) }
            // 1. A period of input (or of room, playing a file).
            if let capture {
                var got = 0
                while got < frames {
                    let frameBytes = 2 * captureConfiguration!.sampleFormat.bytesPerSample
                    let result = try capture.read(into: &captureBytes, offset: got * frameBytes, frames: frames - got)
                    switch result {
                    case let .frames(n) where n > 0:
                        got += n
                        stalls = 0
                    case .frames:
                        stalls += 1
                        if stalls > stallLimit { throw .timeout(device: capture.device, seconds: 2) }
                        if case .xrun = try capture.wait(milliseconds: waitMilliseconds) { try restart(); got = 0 }
                        if let number = ALSAInterruption.requestedSignal { throw .interrupted(signal: number) }
                    case .xrun:
                        try restart()
                        got = 0
                    }
                }
                let format = captureConfiguration!.sampleFormat
                captureBytes.withUnsafeBytes { bytes in
                    input.withUnsafeMutableBufferPointer { format.decodeInterleaved(bytes, into: $0) }
                }
            } else {
                var room = 0
                while room < frames {
                    let result = try playback.available()
                    switch result {
                    case let .frames(n):
                        room = n
                        if room < frames {
                            stalls += 1
                            if stalls > stallLimit { throw .timeout(device: playback.device, seconds: 2) }
                            if case .xrun = try playback.wait(milliseconds: waitMilliseconds) { try restart() }
                            if let number = ALSAInterruption.requestedSignal { throw .interrupted(signal: number) }
                        } else {
                            stalls = 0
                        }
                    case .xrun:
                        try restart()
                    }
                }
            }
            // 2. The caller's processing.
            let keepGoing = input.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { process(input, $0) }
            }
            if !keepGoing {
                try playOut()
                return
            }
            // 3. The result to the playback.
            let format = playbackConfiguration.sampleFormat
            output.withUnsafeBufferPointer { output in
                playbackBytes.withUnsafeMutableBytes { format.encodeInterleaved(output, into: $0) }
            }
            if capture != nil, let queued = playback.delayFrames() {
                let latency = queued + frames
                latencySum += Double(latency)
                latencyCount += 1
                latencyLargest = max(latencyLargest, latency)
                measuredLatencyFrames = (latencyLargest, latencySum / Double(latencyCount))
            }
            var written = 0
            let frameBytes = 2 * format.bytesPerSample
            // After an xrun with a capture device the rest of this period is dropped: the restart
            // queued the prefill again and capture starts afresh, so writing it too would leave
            // one period more in the queue, and the latency one period longer, for good.
            var restarted = false
            while written < frames, !(restarted && capture != nil) {
                let result = try playback.write(playbackBytes, offset: written * frameBytes, frames: frames - written)
                switch result {
                case let .frames(n) where n > 0:
                    written += n
                case .frames:
                    if case .xrun = try playback.wait(milliseconds: waitMilliseconds) {
                        try restart()
                        restarted = true
                    }
                    if let number = ALSAInterruption.requestedSignal { throw .interrupted(signal: number) }
                case .xrun:
                    try restart()
                    restarted = true
                }
            }
        }
    }

    /// At the end: silence behind the last period until the buffer has played, so the end is
    /// heard (dropping the stream would cut the queued audio); gives up 2 s after the time the
    /// buffer takes to play (a device that stopped moving).
    private func playOut() throws(ALSAError) {
        let frameBytes = 2 * playbackConfiguration.sampleFormat.bytesPerSample
        let waitMilliseconds = max(1, periodFrames * 1000 / sampleRate)
        let limitMilliseconds = playbackConfiguration.bufferFrames * 1000 / sampleRate + 2_000
        var queued = playbackConfiguration.bufferFrames, waited = 0
        while queued > 0, waited < limitMilliseconds {
            if ALSAInterruption.requestedSignal != nil { return }
            switch try playback.write(silence, offset: 0, frames: min(periodFrames, silence.count / frameBytes)) {
            case let .frames(n) where n > 0: queued -= n
            case .frames:
                _ = try playback.wait(milliseconds: waitMilliseconds)
                waited += waitMilliseconds
            case .xrun: return
            }
        }
    }

    /// Prepares, primes and starts both streams: playback first, so by the time a period has
    /// been captured at least a period of the prefill has played (the queue, and the latency,
    /// never exceed the prefill; the two streams are not linked, so they start a few
    /// microseconds apart).
    private func start() throws(ALSAError) {
        try capture?.prepare()
        try playback.prepare()
        for _ in 0..<prefillPeriods {
            _ = try playback.write(silence, frames: periodFrames)
        }
        try playback.start()
        try capture?.start()
    }

    /// After an xrun: count it, drop both streams, start again.
    private func restart() throws(ALSAError) {
        xrunCount += 1
        playback.drop()
        capture?.drop()
        try start()
    }

    /// SCHED_FIFO for the calling thread, if the system allows it.
    private static func askForRealtime() -> Bool {
        var parameters = sched_param()
        parameters.sched_priority = realtimePriority
        return pthread_setschedparam(pthread_self(), SCHED_FIFO, &parameters) == 0
    }
}
