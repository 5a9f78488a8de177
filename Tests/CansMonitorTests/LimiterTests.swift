import CansDSP
import CansMonitor
import Foundation
import Testing

@Suite("Safety limiter")
struct LimiterTests {
    /// +12 dB content made to peak between samples: a sine at fs/4 sampled 45 degrees off its
    /// crests (true peak 3 dB above the samples), square-ish bursts, and loud pink noise.
    static func intersampleHeavy(sampleRate: Double) -> [StereoFrame] {
        let n = Int(2 * sampleRate)
        var frames = [StereoFrame]()
        frames.reserveCapacity(n)
        let noise = PinkNoise.stereo(frameCount: n, sampleRate: sampleRate, rmsDBFS: 0, seed: 9)
        for i in 0..<n {
            let t = Double(i)
            let quarter = 4 * sin(Double.pi / 2 * t + Double.pi / 4)  // +12 dB true peak, samples at +9 dB
            let burst = (i / 11) % 2 == 0 ? 3.0 : -3.0
            switch i * 4 / n {
            case 0: frames.append(StereoFrame(quarter, -quarter))
            case 1: frames.append(StereoFrame(burst, 0.5 * quarter))
            default: frames.append(noise[i] * 2)
            }
        }
        return frames
    }

    /// True peak of one channel by 8x oversampling in the frequency domain (zero-padded FFT);
    /// 10 ms fades at both ends keep the cut at the ends from ringing into the result.
    static func truePeakDB(_ signal: [Double]) -> Double {
        let fade = 480
        let x = signal.enumerated().map { i, v in
            v * min(1, Double(min(i, signal.count - 1 - i)) / Double(fade))
        }
        let size = RealFFT.powerOfTwo(atLeast: x.count)
        let spectrum = RealFFT(size: size).forward(x + [Double](repeating: 0, count: size - x.count))
        var wide = ComplexSpectrum(count: 8 * size / 2 + 1)
        for k in 0..<spectrum.count {
            wide.real[k] = spectrum.real[k]
            wide.imaginary[k] = spectrum.imaginary[k]
        }
        let up = RealFFT(size: 8 * size).inverse(wide)
        // Unnormalised transforms: the interpolated signal comes back `size` times larger.
        let peak = up.reduce(0) { max($0, abs($1)) } / Double(size)
        let plain = x.reduce(0) { max($0, abs($1)) }
        return 20 * log10(max(peak, plain))
    }

    @Test("intersample-heavy +12 dB content never leaves above the ceiling", arguments: [-1.0, -3.0, 0.0])
    func neverAboveCeiling(ceilingDB: Double) throws {
        let rate = 48_000.0
        var limiter = try SafetyLimiter(ceilingDB: ceilingDB, sampleRate: rate)
        var frames = Self.intersampleHeavy(sampleRate: rate)
        let ceiling = pow(10, ceilingDB / 20)
        // In blocks of 256, as the monitor runs.
        frames.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                limiter.process(UnsafeMutableBufferPointer(rebasing: buffer[start..<min(start + 256, buffer.count)]))
                start += 256
            }
        }
        let peak = frames.reduce(0.0) { max($0, abs($1.x), abs($1.y)) }
        #expect(peak <= ceiling, "sample peak \(20 * log10(peak)) dBFS")
        #expect(peak > ceiling * 0.9, "the limiter holds the level near the ceiling, not far below")
        #expect(limiter.takeReductionDB() < -9)
    }

    @Test("the detector sees intersample peaks: the true peak after a -1 dBFS ceiling stays below full scale on music-like noise, within 1.5 dB of the ceiling on clipped squares")
    func truePeakAware() throws {
        let rate = 48_000.0
        var limiter = try SafetyLimiter(ceilingDB: -1, sampleRate: rate)
        var frames = Self.intersampleHeavy(sampleRate: rate)
        frames.withUnsafeMutableBufferPointer { limiter.process($0) }
        // Measured: about -0.4 dBTP on the noise, +0.35 dBTP where a clipped square follows the
        // fs/4 sine (the 16-tap detector does not see the far Gibbs tails of a square wave).
        let noise = Array(frames[(frames.count / 2)...])
        let noisePeak = max(Self.truePeakDB(noise.map(\.x)), Self.truePeakDB(noise.map(\.y)))
        #expect(noisePeak < 0, "true peak \(noisePeak) dBTP")
        let truePeak = max(Self.truePeakDB(frames.map(\.x)), Self.truePeakDB(frames.map(\.y)))
        #expect(truePeak < 0.5, "true peak \(truePeak) dBTP")
        // Without the intersample detector the fs/4 sine alone would come out 3 dB above the
        // ceiling between samples; with it, near the ceiling.
        let sine = Array(frames[1_000..<20_000])
        #expect(Self.truePeakDB(sine.map(\.x)) < -0.8)
    }

    @Test("below the ceiling the limiter is a pure delay, bit for bit, in blocks longer and shorter than its delay",
          arguments: [20_000, 256, 50, 1])
    func transparentBelowCeiling(blockFrames: Int) throws {
        let rate = 44_100.0
        var limiter = try SafetyLimiter(ceilingDB: -1, sampleRate: rate)
        let input = PinkNoise.stereo(frameCount: 20_000, sampleRate: rate, rmsDBFS: -30, seed: 3)
        let output = Self.limited(input, by: &limiter, blockFrames: blockFrames)
        let delay = limiter.latencyFrames
        #expect(delay == 66 - 1 + 8)
        #expect(Array(output[delay...]) == Array(input[..<(input.count - delay)]))
        #expect(limiter.takeReductionDB() == 0)
    }

    @Test("after a burst the gain returns to exactly unity: 1.5 s after it, the output is the input delayed, bit for bit",
          arguments: [256, 61])
    func returnsToPureDelay(blockFrames: Int) throws {
        let rate = 48_000.0
        var limiter = try SafetyLimiter(ceilingDB: -1, sampleRate: rate)
        var input = PinkNoise.stereo(frameCount: 3 * 48_000, sampleRate: rate, rmsDBFS: -30, seed: 8)
        for i in 10_000..<12_000 { input[i] *= 40 }  // +32 dB for 42 ms: limiting, gain near -20 dB
        let output = Self.limited(input, by: &limiter, blockFrames: blockFrames)
        #expect(limiter.takeReductionDB() < -10)
        let delay = limiter.latencyFrames
        // From -20 dB the 50 ms release is within 1e-9 of unity after 20.7 time constants (1.04 s).
        let settled = 12_000 + 72_000
        let firstDifference = (settled..<(input.count - delay)).first { output[$0 + delay] != input[$0] }
        #expect(firstDifference == nil, "first differing frame \(firstDifference ?? 0)")
        #expect(limiter.isIdle, "the gain settles at exactly unity, so quiet blocks take the pure-delay path again")
        // Meanwhile, the release was not cut short: half a second after the burst the gain is still below unity.
        let halfSecond = 12_000 + 24_000
        #expect(output[halfSecond + delay] != input[halfSecond])
    }

    static func limited(_ input: [StereoFrame], by limiter: inout SafetyLimiter, blockFrames: Int) -> [StereoFrame] {
        var output = input
        output.withUnsafeMutableBufferPointer { all in
            var start = 0
            while start < all.count {
                limiter.process(UnsafeMutableBufferPointer(rebasing: all[start..<min(start + blockFrames, all.count)]))
                start += blockFrames
            }
        }
        return output
    }

    @Test("a ceiling outside -20...0 dBFS is refused")
    func badCeiling() {
        #expect(throws: MonitorError.self) { try SafetyLimiter(ceilingDB: 3, sampleRate: 48_000) }
    }
}
