import CansAudio
import CansCore
import CansDSP
import CansFormats
import CansMeasure
import Foundation

/// The rig of `--simulate`: the built-in example headphone (`example`), or any response file
/// played through a minimum-phase filter on both cups, with the example rig's latency, noise,
/// distortion and placement variation.
struct SimulationSetup {
    let rig: SimulatedRig
    let record: SessionRecord.RigRecord
    private let example: ExampleRig

    init(_ what: String, sampleRate: Double, sweep: SweepParameters, cups: [SessionPlan.Cup], seed: UInt64) throws {
        if what == "example" {
            example = ExampleRig(sampleRate: sampleRate, seed: seed)
        } else {
            let response = try ResponseReader.read(path: what).response
            example = ExampleRig(sampleRate: sampleRate, seed: seed, left: response, right: response, name: what)
        }
        rig = example.rig(sweep: sweep, cups: cups)
        record = example.record
    }

    func reseat(_ seat: Int, _ rig: inout SimulatedRig) { example.reseat(seat, &rig) }
}
