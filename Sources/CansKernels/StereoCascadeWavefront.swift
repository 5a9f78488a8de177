/// The cascade of `runStereoCascade`, with two sections in one four-lane register: a pipeline.
///
/// A pass takes `G` pairs of sections, 2G stages. At step t stage s filters frame t - s, so
/// every stage's input is a value the step before computed: pair k's register holds
/// (stage 2k on frame t - 2k, stage 2k+1 on frame t - 2k - 1), fed by the previous pair's
/// upper half and its own lower half. A block of N frames takes N + 2G - 1 steps; in the
/// first and last 2G - 1 of them the stages with no frame to filter keep their state (a
/// per-lane blend), so the pass computes exactly what the sections one after another compute,
/// with the same operations per sample, and starts and ends with the block (no added delay).
///
/// Why: four lanes hold twice the work of two for the same instruction count, and the pairs'
/// feedback chains overlap; with fused multiply-adds on x86-64-v3, 10 sections as passes of
/// three and two pairs take about a quarter less time than two-lane sections (the blends at
/// the block's ends and the lane moves between stages take part of the gain; Docs/benchmarks.md,
/// "Monitor graph").
///
/// `pairs` names G (`InlineArray<3, Void>.self` for three pairs). Layout of `coefficients` and
/// `state` as in `runStereoCascade`, from the pass's first section.
@inlinable
public func runStereoCascadePairs<let G: Int, M: MultiplyAdd>(
    _ arithmetic: M.Type, pairs: InlineArray<G, Void>.Type, coefficients: UnsafePointer<SIMD2<Double>>,
    state: UnsafeMutablePointer<SIMD2<Double>>, frames: UnsafeMutablePointer<SIMD2<Double>>, frameCount: Int,
    gain: SIMD2<Double>
) {
    let c = PairCoefficients<G>(coefficients)
    var pipeline = PairPipeline<G>(state)
    let stages = 2 * G, n = frameCount
    let lastStep = n + stages - 2
    var t = 0
    while t < min(stages - 1, lastStep + 1) {
        pipeline.maskedStep(M.self, c, t, n, frames, gain)
        t += 1
    }
    while t < n {
        pipeline.step(M.self, c, frames[t])
        frames[t - (stages - 1)] = gain * pipeline.output
        t += 1
    }
    while t <= lastStep {
        pipeline.maskedStep(M.self, c, t, n, frames, gain)
        t += 1
    }
    pipeline.store(state)
}

/// The coefficients of G pairs of sections, one four-lane register per coefficient and pair.
@usableFromInline
struct PairCoefficients<let G: Int> {
    @usableFromInline var b0, b1, b2, negativeA1, negativeA2: InlineArray<G, SIMD4<Double>>

    @inlinable @inline(__always)
    init(_ coefficients: UnsafePointer<SIMD2<Double>>) {
        b0 = InlineArray(repeating: .zero)
        b1 = b0; b2 = b0; negativeA1 = b0; negativeA2 = b0
        for k in 0..<G {
            let low = coefficients + 10 * k, high = low + 5
            b0[k] = SIMD4(lowHalf: low[0], highHalf: high[0])
            b1[k] = SIMD4(lowHalf: low[1], highHalf: high[1])
            b2[k] = SIMD4(lowHalf: low[2], highHalf: high[2])
            negativeA1[k] = SIMD4(lowHalf: low[3], highHalf: high[3])
            negativeA2[k] = SIMD4(lowHalf: low[4], highHalf: high[4])
        }
    }
}

/// The state of G pairs of sections and the values between the pipeline's stages.
@usableFromInline
struct PairPipeline<let G: Int> {
    @usableFromInline var z1, z2, previous: InlineArray<G, SIMD4<Double>>

    @inlinable @inline(__always)
    init(_ state: UnsafeMutablePointer<SIMD2<Double>>) {
        z1 = InlineArray(repeating: .zero)
        z2 = z1; previous = z1
        for k in 0..<G {
            z1[k] = SIMD4(lowHalf: state[4 * k], highHalf: state[4 * k + 2])
            z2[k] = SIMD4(lowHalf: state[4 * k + 1], highHalf: state[4 * k + 3])
        }
    }

    @inlinable @inline(__always)
    func store(_ state: UnsafeMutablePointer<SIMD2<Double>>) {
        for k in 0..<G {
            state[4 * k] = z1[k].lowHalf
            state[4 * k + 1] = z2[k].lowHalf
            state[4 * k + 2] = z1[k].highHalf
            state[4 * k + 3] = z2[k].highHalf
        }
    }

    /// The last stage's output of the last step.
    @inlinable var output: SIMD2<Double> { previous[G - 1].highHalf }

    /// One step, every stage with a frame.
    @inlinable @inline(__always)
    mutating func step<M: MultiplyAdd>(_: M.Type, _ c: PairCoefficients<G>, _ x: SIMD2<Double>) {
        let old = previous
        for k in 0..<G {
            let u = SIMD4(lowHalf: k == 0 ? x : old[k - 1].highHalf, highHalf: old[k].lowHalf)
            let y = M.multiplyAdd(c.b0[k], u, z1[k])
            z1[k] = M.multiplyAdd(c.negativeA1[k], y, M.multiplyAdd(c.b1[k], u, z2[k]))
            z2[k] = M.multiplyAdd(c.negativeA2[k], y, c.b2[k] * u)
            previous[k] = y
        }
    }

    /// Step `t` of a block of `n` frames at its start or end: stages whose frame lies outside
    /// the block keep their state; the output is written when its frame is in the block.
    @inlinable @inline(__always)
    mutating func maskedStep<M: MultiplyAdd>(_: M.Type, _ c: PairCoefficients<G>, _ t: Int, _ n: Int,
                                             _ frames: UnsafeMutablePointer<SIMD2<Double>>, _ gain: SIMD2<Double>) {
        let keep1 = z1, keep2 = z2
        step(M.self, c, t < n ? frames[t] : .zero)
        // Lane by lane, the frame its stage filters at this step, and whether it is in the block
        // (vector compares, no branches).
        let end = SIMD4<Int64>(repeating: Int64(n))
        for k in 0..<G {
            let frame = SIMD4<Int64>(repeating: Int64(t - 2 * k)) &- SIMD4<Int64>(0, 0, 1, 1)
            let mask = (frame .>= SIMD4<Int64>.zero) .& (frame .< end)
            z1[k] = keep1[k].replacing(with: z1[k], where: mask)
            z2[k] = keep2[k].replacing(with: z2[k], where: mask)
        }
        let out = t - (2 * G - 1)
        if out >= 0, out < n { frames[out] = gain * output }
    }
}
