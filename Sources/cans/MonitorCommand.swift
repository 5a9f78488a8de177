import ArgumentParser
import CansAudio
import CansMonitor
import Foundation

/// `cans monitor`: the monitoring graph in real time on ALSA.
struct LiveMonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Listen through profiles in real time: capture (or a file in a loop) -> EQ and listening aids -> headphones.",
        discussion: """
            Keys: 1-9 profile, x crossfeed, b next band, 0 all bands, m mono, p next preview, q quit. \
            The status line (standard error) shows the profile, crossfeed, band, preview, the \
            output level and the limiter. With a profile that carries a calibrated sensitivity \
            (splAtFullScaleDB) the level is in dB(A) SPL with the weekly sound dose of WHO-ITU \
            H.870 (80 dB(A) for 40 h a week); otherwise in dBFS.

            Profiles are level-matched (BS.1770 loudness of pink noise through each), so \
            switching compares sound, not loudness. The safety limiter keeps every sample at or \
            below --ceiling. A --script plays timed commands (as `cans render --script` does, \
            block for block, so the two give the same samples).

            Examples:
              cans monitor --profile hd600.profile.json --profile dt770.profile.json --input hw:1,0 --output hw:0,0
              cans monitor --profile a.profile.json --input mix.wav --output default --crossfeed cmoy
            """)

    @Option(help: "A profile written by `cans fit`; repeat for up to 9 (keys 1-9).")
    var profile: [String] = []

    @Option(help: "An ALSA capture device (the DAW routed to a loopback, an interface input), or an audio file played in a loop.")
    var input: String

    @Option(help: "The ALSA playback device of the headphones.")
    var output: String

    @Option(help: "Frames per period (input to output is --prefill-periods periods plus the limiter's 1.6 ms look-ahead).")
    var period: Int = 256

    @Option(help: "Periods in the device buffer (at least 3).")
    var bufferPeriods: Int = 4

    @Option(help: "Periods of silence queued ahead of a capture device's audio: the latency from input to output (1 leaves no room for a late wakeup; more: fewer xruns behind a sound server).")
    var prefillPeriods: Int = 2

    @Option(help: "Sample rate in Hz when the input is a device (a file plays at its own rate).")
    var rate: Int = 48_000

    @OptionGroup var listening: ListeningOptions

    func validate() throws {
        guard (1...9).contains(profile.count) else { throw ValidationError("give 1 to 9 profiles with --profile") }
        guard (16...8192).contains(period) else { throw ValidationError("--period must be 16 to 8192 frames, got \(period)") }
        guard (3...64).contains(bufferPeriods) else { throw ValidationError("--buffer-periods must be 3 to 64, got \(bufferPeriods)") }
        guard (1..<bufferPeriods).contains(prefillPeriods) else {
            throw ValidationError("--prefill-periods must be 1 to \(bufferPeriods - 1) (below --buffer-periods), got \(prefillPeriods)")
        }
    }

    func run() throws {
        try reportingFailures {
            Interruption.install()
            let profiles = try profile.map(loadMonitorProfile)
            let script = try listening.loadScript()
            var source: [StereoFrame]? = nil
            var sampleRate = rate
            if FileManager.default.fileExists(atPath: input) {
                let audio = try AudioFile.read(path: input)
                guard (1...2).contains(audio.channelCount), audio.frameCount > 0 else {
                    throw CommandFailure(message: "\(input) has \(audio.channelCount) channels and \(audio.frameCount) frames; play mono or stereo audio",
                                         status: ExitStatus.badData)
                }
                let left = audio.channels[0], right = audio.channels[audio.channelCount - 1]
                source = (0..<audio.frameCount).map { StereoFrame(Double(left[$0]), Double(right[$0])) }
                sampleRate = Int(audio.sampleRate)
            }
            let stream = try ALSAStream(playbackDevice: output, captureDevice: source == nil ? input : nil, sampleRate: sampleRate,
                                        periodFrames: period, bufferPeriods: bufferPeriods, prefillPeriods: prefillPeriods)
            if stream.periodFrames != period {
                Terminal.note("monitor: \(output) runs periods of \(stream.periodFrames) frames (asked \(period)); commands are taken per period")
            }
            var session = try MonitorSession(
                graph: listening.makeGraph(profiles: profiles, profileIndex: 0, sampleRate: Double(sampleRate),
                                           maximumFrames: stream.periodFrames),
                source: source, commands: script?.frames(sampleRate: Double(sampleRate)) ?? [])
            let keys = TerminalKeys()
            defer { keys.restore() }
            let status = MonitorStatus()
            let printer = StatusPrinter(status: status, profiles: profiles, graph: session.graph, stream: stream,
                                        isTerminal: isatty(STDERR_FILENO) != 0)
            printer.start()
            var failure: Error? = nil
            do {
                try stream.run { input, output in session.period(input: input, output: output, keys: keys, status: status, xruns: stream.xrunCount) }
            } catch {
                failure = error
            }
            printer.stop(xruns: stream.xrunCount, realtime: stream.isRealtime, measuredLatency: stream.measuredLatencyFrames)
            keys.restore()
            switch failure as? ALSAError {
            case let .interrupted(signal)?: throw ExitCode(128 + signal)
            case .system?, .timeout?:
                // Mid-stream: a device unplugged, or its sound server gone. The streams were dropped
                // at once, so nothing more was played.
                throw CommandFailure(
                    message: "the audio stopped after \(String(format: "%.1f", Double(status.framesPlayed.load(ordering: .relaxed)) / Double(sampleRate))) s: \(failure!); "
                        + "check that the device is still connected (or its sound server running) and start again",
                    status: ExitStatus.unavailable)
            default: if let failure { throw failure }
            }
        }
    }
}
