import CansCore
import Foundation
import Testing
@testable import CansReport

@Suite struct SVGPlotWriterTests {
    static let grid = LogFrequencyGrid.autoEq

    static func plot(curves: Int = 3) -> Plot {
        let series = (0..<curves).map { k in
            Plot.Series(name: "curve \(k)", xs: grid, ys: grid.map { 3 * Double(k) + 2 * sin(log2($0)) }, color: k)
        }
        return Plot(title: "Test <plot> & co", series: series,
                    bands: [.spread(of: "curve 0", xs: grid, ys: series[0].ys, spreadDB: grid.map { _ in 1 }, color: 0)])
    }

    @Test func curvesBandsAndLabelsAreThereAndNamed() throws {
        let svg = try SVGReading(SVGPlotWriter.render(Self.plot(), id: "t", standalone: true))
        #expect(svg.curves.count == 3)
        #expect(svg.curves.map { $0.attributes["data-name"] } == ["curve 0", "curve 1", "curve 2"])
        #expect(svg.bands.count == 1)
        #expect(svg.xTicks == ["20", "50", "100", "200", "500", "1k", "2k", "5k", "10k", "20k"])
        // Data from -2 to +8 dB with a 20 dB minimum span: -10...15 or so, ticks every 5 dB.
        let y = svg.yTicks.compactMap(Double.init)
        #expect(y.count >= 4 && y.count <= 10, "\(svg.yTicks)")
        #expect(y.first! <= -2 && y.last! >= 8)
        #expect(zip(y, y.dropFirst()).allSatisfy { $1 - $0 == y[1] - y[0] })
        #expect(svg.all("title").first?.text == "Test <plot> & co")
        #expect(svg.all("g", class: "legend-entry").count == 4)
    }

    @Test func pointsLandWhereTheAxesSayTheyAre() throws {
        // A flat 0 dB line: every point on the 0 dB grid line; 1 kHz at its log position.
        let plot = Plot(title: "flat", yRange: -10...10, series: [.init(name: "flat", xs: [20, 1_000, 20_000], ys: [0, 0, 0], color: 0)])
        let svg = try SVGReading(SVGPlotWriter.render(plot))
        let path = try #require(svg.all("path").first { $0.attributes["stroke"] != nil && $0.attributes["d"]?.hasPrefix("M") == true })
        let points = SVGReading.points(path.attributes["d"] ?? "")
        #expect(points.count == 3)
        let left = SVGPlotWriter.marginLeft, right = SVGPlotWriter.Size().width - SVGPlotWriter.marginRight
        #expect(abs(points[0].0 - left) < 0.06 && abs(points[2].0 - right) < 0.06)
        let expected1k = left + (right - left) * log10(1_000.0 / 20) / log10(1_000.0)
        #expect(abs(points[1].0 - expected1k) < 0.06)
        let top = SVGPlotWriter.marginTop, bottom = SVGPlotWriter.Size().height - SVGPlotWriter.marginBottom
        #expect(points.allSatisfy { abs($0.1 - (top + bottom) / 2) < 0.06 })
    }

    @Test func gapsBreakTheLineAndNothingIsWrittenAsNaNOrMinusZero() throws {
        let plot = Plot(title: "gaps", series: [.init(name: "g", xs: [20, 100, 1_000, 5_000, 10_000], ys: [1, .nan, 0, .infinity, -1], color: 1)])
        let text = SVGPlotWriter.render(plot)
        #expect(!text.lowercased().contains("nan") && !text.contains("inf") && !text.contains("-0.0 ") && !text.contains("\"-0\""))
        let curve = try #require(try SVGReading(text).curves.first)
        #expect(curve.attributes["data-name"] == "g")
        let d = try #require(text.components(separatedBy: "<g class=\"curve\" data-name=\"g\"><path d=\"").last)
        // 20 Hz alone, 1 kHz alone, 10 kHz alone: three pieces.
        #expect(d.prefix(while: { $0 != "\"" }).filter { $0 == "M" }.count == 3)
    }

    @Test func sameInputSameBytes() {
        #expect(SVGPlotWriter.render(Self.plot()) == SVGPlotWriter.render(Self.plot()))
    }

    @Test func linearAxesHaveNiceTicks() throws {
        let plot = Plot(title: "ir", xAxis: .linear(title: "Time (ms)", lower: -1, upper: 10), yRange: -1...1,
                        series: [.init(name: "ir", xs: [-1, 0, 10], ys: [0, 1, 0], color: 0)])
        let svg = try SVGReading(SVGPlotWriter.render(plot))
        #expect(svg.xTicks == ["-1", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"] || svg.xTicks == ["0", "2", "4", "6", "8", "10"])
        #expect(svg.yTicks == ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
    }

    @Test func niceLimitsRoundOutwardAndCapDeepNotches() {
        #expect(PlotScale.niceLimits([-3, 7]) == -10...15)
        #expect(PlotScale.niceLimits([0.2, 0.4]) == -10...15)
        // A -120 dB floor under a +10 dB curve: the plot keeps 80 dB below the top.
        let capped = PlotScale.niceLimits([10, -120])
        #expect(capped.upperBound == 10 && capped.lowerBound == -70)
        #expect(PlotScale.niceStep(span: 37, count: 8) == 5)
        #expect(PlotScale.niceStep(span: 37) == 10)
        #expect(PlotScale.ticks(-10...15, step: 5) == [-10, -5, 0, 5, 10, 15])
        #expect(PlotScale.frequencyLabel(1_500) == "1.5k")
        #expect(PlotScale.rangeLabel(lowHz: 300, highHz: 1_000) == "300 Hz-1 kHz")
        #expect(PlotScale.frequencyText(2_999.4) == "3.0 kHz" && PlotScale.frequencyText(381.2) == "381 Hz")
    }
}
