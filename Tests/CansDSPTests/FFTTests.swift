import Foundation
import Testing
@testable import CansDSP

@Suite struct FFTTests {
    @Test func forwardOfCosineHasOnePeakAndInverseRoundTrips() {
        let size = 1024
        let signal = (0..<size).map { cos(2 * Double.pi * 10 * Double($0) / Double(size)) }
        let fft = RealFFT(size: size)
        let spectrum = fft.forward(signal)
        #expect(abs(spectrum.real[10] - Double(size) / 2) < 1e-9)
        #expect(abs(spectrum.real[11]) < 1e-9 && abs(spectrum.imaginary[10]) < 1e-9)
        let back = fft.inverse(spectrum).map { $0 / Double(size) }
        for (a, b) in zip(back, signal) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func instancesOfOneSizeShareAPlanAndRunConcurrently() async {
        let results = await withTaskGroup(of: Double.self) { group in
            for offset in 0..<8 {
                group.addTask {
                    let fft = RealFFT(size: 4096)
                    var input = [Double](repeating: 0, count: 4096)
                    input[offset] = 1
                    let spectrum = fft.forward(input)
                    return spectrum.power(at: 100)
                }
            }
            var all = [Double]()
            for await value in group { all.append(value) }
            return all
        }
        #expect(results.count == 8)
        for value in results { #expect(abs(value - 1) < 1e-12) }
    }
}
