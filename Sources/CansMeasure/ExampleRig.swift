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
    /// The cups' responses (the example headphone unless given).
    public let left: FrequencyResponse
    public let right: FrequencyResponse
    /// What is on the simulated coupler.
    public let headphoneName: String
    public static let latencySeconds = 0.007
    public static let noiseDBFS = -85.0
    public static let harmonicLevelsDB: [Int: Double] = [2: -46, 3: -56]

    public init(
        sampleRate: Double, seed: UInt64, left: FrequencyResponse = ExampleHeadphone.response(),
        right: FrequencyResponse = ExampleHeadphone.response(right: true), name: String = ExampleHeadphone.name
    ) {
        self.sampleRate = sampleRate
        self.seed = seed
        self.left = left
        self.right = right
        self.headphoneName = name
    }

    /// The rig for the first seat, driven at `sweep`'s level: each cup's output heard by its
    /// cup's input (one microphone for both cups on a coupler, or one per ear on a head).
    public func rig(sweep: SweepParameters, cups: [SessionPlan.Cup]) -> SimulatedRig {
        let placeholder = [1.0]  // replaced by `reseat` with the cup's fitted response
        var rig = SimulatedRig(
            sampleRate: sampleRate, outputChannelCount: 2, inputChannelCount: (cups.map(\.inputChannel).max() ?? 0) + 1,
            paths: cups.map { SimulatedRig.Path(output: $0.outputChannel, input: $0.inputChannel, impulseResponse: placeholder) },
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
            let base = rig.paths[index].output == 1 ? right : left
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
            name: "simulated rig: \(headphoneName) on a coupler", simulated: true,
            settings: [
                "latencyMs": String(format: "%.1f", Self.latencySeconds * 1000),
                "noiseDBFS": String(format: "%.1f", Self.noiseDBFS),
                "harmonicsDB": Self.harmonicLevelsDB.sorted { $0.key < $1.key }.map { "H\($0.key) \($0.value)" }.joined(separator: ", "),
                "seatVariation": "bass leak 0-3 dB at 20 Hz, 7 kHz notch +-2 %",
                "seed": "\(seed)",
            ])
    }
}
