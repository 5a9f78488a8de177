import ArgumentParser
import CansAudio
import CansMeasure

/// The ALSA devices of a measurement: one interface for both directions (--device), or a
/// playback and a capture device of their own.
struct DeviceOptions: ParsableArguments {
    @Option(help: "ALSA device for playback and capture (hw:1,0, plughw:1, default, a name from ~/.asoundrc).")
    var device: String?

    @Option(help: "ALSA device for playback, if not --device.")
    var playbackDevice: String?

    @Option(help: "ALSA device for capture, if not --device.")
    var captureDevice: String?

    @Option(help: "Sample format of both directions: S16_LE, S24_LE, S24_3LE, S32_LE or FLOAT_LE (default: the best each device offers).")
    var format: String?

    var isGiven: Bool { device != nil || playbackDevice != nil || captureDevice != nil || format != nil }
    var playback: String { playbackDevice ?? device ?? "default" }
    var capture: String { captureDevice ?? device ?? "default" }

    func validate() throws {
        if let format, ALSASampleFormat(name: format) == nil {
            throw ValidationError(
                "--format \(format) is not one of " + ALSASampleFormat.preferenceOrder.map(\.rawValue).joined(separator: ", "))
        }
    }

    /// Opens both devices at `sampleRate` (exactly: refused rates are listed in the error).
    func openRig(sampleRate: Double, outputChannels: Int, inputChannels: Int) throws -> ALSADuplexRig {
        guard sampleRate.rounded() == sampleRate, sampleRate > 0 else {
            throw CommandFailure(message: "--rate \(sampleRate) must be a whole number of Hz", status: ExitStatus.usage)
        }
        return try ALSADuplexRig(
            playbackDevice: playback, captureDevice: capture, sampleRate: Int(sampleRate),
            format: format.flatMap(ALSASampleFormat.init(name:)), outputChannels: outputChannels,
            inputChannels: inputChannels)
    }

    func record(_ rig: ALSADuplexRig) -> SessionRecord.RigRecord {
        let formats = Set([rig.playbackConfiguration.sampleFormat.rawValue, rig.captureConfiguration.sampleFormat.rawValue])
        return SessionRecord.RigRecord(
            name: rig.name + (rig.isLinked ? " (linked)" : ""), simulated: false, playbackDevice: playback,
            captureDevice: capture, sampleFormat: formats.sorted().joined(separator: " / "),
            settings: [
                "playback": rig.playbackConfiguration.description, "capture": rig.captureConfiguration.description,
            ])
    }
}
