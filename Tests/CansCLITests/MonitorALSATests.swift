import CansAudio
import CansDSP
import CansCore
import CansMonitor
import Foundation
import Testing

/// `cans monitor` through a private ALSA loopback (../shared/tools/loopback), recorded with
/// arecord, against `cans render` of the same input and script.
@Suite(.serialized, .enabled(if: LoopbackInstance.canRun, "\(LoopbackInstance.unavailableReason ?? "")"))
struct MonitorALSATests {
    /// 31 s of stereo pink noise at -20 dBFS RMS, 48 kHz, float.
    static func writeInput(_ path: String) throws {
        let noise = PinkNoise.stereo(frameCount: 31 * 48_000, sampleRate: 48_000, seed: 31)
        let buffer = AudioBuffer(sampleRate: 48_000, channels: [noise.map { Float($0.x) }, noise.map { Float($0.y) }])
        try AudioFile.write(buffer, to: path, container: .wav, sampleFormat: .float32)
    }

    static let script = """
        # 30 s through every kind of change
        0     profile 1
        3     crossfeed
        6     band bass
        9     band presence
        12    bands
        14    preview phone
        17    preview car
        20    preview off
        21    mono
        23    profile 2
        26    crossfeed
        28    mono
        30    quit
        """

    /// The monitor's period and ring for this test: 2048 x 48 frames, 2.05 s. The loopback is a
    /// sound server at normal priority on whatever machine runs the tests; on a shared 2-core
    /// virtual machine the monitor was measured waiting up to 1.5 s for that server while the
    /// host held its processors, so a smaller ring underruns for reasons outside `cans`. The
    /// latency goal at period 256 is measured on the benchmark card (Docs/benchmarks.md,
    /// "Monitor latency"), not here.
    static let periodFrames = 2_048, bufferPeriods = 48

    /// arecord on the loopback's capture, started before the monitor and stopped after it (by
    /// SIGINT, so raw samples: a WAV header would keep the length of `-d`); a 4 s ring in periods
    /// of 0.1 s, so a stalled machine loses nothing and little is left unread when it stops.
    static func startRecording(_ path: String, loopback: LoopbackInstance) throws -> SignalledChild {
        try SignalledChild("arecord", ["-q", "-D", "loopback", "-t", "raw", "-f", "FLOAT_LE", "-c", "2", "-r", "48000",
                                       "-B", "4000000", "-F", "100000", "-d", "120", path],
                           environment: loopback.environment, logPath: path + ".log")
    }

    /// The two channels of a raw recording (interleaved little-endian float).
    static func readRaw(_ path: String) throws -> [[Float]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let frames = data.count / 8
        var channels = [[Float]](repeating: [Float](repeating: 0, count: frames), count: 2)
        data.withUnsafeBytes { bytes in
            for k in 0..<frames {
                for c in 0..<2 {
                    channels[c][k] = Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * k + 4 * c, as: UInt32.self)))
                }
            }
        }
        return channels
    }

    @Test("30 s with a script through the loopback: no xruns, and the recording is the render of the same input and script within 0.1 dB")
    func monitorMatchesRender() throws {
        let folder = try TemporaryFolder()
        let profileA = try RenderCLITests.makeProfile(in: folder)
        let session = try #require(FileManager.default.enumerator(atPath: folder.path("M"))?.compactMap { $0 as? String }
            .first { $0.hasSuffix("session.json") }).replacingOccurrences(of: "/session.json", with: "")
        let profileB = folder.path("b.profile.json")
        #expect(try CLIRunner.run(["fit", folder.path("M/" + session), "--target", "harman-in-ear-2019", "-o", profileB]).status == 0)
        try Self.writeInput(folder.path("in.wav"))
        try Data(Self.script.utf8).write(to: URL(fileURLWithPath: folder.path("s.txt")))
        let render = try CLIRunner.run(["render", "--profile", profileA, "--profile-b", profileB, "--period", "\(Self.periodFrames)",
                                        "--script", folder.path("s.txt"), folder.path("in.wav"), folder.path("out.wav")])
        #expect(render.status == 0, "\(render.standardError)")
        let rendered = try AudioFile.read(path: folder.path("out.wav"))
        #expect(rendered.frameCount == 30 * 48_000)

        // The sound server behind the loopback (PulseAudio's null sink) may drop a block of a
        // stream on a busy machine without any xrun on our side: the recording then holds a run
        // of exact zeros. Such a take, or one with xruns, is run again (up to three times, as the
        // measurement tests do); the last one must have no xrun and match within 0.1 dB.
        var attempt = 0
        while true {
            attempt += 1
            let loopback = try LoopbackInstance()
            let recordingPath = folder.path("rec-\(attempt).raw")
            let recorder = try Self.startRecording(recordingPath, loopback: loopback)
            let monitor = try CLIRunner.run([
                "monitor", "--profile", profileA, "--profile", profileB, "--input", folder.path("in.wav"), "--output", "loopback",
                "--period", "\(Self.periodFrames)", "--buffer-periods", "\(Self.bufferPeriods)", "--script", folder.path("s.txt"),
            ], environment: loopback.environment)
            Thread.sleep(forTimeInterval: 1.5)
            // arecord ends with status 1 after SIGINT ("Interrupted system call"); what it
            // printed is shown if the recording turns out wrong.
            let stopped = recorder.interruptAndWait()
            #expect(!stopped.timedOut, "arecord did not stop: \(stopped.output)")
            #expect(monitor.status == 0, "\(monitor.standardError)")
            let noXruns = monitor.standardError.contains("played 30.0 s, xruns 0")

            let recording = try Self.readRaw(recordingPath)
            let lag = try #require(bestLag(of: rendered.channels[0], in: recording[0]), "nothing recorded; arecord: \(stopped.output)")
            #expect(lag >= 0 && lag + rendered.frameCount <= recording[0].count, "lag \(lag), arecord: \(stopped.output)")
            guard lag >= 0, lag + rendered.frameCount <= recording[0].count else { return }
            let heard = (0..<2).map { Array(recording[$0][lag..<(lag + rendered.frameCount)]) }
            // Block levels (50 ms) of what was heard against the render, both ears, after the first
            // 0.5 s (the sound server may drop the first blocks of a new stream; the first change
            // comes at 3 s).
            var worst = 0.0
            for c in 0..<2 {
                for start in stride(from: 24_000, to: rendered.frameCount - 2_400, by: 2_400) {
                    func level(_ x: [Float]) -> Double {
                        10 * log10(x[start..<(start + 2_400)].reduce(0.0) { $0 + Double($1) * Double($1) } / 2_400 + 1e-30)
                    }
                    let expected = level(rendered.channels[c])
                    if expected > -70 { worst = max(worst, abs(level(heard[c]) - expected)) }
                }
            }
            let dropout = Self.longestZeroRun(heard[0], heard[1], from: 24_000) >= 64
            // A machine too busy for a debug build's real-time loop (xruns) is the machine's too.
            if attempt < 3, !noXruns || (worst >= 0.1 && dropout) {
                print("monitor test: attempt \(attempt) lost audio (xruns reported: \(!noXruns), server dropout: \(dropout), worst block \(worst) dB); running again")
                continue
            }
            #expect(noXruns, "\(monitor.standardError)")
            #expect(worst < 0.1, "worst 50 ms block differs by \(worst) dB (attempt \(attempt), server dropout: \(dropout))")
            return
        }
    }

    /// The longest run of samples that are exactly zero in both channels (pink noise never is).
    static func longestZeroRun(_ left: [Float], _ right: [Float], from start: Int) -> Int {
        var longest = 0, run = 0
        for k in start..<min(left.count, right.count) {
            run = left[k] == 0 && right[k] == 0 ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    @Test("a device that cannot be opened and an unreadable input each give a clear message; nothing is played")
    func failures() throws {
        let loopback = try LoopbackInstance()
        let folder = try TemporaryFolder()
        let profile = try RenderCLITests.makeProfile(in: folder)
        try Self.writeInput(folder.path("in.wav"))
        let missing = try CLIRunner.run(["monitor", "--profile", profile, "--input", folder.path("in.wav"), "--output", "nosuchdevice"],
                                        environment: loopback.environment)
        #expect(missing.status == 69 && missing.standardError.contains("nosuchdevice"), "\(missing.standardError)")
        try Data("not audio".utf8).write(to: URL(fileURLWithPath: folder.path("bad.wav")))
        let unreadable = try CLIRunner.run(["monitor", "--profile", profile, "--input", folder.path("bad.wav"), "--output", "loopback"],
                                           environment: loopback.environment)
        #expect(unreadable.status == 65 && unreadable.standardError.contains("bad.wav"), "\(unreadable.standardError)")
    }
}

extension MonitorALSATests {
    @Test("a device that disappears mid-run stops the monitor with a clear message and status 69")
    func deviceDisappears() throws {
        let loopback = try LoopbackInstance()
        let folder = try TemporaryFolder()
        let profile = try RenderCLITests.makeProfile(in: folder)
        try Self.writeInput(folder.path("in.wav"))
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["monitor", "--profile", profile, "--input", folder.path("in.wav"), "--output", "loopback"]
        process.environment = ProcessInfo.processInfo.environment.merging(loopback.environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 10)  // level match and start in a debug build, then playing
        try loopback.stopServer()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 69, "\(text)")
        #expect(text.contains("the audio stopped after") && text.contains("loopback"), "\(text)")
    }
}

/// The offset of `signal` in `recording` by cross-correlation (FFT), or nil for silence.
func bestLag(of signal: [Float], in recording: [Float]) -> Int? {
    let size = RealFFT.powerOfTwo(atLeast: signal.count + recording.count)
    let fft = RealFFT(size: size)
    let a = fft.forward(recording.map(Double.init)), b = fft.forward(signal.map(Double.init))
    var product = ComplexSpectrum(count: a.count)
    for k in 0..<a.count {
        product.real[k] = a.real[k] * b.real[k] + a.imaginary[k] * b.imaginary[k]
        product.imaginary[k] = a.imaginary[k] * b.real[k] - a.real[k] * b.imaginary[k]
    }
    let correlation = fft.inverse(product)
    guard let best = correlation.indices.max(by: { correlation[$0] < correlation[$1] }), correlation[best] > 0 else { return nil }
    return best > size / 2 ? best - size : best
}
