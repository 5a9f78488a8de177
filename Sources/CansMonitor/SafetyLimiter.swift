import Foundation

/// The last stage of the graph: a look-ahead peak limiter with a true-peak-aware detector, then a
/// hard clamp, so no sample ever leaves above the ceiling.
///
/// - Detector: each sample and the three points between it and the next, interpolated 4x by a
///   64-tap windowed-sinc filter (the 4x oversampling ITU-R BS.1770-4 Annex 2 prescribes for
///   true-peak meters; 16 taps per phase, Kaiser window, beta 5: within 0.2 dB up to 20 kHz at
///   48 kHz, where 12 taps per phase read up to 1 dB low), the larger of both channels (one gain
///   for both ears keeps the image still).
/// - Gain: the gain that would put the peak of the segments next to each sample on the ceiling,
///   released exponentially (50 ms); a running minimum over the look-ahead, then a running mean
///   over the same length, so the gain glides down in exactly the look-ahead time and is at or
///   below the needed gain when the peak passes (the "hold then average" design of
///   peak limiters: no detected peak overshoots). The audio is delayed to meet it. Measured on
///   an ideal (8x FFT) reconstruction the output stays below 0 dBTP with the -1 dBFS ceiling on
///   music-like noise; clipped square waves reach +0.35 dBTP (`LimiterTests`).
/// - Quiet blocks at unity gain, where no point between samples can reach the ceiling, pass as
///   a pure delay without running the detector (Docs/benchmarks.md, "Monitor graph").
/// - Clamp: what still lies beyond the ceiling (rounding, intersample error of the detector)
///   is clamped, so the ceiling holds for every sample whatever comes in.
///
/// State is preallocated; `process` allocates nothing.
public struct SafetyLimiter: Sendable {
    /// The ceiling, dBFS (default -1 dBFS: headroom for the converter's reconstruction).
    public let ceilingDB: Double
    /// The look-ahead, frames.
    public let lookaheadFrames: Int
    /// The audio delay the limiter adds, frames.
    public var latencyFrames: Int { lookaheadFrames - 1 + Self.halfTaps }

    /// Oversampling of the detector (the loop in `limit` computes its three in-between phases).
    static let phases = 4
    static let halfTaps = 8
    /// A released gain above this is unity.
    static let unitySnap = 1 - 1e-9
    private let ceiling: Double
    private let releaseFactor: Double
    /// Below this sample level no interpolated point can reach the ceiling.
    private let quietLevel: Double
    /// Interpolation taps: [phase 1...3][tap 0..<16], applied to x[n-15...n].
    private let taps: [Double]
    private var history: [StereoFrame]      // last 16 input frames, written twice so a window is contiguous
    private var historyIndex = 0
    private var delay: [StereoFrame]        // audio delay line
    private var carry: [StereoFrame]        // the quiet path's copy of a block's newest frames
    private var delayIndex = 0
    private var previousPeak = 0.0
    private var released = 1.0
    private var minValues: [Double]         // monotonic deque of (value, position) for the running minimum
    private var minPositions: [Int]
    private var minHead = 0, minCount = 0
    private var meanRing: [Double]
    private var meanIndex = 0
    private var meanSum: Double
    private var position = 0
    /// The smallest gain applied since the last `takeReductionDB()`.
    private var smallestGain = 1.0

    /// - Parameters:
    ///   - ceilingDB: the highest sample level let through, dBFS, within -20...0.
    ///   - lookaheadSeconds: how early the gain starts to fall (1.5 ms: short enough to keep
    ///     transients, long enough not to distort bass).
    /// - Throws: `MonitorError.invalidSetting` for a ceiling outside -20...0 dBFS.
    public init(ceilingDB: Double = -1, sampleRate: Double, lookaheadSeconds: Double = 0.0015) throws(MonitorError) {
        guard ceilingDB.isFinite, (-20...0).contains(ceilingDB) else {
            throw .invalidSetting(what: "limiter ceiling", value: "\(ceilingDB) dBFS", rule: "it must be within -20...0 dBFS",
                                  hint: "-1 leaves room for the converter")
        }
        self.ceilingDB = ceilingDB
        ceiling = pow(10, ceilingDB / 20)
        lookaheadFrames = max(2, Int((lookaheadSeconds * sampleRate).rounded()))
        releaseFactor = 1 - exp(-1 / (0.05 * sampleRate))
        let taps = Self.interpolationTaps()
        let length = 2 * Self.halfTaps
        let largestGain = (0..<(Self.phases - 1)).map { p in taps[(p * length)..<((p + 1) * length)].reduce(0) { $0 + abs($1) } }.max() ?? 1
        self.taps = taps
        quietLevel = pow(10, ceilingDB / 20) / max(1, largestGain)
        history = Array(repeating: .zero, count: 4 * Self.halfTaps)
        delay = Array(repeating: .zero, count: lookaheadFrames - 1 + Self.halfTaps)
        carry = delay
        minValues = Array(repeating: 1, count: lookaheadFrames + 1)
        minPositions = Array(repeating: 0, count: lookaheadFrames + 1)
        meanRing = Array(repeating: 1, count: lookaheadFrames)
        meanSum = Double(lookaheadFrames)
    }

    /// Windowed sinc for fractional delays 1/4, 2/4, 3/4 between x[n-8] and x[n-7] (Kaiser,
    /// beta 5), each phase normalised to unity gain at DC.
    static func interpolationTaps() -> [Double] {
        let length = 2 * halfTaps
        var result = [Double]()
        for phase in 1..<phases {
            let fraction = Double(phase) / Double(phases)
            var row = (0..<length).map { k -> Double in
                // Tap k multiplies x[n - (length - 1 - k)]; its distance from the point is
                // t = (k - (halfTaps - 1)) - fraction.
                let t = Double(k - (halfTaps - 1)) - fraction
                let sinc = t == 0 ? 1 : sin(Double.pi * t) / (Double.pi * t)
                let r = t / (Double(halfTaps) + 0.5)
                let window = abs(r) >= 1 ? 0 : besselI0(5 * (1 - r * r).squareRoot()) / besselI0(5)
                return sinc * window
            }
            let sum = row.reduce(0, +)
            row = row.map { $0 / sum }
            result += row
        }
        return result
    }

    private static func besselI0(_ x: Double) -> Double {
        var sum = 1.0, term = 1.0, k = 1.0
        while term > 1e-12 * sum {
            term *= (x / (2 * k)) * (x / (2 * k))
            sum += term
            k += 1
        }
        return sum
    }

    /// The strongest gain reduction since the last call, dB (0 when the limiter did nothing).
    public mutating func takeReductionDB() -> Double {
        let reduction = 20 * log10(smallestGain)
        smallestGain = 1
        return reduction == 0 ? 0 : reduction
    }

    /// Clears the state (the gain back to unity, the delay line to silence).
    public mutating func reset() {
        for i in history.indices { history[i] = .zero }
        for i in delay.indices { delay[i] = .zero }
        for i in meanRing.indices { meanRing[i] = 1 }
        meanSum = Double(lookaheadFrames)
        previousPeak = 0; released = 1; minHead = 0; minCount = 0; position = 0
    }

    /// Limits `frames` in place (delayed by `latencyFrames`).
    public mutating func process(_ frames: UnsafeMutableBufferPointer<StereoFrame>) {
        if isIdle, isQuiet(frames) {
            passQuietly(frames)
        } else {
            limit(frames)
        }
    }

    /// The gain is at unity and has been for the whole look-ahead: quiet blocks pass as a pure
    /// delay.
    public var isIdle: Bool {
        released == 1 && minCount == 1 && minValues[minHead] == 1 && meanRing.allSatisfy { $0 == 1 }
    }

    /// No point between the samples of `frames` and the detector's history can reach the
    /// ceiling: every sample is below the ceiling divided by the largest sum of absolute tap
    /// values (the most an interpolated point can exceed its neighbours by).
    private func isQuiet(_ frames: UnsafeMutableBufferPointer<StereoFrame>) -> Bool {
        var m0 = StereoFrame.zero, m1 = StereoFrame.zero, m2 = StereoFrame.zero, m3 = StereoFrame.zero
        var i = 0
        while i + 4 <= frames.count {  // four running maxima, so their compares overlap
            m0 = largerLanes(m0, magnitudes(frames[i]))
            m1 = largerLanes(m1, magnitudes(frames[i + 1]))
            m2 = largerLanes(m2, magnitudes(frames[i + 2]))
            m3 = largerLanes(m3, magnitudes(frames[i + 3]))
            i += 4
        }
        while i < frames.count { m0 = largerLanes(m0, magnitudes(frames[i])); i += 1 }
        for x in history { m1 = largerLanes(m1, magnitudes(x)) }
        let peak = largerLanes(largerLanes(m0, m1), largerLanes(m2, m3))
        return Swift.max(peak.x, peak.y) <= quietLevel
    }

    /// The fast path for quiet blocks at unity gain: a pure delay (the state stays exactly what
    /// `limit` would leave: unity gain, the detector history filled).
    private mutating func passQuietly(_ frames: UnsafeMutableBufferPointer<StereoFrame>) {
        let length = 2 * Self.halfTaps
        for i in max(0, frames.count - length)..<frames.count {
            history[historyIndex] = frames[i]
            history[historyIndex + length] = frames[i]
            historyIndex = historyIndex == length - 1 ? 0 : historyIndex + 1
        }
        let count = delay.count
        if frames.count >= count, let base = frames.baseAddress {
            // In block copies: the newest `count` inputs wait in `carry`, the rest of the block
            // moves `count` frames later, and the line's content (oldest first, from
            // `delayIndex`) fills the start; the line then holds the carry, oldest at 0.
            let n = frames.count
            carry.withUnsafeMutableBufferPointer { carry in
                delay.withUnsafeMutableBufferPointer { delay in
                    guard let carry = carry.baseAddress, let line = delay.baseAddress else { return }
                    carry.update(from: base + (n - count), count: count)
                    (base + count).update(from: base, count: n - count)
                    let older = count - delayIndex
                    base.update(from: line + delayIndex, count: older)
                    (base + older).update(from: line, count: delayIndex)
                    line.update(from: carry, count: count)
                }
            }
            delayIndex = 0
        } else {
            var d = delayIndex
            delay.withUnsafeMutableBufferPointer { delay in
                for i in frames.indices {
                    let input = frames[i]
                    frames[i] = delay[d]
                    delay[d] = input
                    d = d == count - 1 ? 0 : d + 1
                }
            }
            delayIndex = d
        }
        previousPeak = 0
        position += frames.count
        minPositions[minHead] = position - 1
        meanSum = Double(lookaheadFrames)
    }

    /// The full limiter, sample by sample.
    private mutating func limit(_ frames: UnsafeMutableBufferPointer<StereoFrame>) {
        let length = 2 * Self.halfTaps, half = Self.halfTaps
        let capacity = minValues.count, window = lookaheadFrames, delayCount = delay.count
        let ceiling = self.ceiling, releaseFactor = self.releaseFactor
        let limit = StereoFrame(repeating: ceiling)
        var historyIndex = self.historyIndex, delayIndex = self.delayIndex, meanIndex = self.meanIndex
        var previousPeak = self.previousPeak, released = self.released, meanSum = self.meanSum
        var minHead = self.minHead, minCount = self.minCount, position = self.position, smallestGain = self.smallestGain
        taps.withUnsafeBufferPointer { taps in
        history.withUnsafeMutableBufferPointer { history in
        delay.withUnsafeMutableBufferPointer { delay in
        minValues.withUnsafeMutableBufferPointer { minValues in
        minPositions.withUnsafeMutableBufferPointer { minPositions in
        meanRing.withUnsafeMutableBufferPointer { meanRing in
            for i in frames.indices {
                let input = frames[i]
                history[historyIndex] = input
                history[historyIndex + length] = input
                historyIndex = historyIndex == length - 1 ? 0 : historyIndex + 1
                // history[historyIndex ..< historyIndex + length] is x[n-15] ... x[n].
                let window16 = UnsafeBufferPointer(rebasing: history[historyIndex..<(historyIndex + length)])
                // The three phases at once, each in two partial sums (even and odd taps), so
                // six independent chains of additions overlap instead of one long one.
                var a0 = StereoFrame.zero, a1 = StereoFrame.zero, b0 = StereoFrame.zero
                var b1 = StereoFrame.zero, c0 = StereoFrame.zero, c1 = StereoFrame.zero
                var k = 0
                while k < length {
                    let x0 = window16[k], x1 = window16[k + 1]
                    a0 += taps[k] * x0; a1 += taps[k + 1] * x1
                    b0 += taps[length + k] * x0; b1 += taps[length + k + 1] * x1
                    c0 += taps[2 * length + k] * x0; c1 += taps[2 * length + k + 1] * x1
                    k += 2
                }
                let peak = largerLanes(largerLanes(magnitudes(window16[half - 1]), magnitudes(a0 + a1)),
                                       largerLanes(magnitudes(b0 + b1), magnitudes(c0 + c1)))
                let segmentPeak = max(peak.x, peak.y)
                let needed = max(segmentPeak, previousPeak)
                previousPeak = segmentPeak
                let gain = needed > ceiling ? ceiling / needed : 1
                released = min(gain, released + (1 - released) * releaseFactor)
                // The release approaches unity but, rounded, stops short of it (1 - 1.3e-13 at
                // 48 kHz), which would keep the limiter off its quiet path for good: within
                // 1e-9 (-9e-9 dB) it is unity.
                if released > Self.unitySnap { released = 1 }
                // Running minimum over the look-ahead (monotonic deque).
                while minCount > 0 {
                    var last = minHead + minCount - 1
                    if last >= capacity { last -= capacity }
                    if minValues[last] >= released { minCount -= 1 } else { break }
                }
                var tail = minHead + minCount
                if tail >= capacity { tail -= capacity }
                minValues[tail] = released
                minPositions[tail] = position
                minCount += 1
                if minPositions[minHead] <= position - window {
                    minHead = minHead == capacity - 1 ? 0 : minHead + 1
                    minCount -= 1
                }
                let held = minValues[minHead]
                // Running mean over the look-ahead.
                meanSum += held - meanRing[meanIndex]
                meanRing[meanIndex] = held
                meanIndex = meanIndex == window - 1 ? 0 : meanIndex + 1
                let smooth = min(1, meanSum / Double(window))
                smallestGain = min(smallestGain, smooth)
                position += 1
                // The audio that gain belongs to: window - 1 + halfTaps frames ago.
                let delayed = delay[delayIndex]
                delay[delayIndex] = input
                delayIndex = delayIndex == delayCount - 1 ? 0 : delayIndex + 1
                frames[i] = (delayed * smooth).clamped(lowerBound: -limit, upperBound: limit)
            }
        }}}}}}
        self.historyIndex = historyIndex; self.delayIndex = delayIndex; self.meanIndex = meanIndex
        self.previousPeak = previousPeak; self.released = released; self.meanSum = meanSum
        self.minHead = minHead; self.minCount = minCount; self.position = position; self.smallestGain = smallestGain
    }
}
