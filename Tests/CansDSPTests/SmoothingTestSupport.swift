import CansCore
import Foundation

/// Helpers for the smoothing tests, independent of the smoothing engine.
enum SmoothingTestSupport {
    /// A 1/96-octave grid anchored on 1 kHz (so 1 kHz is a point), k from `lowest` to `highest`.
    static func ninetySixthOctaveGrid(fromK lowest: Int, toK highest: Int) -> [Double] {
        (lowest...highest).map { 1000 * exp2(Double($0) / 96) }
    }

    /// Composite Simpson's rule for g over [a, b] with `intervals` (even) sub-intervals.
    static func simpson(from a: Double, to b: Double, intervals: Int = 20000, _ g: (Double) -> Double) -> Double {
        let step = (b - a) / Double(intervals)
        var sum = g(a) + g(b)
        for i in 1..<intervals {
            sum += (i % 2 == 1 ? 4 : 2) * g(a + Double(i) * step)
        }
        return sum * step / 3
    }

    /// The average of the curve `decibels(log2 f)` over [lowHz, highHz] against log2 f, in power
    /// (10 log10 of the mean of 10^(dB/10)) or in dB, by Simpson's rule.
    static func windowAverageDB(
        lowHz: Double, highHz: Double, inPower: Bool, _ decibels: (Double) -> Double
    ) -> Double {
        let a = log2(lowHz), b = log2(highHz)
        if inPower {
            let integral = simpson(from: a, to: b) { pow(10, decibels($0) / 10) }
            return 10 * log10(integral / (b - a))
        }
        return simpson(from: a, to: b, decibels) / (b - a)
    }
}
