import CansCore
import CansDSP
import CansExport
import Foundation

/// The report's charts as `Plot` values (no drawing here: `SVGPlotWriter` draws them).
public enum ReportPlots {
    static func color(_ name: String, _ index: Int) -> Int {
        switch name.lowercased() {
        case "left", "l": return Plot.Color.left
        case "right", "r": return Plot.Color.right
        default: return [Plot.Color.left, Plot.Color.right, Plot.Color.extra, Plot.Color.sky][index % 4]
        }
    }

    /// Left and right (or every channel) with their re-seat spread (mean +- one standard
    /// deviation) as bands, and the target.
    public static func responses(_ input: ReportInput) -> Plot {
        var series = [Plot.Series](), bands = [Plot.Band]()
        for (k, channel) in input.channels.enumerated() {
            let xs = channel.response.frequenciesHz, ys = channel.response.magnitudesDB
            series.append(.init(name: channel.name, xs: xs, ys: ys, color: color(channel.name, k)))
            if let spread = channel.spreadDB, spread.count == ys.count {
                bands.append(.spread(of: channel.name, xs: xs, ys: ys, spreadDB: spread, color: color(channel.name, k)))
            }
        }
        if let target = input.target {
            series.append(.init(name: "target: \(target.name)", xs: target.curve.frequenciesHz, ys: target.curve.magnitudesDB,
                                style: .dashed, color: Plot.Color.target))
        }
        return Plot(title: "Frequency response", series: series, bands: bands)
    }

    /// The EQ's filters (preamp left out, as in the filter table) on `gridHz`.
    static func filterCurve(_ eq: ProfileEQ.Channel, gridHz: [Double], sampleRate: Double) -> [Double] {
        eq.magnitudeDB(atHz: gridHz, sampleRate: sampleRate).map { $0 - eq.preampDB }
    }

    /// One channel with its correction: response, target, the EQ curve and the corrected
    /// response (response + EQ, preamp left out so it sits on the target).
    public static func correction(_ input: ReportInput, channel index: Int) -> Plot? {
        guard let eq = input.eqChannel(for: index), let fit = input.fit else { return nil }
        let channel = input.channels[index]
        let grid = channel.response.frequenciesHz
        let curve = filterCurve(eq, gridHz: grid, sampleRate: fit.eq.sampleRateHz)
        var series = [Plot.Series(name: "\(channel.name) measured", xs: grid, ys: channel.response.magnitudesDB, color: color(channel.name, index))]
        if let target = input.target {
            series.append(.init(name: "target", xs: target.curve.frequenciesHz, ys: target.curve.magnitudesDB, style: .dashed, color: Plot.Color.target))
        }
        series.append(.init(name: "EQ (\(eq.filters.count) filters)", xs: grid, ys: curve, color: Plot.Color.eq))
        series.append(.init(name: "corrected", xs: grid, ys: zip(channel.response.magnitudesDB, curve).map { $0 + $1 }, color: Plot.Color.corrected))
        return Plot(title: "Correction EQ: \(channel.name)", series: series)
    }

    /// Error against the target before and after the EQ (response - target, and response + EQ -
    /// target), the curves the preference scores are computed from.
    public static func error(_ input: ReportInput, channel index: Int) -> Plot? {
        guard let target = input.target else { return nil }
        let channel = input.channels[index]
        let grid = channel.response.frequenciesHz
        let wanted = target.curve.resampled(toHz: grid).magnitudesDB
        let before = zip(channel.response.magnitudesDB, wanted).map { $0 - $1 }
        var series = [Plot.Series(name: "\(channel.name) before EQ", xs: grid, ys: before, color: color(channel.name, index))]
        if let eq = input.eqChannel(for: index), let fit = input.fit {
            let curve = filterCurve(eq, gridHz: grid, sampleRate: fit.eq.sampleRateHz)
            series.append(.init(name: "\(channel.name) after EQ", xs: grid, ys: zip(before, curve).map { $0 + $1 }, color: Plot.Color.corrected))
        }
        return Plot(title: "Error against the target: \(channel.name)", yTitle: "Error (dB)", series: series)
    }

    /// Octave fraction of the display smoothing of distortion curves (power average): one sweep's
    /// harmonics near the noise floor scatter by tens of dB from point to point; REW smooths its
    /// distortion plots for the same reason.
    public static let distortionSmoothingOctaveFraction = 6

    static func smoothedForDisplay(_ frequenciesHz: [Double], _ levelsDB: [Double]) -> [Double] {
        guard frequenciesHz.count > 1, let response = try? FrequencyResponse(frequenciesHz: frequenciesHz, magnitudesDB: levelsDB),
              let smoothed = try? response.smoothed(octaveFraction: distortionSmoothingOctaveFraction) else { return levelsDB }
        return smoothed.magnitudesDB
    }

    /// Harmonic distortion of one take: each harmonic's level and the THD, in dB relative to the
    /// fundamental, against the fundamental's frequency, smoothed to 1/6 octave for display.
    public static func distortion(_ detail: ReportInput.TakeDetail) -> Plot {
        var series = [Plot.Series]()
        if let thd = detail.distortion {
            series.append(.init(name: "THD", xs: thd.frequenciesHz, ys: smoothedForDisplay(thd.frequenciesHz, thd.thdDB), color: Plot.Color.target))
        }
        let colors = [Plot.Color.left, Plot.Color.right, Plot.Color.eq, Plot.Color.corrected, Plot.Color.extra, Plot.Color.sky]
        for (k, harmonic) in detail.harmonics.enumerated() {
            series.append(.init(name: "H\(harmonic.order)", xs: harmonic.frequenciesHz, ys: smoothedForDisplay(harmonic.frequenciesHz, harmonic.levelsDB),
                                style: k % 2 == 0 ? .solid : .dashed, color: colors[k % colors.count]))
        }
        return Plot(title: "Harmonic distortion: \(detail.cup) (\(detail.recordingFile))", yTitle: "Level re fundamental (dB)", series: series)
    }

    /// Milliseconds shown before and after the impulse's onset.
    public static let impulseWindowMS: ClosedRange<Double> = -0.5...5

    /// The impulse responses around their onsets, each scaled to a peak of 1.
    public static func impulse(_ details: [ReportInput.TakeDetail]) -> Plot {
        var series = [Plot.Series]()
        for (k, detail) in details.enumerated() {
            let peak = detail.impulseResponse.map(abs).max() ?? 0
            let scale = peak > 0 ? 1 / peak : 1
            let first = max(0, detail.impulseOnsetIndex + Int((impulseWindowMS.lowerBound / 1_000 * detail.sampleRate).rounded(.down)))
            let last = min(detail.impulseResponse.count - 1, detail.impulseOnsetIndex + Int((impulseWindowMS.upperBound / 1_000 * detail.sampleRate).rounded(.up)))
            guard first <= last else { continue }
            let xs = (first...last).map { Double($0 - detail.impulseOnsetIndex) / detail.sampleRate * 1_000 }
            let ys = (first...last).map { detail.impulseResponse[$0] * scale }
            series.append(.init(name: "\(detail.cup) (\(detail.recordingFile))", xs: xs, ys: ys, color: color(detail.cup, k)))
        }
        return Plot(title: "Impulse response", xAxis: .linear(title: "Time from onset (ms)", lower: impulseWindowMS.lowerBound, upper: impulseWindowMS.upperBound),
                    yTitle: "Amplitude (peak = 1)", yRange: -1...1, series: series)
    }

    /// Signal-to-noise ratio of every take (sweep level over the silence before it), per cup.
    public static func snr(_ takes: [(cup: String, snrDB: Double?)]) -> Plot? {
        var cups = [String]()
        for take in takes where !cups.contains(take.cup) { cups.append(take.cup) }
        var series = [Plot.Series]()
        for (k, cup) in cups.enumerated() {
            let numbered = takes.enumerated().filter { $0.element.cup == cup }
            let points = numbered.compactMap { item in item.element.snrDB.map { (Double(item.offset + 1), $0) } }
            guard !points.isEmpty else { continue }
            series.append(.init(name: cup, xs: points.map(\.0), ys: points.map(\.1), style: .points, color: color(cup, k)))
        }
        guard !series.isEmpty else { return nil }
        let values = series.flatMap(\.ys)
        let top = ((values.max() ?? 60) / 10).rounded(.up) * 10 + 10
        return Plot(title: "Signal-to-noise ratio per take", xAxis: .linear(title: "Take", lower: 0.5, upper: Double(takes.count) + 0.5),
                    yTitle: "SNR (dB)", yRange: 0...max(top, 40), series: series)
    }
}
