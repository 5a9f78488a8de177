import CansCore
import CansDSP
import Foundation
import Testing
@testable import CansAudio

/// The software sound card of ../shared/tools/loopback (a PulseAudio null sink behind the ALSA
/// `pulse` plugin): whether this test process can use it, and why not.
enum Loopback {
    /// nil when `loopback` opens; otherwise why the loopback tests are skipped.
    static let unavailableReason: String? = {
        let environment = ProcessInfo.processInfo.environment
        let start = "start it with ../shared/tools/loopback/start.sh and source its env.sh before `swift test`"
        guard environment["ALSA_CONFIG_PATH"] != nil, environment["PULSE_SERVER"] != nil else {
            return "ALSA loopback tests skipped: ALSA_CONFIG_PATH and PULSE_SERVER are not set; " + start
        }
        do throws(ALSAError) {
            _ = try ALSADevices.probe("loopback", direction: .playback)
            return nil
        } catch .connectionRefused {
            return "ALSA loopback tests skipped: the loopback daemon refused the connection (not running); " + start
        } catch {
            return "ALSA loopback tests skipped: \(error); " + start
        }
    }()

    static let isAvailable = unavailableReason == nil
    static let skipMessage = unavailableReason ?? ""
    /// .ci/run sets CANS_REQUIRE_LOOPBACK=1 after starting the loopback: then skipping is a failure.
    static let isRequired = ProcessInfo.processInfo.environment["CANS_REQUIRE_LOOPBACK"] == "1"

    /// The sweep of every loopback measurement at `sampleRate`.
    static func sweep(sampleRate: Double) throws -> SweepParameters {
        try SweepParameters(sampleRate: sampleRate, sweepSamples: 1 << 16, preSilenceSeconds: 0.3, postSilenceSeconds: 0.5)
    }

    /// Plays the sweep on output 0 of `rig` (silence on the others) and analyses every input.
    /// A take with a dropout (the sound server missed a deadline on the busy test machine and
    /// played digital silence, which the pulse plugin does not report as an xrun) is taken again,
    /// up to 3 times, as a measurement session does (TakeCheck); the last take is returned.
    static func measure(_ rig: ALSADuplexRig, sweep: SweepParameters) throws -> (analyses: [SweepAnalysis], recorded: AudioBuffer) {
        let signal = ExponentialSweep.signal(sweep).map(Float.init)
        let silence = [Float](repeating: 0, count: signal.count)
        var channels = Array(repeating: silence, count: rig.outputChannelCount)
        channels[0] = signal
        let playback = AudioBuffer(sampleRate: sweep.sampleRate, channels: channels)
        let analyzer = SweepAnalyzer(sweep: sweep)
        var attempt = 0
        while true {
            attempt += 1
            let recorded = try rig.playAndRecord(playback, captureFrameCount: signal.count + Int(sweep.sampleRate / 2))
            let analyses = try recorded.channels.map { try analyzer.analyse($0.map(Double.init)) }
            let dropout = analyses[0].levels.longestZeroRunInSignal >= 64
            if !dropout || attempt == 3 { return (analyses, recorded) }
        }
    }

    /// The largest |measured - expected| in `bandHz`, and where.
    static func worstDeviation(
        _ response: FrequencyResponse, bandHz: ClosedRange<Double>, expectedDB: (Double) -> Double
    ) -> (db: Double, atHz: Double) {
        var worst = (db: 0.0, atHz: 0.0)
        for (frequency, measured) in zip(response.frequenciesHz, response.magnitudesDB) where bandHz.contains(frequency) {
            let deviation = abs(measured - expectedDB(frequency))
            if deviation > worst.db { worst = (deviation, frequency) }
        }
        return worst
    }

    /// The magnitude in dB of the loopback_eq filter (SWH singlePara: the RBJ peaking biquad with
    /// the bandwidth in octaves, coefficients as in ../shared/tools/loopback/README.md) at
    /// `frequencyHz`, for a filter running at `filterRate`.
    static func peakingMagnitudeDB(
        atHz frequencyHz: Double, gainDB: Double, centreHz: Double, bandwidthOctaves: Double, filterRate: Double
    ) -> Double {
        let w0 = 2 * Double.pi * centreHz / filterRate
        let a = pow(10, gainDB / 40)
        let alpha = sin(w0) * sinh(log(2) / 2 * bandwidthOctaves * w0 / sin(w0))
        let norm = 1 + alpha / a
        let b = [(1 + alpha * a) / norm, -2 * cos(w0) / norm, (1 - alpha * a) / norm]
        let den = [1, -2 * cos(w0) / norm, (1 - alpha / a) / norm]
        let w = 2 * Double.pi * frequencyHz / filterRate
        func magnitude(_ c: [Double]) -> Double {
            let re = c[0] + c[1] * cos(w) + c[2] * cos(2 * w)
            let im = -c[1] * sin(w) - c[2] * sin(2 * w)
            return (re * re + im * im).squareRoot()
        }
        return 20 * log10(magnitude(b) / magnitude(den))
    }

    /// EQ_CONTROL of the running loopback (gain dB, centre Hz, bandwidth octaves); the default
    /// 6,1000,1 unless the test process was given another.
    static let eqControl: (gainDB: Double, centreHz: Double, bandwidthOctaves: Double) = {
        let fields = (ProcessInfo.processInfo.environment["EQ_CONTROL"] ?? "6,1000,1").split(separator: ",")
            .compactMap { Double($0) }
        guard fields.count == 3 else { return (6, 1000, 1) }
        return (fields[0], fields[1], fields[2])
    }()

    /// The daemon's rate (LB_RATE when the test process was given it, else 48 kHz).
    static let daemonRate = Double(ProcessInfo.processInfo.environment["LB_RATE"] ?? "") ?? 48_000
}

/// Real ALSA streams through the loopback. One suite, serialised: the loopback is one shared loop
/// and two takes at once would mix. Every test but the first is skipped, with the reason, when the
/// loopback is not running; CI runs them (.ci/run starts it and sets CANS_REQUIRE_LOOPBACK=1).
@Suite("ALSA through the loopback", .serialized)
struct ALSALoopbackTests {
    @Test("the loopback is running when CI requires it")
    func loopbackPresentWhenRequired() {
        if Loopback.isRequired {
            #expect(Loopback.unavailableReason == nil, "CANS_REQUIRE_LOOPBACK=1 but \(Loopback.skipMessage)")
        }
    }

    @Test("`loopback` at 48 kHz: flat within 0.05 dB from 20 Hz to 20 kHz, nothing on the silent channel",
          .enabled(if: Loopback.isAvailable, "\(Loopback.skipMessage)"))
    func flatAt48k() throws {
        let sweep = try Loopback.sweep(sampleRate: 48_000)
        let rig = try ALSADuplexRig(playbackDevice: "loopback", sampleRate: 48_000, outputChannels: 2, inputChannels: 2)
        let (analyses, recorded) = try Loopback.measure(rig, sweep: sweep)
        let worst = Loopback.worstDeviation(analyses[0].response, bandHz: 20...20_000) { _ in 0 }
        #expect(worst.db <= 0.05, "off by \(worst.db) dB at \(worst.atHz) Hz")
        let crosstalk = recorded.channels[1].map { abs($0) }.max() ?? 0
        #expect(crosstalk <= 1e-6, "the silent output came back at \(Decibels.fromAmplitude(Double(crosstalk))) dBFS")
    }

    @Test("each sample format plays and records sample-exact at 48 kHz (up to its step)",
          .enabled(if: Loopback.isAvailable, "\(Loopback.skipMessage)"),
          arguments: ALSASampleFormat.allCases)
    func sampleFormats(format: ALSASampleFormat) throws {
        let sweep = try Loopback.sweep(sampleRate: 48_000)
        let rig = try ALSADuplexRig(
            playbackDevice: "loopback", sampleRate: 48_000, format: format, outputChannels: 1, inputChannels: 1)
        #expect(rig.playbackConfiguration.sampleFormat == format && rig.captureConfiguration.sampleFormat == format)
        let (analyses, recorded) = try Loopback.measure(rig, sweep: sweep)
        let worst = Loopback.worstDeviation(analyses[0].response, bandHz: 20...20_000) { _ in 0 }
        #expect(worst.db <= 0.05, "\(format): off by \(worst.db) dB at \(worst.atHz) Hz")
        // The recording is the signal, moved by the latency, to within half a step of the format:
        // the daemon mixes in float, which holds every S16 and S24 code, and the Float signal's
        // S32 codes (its 24-bit mantissa), so only cans's own rounding to the format is left.
        let signal = ExponentialSweep.signal(sweep)
        let latency = analyses[0].latencySamples
        var largest = 0.0
        for (index, value) in signal.enumerated() where index + latency < recorded.frameCount {
            largest = max(largest, abs(Double(recorded.channels[0][index + latency]) - Double(Float(value))))
        }
        let allowed: Double = switch format {
        case .float: 0
        case .s16: 0.5 / 32_768
        case .s24, .s24Packed: 0.5 / 8_388_608
        case .s32: 0.5 / 2_147_483_648
        }
        #expect(largest <= allowed, "\(format): a sample is off by \(largest) (allowed \(allowed))")
    }

    @Test("`loopback_eq` at 48 kHz matches the peaking biquad within 0.1 dB from 20 Hz to 20 kHz",
          .enabled(if: Loopback.isAvailable, "\(Loopback.skipMessage)"))
    func equalizerAt48k() throws {
        try checkEqualizer(sampleRate: 48_000)
    }

    /// The daemon resamples other rates to its own (speex-float-5), which rolls off near the top
    /// of the band, so a rate the daemon does not run at is checked up to 16 kHz only.
    @Test("44.1 and 96 kHz: flat within 0.05 dB, on the biquad within 0.1 dB (to 16 kHz if resampled)",
          .enabled(if: Loopback.isAvailable, "\(Loopback.skipMessage)"),
          arguments: [44_100, 96_000])
    func otherRates(sampleRate: Int) throws {
        let rate = Double(sampleRate)
        let top = rate == Loopback.daemonRate ? 20_000.0 : 16_000
        let rig = try ALSADuplexRig(playbackDevice: "loopback", sampleRate: sampleRate, outputChannels: 1, inputChannels: 1)
        let (analyses, _) = try Loopback.measure(rig, sweep: try Loopback.sweep(sampleRate: rate))
        let worst = Loopback.worstDeviation(analyses[0].response, bandHz: 20...top) { _ in 0 }
        #expect(worst.db <= 0.05, "\(sampleRate) Hz: off by \(worst.db) dB at \(worst.atHz) Hz")
        try checkEqualizer(sampleRate: sampleRate)
    }

    private func checkEqualizer(sampleRate: Int) throws {
        let rate = Double(sampleRate)
        let top = rate == Loopback.daemonRate ? 20_000.0 : 16_000
        let rig = try ALSADuplexRig(
            playbackDevice: "loopback_eq", sampleRate: sampleRate, outputChannels: 1, inputChannels: 1)
        let (analyses, _) = try Loopback.measure(rig, sweep: try Loopback.sweep(sampleRate: rate))
        let eq = Loopback.eqControl
        let worst = Loopback.worstDeviation(analyses[0].response, bandHz: 20...top) { frequency in
            Loopback.peakingMagnitudeDB(
                atHz: frequency, gainDB: eq.gainDB, centreHz: eq.centreHz, bandwidthOctaves: eq.bandwidthOctaves,
                filterRate: Loopback.daemonRate)
        }
        #expect(worst.db <= 0.1, "\(sampleRate) Hz: off the biquad by \(worst.db) dB at \(worst.atHz) Hz")
    }

    /// Through a sound server the two streams cannot start as one: in most takes the offset is 0,
    /// in some the capture starts one or two of the server's blocks early (about 1000 to 2400
    /// frames). It must never be negative (the sweep's start would be lost) and every take must
    /// measure the same response; the spread is printed.
    @Test("5 takes on one rig: the latency is found, never negative, and every take measures flat",
          .enabled(if: Loopback.isAvailable, "\(Loopback.skipMessage)"))
    func stableLatency() throws {
        let sweep = try Loopback.sweep(sampleRate: 48_000)
        let rig = try ALSADuplexRig(playbackDevice: "loopback", sampleRate: 48_000, outputChannels: 1, inputChannels: 1)
        var latencies = [Int]()
        for take in 1...5 {
            let analysis = try Loopback.measure(rig, sweep: sweep).analyses[0]
            latencies.append(analysis.latencySamples)
            let worst = Loopback.worstDeviation(analysis.response, bandHz: 20...20_000) { _ in 0 }
            #expect(worst.db <= 0.05, "take \(take): off by \(worst.db) dB at \(worst.atHz) Hz")
        }
        let buffer = rig.playbackConfiguration.bufferFrames
        #expect(latencies.allSatisfy { (0..<buffer).contains($0) }, "latencies \(latencies) samples")
        let spread = (latencies.max() ?? 0) - (latencies.min() ?? 0)
        print("ALSA loopback latency over 5 takes at 48 kHz: \(latencies) samples, spread \(spread)")
    }

    @Test("recording while playing silence gives silence",
          .enabled(if: Loopback.isAvailable, "\(Loopback.skipMessage)"))
    func silenceInSilenceOut() throws {
        let rig = try ALSADuplexRig(playbackDevice: "loopback", sampleRate: 48_000, outputChannels: 2, inputChannels: 2)
        let silence = AudioBuffer(sampleRate: 48_000, channels: Array(repeating: [Float](repeating: 0, count: 24_000), count: 2))
        let recorded = try rig.playAndRecord(silence, captureFrameCount: 48_000)
        #expect(recorded.frameCount == 48_000 && recorded.channelCount == 2)
        let peak = recorded.channels.flatMap { $0 }.map { abs($0) }.max() ?? 0
        #expect(peak <= 1e-6, "peak \(Decibels.fromAmplitude(Double(peak))) dBFS while playing nothing")
    }

    @Test("with no format asked, FLOAT is chosen; an asked format is used; the buffer is about 341 ms",
          .enabled(if: Loopback.isAvailable, "\(Loopback.skipMessage)"))
    func negotiation() throws {
        let chosen = try ALSADuplexRig(playbackDevice: "loopback", sampleRate: 48_000, outputChannels: 2, inputChannels: 1)
        #expect(chosen.playbackConfiguration.sampleFormat == .float)
        #expect(chosen.captureConfiguration.sampleFormat == .float)
        #expect(chosen.playbackConfiguration.bufferFrames >= 16_384)
        #expect(chosen.playbackConfiguration.bufferFrames >= 3 * chosen.playbackConfiguration.periodFrames)
        #expect(chosen.name == "loopback -> loopback")
        #expect(!chosen.isLinked)  // the pulse plugin is on no card
        let at96 = try ALSADuplexRig(playbackDevice: "loopback", sampleRate: 96_000, outputChannels: 1, inputChannels: 1)
        #expect(at96.playbackConfiguration.bufferFrames >= 32_768)
        let asked = try ALSADuplexRig(
            playbackDevice: "loopback", captureDevice: "loopback_capture", sampleRate: 44_100, format: .s24Packed,
            outputChannels: 1, inputChannels: 2)
        #expect(asked.playbackConfiguration.sampleFormat == .s24Packed)
        #expect(asked.captureConfiguration.channelCount == 2 && asked.sampleRate == 44_100)
        #expect(asked.name == "loopback -> loopback_capture")
    }

    @Test("a device name that does not exist is .deviceNotFound, listing names that do",
          .enabled(if: Loopback.isAvailable, "\(Loopback.skipMessage)"),
          arguments: ["no_such_device_cans", "hw:7,0"])
    func missingDevice(name: String) throws {
        let error = #expect(throws: ALSAError.self) {
            try ALSADuplexRig(playbackDevice: name, sampleRate: 48_000, outputChannels: 1, inputChannels: 1)
        }
        guard case let .deviceNotFound(device, available)? = error else {
            Issue.record("expected .deviceNotFound, got \(String(describing: error))")
            return
        }
        #expect(device == name)
        #expect(available.contains("loopback"), "available: \(available)")
        #expect(error?.description.contains("cans devices") == true)
    }

    @Test("a rate, a channel count or a capture device the loopback cannot do is refused, saying what it can",
          .enabled(if: Loopback.isAvailable, "\(Loopback.skipMessage)"))
    func refusals() throws {
        // The pulse plugin takes 1 Hz to 384 kHz and 1 to 32 channels.
        let rateError = #expect(throws: ALSAError.self) {
            try ALSADuplexRig(playbackDevice: "loopback", sampleRate: 1_000_000, outputChannels: 1, inputChannels: 1)
        }
        guard case let .unsupportedSampleRate(device, direction, requested, supported, range)? = rateError else {
            Issue.record("expected .unsupportedSampleRate, got \(String(describing: rateError))")
            return
        }
        #expect(device == "loopback" && direction == .playback && requested == 1_000_000)
        #expect(supported == ALSADevices.standardSampleRatesHz)
        #expect(range?.upperBound ?? 0 < 1_000_000)
        #expect(rateError?.description.contains("48000") == true)

        let channelError = #expect(throws: ALSAError.self) {
            try ALSADuplexRig(playbackDevice: "loopback", sampleRate: 48_000, outputChannels: 2, inputChannels: 64)
        }
        #expect(channelError == .unsupportedChannelCount(
            device: "loopback", direction: .capture, requested: 64, supported: 1...32))

        // loopback_play is a PulseAudio sink: it opens for capture, but the server refuses the stream.
        let captureError = #expect(throws: ALSAError.self) {
            try ALSADuplexRig(playbackDevice: "loopback", captureDevice: "loopback_play", sampleRate: 48_000,
                              outputChannels: 1, inputChannels: 1)
        }
        #expect(captureError?.device == "loopback_play", "\(String(describing: captureError))")
    }

    @Test("a buffer that does not fit the rig is refused before anything plays",
          .enabled(if: Loopback.isAvailable, "\(Loopback.skipMessage)"))
    func requestsThatDoNotFit() throws {
        let rig = try ALSADuplexRig(playbackDevice: "loopback", sampleRate: 48_000, outputChannels: 2, inputChannels: 1)
        let mono = AudioBuffer(sampleRate: 48_000, channels: [[Float](repeating: 0, count: 100)])
        #expect(throws: AudioRigError.channelCountMismatch(expected: 2, got: 1)) {
            try rig.playAndRecord(mono, captureFrameCount: 100)
        }
        let wrongRate = AudioBuffer(sampleRate: 44_100, channels: [[0, 0], [0, 0]])
        #expect(throws: AudioRigError.sampleRateMismatch(expectedHz: 48_000, gotHz: 44_100)) {
            try rig.playAndRecord(wrongRate, captureFrameCount: 100)
        }
        let stereo = AudioBuffer(sampleRate: 48_000, channels: [[0, 0, 0], [0, .nan, 0]])
        #expect(throws: AudioRigError.captureTooShort(frames: 2, needed: 3)) {
            try rig.playAndRecord(stereo, captureFrameCount: 2)
        }
        #expect(throws: ALSAError.nonFiniteSample(channel: 1, frame: 1)) {
            try rig.playAndRecord(stereo, captureFrameCount: 3)
        }
    }

    @Test("an interruption drops the streams and ends the take; the rig works again afterwards",
          .enabled(if: Loopback.isAvailable, "\(Loopback.skipMessage)"))
    func interruption() throws {
        let rig = try ALSADuplexRig(playbackDevice: "loopback", sampleRate: 48_000, outputChannels: 1, inputChannels: 1)
        let second = AudioBuffer(sampleRate: 48_000, channels: [[Float](repeating: 0.1, count: 48_000)])
        ALSAInterruption.request(signal: SIGINT)
        defer { ALSAInterruption.clear() }
        #expect(throws: ALSAError.interrupted(signal: SIGINT)) {
            try rig.playAndRecord(second, captureFrameCount: 48_000)
        }
        ALSAInterruption.clear()
        let recorded = try rig.playAndRecord(second, captureFrameCount: 48_000)
        #expect(recorded.frameCount == 48_000)
        #expect(rig.lastXrunCount == 0)
    }

    @Test("the device list holds the loopback, and probing it reports what the pulse plugin offers",
          .enabled(if: Loopback.isAvailable, "\(Loopback.skipMessage)"))
    func listAndProbe() throws {
        let devices = try ALSADevices.list()
        let loopback = try #require(devices.first { $0.name == "loopback" }, "devices: \(devices.map(\.name))")
        #expect(loopback.directions == [.playback, .capture])
        for direction in ALSADirection.allCases {
            let capabilities = try ALSADevices.probe("loopback", direction: direction)
            #expect(capabilities.direction == direction)
            #expect(capabilities.sampleRatesHz == ALSADevices.standardSampleRatesHz)
            #expect(capabilities.formats == ALSASampleFormat.allCases)
            #expect(capabilities.channelRange == 1...32)
            #expect(capabilities.rateRangeHz?.contains(192_000) == true)
            #expect(capabilities.interleavedAccess)
        }
        #expect(devices.contains { $0.name == "loopback_eq" })
    }
}
