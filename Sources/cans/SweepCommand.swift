import ArgumentParser
import CansAudio
import CansCore
import CansDSP
import CansFormats
import CansMeasure
import Foundation

/// `cans sweep`: writes a measurement sweep and its description, for recording with any program.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Write a synchronized exponential sine sweep (WAV) and a JSON file describing it.",
        discussion: """
            Play the WAV through the headphone and record the measurement microphone with any \
            program (at the same sample rate), then run `cans analyze`. The JSON written beside \
            the WAV (sweep.wav -> sweep.json) lets the analysis find the harmonic distortion.

            Example: cans sweep -o sweep.wav --rate 48000 --length 2^18 --level -12
            """)

    @Option(name: .shortAndLong, help: "The WAV file to write (never overwritten without --force).")
    var output: String

    @Option(help: "Sample rate in Hz, 44100 to 192000.")
    var rate: Double = 48_000

    @Option(help: "Samples in the swept part, as a number or a power of two (2^16 to 2^20 are usual).")
    var length: SampleCount = SampleCount(1 << 18)

    @Option(help: "Start frequency in Hz (moved by under 1 % to synchronise the harmonics).")
    var start: Double = 10

    @Option(help: "End frequency in Hz (default and most: half the sample rate).")
    var end: Double?

    @Option(parsing: .unconditional, help: "Peak level in dBFS (a negative number: --level -12).")
    var level: Double = -12

    @Option(help: "Seconds of silence before the sweep (noise floor, latency).")
    var preSilence: Double = 0.5

    @Option(help: "Seconds of silence after the sweep (the system's tail, the capture's latency).")
    var postSilence: Double = 1.0

    @Option(help: "Sample format of the WAV: int16, int24, int32 or float32.")
    var format: AudioSampleFormat = .int24

    @Option(help: "Number of identical channels in the WAV.")
    var channels: Int = 1

    @Flag(help: "Overwrite existing files.")
    var force = false

    func validate() throws {
        guard (1...32).contains(channels) else {
            throw ValidationError("--channels must be 1 to 32, got \(channels)")
        }
    }

    func run() throws {
        try reportingFailures {
            let parameters = try SweepParameters(
                sampleRate: rate, requestedStartHz: start, endHz: end, sweepSamples: length.value, levelDBFS: level,
                preSilenceSeconds: preSilence, postSilenceSeconds: postSilence)
            let sidecarPath = SweepSidecar.path(forAudio: output)
            if !force {
                for path in [output, sidecarPath] where FileManager.default.fileExists(atPath: path) {
                    throw CommandFailure(
                        message: "\(path) already exists; choose another name or pass --force to overwrite it",
                        status: ExitStatus.ioError)
                }
            }
            let signal = ExponentialSweep.signal(parameters).map(Float.init)
            let buffer = AudioBuffer(sampleRate: rate, channels: Array(repeating: signal, count: channels))
            try AudioFile.write(buffer, to: output, container: .wav, sampleFormat: format, overwrite: force)
            let sidecar = SweepSidecar(
                software: CansVersion.string, audioFile: URL(fileURLWithPath: output).lastPathComponent,
                requestedStartHz: start, sweep: parameters)
            try AtomicFile.write(try sidecar.encoded(), toPath: sidecarPath, overwrite: force)
            print(String(
                format: "wrote %@ (%d samples, %.2f s at %.0f Hz, %.3f-%.0f Hz, %.1f dBFS peak) and %@",
                output, parameters.totalSamples, Double(parameters.totalSamples) / rate, rate, parameters.startHz,
                parameters.endHz, level, sidecarPath))
        }
    }
}

extension AudioSampleFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
}
