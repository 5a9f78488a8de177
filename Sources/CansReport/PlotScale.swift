import Foundation

/// Axis limits and tick positions: 1-2-5 steps on log frequency, "nice" linear steps (1, 2 or 5
/// times a power of ten) elsewhere, as graph paper and REW's plots use them.
public enum PlotScale {
    /// Labelled frequencies from 20 Hz to 20 kHz: 20, 50, 100, 200, 500, 1k, 2k, 5k, 10k, 20k.
    public static let frequencyLabelsHz: [Double] = [20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000]

    /// Grid lines on the log axis: every integer multiple of each decade (20, 30 ... 90, 100, 200 ...).
    public static let frequencyGridHz: [Double] = {
        var lines = [Double]()
        for decade in [10.0, 100, 1_000, 10_000] {
            for step in 1...9 {
                let f = decade * Double(step)
                if f >= 20 && f <= 20_000 { lines.append(f) }
            }
        }
        lines.append(20_000)
        return lines
    }()

    /// "20", "500", "1k", "20k", "1.5k": the way frequency axes are labelled.
    public static func frequencyLabel(_ hz: Double) -> String {
        if hz >= 1_000 {
            let k = hz / 1_000
            return (k == k.rounded() ? String(Int(k)) : SVGNumber.format(k, decimals: 1)) + "k"
        }
        return String(Int(hz.rounded()))
    }

    /// A frequency in prose: "381 Hz", "3.0 kHz", "10.2 kHz".
    public static func frequencyText(_ hz: Double) -> String {
        hz >= 999.5 ? SVGNumber.format(hz / 1_000, decimals: 1) + " kHz" : SVGNumber.format(hz, decimals: 0) + " Hz"
    }

    /// A band's range: "20-100 Hz", "300 Hz-1 kHz", "1-3 kHz".
    public static func rangeLabel(lowHz: Double, highHz: Double) -> String {
        func kilo(_ hz: Double) -> String { frequencyLabel(hz).replacingOccurrences(of: "k", with: "") }
        if lowHz >= 1_000 { return "\(kilo(lowHz))-\(kilo(highHz)) kHz" }
        if highHz >= 1_000 { return "\(frequencyLabel(lowHz)) Hz-\(kilo(highHz)) kHz" }
        return "\(frequencyLabel(lowHz))-\(frequencyLabel(highHz)) Hz"
    }

    /// A step of 1, 2 or 5 times a power of ten giving about `count` intervals over `span`.
    public static func niceStep(span: Double, count: Int = 6) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(count, 1))
        let power = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * power
    }

    /// Tick values from `lower` to `upper` (both included when on the step).
    public static func ticks(_ range: ClosedRange<Double>, step: Double) -> [Double] {
        var values = [Double]()
        var k = (range.lowerBound / step).rounded(.up)
        while k * step <= range.upperBound + step * 1e-9 {
            values.append(k * step == 0 ? 0 : k * step)
            k += 1
        }
        return values
    }

    /// Vertical limits for dB data: the data's extent rounded out to the tick step, at least
    /// `minimumSpanDB` tall (a flat curve does not fill the plot with noise), and no taller than
    /// `maximumSpanDB` below the top (a deep notch or a noise floor does not squash the rest).
    public static func niceLimits(_ values: [Double], minimumSpanDB: Double = 20, maximumSpanDB: Double = 80) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return -10...10 }
        if high - low < minimumSpanDB {
            let middle = (high + low) / 2
            low = middle - minimumSpanDB / 2
            high = middle + minimumSpanDB / 2
        }
        low = max(low, high - maximumSpanDB)
        let step = niceStep(span: high - low, count: 8)
        let lower = (low / step).rounded(.down) * step, upper = (high / step).rounded(.up) * step
        return lower...(upper > lower ? upper : lower + step)
    }
}
