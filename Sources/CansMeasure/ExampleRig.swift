import CansAudio
import CansCore
import CansDSP
import Foundation

/// The simulated rig of `cans demo`: the built-in example headphone on a coupler, with a
/// realistic interface (7 ms latency, -85 dBFS noise, a driver at -46 dB H2 / -56 dB H3) and a
/// fit that changes with every placement, as a real one does: each seat leaks a different
/// amount of bass (0 to 3 dB at 20 Hz, seeded) and moves the 7 kHz notch a little.
public struct ExampleRig: Sendable {
    public let sampleRate: Double
    public let seed: UInt64
    public static let latencySeconds = 0.007
    public static let noiseDBFS = -85.0
    public static let harmonicLevelsDB: [Int: Double] = [2: -46, 3: -56]

    public init(sampleRate: Double, seed: UInt64) {
        self.sampleRate = sampleRate
        self.seed = seed
    }

    /// The rig for the first seat, driven at `sweep`'s level.
    public func rig(sweep: SweepParameters) -> SimulatedRig {
        var rig = SimulatedRig.headphone(
            left: ExampleHeadphone.response(), right: ExampleHeadphone.response(right: true), sampleRate: sampleRate,
            latencySamples: Int((Self.latencySeconds * sampleRate).rounded()), noiseDBFS: Self.noiseDBFS,
            distortion: ChebyshevDistortion(levelsDB: Self.harmonicLevelsDB, referenceAmplitude: sweep.amplitude),
            seed: seed)
        reseat(1, &rig)
        return rig
    }

    /// Changes the fit for placement `seat` (1-based): a new bass leak and notch position.
    public func reseat(_ seat: Int, _ rig: inout SimulatedRig) {
        var random = SeededRandom(seed: seed &+ UInt64(seat) &* 7919)
        for index in rig.paths.indices {
            let leakDB = 3 * random.nextUniform()
            let notchShift = 1 + 0.04 * (random.nextUniform() - 0.5)
            let base = ExampleHeadphone.response(right: rig.paths[index].output == 1)
            let fitted = base.withMagnitudes(zip(base.frequenciesHz, base.magnitudesDB).map { frequency, value in
                let leak = -leakDB / (1 + pow(frequency / 40, 2))
                let shifted = base.magnitudeDB(atHz: frequency / notchShift) - value
                return value + leak + (frequency > 4_000 ? shifted : 0)
            })
            let taps = MinimumPhase.impulseResponse(magnitude: fitted, sampleRate: sampleRate, length: 1 << 14)
            let path = rig.paths[index]
            rig.paths[index] = SimulatedRig.Path(output: path.output, input: path.input, impulseResponse: taps)
        }
    }

    /// What session.json says about this rig.
    public var record: SessionRecord.RigRecord {
        SessionRecord.RigRecord(
            name: "simulated rig: \(ExampleHeadphone.name) on a coupler", simulated: true,
            settings: [
                "latencyMs": String(format: "%.1f", Self.latencySeconds * 1000),
                "noiseDBFS": String(format: "%.1f", Self.noiseDBFS),
                "harmonicsDB": Self.harmonicLevelsDB.sorted { $0.key < $1.key }.map { "H\($0.key) \($0.value)" }.joined(separator: ", "),
                "seatVariation": "bass leak 0-3 dB at 20 Hz, 7 kHz notch +-2 %",
                "seed": "\(seed)",
            ])
    }
}
