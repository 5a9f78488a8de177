import CansCore
import Foundation

/// The level of one harmonic relative to the fundamental, against the fundamental's frequency.
public struct HarmonicLevels: Sendable, Equatable, Codable {
    /// Harmonic order n (2 = second harmonic).
    public let order: Int
    /// Fundamental frequencies in Hz (where the harmonic is inside the swept band).
    public let frequenciesHz: [Double]
    /// 20 log10(|H_n(n f)| / |H_1(f)|) in dB.
    public let levelsDB: [Double]
}

/// Total harmonic distortion against the fundamental's frequency.
public struct DistortionCurve: Sendable, Equatable, Codable {
    /// Fundamental frequencies in Hz.
    public let frequenciesHz: [Double]
    /// THD in percent: 100 sqrt(sum_n |H_n(n f)|^2) / |H_1(f)| over the analysed orders.
    public let thdPercent: [Double]
    /// The same in dB.
    public var thdDB: [Double] { thdPercent.map { Decibels.fromAmplitude($0 / 100) } }
}

/// Reads the harmonic impulse responses out of a synchronized-sweep deconvolution (Farina 2000;
/// Novak et al. 2015, section 4): harmonic n sits L ln(n) seconds before the linear response.
/// Its spectrum at n f is the n-th harmonic produced by a fundamental at f, the quantity a
/// stepped-sine distortion measurement reports.
enum HarmonicExtraction {
    /// Harmonic levels for `orders` and the THD over them, on the fundamental grid `gridHz`.
    static func analyse(
        circular: [Double], linearOnset: Int, linear: ImpulseSpectrum, sweep: SweepParameters,
        gate: ImpulseResponseGate, orders: ClosedRange<Int>, gridHz: [Double]
    ) -> (harmonics: [HarmonicLevels], thd: DistortionCurve) {
        let fs = sweep.sampleRate
        let band = sweep.fullLevelBandHz
        var harmonics = [HarmonicLevels]()
        var distortionPower = [Double](repeating: 0, count: gridHz.count)
        var covered = [Int](repeating: 0, count: gridHz.count)
        for order in orders where order >= 2 {
            // Each harmonic's window reaches halfway to its neighbours on both sides: a harmonic
            // need not be in phase with the fundamental (x^2 gives cos 2phi, a Hilbert-shifted
            // impulse with 1/t tails on both sides), so a gate that starts just before it, as the
            // linear one does, would lose up to 2 dB of it at low frequencies.
            let advance = sweep.harmonicAdvanceSeconds(order: order)
            let before = sweep.harmonicAdvanceSeconds(order: order + 1) - advance
            let after = advance - sweep.harmonicAdvanceSeconds(order: order - 1)
            guard let window = try? ImpulseResponseGate(
                leftSeconds: min(gate.rightSeconds, before / 2), rightSeconds: min(gate.rightSeconds, after / 2),
                rightTaperFraction: gate.rightTaperFraction)
            else { continue }
            let onset = linearOnset - Int((advance * fs).rounded())
            let left = window.leftSamples(at: fs)
            let impulse = window.apply(to: circular, onset: onset, sampleRate: fs)
            let spectrum = ImpulseSpectrum(impulse: impulse, onsetIndex: left, sampleRate: fs, oversampling: 4)
            var frequencies = [Double](), levels = [Double]()
            for (index, frequency) in gridHz.enumerated() {
                let harmonicHz = Double(order) * frequency
                guard frequency >= band.lowerBound, harmonicHz <= band.upperBound else { continue }
                let level = spectrum.magnitudeDB(atHz: harmonicHz) - linear.magnitudeDB(atHz: frequency)
                frequencies.append(frequency)
                levels.append(level)
                distortionPower[index] += Decibels.toPower(level)
                covered[index] += 1
            }
            harmonics.append(HarmonicLevels(order: order, frequenciesHz: frequencies, levelsDB: levels))
        }
        // THD where at least the second harmonic is inside the band.
        var thdFrequencies = [Double](), thd = [Double]()
        for (index, frequency) in gridHz.enumerated() where covered[index] > 0 {
            thdFrequencies.append(frequency)
            thd.append(100 * distortionPower[index].squareRoot())
        }
        return (harmonics, DistortionCurve(frequenciesHz: thdFrequencies, thdPercent: thd))
    }
}
