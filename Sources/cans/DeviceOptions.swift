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

    var isGiven: Bool { device != nil || playbackDevice != nil || captureDevice != nil }
    var playback: String { playbackDevice ?? device ?? "default" }
    var capture: String { captureDevice ?? device ?? "default" }

    func openRig(sampleRate: Double, outputChannels: Int, inputChannels: Int) throws -> SimulatedRig {
        throw CommandFailure(message: "TEMPORARY: ALSA not merged yet", status: ExitStatus.unavailable)
    }

    func record(_ rig: SimulatedRig) -> SessionRecord.RigRecord {
        SessionRecord.RigRecord(name: rig.name, simulated: false, playbackDevice: playback, captureDevice: capture)
    }
}
