import CansDSP
import Foundation

/// Seeded pink noise (power falling 3 dB per octave), the test signal of level matching: white
/// Gaussian noise shaped in the frequency domain by 1/sqrt(f) from `lowestHz` up to Nyquist
/// (over the next power of two, then cut to length), scaled to an RMS level. The same seed gives
/// the same samples.
public enum PinkNoise {
    /// Independent pink noise on left and right, `frameCount` frames, each channel at
    /// `rmsDBFS`.
    public static func stereo(frameCount: Int, sampleRate: Double, rmsDBFS: Double = -20,
                              lowestHz: Double = 20, seed: UInt64 = 1770) -> [StereoFrame] {
        var random = SeededRandom(seed: seed)
        let left = channel(frameCount, sampleRate, rmsDBFS, lowestHz, &random)
        let right = channel(frameCount, sampleRate, rmsDBFS, lowestHz, &random)
        return (0..<frameCount).map { StereoFrame(left[$0], right[$0]) }
    }

    private static func channel(_ count: Int, _ sampleRate: Double, _ rmsDBFS: Double, _ lowestHz: Double,
                                _ random: inout SeededRandom) -> [Double] {
        let size = RealFFT.powerOfTwo(atLeast: count)
        let fft = RealFFT(size: size)
        var spectrum = fft.forward((0..<size).map { _ in random.nextGaussian() })
        let binHz = sampleRate / Double(size)
        for k in 0..<spectrum.count {
            let f = Double(k) * binHz
            let scale = f < lowestHz ? 0 : 1 / (f / lowestHz).squareRoot()
            spectrum.real[k] *= scale
            spectrum.imaginary[k] *= scale
        }
        let noise = Array(fft.inverse(spectrum).prefix(count))
        let rms = (noise.reduce(0) { $0 + $1 * $1 } / Double(count)).squareRoot()
        let target = pow(10, rmsDBFS / 20)
        return noise.map { $0 * target / rms }
    }
}
