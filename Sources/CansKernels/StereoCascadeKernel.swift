/// The inner loop of a cascade of second-order sections on stereo frames, in transposed direct
/// form II (J. O. Smith, "Introduction to Digital Filters", 2007, "Transposed Direct Forms"):
///
///     y  = b0 x + z1
///     z1 = b1 x + z2 - a1 y
///     z2 = b2 x      - a2 y
///
/// Layout: `coefficients` holds five frames per section, `b0, b1, b2, -a1, -a2` (the feedback
/// coefficients negated, so every update is a multiply-add); `state` two per section, `z1, z2`.
/// Lane 0 is the left channel, lane 1 the right, each with coefficients of its own.
///
/// Sections run four, then two, then one at a time over the block, so their states stay in
/// registers and four feedback chains overlap (one section alone is bound by the latency of its
/// own feedback); the terms that do not depend on the new output are summed first, which keeps
/// that feedback to one multiply-add. With `inFourLanePairs` (the fused kernel, where four-lane
/// registers are native) the passes are `runStereoCascadePairs` instead. The last pass scales
/// its output by `gain`. Allocates nothing. Docs/benchmarks.md, "Monitor graph", has the
/// measurements behind each choice.
@inlinable
public func runStereoCascade<M: MultiplyAdd>(
    _ arithmetic: M.Type, coefficients: UnsafePointer<SIMD2<Double>>, state: UnsafeMutablePointer<SIMD2<Double>>,
    sectionCount: Int, frames: UnsafeMutablePointer<SIMD2<Double>>, frameCount: Int, gain: SIMD2<Double>,
    inFourLanePairs: Bool = false
) {
    if sectionCount == 0 {
        for i in 0..<frameCount { frames[i] *= gain }
        return
    }
    var k = 0
    while k < sectionCount {
        let remaining = sectionCount - k
        let width = inFourLanePairs ? pairedPassWidth(remaining) : remaining >= 4 ? 4 : remaining >= 2 ? 2 : 1
        let passGain = width == remaining ? gain : SIMD2<Double>(repeating: 1)
        let c = coefficients + 5 * k, s = state + 2 * k
        switch (inFourLanePairs, width) {
        case (true, 8): runStereoCascadePairs(M.self, pairs: InlineArray<4, Void>.self, coefficients: c, state: s, frames: frames, frameCount: frameCount, gain: passGain)
        case (true, 6): runStereoCascadePairs(M.self, pairs: InlineArray<3, Void>.self, coefficients: c, state: s, frames: frames, frameCount: frameCount, gain: passGain)
        case (true, 4): runStereoCascadePairs(M.self, pairs: InlineArray<2, Void>.self, coefficients: c, state: s, frames: frames, frameCount: frameCount, gain: passGain)
        case (true, 2): runStereoCascadePairs(M.self, pairs: InlineArray<1, Void>.self, coefficients: c, state: s, frames: frames, frameCount: frameCount, gain: passGain)
        case (false, 4): runFourSections(M.self, c, s, frames, frameCount, passGain)
        case (false, 2): runTwoSections(M.self, c, s, frames, frameCount, passGain)
        default: runOneSection(M.self, c, s, frames, frameCount, passGain)
        }
        k += width
    }
}

/// Sections in the next pass of `runStereoCascadePairs`: four pairs, or three, two, one, so
/// that no pass is left with a single pair when more fit (10 sections: 6 + 4, not 8 + 2); an
/// odd last section runs on two lanes.
@inlinable
func pairedPassWidth(_ remaining: Int) -> Int {
    switch remaining {
    case 1: 1
    case 2...3: 2
    case 4...5: 4
    case 6...7, 10...11: 6
    default: 8
    }
}

/// The coefficients of one section, loaded once per block.
@usableFromInline
struct SectionRegisters {
    @usableFromInline let b0, b1, b2, negativeA1, negativeA2: SIMD2<Double>

    @inlinable @inline(__always)
    init(_ c: UnsafePointer<SIMD2<Double>>) {
        b0 = c[0]; b1 = c[1]; b2 = c[2]; negativeA1 = c[3]; negativeA2 = c[4]
    }

    /// One sample through the section: returns y, updates z1 and z2.
    @inlinable @inline(__always)
    func step<M: MultiplyAdd>(_: M.Type, _ x: SIMD2<Double>, _ z1: inout SIMD2<Double>, _ z2: inout SIMD2<Double>) -> SIMD2<Double> {
        let y = M.multiplyAdd(b0, x, z1)
        z1 = M.multiplyAdd(negativeA1, y, M.multiplyAdd(b1, x, z2))
        z2 = M.multiplyAdd(negativeA2, y, b2 * x)
        return y
    }
}

@inlinable @inline(__always)
func runOneSection<M: MultiplyAdd>(_: M.Type, _ c: UnsafePointer<SIMD2<Double>>, _ s: UnsafeMutablePointer<SIMD2<Double>>,
                                   _ frames: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int, _ gain: SIMD2<Double>) {
    let c0 = SectionRegisters(c)
    var p1 = s[0], p2 = s[1]
    for i in 0..<count {
        frames[i] = gain * c0.step(M.self, frames[i], &p1, &p2)
    }
    s[0] = p1; s[1] = p2
}

@inlinable @inline(__always)
func runTwoSections<M: MultiplyAdd>(_: M.Type, _ c: UnsafePointer<SIMD2<Double>>, _ s: UnsafeMutablePointer<SIMD2<Double>>,
                                    _ frames: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int, _ gain: SIMD2<Double>) {
    let c0 = SectionRegisters(c), c1 = SectionRegisters(c + 5)
    var p1 = s[0], p2 = s[1], q1 = s[2], q2 = s[3]
    for i in 0..<count {
        let y0 = c0.step(M.self, frames[i], &p1, &p2)
        frames[i] = gain * c1.step(M.self, y0, &q1, &q2)
    }
    s[0] = p1; s[1] = p2; s[2] = q1; s[3] = q2
}

@inlinable @inline(__always)
func runFourSections<M: MultiplyAdd>(_: M.Type, _ c: UnsafePointer<SIMD2<Double>>, _ s: UnsafeMutablePointer<SIMD2<Double>>,
                                     _ frames: UnsafeMutablePointer<SIMD2<Double>>, _ count: Int, _ gain: SIMD2<Double>) {
    let c0 = SectionRegisters(c), c1 = SectionRegisters(c + 5)
    let c2 = SectionRegisters(c + 10), c3 = SectionRegisters(c + 15)
    var p1 = s[0], p2 = s[1], q1 = s[2], q2 = s[3]
    var r1 = s[4], r2 = s[5], t1 = s[6], t2 = s[7]
    for i in 0..<count {
        let y0 = c0.step(M.self, frames[i], &p1, &p2)
        let y1 = c1.step(M.self, y0, &q1, &q2)
        let y2 = c2.step(M.self, y1, &r1, &r2)
        frames[i] = gain * c3.step(M.self, y2, &t1, &t2)
    }
    s[0] = p1; s[1] = p2; s[2] = q1; s[3] = q2
    s[4] = r1; s[5] = r2; s[6] = t1; s[7] = t2
}
