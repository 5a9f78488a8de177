import Foundation

/// The built-in example headphone: a closed over-ear of the project's own making (no
/// third-party measurement is shipped), with what a real one has: a bass shelf, a 3 kHz
/// ear-gain peak, a 6-9 kHz dip, a treble peak and a roll-off, and small differences between
/// the cups. `cans demo` measures it through the simulated rig.
public enum ExampleHeadphone {
    /// The display name used for demo measurement folders.
    public static let name = "cans example headphone (simulated)"

    /// The response of one cup in dB on AutoEq's grid, 0 dB near 1 kHz.
    /// - Parameter right: the right cup (a little less treble peak, the dip 300 Hz higher).
    public static func response(right: Bool = false) -> FrequencyResponse {
        let grid = LogFrequencyGrid.autoEq
        let values = grid.map { f -> Double in
            let bass = 5.5 / (1 + pow(f / 110, 2))  // a first-order-like shelf below ~110 Hz
            let earGain = 7 * exp(-pow(log2(f / 2900) / 0.45, 2))
            let dip = -8 * exp(-pow(log2(f / (right ? 7_300 : 7_000)) / 0.18, 2))
            let treblePeak = (right ? 3.5 : 4.5) * exp(-pow(log2(f / 11_000) / 0.15, 2))
            let rolloff = -10 * log10(1 + pow(f / 16_000, 6))
            let subRolloff = -10 * log10(1 + pow(18 / f, 4))
            return bass + earGain + dip + treblePeak + rolloff + subRolloff
        }
        // invariant: finite values on a valid grid
        return try! FrequencyResponse(frequenciesHz: grid, magnitudesDB: values).normalized()  // invariant: valid by construction
    }
}
