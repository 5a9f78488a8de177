import CansCore
import CansDSP
import CansFit
import Foundation

/// The arithmetic behind `FIRExport`: impulse responses of a profile channel, and how far a
/// truncated one is from the designed response.
enum FIRDesign {
    /// The cascade's impulse response (preamp included), `length` samples, computed in double
    /// precision with the transposed direct form II.
    ///
    /// Every cookbook peaking filter and shelf with Q > 0 has its poles and zeros inside the unit
    /// circle, so the cascade is itself minimum phase and this is the exact minimum-phase response
    /// of the designed magnitude (no cepstrum, hence no cepstral aliasing; `MinimumPhase`'s
    /// homomorphic result agrees with it, see the tests).
    static func cascadeImpulse(_ channel: ProfileEQ.Channel, sampleRate: Double, length: Int) -> [Double] {
        var signal = [Double](repeating: 0, count: length)
        signal[0] = Decibels.toAmplitude(channel.preampDB)
        for filter in channel.filters {
            let (b, a) = filter.coefficients(sampleRate: sampleRate)
            let b0 = b.0 / a.0, b1 = b.1 / a.0, b2 = b.2 / a.0, a1 = a.1 / a.0, a2 = a.2 / a.0
            var s1 = 0.0, s2 = 0.0
            for n in 0..<length {
                let x = signal[n]
                let y = b0 * x + s1
                s1 = b1 * x - a1 * y + s2
                s2 = b2 * x - a2 * y
                signal[n] = y
            }
        }
        return signal
    }

    /// The first `taps` samples of the minimum-phase response `impulse`, the last tenth faded out
    /// with a half-Hann so the cut adds no ripple.
    static func minimumPhase(_ impulse: [Double], taps: Int) -> [Double] {
        let fade = max(1, taps / 10)
        return (0..<taps).map { n in
            let fromEnd = taps - 1 - n
            let weight = fromEnd < fade ? 0.5 * (1 - cos(Double.pi * Double(fromEnd) / Double(fade))) : 1
            return impulse[n] * weight
        }
    }

    /// A linear-phase FIR of `taps` (odd) samples with the magnitude `magnitudeDB` per bin of a
    /// `transformSize`-point transform (0...size/2): frequency sampling (the zero-phase response
    /// is the inverse transform of the real magnitude), centred at (taps - 1) / 2, the outer tenth
    /// on each side faded with half-Hann tapers. Odd length (type I) keeps the response free up to
    /// the Nyquist frequency, where an even symmetric filter is forced to zero.
    static func linearPhase(magnitudeDB: [Double], transformSize: Int, taps: Int) -> [Double] {
        precondition(taps % 2 == 1 && taps < transformSize, "invariant: odd length inside the transform")
        let fft = RealFFT(size: transformSize)
        let real = magnitudeDB.map { Decibels.toAmplitude($0) }
        let zeroPhase = fft.inverse(ComplexSpectrum(real: real, imaginary: [Double](repeating: 0, count: real.count)))
        let half = (taps - 1) / 2
        let fade = max(1, half / 10)
        return (0..<taps).map { n in
            let lag = n - half
            let value = zeroPhase[(lag + transformSize) % transformSize] / Double(transformSize)
            let fromEdge = half - abs(lag)
            return fromEdge < fade ? value * 0.5 * (1 - cos(Double.pi * Double(fromEdge) / Double(fade))) : value
        }
    }

    /// The designed magnitude in dB on the bins 0...size/2 of a `size`-point transform (0 Hz to
    /// the Nyquist frequency; the cookbook magnitude is finite at both ends).
    static func designedBins(_ channel: ProfileEQ.Channel, sampleRate: Double, size: Int) -> [Double] {
        let binHz = sampleRate / Double(size)
        return channel.magnitudeDB(atHz: (0...(size / 2)).map { Double($0) * binHz }, sampleRate: sampleRate)
    }

    /// How `fir` compares with `designedDB` (per bin of `size`, 0...size/2): the largest
    /// |difference| over the bins in `bandHz`, the peak gain over all bins, dB.
    static func compare(_ fir: [Double], designedDB: [Double], size: Int, sampleRate: Double,
                        bandHz: ClosedRange<Double>) -> (errorDB: Double, peakDB: Double) {
        let spectrum = RealFFT(size: size).forward(fir)
        let binHz = sampleRate / Double(size)
        var error = 0.0, peak = -Double.infinity
        for k in 0..<spectrum.count {
            let decibels = Decibels.fromPower(spectrum.power(at: k))
            peak = max(peak, decibels)
            let frequency = Double(k) * binHz
            if bandHz.contains(frequency) { error = max(error, abs(decibels - designedDB[k])) }
        }
        return (error, peak)
    }
}
