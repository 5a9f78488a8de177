import CansCore
import Foundation

/// Minimum-phase impulse responses from magnitude responses, by the folded real cepstrum
/// (Oppenheim & Schafer, "Discrete-Time Signal Processing", 3rd ed., section 5.6 and 13.8;
/// the homomorphic method of scipy.signal.minimum_phase).
///
/// A headphone driver in a sealed coupler is very nearly minimum phase, so this is how a
/// measurement CSV becomes a system the simulated rig can play through, and how FIR correction
/// filters get their phase.
public enum MinimumPhase {
    /// A minimum-phase FIR of `length` taps whose magnitude follows `response` (dB, interpolated in
    /// log frequency, ends held flat to DC and Nyquist) at `sampleRate`.
    ///
    /// The cepstrum is computed on `transformSize` points (at least 8x the length, so time
    /// aliasing of the cepstrum is negligible); the last 10 % of the taps fade out with a
    /// half-Hann so the truncation adds no ripple.
    public static func impulseResponse(
        magnitude response: FrequencyResponse, sampleRate: Double, length: Int, transformSize: Int? = nil
    ) -> [Double] {
        let size = transformSize ?? RealFFT.powerOfTwo(atLeast: max(8 * length, 1 << 16))
        let bins = size / 2 + 1
        let binHz = sampleRate / Double(size)
        var logMagnitude = [Double](repeating: 0, count: size)
        let lowest = response.magnitudesDB[0]
        for k in 0..<bins {
            let decibels = k == 0 ? lowest : response.magnitudeDB(atHz: Double(k) * binHz)
            let value = decibels / 20 * log(10.0)  // natural log of |H|
            logMagnitude[k] = value
            if k > 0 && k < size - k { logMagnitude[size - k] = value }
        }
        let fft = RealFFT(size: size)
        let minimum = spectrum(logMagnitude: Array(logMagnitude[0..<bins]), fft: fft)
        let full = fft.inverse(minimum)
        let taper = max(1, length / 10)
        return (0..<length).map { n in
            var value = full[n] / Double(size)
            let fromEnd = length - 1 - n
            if fromEnd < taper { value *= 0.5 * (1 - cos(Double.pi * Double(fromEnd) / Double(taper))) }
            return value
        }
    }

    /// The minimum-phase spectrum whose natural-log magnitude per bin (0...size/2) is
    /// `logMagnitude`: the real cepstrum, folded onto positive quefrencies, exponentiated.
    static func spectrum(logMagnitude: [Double], fft: RealFFT) -> ComplexSpectrum {
        let logSpectrum = logSpectrum(logMagnitude: logMagnitude, fft: fft)
        var minimum = ComplexSpectrum(count: fft.binCount)
        for k in 0..<fft.binCount {
            let magnitude = exp(logSpectrum.real[k])
            minimum.real[k] = magnitude * cos(logSpectrum.imaginary[k])
            minimum.imaginary[k] = magnitude * sin(logSpectrum.imaginary[k])
        }
        return minimum
    }

    /// The minimum phase in radians per bin (0...size/2) of the natural-log magnitude
    /// `logMagnitude`.
    static func phases(logMagnitude: [Double], fft: RealFFT) -> [Double] {
        logSpectrum(logMagnitude: logMagnitude, fft: fft).imaginary
    }

    /// ln H_min per bin: real part ln|H|, imaginary part the minimum phase.
    private static func logSpectrum(logMagnitude: [Double], fft: RealFFT) -> ComplexSpectrum {
        let size = fft.size, bins = fft.binCount
        precondition(logMagnitude.count == bins, "invariant: one value per bin")
        // Real cepstrum: the inverse transform of log|H| (real and even, so the real FFT's
        // inverse of a purely real spectrum gives it directly).
        let cepstrum = fft.inverse(ComplexSpectrum(real: logMagnitude, imaginary: [Double](repeating: 0, count: bins)))
        // Fold: keep c[0] and c[N/2], double the causal part, drop the anti-causal part.
        var folded = [Double](repeating: 0, count: size)
        let scale = 1 / Double(size)
        folded[0] = cepstrum[0] * scale
        for n in 1..<((size + 1) / 2) { folded[n] = 2 * cepstrum[n] * scale }
        if size % 2 == 0 { folded[size / 2] = cepstrum[size / 2] * scale }
        return fft.forward(folded)
    }
}
