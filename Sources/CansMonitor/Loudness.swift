import Foundation

/// Programme loudness after ITU-R BS.1770-4, "Algorithms to measure audio programme loudness and
/// true-peak audio level" (2015): K-weighting (a high-shelf pre-filter for the head and a
/// revised low-frequency B-curve high pass), mean square per channel over 400 ms blocks that
/// overlap by 75 %, an absolute gate at -70 LKFS and a relative gate 10 LU below the loudness of
/// the blocks above it. Left and right weigh 1.0.
public enum Loudness {
    /// The K-weighting filter at `sampleRate`. The standard tabulates coefficients at 48 kHz only;
    /// these are the analogue parameters that reproduce that table exactly (f0 1681.97 Hz,
    /// +4.0 dB, Q 0.7072 for the shelf; f0 38.135 Hz, Q 0.5003 for the high pass), made again by
    /// the bilinear transform at any rate (as libebur128 does).
    public static func kWeighting(sampleRate: Double) -> [SectionCoefficients] {
        let shelfK = tan(Double.pi * 1681.974450955533 / sampleRate)
        let shelfQ = 0.7071752369554196
        let vh = pow(10, 3.999843853973347 / 20)
        let vb = pow(vh, 0.4996667741545416)
        let a0 = 1 + shelfK / shelfQ + shelfK * shelfK
        let shelf = SectionCoefficients(
            b0: (vh + vb * shelfK / shelfQ + shelfK * shelfK) / a0, b1: 2 * (shelfK * shelfK - vh) / a0,
            b2: (vh - vb * shelfK / shelfQ + shelfK * shelfK) / a0,
            a1: 2 * (shelfK * shelfK - 1) / a0, a2: (1 - shelfK / shelfQ + shelfK * shelfK) / a0)
        let highK = tan(Double.pi * 38.13547087602444 / sampleRate)
        let highQ = 0.5003270373238773
        let h0 = 1 + highK / highQ + highK * highK
        let highPass = SectionCoefficients(
            b0: 1, b1: -2, b2: 1, a1: 2 * (highK * highK - 1) / h0, a2: (1 - highK / highQ + highK * highK) / h0)
        return [shelf, highPass]
    }

    /// Integrated, gated loudness of stereo `frames` at `sampleRate`, LKFS (= LUFS); nil when no
    /// block passes the absolute gate (silence, or shorter than one 400 ms block).
    public static func integrated(_ frames: [StereoFrame], sampleRate: Double) -> Double? {
        var weighted = frames
        var filter = StereoCascade(both: kWeighting(sampleRate: sampleRate))
        weighted.withUnsafeMutableBufferPointer { filter.process($0) }
        let step = Int((0.1 * sampleRate).rounded())
        let blockLength = 4 * step
        guard weighted.count >= blockLength else { return nil }
        // Mean square per 100 ms step, then 400 ms blocks as sums of four steps.
        let stepCount = weighted.count / step
        var stepPower = [Double](repeating: 0, count: stepCount)
        for s in 0..<stepCount {
            var sum = StereoFrame.zero
            for i in (s * step)..<((s + 1) * step) { sum += weighted[i] * weighted[i] }
            stepPower[s] = sum.x + sum.y
        }
        let blocks = (0...(stepCount - 4)).map { b in
            stepPower[b..<(b + 4)].reduce(0, +) / Double(blockLength)
        }
        func loudness(_ power: Double) -> Double { -0.691 + 10 * log10(power) }
        let absolute = blocks.filter { loudness($0) > -70 }
        guard !absolute.isEmpty else { return nil }
        let relativeGate = loudness(absolute.reduce(0, +) / Double(absolute.count)) - 10
        let gated = absolute.filter { loudness($0) > relativeGate }
        return loudness(gated.reduce(0, +) / Double(gated.count))
    }
}
