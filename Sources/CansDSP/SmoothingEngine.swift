import CansCore
import Foundation

/// Exact window averages of a curve that is linear in dB between points against x = log2(f).
///
/// Values are taken relative to the largest magnitude `ref` (so powers are at most 1 and a flat
/// curve is exactly 0 dB or power 1, whatever its level). Each segment [x_k, x_k+1] of width
/// dx_k is integrated in closed form: in dB a trapezoid; in power the curve is
/// p(x) = p_k * exp(u_k * t), t the fraction of the segment and u_k = ln(10)/10 * (y_k+1 - y_k),
/// whose integral is dx_k * (p_k+1 - p_k) / u_k (the logarithmic mean of the ends; a series for
/// |u| < 1e-3). Prefix sums P_k (the integral from x_0 to x_k) are kept as a double-double
/// (hi + lo, Knuth's TwoSum), so a window far below the loudest part keeps its digits. A window
/// [a, b] is the partial segment from a to the next point, P_kb - P_ka+1, and the partial segment
/// from the last point to b; or a single partial segment when a and b share one. Should a
/// window's middle still fall below 1e-12 of the running total (a window more than about
/// 120 dB below the response's average level, such as the -400 dB floor of a zero), it is
/// summed segment by segment instead.
///
/// Every average is clamped into [lowest magnitude, `ref`]: a true average lies there, so this
/// only removes rounding and maps a power that underflowed to 0 onto the lowest magnitude.
///
/// Speed (release build, 1/12 octave on the 695-point AutoEq grid, thread CPU time on the shared
/// 2-core 2.8 GHz Xeon): about 42 us averaging power, 20 us averaging dB. Power costs five libm
/// calls per point (log2 of f, exp of the level, exp at each window edge, ln of the mean; a C
/// loop making the same calls took 32 us on the same machine), so the arithmetic around them is
/// not where the time goes. The loop runs on raw pointers into one scratch buffer because the
/// array version spent over 10 % of its time in retain/release (perf), and converts back with
/// ln, not log10, because glibc's log10 costs about two logarithms.
enum LogFrequencyAverager {
    /// ln(10) / 10: d(ln power) / d(dB).
    static let nepersPerDB = M_LN10 / 10
    /// 10 / ln(10): d(dB) / d(ln power).
    static let decibelsPerNeper = 10 / M_LN10

    /// Smoothed magnitudes in dB. `lowLog2[i] <= highLog2[i]` (log2 Hz, may be infinite), all
    /// arrays of one length, `log2Hz` increasing.
    static func average(
        log2Hz: [Double], magnitudesDB: [Double], lowLog2: [Double], highLog2: [Double],
        averaging: SmoothingAverage
    ) -> [Double] {
        let n = log2Hz.count
        guard n > 1 else { return magnitudesDB }
        let ref = magnitudesDB.max()!
        var scratch = [Double](repeating: 0, count: Curve.scratchPerPoint * n)
        return [Double](unsafeUninitializedCapacity: n) { result, initialized in
            scratch.withUnsafeMutableBufferPointer { scratch in
                log2Hz.withUnsafeBufferPointer { xs in
                    magnitudesDB.withUnsafeBufferPointer { ys in
                        lowLog2.withUnsafeBufferPointer { lows in
                            highLog2.withUnsafeBufferPointer { highs in
                                let curve = Curve(
                                    xs: xs.baseAddress!, ys: ys.baseAddress!, scratch: scratch.baseAddress!,
                                    count: n, ref: ref, averaging: averaging)
                                curve.averages(
                                    lows: lows.baseAddress!, highs: highs.baseAddress!, into: result.baseAddress!)
                            }
                        }
                    }
                }
            }
            initialized = n
        }
    }

    /// The curve in the averaging domain with its prefix integrals, over borrowed storage.
    struct Curve {
        static let scratchPerPoint = 6
        let xs: UnsafePointer<Double>, ys: UnsafePointer<Double>
        /// Relative dB values (`.decibels`) or relative powers (`.power`), per point.
        let values: UnsafeMutablePointer<Double>
        /// Double-double prefix integrals, per point: P_k = prefixHigh[k] + prefixLow[k].
        let prefixHigh: UnsafeMutablePointer<Double>, prefixLow: UnsafeMutablePointer<Double>
        /// Per segment: 1 / dx_k; u_k (power: ln(10)/10 * dB rise); dx_k / u_k (power, |u_k| >= 1e-3).
        let inverseWidths: UnsafeMutablePointer<Double>, rates: UnsafeMutablePointer<Double>
        let widthsPerRate: UnsafeMutablePointer<Double>
        let count: Int
        /// The largest magnitude in dB; values are relative to it.
        let ref: Double
        let averaging: SmoothingAverage

        /// Fills `scratch` (`scratchPerPoint * count`) with the per-point and per-segment tables.
        init(
            xs: UnsafePointer<Double>, ys: UnsafePointer<Double>, scratch: UnsafeMutablePointer<Double>,
            count: Int, ref: Double, averaging: SmoothingAverage
        ) {
            self.xs = xs
            self.ys = ys
            self.count = count
            self.ref = ref
            self.averaging = averaging
            values = scratch
            prefixHigh = scratch + count
            prefixLow = scratch + 2 * count
            inverseWidths = scratch + 3 * count
            rates = scratch + 4 * count
            widthsPerRate = scratch + 5 * count
            for k in 0..<count {
                switch averaging {
                case .power: values[k] = exp(LogFrequencyAverager.nepersPerDB * (ys[k] - ref))
                case .decibels: values[k] = ys[k] - ref
                }
            }
            var sumHigh = 0.0, sumLow = 0.0
            prefixHigh[0] = 0
            prefixLow[0] = 0
            for k in 0..<(count - 1) {
                let width = xs[k + 1] - xs[k]
                inverseWidths[k] = 1 / width
                let segment: Double
                switch averaging {
                case .decibels:
                    segment = width * 0.5 * (values[k] + values[k + 1])
                case .power:
                    let rate = LogFrequencyAverager.nepersPerDB * (ys[k + 1] - ys[k])
                    rates[k] = rate
                    widthsPerRate[k] = abs(rate) < Self.seriesLimit ? 0 : width / rate
                    segment = Self.powerPiece(
                        width: width, start: values[k], end: values[k + 1], rate: rate, widthPerRate: widthsPerRate[k])
                }
                let (sum, error) = LogFrequencyAverager.twoSum(sumHigh, segment)
                sumHigh = sum
                sumLow += error
                prefixHigh[k + 1] = sumHigh
                prefixLow[k + 1] = sumLow
            }
        }

        /// Writes the smoothed magnitude in dB of every point into `result`.
        func averages(
            lows: UnsafePointer<Double>, highs: UnsafePointer<Double>, into result: UnsafeMutablePointer<Double>
        ) {
            let first = xs[0], last = xs[count - 1]
            var lowest = ys[0]
            for k in 1..<count { lowest = min(lowest, ys[k]) }
            var cursorLow = 0, cursorHigh = 0
            for i in 0..<count {
                let a = min(max(lows[i], first), last), b = min(max(highs[i], first), last)
                locate(a, cursor: &cursorLow)
                locate(b, cursor: &cursorHigh)
                guard b > a else {
                    // Zero width after truncation: the curve's value there.
                    let k = cursorLow, t = (a - xs[k]) * inverseWidths[k]
                    result[i] = ys[k] + t * (ys[k + 1] - ys[k])
                    continue
                }
                let mean = integral(from: a, in: cursorLow, to: b, in: cursorHigh) / (b - a)
                // ln rather than log10: glibc's log10 costs two logarithms (a third of the time).
                let level = averaging == .power ? ref + LogFrequencyAverager.decibelsPerNeper * log(mean) : ref + mean
                // An average lies within the curve's range; this only catches rounding and a power
                // that underflowed to 0 (log gives -infinity).
                result[i] = min(max(level, lowest), ref)
            }
        }

        /// Moves `cursor` to the segment holding x: the largest k <= count-2 with xs[k] <= x.
        /// Amortised O(1) when successive x do not decrease; steps back when they do.
        @inline(__always) func locate(_ x: Double, cursor: inout Int) {
            while cursor < count - 2, xs[cursor + 1] <= x { cursor += 1 }
            while cursor > 0, xs[cursor] > x { cursor -= 1 }
        }

        /// The integral over [a, b], a in segment ka, b in segment kb (ka <= kb).
        @inline(__always) func integral(from a: Double, in ka: Int, to b: Double, in kb: Int) -> Double {
            if ka == kb { return partial(ka, from: a, to: b) }
            var middle = (prefixHigh[kb] - prefixHigh[ka + 1]) + (prefixLow[kb] - prefixLow[ka + 1])
            if averaging == .power, middle < 1e-12 * prefixHigh[kb] {
                // Digits lost to the running total: sum this window's segments directly.
                middle = 0
                for k in (ka + 1)..<kb {
                    middle += Self.powerPiece(
                        width: xs[k + 1] - xs[k], start: values[k], end: values[k + 1], rate: rates[k],
                        widthPerRate: widthsPerRate[k])
                }
            }
            return partial(ka, from: a, to: xs[ka + 1]) + middle + partial(kb, from: xs[kb], to: b)
        }

        /// The integral over [a, b] inside segment k (xs[k] <= a <= b <= xs[k+1]).
        @inline(__always) func partial(_ k: Int, from a: Double, to b: Double) -> Double {
            let width = b - a
            guard width > 0 else { return 0 }
            let start = value(k, a), end = value(k, b)
            switch averaging {
            case .decibels:
                return width * 0.5 * (start + end)
            case .power:
                return Self.powerPiece(
                    width: width, start: start, end: end, rate: rates[k] * (width * inverseWidths[k]),
                    widthPerRate: widthsPerRate[k])
            }
        }

        /// The relative value (dB or power) at x in segment k, exact at the segment's ends.
        @inline(__always) func value(_ k: Int, _ x: Double) -> Double {
            if x == xs[k] { return values[k] }
            if x == xs[k + 1] { return values[k + 1] }
            let t = (x - xs[k]) * inverseWidths[k]
            switch averaging {
            case .decibels: return values[k] + t * (values[k + 1] - values[k])
            case .power: return values[k] * exp(rates[k] * t)
            }
        }

        /// Below this |u| the logarithmic mean is taken from its series.
        static let seriesLimit = 1e-3

        /// The integral of the power over a piece `width` octaves wide whose relative power goes
        /// from `start` to `end` = start * e^rate: width * start * (e^rate - 1) / rate, which is
        /// (end - start) * widthPerRate, widthPerRate being the segment's dx / u (the same for any
        /// piece of it: the piece's rate scales with its width).
        @inline(__always) static func powerPiece(
            width: Double, start: Double, end: Double, rate: Double, widthPerRate: Double
        ) -> Double {
            if abs(rate) < seriesLimit {
                // Series of (e^u - 1) / u; the first omitted term is below 2e-18.
                let u = rate
                return width * start * (1 + u * (0.5 + u * (1.0 / 6 + u * (1.0 / 24 + u / 120))))
            }
            return (end - start) * widthPerRate
        }
    }

    /// Knuth's TwoSum: s = fl(a + b) and the exact rounding error e, a + b = s + e.
    @inline(__always) static func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
        let sum = a + b
        let bVirtual = sum - a
        let aVirtual = sum - bVirtual
        return (sum, (a - aVirtual) + (b - bVirtual))
    }
}
