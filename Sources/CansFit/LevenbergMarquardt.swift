import Foundation

/// Levenberg-Marquardt on a `FitProblem` (K. Levenberg 1944, D. Marquardt 1963; the scaled
/// damping of Marquardt: (J^T J + lambda diag(J^T J)) step = -J^T r), with bounds kept by
/// projection (each trial point is clamped into its box) and an active set (a parameter on its
/// bound that the gradient pushes outward is held for the step).
///
/// The damping follows H. B. Nielsen, "Damping parameter in Marquardt's method" (IMM-REP-1999-05;
/// also K. Madsen, H. B. Nielsen, O. Tingleff, "Methods for non-linear least squares problems",
/// 2004, section 3.2): after an accepted step lambda is multiplied by max(1/3, 1 - (2 rho - 1)^3),
/// with rho the ratio of the actual to the predicted reduction, and after a rejected one by nu,
/// which doubles on each rejection in a row. Against the plain /3 and x4 rule it rejects fewer
/// steps and, started at lambda 0.1, reaches in 60 steps a better fit than the plain rule in 100
/// (Docs/benchmarks.md, "EQ fit").
///
/// Deterministic: it stops after `maxIterations` trial steps or when an accepted step improves
/// the cost by less than `relativeTolerance`, never on time.
enum LevenbergMarquardt {
    /// The damping a solve starts from.
    static let initialLambda = 0.1

    /// Improves `filters` and `offset` in place; returns the final cost (sum of squared rows).
    @discardableResult
    static func solve(_ problem: FitProblem, filters: inout [FilterState], offset: inout Double,
                      maxIterations: Int, relativeTolerance: Double = 1e-7) -> Double {
        let n = 3 * filters.count + 1
        var scratch = FitScratch()
        var cost = problem.cost(filters, offset: offset, scratch: &scratch)
        var lambda = initialLambda
        var nu = 2.0
        var smallSteps = 0
        var normal = [Double](repeating: 0, count: n * n), rhs = [Double](repeating: 0, count: n)
        var needsJacobian = true
        for _ in 0..<maxIterations {
            if needsJacobian {
                problem.residuals(filters, offset: offset, gradient: true, into: &scratch)
                // Fixed parameters have all-zero columns, and their rows and columns of the system
                // are replaced below: their dot products are skipped.
                var active = [Bool](repeating: true, count: n)
                for i in 0..<(n - 1) { active[i] = filters[i / 3].isFree(i % 3) }
                normalEquations(scratch.rows, scratch.r, n: n, active: active, normal: &normal, rhs: &rhs)
                needsJacobian = false
            }
            var system = normal
            var b = rhs
            for i in 0..<n {
                let diagonal = normal[i * n + i]
                var free = i == n - 1 || filters[i / 3].isFree(i % 3)
                if free, i < n - 1 {
                    // Active set: a parameter on its bound that the gradient pushes outward stays
                    // there for this step (projection alone would distort the other parameters' step).
                    let state = filters[i / 3], p = i % 3
                    if (state.values[p] <= state.lower[p] && rhs[i] < 0) || (state.values[p] >= state.upper[p] && rhs[i] > 0) { free = false }
                }
                if !free || diagonal == 0 {
                    for k in 0..<n { system[i * n + k] = 0; system[k * n + i] = 0 }
                    system[i * n + i] = 1
                    b[i] = 0
                } else {
                    system[i * n + i] = diagonal * (1 + lambda) + 1e-12
                }
            }
            var step = b
            guard choleskySolve(&system, &step, n: n) else {
                lambda *= nu
                nu *= 2
                if lambda > 1e12 { break }
                continue
            }
            var trial = filters
            for j in 0..<filters.count {
                for p in 0..<3 { trial[j].values[p] += step[3 * j + p] }
                trial[j].clamp()
            }
            let trialOffset = offset + step[n - 1]
            let trialCost = problem.cost(trial, offset: trialOffset, scratch: &scratch)
            if trialCost < cost {
                // The reduction the linear model predicted: step . (lambda diag step + b), b = -J^T r.
                var predicted = 0.0
                for i in 0..<n where b[i] != 0 { predicted += step[i] * (lambda * normal[i * n + i] * step[i] + b[i]) }
                let rho = (cost - trialCost) / max(predicted, 1e-300)
                let t = 2 * rho - 1
                lambda = max(lambda * max(1.0 / 3, 1 - t * t * t), 1e-9)
                nu = 2
                let improvement = (cost - trialCost) / max(cost, 1e-30)
                filters = trial
                offset = trialOffset
                cost = trialCost
                needsJacobian = true
                if improvement < relativeTolerance {
                    smallSteps += 1
                    if smallSteps >= 2 { break }
                } else {
                    smallSteps = 0
                }
            } else {
                lambda *= nu
                nu *= 2
                if lambda > 1e12 { break }
            }
        }
        return cost
    }

    /// J^T J (upper triangle) and -J^T r from a column-major J (`n` columns of `r.count` rows):
    /// each entry one dot product of two contiguous columns (the hot spot of a fit).
    /// Columns not `active` (all zero) get zero entries without a dot product.
    static func normalEquations(_ jacobian: [Double], _ r: [Double], n: Int, active: [Bool]? = nil, normal: inout [Double], rhs: inout [Double]) {
        let rows = r.count
        normal.withUnsafeMutableBufferPointer { a in
            rhs.withUnsafeMutableBufferPointer { b in
                jacobian.withUnsafeBufferPointer { j in
                    r.withUnsafeBufferPointer { rr in
                        for i in 0..<n {
                            guard active?[i] ?? true else {
                                b[i] = 0
                                for k in i..<n { a[i * n + k] = 0 }
                                continue
                            }
                            let ci = j.baseAddress! + i * rows
                            b[i] = -dot(ci, rr.baseAddress!, rows)
                            var k = i
                            while k < n {
                                if k + 3 < n, active?[k] ?? true, active?[k + 1] ?? true, active?[k + 2] ?? true, active?[k + 3] ?? true {
                                    // Four columns per pass over column i.
                                    let sums = dot4(ci, j.baseAddress! + k * rows, rows)
                                    for c in 0..<4 { a[i * n + k + c] = sums[c] }
                                    k += 4
                                } else if k + 1 < n, active?[k] ?? true, active?[k + 1] ?? true {
                                    // Two columns per pass over column i (each sum in dot's order).
                                    let (x, y) = dot2(ci, j.baseAddress! + k * rows, j.baseAddress! + (k + 1) * rows, rows)
                                    a[i * n + k] = x
                                    a[i * n + k + 1] = y
                                    k += 2
                                } else {
                                    a[i * n + k] = active?[k] ?? true ? dot(ci, j.baseAddress! + k * rows, rows) : 0
                                    k += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Dot product with four running sums in a fixed order (the same bits on every machine).
    @inline(__always)
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ count: Int) -> Double {
        var s = SIMD4<Double>.zero
        var k = 0
        while k + 4 <= count {
            s += load4(x, k) * load4(y, k)
            k += 4
        }
        var total = (s[0] + s[1]) + (s[2] + s[3])
        while k < count {
            total += x[k] * y[k]
            k += 1
        }
        return total
    }

    /// `dot(x, y + c * count, count)` for the four columns c = 0...3 that follow `y`, in one pass
    /// over x, each summed exactly as `dot`.
    @inline(__always)
    static func dot4(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ count: Int) -> SIMD4<Double> {
        var s0 = SIMD4<Double>.zero, s1 = s0, s2 = s0, s3 = s0
        let y1 = y + count, y2 = y + 2 * count, y3 = y + 3 * count
        var k = 0
        while k + 4 <= count {
            let xv = load4(x, k)
            s0 += xv * load4(y, k)
            s1 += xv * load4(y1, k)
            s2 += xv * load4(y2, k)
            s3 += xv * load4(y3, k)
            k += 4
        }
        var total = SIMD4((s0[0] + s0[1]) + (s0[2] + s0[3]), (s1[0] + s1[1]) + (s1[2] + s1[3]),
                          (s2[0] + s2[1]) + (s2[2] + s2[3]), (s3[0] + s3[1]) + (s3[2] + s3[3]))
        while k < count {
            total += x[k] * SIMD4(y[k], y[count + k], y[2 * count + k], y[3 * count + k])
            k += 1
        }
        return total
    }

    /// `dot(x, y, count)` and `dot(x, z, count)` in one pass over x, each summed exactly as `dot`.
    @inline(__always)
    static func dot2(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ z: UnsafePointer<Double>, _ count: Int) -> (Double, Double) {
        var s = SIMD4<Double>.zero, t = SIMD4<Double>.zero
        var k = 0
        while k + 4 <= count {
            let xv = load4(x, k)
            s += xv * load4(y, k)
            t += xv * load4(z, k)
            k += 4
        }
        var first = (s[0] + s[1]) + (s[2] + s[3])
        var second = (t[0] + t[1]) + (t[2] + t[3])
        while k < count {
            first += x[k] * y[k]
            second += x[k] * z[k]
            k += 1
        }
        return (first, second)
    }

    /// Solves S x = b in place for a symmetric positive definite S of which the upper triangle
    /// is filled (row-major, n x n): S becomes its Cholesky factor U (S = U^T U, upper
    /// triangle), b becomes x. Right-looking: once row k of U is final it is subtracted, scaled,
    /// from every later row, so all the work is on contiguous rows (G. H. Golub, C. F. Van Loan,
    /// "Matrix Computations", 4th ed., 2013, section 4.2). Returns false when S is not positive
    /// definite.
    static func choleskySolve(_ s: inout [Double], _ b: inout [Double], n: Int) -> Bool {
        s.withUnsafeMutableBufferPointer { u in
            b.withUnsafeMutableBufferPointer { x -> Bool in
                let base = u.baseAddress!
                for k in 0..<n {
                    let rowK = base + k * n
                    let diagonal = rowK[k]
                    guard diagonal > 0, diagonal.isFinite else { return false }
                    let root = diagonal.squareRoot()
                    rowK[k] = root
                    let inverse = 1 / root
                    for j in (k + 1)..<n { rowK[j] *= inverse }
                    for i in (k + 1)..<n {
                        let factor = rowK[i]
                        if factor != 0 { subtract(factor, times: rowK + i, from: base + i * n + i, count: n - i) }
                    }
                }
                // U^T y = b, row by row of U; then U x = y from the last row up.
                for k in 0..<n {
                    let rowK = base + k * n
                    let y = x[k] / rowK[k]
                    x[k] = y
                    if y != 0 { subtract(y, times: rowK + k + 1, from: x.baseAddress! + k + 1, count: n - k - 1) }
                }
                for i in stride(from: n - 1, through: 0, by: -1) {
                    let rowI = base + i * n
                    x[i] = (x[i] - dot(rowI + i + 1, x.baseAddress! + i + 1, n - i - 1)) / rowI[i]
                }
                return true
            }
        }
    }

    /// y[k] -= a x[k] for k < count, four at a time (each element the same operation either way).
    @inline(__always)
    static func subtract(_ a: Double, times x: UnsafeMutablePointer<Double>, from y: UnsafeMutablePointer<Double>, count: Int) {
        var k = 0
        while k + 4 <= count {
            store4(y, k, load4(y, k) - a * load4(x, k))
            k += 4
        }
        while k < count {
            y[k] -= a * x[k]
            k += 1
        }
    }
}
