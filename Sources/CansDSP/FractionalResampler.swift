import Foundation

/// Resampling by a ratio close to 1 with a windowed-sinc interpolator: what a capture clock that
/// runs slightly fast or slow does to a signal (clock drift between two sound cards).
///
/// Each output sample n reads the input at time n * ratio, interpolated by a Blackman-windowed
/// sinc of `halfWidth` taps on each side (Smith, "Digital Audio Resampling Home Page", CCRMA;
/// flat to about 0.01 dB up to 0.9 Nyquist with 32 taps a side).
public enum FractionalResampler {
    /// `signal` read at times n * ratio for n = 0..<outputCount (zeros beyond its ends).
    public static func resample(_ signal: [Double], ratio: Double, outputCount: Int, halfWidth: Int = 32) -> [Double] {
        let cutoff = min(1, 1 / ratio)  // lowpass below the new Nyquist when reading faster
        var output = [Double](repeating: 0, count: outputCount)
        for n in 0..<outputCount {
            let position = Double(n) * ratio
            let center = Int(position.rounded(.down))
            let fraction = position - Double(center)
            var sum = 0.0
            for tap in (-halfWidth + 1)...halfWidth {
                let index = center + tap
                guard index >= 0, index < signal.count else { continue }
                let x = Double(tap) - fraction
                let window = 0.42 + 0.5 * cos(Double.pi * x / Double(halfWidth))
                    + 0.08 * cos(2 * Double.pi * x / Double(halfWidth))
                let argument = Double.pi * x * cutoff
                let sinc = abs(argument) < 1e-12 ? 1 : sin(argument) / argument
                sum += signal[index] * cutoff * sinc * window
            }
            output[n] = sum
        }
        return output
    }
}
