import CansDSP
import CansMonitor
import Foundation

/// The left and right outputs of `process` for a unit impulse on the left input only.
func impulseResponses(count: Int, _ process: (UnsafeMutableBufferPointer<StereoFrame>) -> Void) -> (left: [Double], right: [Double]) {
    var frames = [StereoFrame](repeating: .zero, count: count)
    frames[0] = StereoFrame(1, 0)
    frames.withUnsafeMutableBufferPointer { process($0) }
    return (frames.map(\.x), frames.map(\.y))
}

/// |H(f)| in dB of an impulse response, evaluated exactly at `frequencyHz` (a DFT at one frequency).
func magnitudeDB(of impulse: [Double], atHz frequencyHz: Double, sampleRate: Double) -> Double {
    let w = 2 * Double.pi * frequencyHz / sampleRate
    var re = 0.0, im = 0.0
    for (n, h) in impulse.enumerated() where h != 0 {
        re += h * cos(w * Double(n))
        im -= h * sin(w * Double(n))
    }
    return 10 * log10(re * re + im * im)
}

/// Frequencies from 20 Hz to 20 kHz, `perOctave` a octave.
func logFrequencies(perOctave: Double = 3, from low: Double = 20, to high: Double = 20_000) -> [Double] {
    var result = [Double]()
    var f = low
    while f <= high * 1.0001 {
        result.append(f)
        f *= pow(2, 1 / perOctave)
    }
    return result
}

/// The transfer function output/input of two signals, dB, at every FFT bin between `bandHz`
/// (signals zero-padded to twice their length, so nothing wraps).
func transferDB(input: [Double], output: [Double], sampleRate: Double, bandHz: ClosedRange<Double>) -> [(frequencyHz: Double, db: Double)] {
    let size = RealFFT.powerOfTwo(atLeast: 2 * max(input.count, output.count))
    let fft = RealFFT(size: size)
    func padded(_ x: [Double]) -> [Double] { x + [Double](repeating: 0, count: size - x.count) }
    let x = fft.forward(padded(input)), y = fft.forward(padded(output))
    var result = [(Double, Double)]()
    for k in 1..<x.count {
        let f = Double(k) * sampleRate / Double(size)
        guard bandHz.contains(f) else { continue }
        result.append((f, 10 * log10(y.power(at: k) / x.power(at: k))))
    }
    return result
}

/// Stereo frames from one channel (the same on both ears).
func stereo(_ samples: [Double]) -> [StereoFrame] { samples.map { StereoFrame($0, $0) } }
