import CansDSP
import CansFit
import CansMonitor
import Foundation
import Testing

@Suite("Cascade and loudness")
struct CascadeAndLoudnessTests {
    @Test("a stereo cascade runs each ear's own filters (double precision, TDF-II) exactly as designed, with each kernel this processor runs",
          arguments: ArithmeticKernel.runnable)
    func cascadeMatchesDesign(kernel: ArithmeticKernel) throws {
        let rate = 44_100.0
        let left = try [Biquad(.lowShelf, frequencyHz: 105, gainDB: 6, q: 0.7), Biquad(.peaking, frequencyHz: 3_000, gainDB: -4, q: 2),
                        Biquad(.peaking, frequencyHz: 40, gainDB: 3, q: 4), Biquad(.highShelf, frequencyHz: 10_000, gainDB: -2, q: 0.7),
                        Biquad(.peaking, frequencyHz: 6_500, gainDB: 5, q: 6), Biquad(.peaking, frequencyHz: 500, gainDB: -2, q: 0.9),
                        Biquad(.lowShelf, frequencyHz: 60, gainDB: -3, q: 0.6)]  // 7 sections: four, two and one at a time
        let right = try [Biquad(.peaking, frequencyHz: 250, gainDB: -6, q: 1)]
        for filter in left {  // the section's own response equals the profile's filter
            #expect(abs(SectionCoefficients(filter, sampleRate: rate).magnitudeDB(atHz: 1234, sampleRate: rate)
                - filter.magnitudeDB(atHz: 1234, sampleRate: rate)) < 1e-9)
        }
        var cascade = StereoCascade(left: left.map { SectionCoefficients($0, sampleRate: rate) },
                                    right: right.map { SectionCoefficients($0, sampleRate: rate) }, kernel: kernel)
        var frames = [StereoFrame](repeating: .zero, count: 1 << 16)
        frames[0] = StereoFrame(1, 1)
        frames.withUnsafeMutableBufferPointer { cascade.process($0) }
        for f in logFrequencies(perOctave: 6) {
            #expect(abs(magnitudeDB(of: frames.map(\.x), atHz: f, sampleRate: rate) - left.magnitudeDB(atHz: [f], sampleRate: rate)[0]) < 0.001)
            #expect(abs(magnitudeDB(of: frames.map(\.y), atHz: f, sampleRate: rate) - right.magnitudeDB(atHz: [f], sampleRate: rate)[0]) < 0.001)
        }
    }

    @Test("the fused kernel's sections in four-lane pairs give the portable result for 1-17 sections, in blocks of 1 to 1000 frames",
          arguments: [1, 3, 7, 64, 256, 1_000])
    func pairedSectionsMatchPortable(blockFrames: Int) throws {
        guard ArithmeticKernel.runnable.contains(.fused) else {
            #expect(ArithmeticKernel.available == .portable)  // nothing to compare on this processor
            return
        }
        let rate = 48_000.0
        let noise = PinkNoise.stereo(frameCount: 6_000, sampleRate: rate, rmsDBFS: -12, seed: 11)
        for count in 1...17 {
            let sections = try (0..<count).map { k in
                SectionCoefficients(try Biquad(.peaking, frequencyHz: 30 * pow(1.45, Double(k)), gainDB: k % 2 == 0 ? 4 : -3, q: 1.4),
                                    sampleRate: rate)
            }
            let outputs = ArithmeticKernel.allCases.map { kernel in
                var cascade = StereoCascade(left: sections, right: Array(sections.reversed()), kernel: kernel)
                var frames = noise
                frames.withUnsafeMutableBufferPointer { all in
                    var start = 0
                    while start < all.count {
                        cascade.process(UnsafeMutableBufferPointer(rebasing: all[start..<min(start + blockFrames, all.count)]),
                                        gain: StereoFrame(0.5, 2))
                        start += blockFrames
                    }
                }
                return frames
            }
            // The two differ in rounding only: relative to the signal, far below 1e-12.
            let largest = zip(outputs[0], outputs[1]).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max()!
            let peak = outputs[0].map { max(abs($0.x), abs($0.y)) }.max()!
            #expect(largest < 1e-12 * peak, "\(count) sections, blocks of \(blockFrames): largest difference \(largest), peak \(peak)")
        }
    }

    @Test("K-weighting at 48 kHz has the coefficients tabulated in ITU-R BS.1770-4")
    func kWeightingTable() {
        let k = Loudness.kWeighting(sampleRate: 48_000)
        let table: [[Double]] = [
            [1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585],
            [1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621],
        ]
        for (section, row) in zip(k, table) {
            let values = [section.b0, section.b1, section.b2, section.a1, section.a2]
            for (value, expected) in zip(values, row) { #expect(abs(value - expected) < 1e-10) }
        }
    }

    @Test("a 1 kHz sine at 0 dBFS on one channel reads -3.01 LKFS (BS.1770-4), at any rate", arguments: [44_100.0, 48_000.0, 96_000.0])
    func sineLoudness(sampleRate: Double) throws {
        let frames = (0..<Int(3 * sampleRate)).map { StereoFrame(sin(2 * Double.pi * 1_000 * Double($0) / sampleRate), 0) }
        let loudness = try #require(Loudness.integrated(frames, sampleRate: sampleRate))
        #expect(abs(loudness + 3.01) < 0.02, "\(loudness)")
        #expect(Loudness.integrated([StereoFrame](repeating: .zero, count: 48_000), sampleRate: 48_000) == nil)
    }

    @Test("pink noise falls 3 dB per octave")
    func pinkNoiseSlope() {
        let rate = 48_000.0
        let noise = PinkNoise.stereo(frameCount: 1 << 18, sampleRate: rate, seed: 5)
        #expect(abs(20 * log10((noise.reduce(0) { $0 + $1.x * $1.x } / Double(noise.count)).squareRoot()) + 20) < 1e-9)
        // Power in octave bands via the FFT: 125-250 Hz carries as much as 4-8 kHz (equal power per octave).
        let spectrum = RealFFT(size: 1 << 18).forward(noise.map(\.x))
        func bandPower(_ low: Double) -> Double {
            let binHz = rate / Double(1 << 18)
            return (Int(low / binHz)..<Int(2 * low / binHz)).reduce(0) { $0 + spectrum.power(at: $1) }
        }
        #expect(abs(10 * log10(bandPower(125) / bandPower(4_000))) < 0.5)
    }
}
