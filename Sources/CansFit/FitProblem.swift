import Foundation

/// One filter as the optimiser sees it: type, and parameters in the optimiser's coordinates
/// (u = ln f0, v = ln Q, g = gain dB) with their bounds. A bound with equal ends fixes it.
struct FilterState {
    var type: FilterType
    // SIMD3 rather than arrays: a state is copied on every trial step, and SIMD3 needs no heap.
    var values: SIMD3<Double>  // u, v, g
    var lower: SIMD3<Double>
    var upper: SIMD3<Double>

    init(type: FilterType, slot: FilterSlot, frequencyHz: Double, q: Double, gainDB: Double, nyquistHz: Double) {
        self.type = type
        let fHigh = min(slot.frequencyHz.upperBound, 0.45 * 2 * nyquistHz)
        let fLow = min(slot.frequencyHz.lowerBound, fHigh)
        lower = [log(fLow), log(slot.q.lowerBound), slot.gainDB.lowerBound]
        upper = [log(fHigh), log(slot.q.upperBound), slot.gainDB.upperBound]
        values = [log(frequencyHz), log(q), gainDB]
        clamp()
    }

    mutating func clamp() {
        for i in 0..<3 { values[i] = min(max(values[i], lower[i]), upper[i]) }
    }

    func isFree(_ i: Int) -> Bool { upper[i] > lower[i] }

    var biquad: Biquad { Biquad(unchecked: type, frequencyHz: exp(values[0]), gainDB: values[2], q: exp(values[1])) }
}

/// The least-squares problem the optimiser solves, on a log-frequency grid:
///
/// - fit rows, f <= `trebleHz`: w_k (e_k + EQ_k - c), where e = response - target and c a free
///   level offset (every score is offset-invariant: AutoEq aligns the target the same way);
/// - one treble row: above `trebleHz` only the average level counts (AutoEq; the treble of a
///   measurement depends on placement), weighted as the points it stands for;
/// - boost rows: sqrt(mu) (EQ_k - B) wherever the EQ curve exceeds the boost limit B;
/// - steepness rows: sqrt(rho) (0.9 |g| Q - S) for peaking filters steeper than S dB/octave
///   (0.9 |g| Q is the steepest slope of an RBJ peaking filter in dB/octave within 10%).
///
/// `baseEQ` is a fixed part of the EQ (filters chosen earlier by the first guess).
struct FitProblem {
    let phi: [Double]
    let errorDB: [Double]
    let weights: [Double]
    /// Grid points at or below this index are fit rows; the rest form the treble row.
    let fitCount: Int
    let baseEQ: [Double]
    let sampleRate: Double
    let boostLimitDB: Double
    let boostWeight: Double
    let steepnessLimit: Double
    let steepnessWeight: Double

    var count: Int { phi.count }

    /// EQ of `filters` at every grid point and, with `gradient`, dEQ_k / d(params), column-major
    /// [3 j + p][k] (one contiguous column of `count` values per parameter). Fixed parameters get
    /// a zero derivative.
    func evaluate(_ filters: [FilterState], gradient: Bool) -> (eq: [Double], jacobian: [Double]) {
        var scratch = FitScratch()
        evaluate(filters, gradient: gradient, into: &scratch)
        return (scratch.eq, gradient ? scratch.jacobian : [])
    }

    /// `evaluate` into `scratch.eq` and `scratch.jacobian`, reusing their storage.
    func evaluate(_ filters: [FilterState], gradient: Bool, into scratch: inout FitScratch) {
        let m = count, n = 3 * filters.count
        scratch.eq.removeAll(keepingCapacity: true)
        scratch.eq.append(contentsOf: baseEQ)
        // Every column is written below (a fixed parameter's with zeros): no zero fill first.
        if gradient { scratch.jacobian.resize(m * n) }
        // The cascade's |H|^2 is the product of the filters' N / D: numerators and denominators are
        // multiplied up apart (no overflow: each is within about 1e-11...1e5 for the gains and
        // frequencies a fit allows), then one division and one log per point.
        scratch.numerator.fill(1, count: m)
        scratch.denominator.fill(1, count: m)
        let scale = 10 / log(10.0)
        phi.withUnsafeBufferPointer { php in
            scratch.numerator.withUnsafeMutableBufferPointer { pn in
                scratch.denominator.withUnsafeMutableBufferPointer { pd in
                    scratch.jacobian.withUnsafeMutableBufferPointer { jp in
                        for (j, state) in filters.enumerated() {
                            let c = BiquadCoefficients(
                                type: state.type, frequencyHz: exp(state.values[0]), gainDB: state.values[2],
                                q: exp(state.values[1]), sampleRate: sampleRate, withDerivatives: gradient)
                            let (b0, b1, b2, a0, a1, a2) = (c.b0, c.b1, c.b2, c.a0, c.a1, c.a2)
                            let sb = b0 + b1 + b2, sa = a0 + a1 + a2
                            // |H|^2 = N / D with N = sb^2 + nPhi phi + nPhi2 phi^2 (the same for D).
                            let nPhi = -4 * (b0 * b1 + 4 * b0 * b2 + b1 * b2), nPhi2 = 16 * b0 * b2
                            let dPhi = -4 * (a0 * a1 + 4 * a0 * a2 + a1 * a2), dPhi2 = 16 * a0 * a2
                            let sb2 = sb * sb, sa2 = sa * sa
                            guard gradient else {
                                // Four points per pass (the same operations per point as one at a time).
                                var k = 0
                                while k + 4 <= m {
                                    let ph = load4(php.baseAddress!, k)
                                    store4(pn.baseAddress!, k, load4(pn.baseAddress!, k) * poly4(sb2, nPhi, nPhi2, ph))
                                    store4(pd.baseAddress!, k, load4(pd.baseAddress!, k) * poly4(sa2, dPhi, dPhi2, ph))
                                    k += 4
                                }
                                while k < m {
                                    let ph = php[k]
                                    pn[k] *= sb2 + (nPhi + nPhi2 * ph) * ph
                                    pd[k] *= sa2 + (dPhi + dPhi2 * ph) * ph
                                    k += 1
                                }
                                continue
                            }
                            // dN/dp and dD/dp as quadratics in phi, per parameter (chain rule through
                            // the coefficients): dN = 2 sb dsb - 4 d(b0 b1 + 4 b0 b2 + b1 b2) phi
                            // + 16 d(b0 b2) phi^2; d(10 log10 N/D)/dp = scale (dN / N - dD / D).
                            // A fixed parameter's quadratics are zero, so its column is written as zeros.
                            func quadratic(_ p: Int) -> SIMD8<Double> {
                                guard state.isFree(p) else { return .zero }
                                let d = c.derivative(p)
                                let dsb = d[0] + d[1] + d[2], dsa = d[3] + d[4] + d[5]
                                return SIMD8(
                                    2 * sb * dsb,
                                    -4 * (d[0] * b1 + b0 * d[1] + 4 * (d[0] * b2 + b0 * d[2]) + d[1] * b2 + b1 * d[2]),
                                    16 * (d[0] * b2 + b0 * d[2]),
                                    2 * sa * dsa,
                                    -4 * (d[3] * a1 + a0 * d[4] + 4 * (d[3] * a2 + a0 * d[5]) + d[4] * a2 + a1 * d[5]),
                                    16 * (d[3] * a2 + a0 * d[5]), 0, 0)
                            }
                            let qu = quadratic(0), qv = quadratic(1), qg = quadratic(2)
                            let cu = jp.baseAddress! + 3 * j * m, cv = cu + m, cg = cv + m
                            // Four points per pass, then one at a time: the same operations per point either way.
                            var k = 0
                            while k + 4 <= m {
                                let ph = load4(php.baseAddress!, k)
                                let nn = poly4(sb2, nPhi, nPhi2, ph), dd = poly4(sa2, dPhi, dPhi2, ph)
                                store4(pn.baseAddress!, k, load4(pn.baseAddress!, k) * nn)
                                store4(pd.baseAddress!, k, load4(pd.baseAddress!, k) * dd)
                                let inverse: SIMD4<Double> = scale / (nn * dd)
                                let rn = dd * inverse, rd = nn * inverse
                                store4(cu, k, column4(qu, ph, rn, rd))
                                store4(cv, k, column4(qv, ph, rn, rd))
                                store4(cg, k, column4(qg, ph, rn, rd))
                                k += 4
                            }
                            while k < m {
                                defer { k += 1 }
                                let ph = php[k]
                                let nn = sb2 + (nPhi + nPhi2 * ph) * ph
                                let dd = sa2 + (dPhi + dPhi2 * ph) * ph
                                pn[k] *= nn
                                pd[k] *= dd
                                // One division per point for all three columns.
                                let inverse = scale / (nn * dd)
                                let rn = dd * inverse, rd = nn * inverse
                                cu[k] = (qu[0] + (qu[1] + qu[2] * ph) * ph) * rn - (qu[3] + (qu[4] + qu[5] * ph) * ph) * rd
                                cv[k] = (qv[0] + (qv[1] + qv[2] * ph) * ph) * rn - (qv[3] + (qv[4] + qv[5] * ph) * ph) * rd
                                cg[k] = (qg[0] + (qg[1] + qg[2] * ph) * ph) * rn - (qg[3] + (qg[4] + qg[5] * ph) * ph) * rd
                            }
                        }
                    }
                }
            }
        }
        scratch.eq.withUnsafeMutableBufferPointer { eq in
            for k in 0..<m { eq[k] += scale * log(scratch.numerator[k] / scratch.denominator[k]) }
        }
    }

    /// The residual rows into `scratch.r` and (with `gradient`) the Jacobian over [filter
    /// params..., c] into `scratch.rows`, column-major: 3 F + 1 columns of `r.count` rows each.
    /// Their storage is reused (a solve calls this once per step; the first guess makes many
    /// small solves).
    func residuals(_ filters: [FilterState], offset: Double, gradient: Bool, into scratch: inout FitScratch) {
        evaluate(filters, gradient: gradient, into: &scratch)
        let eq = scratch.eq, jac = scratch.jacobian
        let m = count, n = 3 * filters.count, cols = n + 1
        let trebleCount = m - fitCount
        scratch.boostRows.removeAll(keepingCapacity: true)
        for k in 0..<m where eq[k] > boostLimitDB { scratch.boostRows.append(k) }
        let boostRows = scratch.boostRows
        let steepRows = filters.indices.filter { j in
            filters[j].type == .peaking && 0.9 * abs(filters[j].values[2]) * exp(filters[j].values[1]) > steepnessLimit
        }
        let rowCount = fitCount + (trebleCount > 0 ? 1 : 0) + boostRows.count + steepRows.count
        scratch.r.removeAll(keepingCapacity: true)
        for k in 0..<fitCount { scratch.r.append(weights[k] * (errorDB[k] + eq[k] - offset)) }
        var trebleWeight = 0.0
        if trebleCount > 0 {
            var mean = 0.0, meanWeight = 0.0
            for k in fitCount..<m {
                mean += errorDB[k] + eq[k]
                meanWeight += weights[k]
            }
            let t = Double(trebleCount)
            trebleWeight = (meanWeight / t) * t.squareRoot()
            scratch.r.append(trebleWeight * (mean / t - offset))
        }
        let sqrtMu = boostWeight.squareRoot()
        for k in boostRows { scratch.r.append(sqrtMu * (eq[k] - boostLimitDB)) }
        let sqrtRho = steepnessWeight.squareRoot()
        for j in steepRows {
            let steepness = 0.9 * abs(filters[j].values[2]) * exp(filters[j].values[1])
            scratch.r.append(sqrtRho * (steepness - steepnessLimit))
        }
        guard gradient else { return }
        // Each column's fit, treble and boost rows are written below; the rest is zeroed here.
        let first = rowCount - steepRows.count
        scratch.rows.resize(rowCount * cols)
        scratch.rows.withUnsafeMutableBufferPointer { out in
            for i in 0..<n {
                for k in first..<rowCount { out[i * rowCount + k] = 0 }
            }
            for k in (fitCount + (trebleCount > 0 ? 1 : 0))..<rowCount { out[n * rowCount + k] = 0 }
            jac.withUnsafeBufferPointer { jp in
                weights.withUnsafeBufferPointer { wp in
                    for i in 0..<n {
                        let src = i * m, dst = i * rowCount
                        for k in 0..<fitCount { out[dst + k] = wp[k] * jp[src + k] }
                        var row = fitCount
                        if trebleCount > 0 {
                            var g = 0.0
                            for k in fitCount..<m { g += jp[src + k] }
                            out[dst + row] = g * trebleWeight / Double(trebleCount)
                            row += 1
                        }
                        for k in boostRows {
                            out[dst + row] = sqrtMu * jp[src + k]
                            row += 1
                        }
                    }
                    // The offset column.
                    let dst = n * rowCount
                    for k in 0..<fitCount { out[dst + k] = -wp[k] }
                    if trebleCount > 0 { out[dst + fitCount] = -trebleWeight }
                }
            }
            // Steepness rows: d/dv of 0.9 |g| e^v is the steepness itself; d/dg is 0.9 Q sign(g).
            for (index, j) in steepRows.enumerated() {
                let q = exp(filters[j].values[1]), gain = filters[j].values[2]
                if filters[j].isFree(1) { out[(3 * j + 1) * rowCount + first + index] = sqrtRho * 0.9 * abs(gain) * q }
                if filters[j].isFree(2) { out[(3 * j + 2) * rowCount + first + index] = sqrtRho * 0.9 * q * (gain < 0 ? -1 : 1) }
            }
        }
    }

    /// c0 + (c1 + c2 x) x on four points, in the order the one-point code uses.
    @inline(__always) private func poly4(_ c0: Double, _ c1: Double, _ c2: Double, _ x: SIMD4<Double>) -> SIMD4<Double> {
        let inner: SIMD4<Double> = c1 + c2 * x
        return c0 + inner * x
    }

    /// One Jacobian column on four points: dN/N - dD/D scaled, from the parameter's quadratics.
    @inline(__always) private func column4(_ q: SIMD8<Double>, _ x: SIMD4<Double>, _ rn: SIMD4<Double>, _ rd: SIMD4<Double>) -> SIMD4<Double> {
        let numerator = poly4(q[0], q[1], q[2], x) * rn
        let denominator = poly4(q[3], q[4], q[5], x) * rd
        return numerator - denominator
    }

    /// The sum of squared rows, with `scratch` reused.
    func cost(_ filters: [FilterState], offset: Double, scratch: inout FitScratch) -> Double {
        residuals(filters, offset: offset, gradient: false, into: &scratch)
        return scratch.r.reduce(0) { $0 + $1 * $1 }
    }
}

/// The arrays a fit step fills, kept from step to step so that a solve allocates them once.
struct FitScratch {
    var eq: [Double] = []
    var jacobian: [Double] = []
    var numerator: [Double] = []
    var denominator: [Double] = []
    var boostRows: [Int] = []
    var r: [Double] = []
    var rows: [Double] = []
}

extension Array where Element == Double {
    /// Makes the array `count` long, reusing its storage; new elements are zero (callers that
    /// resize write every element).
    mutating func resize(_ count: Int) {
        if self.count > count {
            removeLast(self.count - count)
        } else if self.count < count {
            append(contentsOf: repeatElement(0, count: count - self.count))
        }
    }

    /// Makes the array `count` copies of `value`, reusing its storage.
    mutating func fill(_ value: Double, count: Int) {
        resize(count)
        withUnsafeMutableBufferPointer { $0.update(repeating: value) }
    }
}
