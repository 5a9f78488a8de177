import Foundation

/// One filter as the optimiser sees it: type, and parameters in the optimiser's coordinates
/// (u = ln f0, v = ln Q, g = gain dB) with their bounds. A bound with equal ends fixes it.
struct FilterState {
    var type: FilterType
    var values: [Double]  // u, v, g
    var lower: [Double]
    var upper: [Double]

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

    /// EQ of `filters` at every grid point and, with `gradient`, dEQ_k / d(params), row-major
    /// [k][3 j + p]. Fixed parameters get a zero derivative.
    func evaluate(_ filters: [FilterState], gradient: Bool) -> (eq: [Double], jacobian: [Double]) {
        let m = count, n = 3 * filters.count
        var eq = baseEQ
        var jac = gradient ? [Double](repeating: 0, count: m * n) : []
        // The cascade's |H|^2 is the product of the filters' ratios: one log per point.
        var product = [Double](repeating: 1, count: m)
        let scale = 10 / log(10.0)
        for (j, state) in filters.enumerated() {
            let c = BiquadCoefficients(
                type: state.type, frequencyHz: exp(state.values[0]), gainDB: state.values[2],
                q: exp(state.values[1]), sampleRate: sampleRate, withDerivatives: gradient)
            let (b0, b1, b2, a0, a1, a2) = (c.b0, c.b1, c.b2, c.a0, c.a1, c.a2)
            let sb = b0 + b1 + b2, sa = a0 + a1 + a2
            var d = [[Double]](repeating: [0, 0, 0, 0, 0, 0], count: 3)
            if gradient, let derivatives = c.derivatives {
                for p in 0..<3 where state.isFree(p) { d[p] = derivatives[p] }
            }
            product.withUnsafeMutableBufferPointer { eqp in
                jac.withUnsafeMutableBufferPointer { jp in
                    for k in 0..<m {
                        let ph = phi[k], ph2 = ph * ph
                        let nn = sb * sb - 4 * (b0 * b1 + 4 * b0 * b2 + b1 * b2) * ph + 16 * b0 * b2 * ph2
                        let dd = sa * sa - 4 * (a0 * a1 + 4 * a0 * a2 + a1 * a2) * ph + 16 * a0 * a2 * ph2
                        eqp[k] *= nn / dd
                        if gradient {
                            let nb0 = 2 * sb - 4 * (b1 + 4 * b2) * ph + 16 * b2 * ph2
                            let nb1 = 2 * sb - 4 * (b0 + b2) * ph
                            let nb2 = 2 * sb - 4 * (4 * b0 + b1) * ph + 16 * b0 * ph2
                            let da0 = 2 * sa - 4 * (a1 + 4 * a2) * ph + 16 * a2 * ph2
                            let da1 = 2 * sa - 4 * (a0 + a2) * ph
                            let da2 = 2 * sa - 4 * (4 * a0 + a1) * ph + 16 * a0 * ph2
                            let inN = 1 / nn, inD = 1 / dd
                            for p in 0..<3 {
                                let dp = d[p]
                                let dN = nb0 * dp[0] + nb1 * dp[1] + nb2 * dp[2]
                                let dD = da0 * dp[3] + da1 * dp[4] + da2 * dp[5]
                                jp[k * n + 3 * j + p] = scale * (dN * inN - dD * inD)
                            }
                        }
                    }
                }
            }
        }
        for k in 0..<m { eq[k] += scale * log(product[k]) }
        return (eq, jac)
    }

    /// The residual rows and (with `gradient`) the Jacobian over [filter params..., c],
    /// row-major with 3 F + 1 columns.
    func residuals(_ filters: [FilterState], offset: Double, gradient: Bool) -> (r: [Double], jacobian: [Double]) {
        let (eq, jac) = evaluate(filters, gradient: gradient)
        let n = 3 * filters.count, cols = n + 1
        var r = [Double]()
        r.reserveCapacity(fitCount + 8)
        var rows = [Double]()
        if gradient { rows.reserveCapacity((fitCount + 8) * cols) }
        for k in 0..<fitCount {
            let w = weights[k]
            if gradient {
                for i in 0..<n { rows.append(w * jac[k * n + i]) }
                rows.append(-w)
            }
            r.append(w * (errorDB[k] + eq[k] - offset))
        }
        let trebleCount = count - fitCount
        if trebleCount > 0 {
            var mean = 0.0, meanWeight = 0.0
            var g = [Double](repeating: 0, count: cols)
            for k in fitCount..<count {
                mean += errorDB[k] + eq[k]
                meanWeight += weights[k]
                if gradient { for i in 0..<n { g[i] += jac[k * n + i] } }
            }
            let t = Double(trebleCount)
            let w = (meanWeight / t) * t.squareRoot()
            if gradient {
                for i in 0..<n { g[i] *= w / t }
                g[n] = -w
                rows += g
            }
            r.append(w * (mean / t - offset))
        }
        let sqrtMu = boostWeight.squareRoot()
        for k in 0..<count where eq[k] > boostLimitDB {
            if gradient {
                for i in 0..<n { rows.append(sqrtMu * jac[k * n + i]) }
                rows.append(0)
            }
            r.append(sqrtMu * (eq[k] - boostLimitDB))
        }
        let sqrtRho = steepnessWeight.squareRoot()
        for (j, state) in filters.enumerated() where state.type == .peaking {
            let q = exp(state.values[1]), gain = state.values[2]
            let steepness = 0.9 * abs(gain) * q
            guard steepness > steepnessLimit else { continue }
            if gradient {
                var g = [Double](repeating: 0, count: cols)
                if state.isFree(1) { g[3 * j + 1] = sqrtRho * steepness }
                if state.isFree(2) { g[3 * j + 2] = sqrtRho * 0.9 * q * (gain < 0 ? -1 : 1) }
                rows += g
            }
            r.append(sqrtRho * (steepness - steepnessLimit))
        }
        return (r, rows)
    }

    func cost(_ filters: [FilterState], offset: Double) -> Double {
        residuals(filters, offset: offset, gradient: false).r.reduce(0) { $0 + $1 * $1 }
    }
}
