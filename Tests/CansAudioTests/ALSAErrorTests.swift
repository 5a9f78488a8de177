import Glibc
import Testing
@testable import CansAudio

/// The funnel from alsa-lib codes to `ALSAError`, and the messages, without a device (EBUSY and
/// a refused connection cannot be produced on the loopback on demand).
@Suite("ALSA errors")
struct ALSAErrorTests {
    static func error(_ errno: Int32, _ stage: ALSAStage, available: [String] = []) -> ALSAError {
        ALSAError(code: -errno, device: "hw:1,0", direction: .capture, stage: stage, available: { available })
    }

    @Test("a missing card or name when opening is .deviceNotFound, listing what exists",
          arguments: [ENOENT, ENODEV, ENXIO, EINVAL])
    func notFound(errno: Int32) {
        let error = Self.error(errno, .opening, available: ["default", "loopback"])
        #expect(error == .deviceNotFound(device: "hw:1,0", available: ["default", "loopback"]))
        #expect(error.description == "no ALSA device named 'hw:1,0'; available devices include default, loopback;"
            + " run `cans devices` for the full list")
        #expect(Self.error(errno, .opening).description.contains("ALSA lists no devices at all"))
    }

    @Test("the list of names is made only for a missing device")
    func availableOnlyWhenMissing() {
        var asked = false
        let error = ALSAError(code: -EIO, device: "hw:1,0", direction: .playback, stage: .operation("starting"),
                              available: { asked = true; return [] })
        #expect(!asked)
        #expect(error == .system(device: "hw:1,0", operation: "starting", code: -EIO, reason: "Input/output error"))
        #expect(error.description == "ALSA device 'hw:1,0': starting failed: Input/output error (error 5)")
        // ENOENT after the open is an ordinary failure, not a missing device.
        #expect(Self.error(ENOENT, .operation("reading")) == .system(
            device: "hw:1,0", operation: "reading", code: -ENOENT, reason: "No such file or directory"))
    }

    @Test("EBUSY is .deviceBusy with the fix, at any stage")
    func busy() {
        #expect(Self.error(EBUSY, .opening) == .deviceBusy(device: "hw:1,0", direction: .capture))
        #expect(Self.error(EBUSY, .operation("preparing")) == .deviceBusy(device: "hw:1,0", direction: .capture))
        #expect(Self.error(EBUSY, .opening).description
            == "ALSA device 'hw:1,0' (capture) is busy: another program is using it; close it or pick another device")
    }

    @Test("ECONNREFUSED (the pulse plugin without a server) is .connectionRefused")
    func refused() {
        let error = Self.error(ECONNREFUSED, .opening)
        #expect(error == .connectionRefused(device: "hw:1,0", direction: .capture))
        #expect(error.description.contains("refused the connection"))
        #expect(error.description.contains("PulseAudio"))
    }

    @Test("refusals say what the device offers")
    func refusalMessages() {
        let rate = ALSAError.unsupportedSampleRate(
            device: "hw:2,0", direction: .playback, requestedHz: 44_100, supportedHz: [48_000, 96_000], rangeHz: 48_000...96_000)
        #expect(rate.description == "ALSA device 'hw:2,0' (playback) does not run at 44100 Hz without resampling;"
            + " it offers 48000, 96000 Hz (range 48000-96000 Hz); choose one of those rates")
        let format = ALSAError.unsupportedFormat(device: "hw:2,0", direction: .capture, requested: .float, supported: [.s16, .s32])
        #expect(format.description == "ALSA device 'hw:2,0' (capture) does not take the sample format FLOAT_LE;"
            + " it offers S16_LE, S32_LE; choose one of those, or let cans choose")
        let none = ALSAError.unsupportedFormat(device: "hw:2,0", direction: .capture, requested: nil, supported: [])
        #expect(none.description.contains("use its plughw: or plug: form"))
        let channels = ALSAError.unsupportedChannelCount(device: "hw:2,0", direction: .capture, requested: 1, supported: 2...2)
        #expect(channels.description == "ALSA device 'hw:2,0' (capture) cannot open 1 channels; it opens exactly 2 channels")
        #expect(ALSAError.xruns(device: "a -> b", count: 3, attempts: 3).description.contains("retry"))
        #expect(ALSAError.timeout(device: "a -> b", seconds: 8.5).description.contains("8.5 s"))
    }

    @Test("every case but two names its device")
    func devices() {
        #expect(ALSAError.interrupted(signal: SIGINT).device == nil)
        #expect(ALSAError.nonFiniteSample(channel: 0, frame: 3).device == nil)
        #expect(Self.error(EBUSY, .opening).device == "hw:1,0")
        #expect(ALSAError.xruns(device: "a -> b", count: 1, attempts: 1).device == "a -> b")
    }
}
