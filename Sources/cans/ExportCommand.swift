import ArgumentParser
import CansExport
import CansFormats
import Foundation

/// `cans export`: a profile written for the engine the user listens through.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a profile for an EQ engine (EqualizerAPO, CamillaDSP, EasyEffects, sox ...).",
        discussion: """
            Formats: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")). \
            Every preamp is checked on the values as written, so nothing clips. \
            The file is written atomically and an existing one is replaced only with --force.

            Examples:
              cans export hd600.json --format equalizer-apo -o ParametricEQ.txt
              cans export hd600.json --format camilladsp --playback-device hw:DAC -o hd600.yml
              cans export hd600.json --format graphic-eq --channels L -o wavelet.txt
              cans export hd600.json --format sox -o hd600.sox
              sox in.wav out.wav $(cat hd600.sox)
            """)

    @Argument(help: "A profile written by `cans fit`.")
    var profile: String

    @Option(help: "The format: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String

    @Option(name: .shortAndLong, help: "The file to write.")
    var output: String

    @OptionGroup var options: ExportOptionGroup

    @Flag(help: "Overwrite an existing output file.")
    var force = false

    func run() throws {
        try reportingFailures {
            let format = try ExportFormat.named(format)
            let document = try ProfileDocument.read(path: profile)
            let prepared = try ExportProfile(document, path: profile, options: try options.exportOptions())
            let artifact = try format.render(prepared)
            try artifact.write(toPath: output, overwrite: force)
        }
    }
}

/// The export options `cans export` takes.
struct ExportOptionGroup: ParsableArguments {
    @Option(help: "Design for this sample rate, Hz (default: the profile's).")
    var sampleRate: Double?

    @Option(help: "Which EQ to write: as-is (one per ear if the profile has two), L or R (that ear's EQ on every channel), or swap.")
    var channels: String = "as-is"

    @Option(help: "The profile's name, where a format has a place for one (default: the measurement's file name).")
    var name: String?

    @Option(help: "CamillaDSP: the ALSA capture device (where the player's audio arrives).")
    var captureDevice: String = "hw:Loopback,1"

    @Option(help: "CamillaDSP: the ALSA playback device (the headphone output).")
    var playbackDevice: String = "hw:0,0"

    @Option(help: "PipeWire: the version the drop-in is for (`pipewire --version`; default: a form every release reads).")
    var pipewireVersion: String?

    @Option(help: "FIR: minimum or linear phase.")
    var firPhase: String = "minimum"

    @Option(help: "FIR: number of taps (default: the shortest within 0.01 dB of the design).")
    var firTaps: Int?

    func exportOptions() throws -> ExportOptions {
        guard let selection = ExportOptions.ChannelSelection(rawValue: channels) else {
            throw CommandFailure(message: "--channels \(channels): use as-is, L, R or swap", status: ExitStatus.usage)
        }
        var options = ExportOptions()
        options.sampleRateHz = sampleRate
        options.channels = selection
        options.name = name
        options.captureDevice = captureDevice
        options.playbackDevice = playbackDevice
        do {
            options.pipewireVersion = try pipewireVersion.map { try PipeWireVersion(parsing: $0) }
        } catch {
            throw CommandFailure(message: "--pipewire-version: \(error)", status: ExitStatus.usage)
        }
        guard let phase = FIRPhase(rawValue: firPhase) else {
            throw CommandFailure(message: "--fir-phase \(firPhase): use \(FIRPhase.allCases.map(\.rawValue).joined(separator: " or "))",
                                 status: ExitStatus.usage)
        }
        options.firPhase = phase
        options.firTaps = firTaps
        return options
    }
}

/// The `--export FORMAT:PATH` requests of `cans fit`.
enum ExportRequests {
    /// `FORMAT:PATH` of `--export`.
    static func parseRequest(_ request: String) throws -> (ExportFormat, String) {
        guard let colon = request.firstIndex(of: ":"), colon != request.startIndex, request.index(after: colon) != request.endIndex else {
            throw CommandFailure(message: "--export \(request.debugDescription): write it as FORMAT:PATH, such as equalizer-apo:eq.txt",
                                 status: ExitStatus.usage)
        }
        return (try ExportFormat.named(String(request[..<colon])), String(request[request.index(after: colon)...]))
    }

    /// Refuses, before anything is written, outputs that name one file twice or exist without `force`.
    static func checkOutputs(_ paths: [String], force: Bool) throws {
        var seen = Set<String>()
        for path in paths {
            let key = URL(fileURLWithPath: path).standardizedFileURL.path
            guard seen.insert(key).inserted else {
                throw CommandFailure(message: "\(path) is named as more than one output", status: ExitStatus.usage)
            }
            if !force, FileManager.default.fileExists(atPath: path) {
                throw FileAccessError(path: path, reason: .alreadyExists, problem: "the file exists", hint: "add --force to replace it")
            }
        }
    }
}
