import ArgumentParser
import CansAudio
import CansCore
import CansMonitor
import Foundation

/// `cans render`: the monitoring graph offline, file to file.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Play an audio file through a profile and the listening aids into another file.",
        discussion: """
            The same engine as `cans monitor`, offline: the profile's EQ (designed again at the \
            file's sample rate), crossfeed, band solo, mono, translation previews, level matching \
            between profiles and the safety limiter. The output is stereo; a mono input is heard \
            on both ears. Commands of a --script are taken at the first block (--period frames) \
            that starts at or after their time, as `cans monitor` takes them, so a monitor session \
            and its render give the same samples.

            Examples:
              cans render --profile hd600.profile.json mix.wav mix-hd600.wav
              cans render --profile a.profile.json --profile-b b.profile.json --use b --crossfeed cmoy in.wav out.wav
              cans render --profile a.profile.json --script compare.txt in.flac out.wav
            """)

    @Option(help: "A profile written by `cans fit` (repeat for more; numbered 1, 2, ... for scripts and keys).")
    var profile: [String] = []

    @Option(help: "A second profile to compare with (the same as a second --profile).")
    var profileB: String?

    @Option(help: "The profile heard at the start: a, b, or its number.")
    var use: String = "a"

    @OptionGroup var listening: ListeningOptions

    @Option(help: "Block size in frames; commands are taken at block starts (256, as `cans monitor --period`).")
    var period: Int = 256

    @Option(help: "Sample format of the output: int16, int24, int32 or float32.")
    var format: AudioSampleFormat = .float32

    @Flag(help: "Overwrite the output file.")
    var force = false

    @Argument(help: "The audio file to play (WAV, FLAC, AIFF, ... any rate; mono or stereo).")
    var input: String

    @Argument(help: "The file to write (.wav, .flac or .aiff; never overwritten without --force).")
    var output: String

    func validate() throws {
        guard !profile.isEmpty else { throw ValidationError("give a profile: --profile FILE") }
        guard (16...8192).contains(period) else { throw ValidationError("--period must be 16 to 8192 frames, got \(period)") }
        guard profile.count + (profileB == nil ? 0 : 1) <= 9 else { throw ValidationError("at most 9 profiles (keys 1 to 9)") }
    }

    /// The index of the profile `--use` names among `count`.
    static func profileIndex(_ use: String, count: Int) throws -> Int {
        let index: Int? = switch use.lowercased() {
        case "a": 0
        case "b": 1
        default: Int(use).map { $0 - 1 }
        }
        guard let index, (0..<count).contains(index) else {
            throw CommandFailure(message: "--use \(use) names no profile; there are \(count) (a, b, or 1 to \(count))",
                                 status: ExitStatus.usage)
        }
        return index
    }

    func run() throws {
        try reportingFailures {
            let paths = profile + (profileB.map { [$0] } ?? [])
            let profiles = try paths.map(loadMonitorProfile)
            let index = try Self.profileIndex(use, count: profiles.count)
            let container = try outputContainer(output)
            if !force, FileManager.default.fileExists(atPath: output) {
                throw CommandFailure(message: "\(output) already exists; choose another name or pass --force to overwrite it",
                                     status: ExitStatus.ioError)
            }
            let script = try listening.loadScript()
            let audio = try AudioFile.read(path: input)
            guard (1...2).contains(audio.channelCount) else {
                throw CommandFailure(message: "\(input) has \(audio.channelCount) channels; the monitor plays mono or stereo",
                                     status: ExitStatus.badData)
            }
            let rate = audio.sampleRate
            var graph = try listening.makeGraph(profiles: profiles, profileIndex: index, sampleRate: rate, maximumFrames: period)
            let left = audio.channels[0], right = audio.channels[audio.channelCount - 1]
            var frames = (0..<audio.frameCount).map { StereoFrame(Double(left[$0]), Double(right[$0])) }
            if let quit = script?.quitFrame(sampleRate: rate), quit < frames.count { frames.removeSubrange(quit...) }
            let rendered = graph.render(frames, blockFrames: period, commands: script?.frames(sampleRate: rate) ?? [])
            let buffer = AudioBuffer(sampleRate: rate, channels: [rendered.map { Float($0.x) }, rendered.map { Float($0.y) }])
            try AudioFile.write(buffer, to: output, container: container, sampleFormat: format, overwrite: force)
            let reduction = graph.takeLimiterReductionDB()
            let limiter = reduction < 0 ? String(format: "limited by up to %.1f dB", -reduction) : "limiter idle"
            Terminal.note("rendered \(output): \(rendered.count) frames at \(Int(rate)) Hz, \(graph.settings.summary(graph)), \(limiter)")
        }
    }
}

/// The container a file name asks for.
func outputContainer(_ path: String) throws -> AudioContainer {
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "wav", "wave": return .wav
    case "flac": return .flac
    case "aif", "aiff": return .aiff
    default:
        throw CommandFailure(message: "\(path): write .wav, .flac or .aiff", status: ExitStatus.usage)
    }
}

extension MonitorSettings {
    /// One line: profile, crossfeed, band, mono, preview.
    func summary(_ graph: MonitorGraph) -> String {
        let profile = graph.profiles[profileIndex]
        let offset = graph.levelOffsetsDB[profileIndex]
        var parts = ["profile \(profileIndex + 1) \(profile.name)" + (offset != 0 ? String(format: " (%+.1f dB match)", offset) : "")]
        parts.append(crossfeedOn ? "crossfeed \(graph.crossfeed)" : "crossfeed off")
        parts.append(band.map { "band \($0)" } ?? "all bands")
        if mono { parts.append("mono") }
        parts.append(preview.map { "preview \($0)" } ?? "no preview")
        return parts.joined(separator: ", ")
    }
}
