import CansCore
import CansExport
import CansFit
import CansFormats
import Foundation
import Testing
@testable import CansReport

@Suite struct HTMLReportTests {
    static let target = try! TargetCurve.builtIn(named: "harman-over-ear-2018")

    /// Two channels: the target with a bass hump (left) or a treble dip (right), fitted.
    static func input() throws -> ReportInput {
        let grid = LogFrequencyGrid.autoEq
        let base = target.response.resampled(toHz: grid).magnitudesDB
        let left = FrequencyResponse(validatedFrequenciesHz: grid, magnitudesDB: zip(grid, base).map { f, t in t + 5 * exp(-pow(log2(f / 150), 2)) })
        let right = FrequencyResponse(validatedFrequenciesHz: grid, magnitudesDB: zip(grid, base).map { f, t in t - 4 * exp(-pow(log2(f / 6_000), 2) * 4) })
        let request = FitRequest(target: target, limits: try FilterLimits.builtIn(named: "autoeq"), configuration: FitConfiguration(),
                                 channelMode: .separate, model: .overEar)
        let results = try HeadphoneFitter.fit([ChannelInput(name: "L", response: left), ChannelInput(name: "R", response: right)], request: request)
        let document = ProfileDocument(fits: results, request: request, measurement: ["l.csv", "r.csv"], cansVersion: "test")
        return ReportInput(
            title: "Test <headphone>", subject: "profile test.profile.json",
            channels: [.init(name: "left", response: left, spreadDB: grid.map { _ in 0.5 }), .init(name: "right", response: right)],
            target: .init(name: target.name, source: target.source, curve: target.response),
            fit: .init(profile: document, eq: try ProfileEQ(document, path: "test.profile.json")), software: "test")
    }

    @Test func everyPlotHasItsCurvesAndLabels() throws {
        let html = HTMLReport.render(try Self.input())
        let svgs = try SVGReport.svgs(html)
        // response; per channel the correction and the error.
        #expect(svgs.map(\.id) == ["plot-response", "plot-eq-0", "plot-error-0", "plot-eq-1", "plot-error-1"])
        #expect(svgs.map { $0.reading.curves.count } == [3, 4, 2, 4, 2])
        #expect(svgs[0].reading.bands.count == 1)
        for svg in svgs {
            #expect(svg.reading.xTicks == ["20", "50", "100", "200", "500", "1k", "2k", "5k", "10k", "20k"], "\(svg.id)")
            #expect(svg.reading.yTicks.count >= 4, "\(svg.id)")
        }
    }

    @Test func theCorrectedCurveIsCloserToTheTargetThanTheMeasurement() throws {
        let input = try Self.input()
        let plot = try #require(ReportPlots.error(input, channel: 0))
        func rms(_ ys: [Double], _ xs: [Double]) -> Double {
            let inside = zip(xs, ys).filter { $0.0 >= 20 && $0.0 <= 10_000 }.map(\.1)
            return (inside.reduce(0) { $0 + $1 * $1 } / Double(inside.count)).squareRoot()
        }
        let before = rms(plot.series[0].ys, plot.series[0].xs), after = rms(plot.series[1].ys, plot.series[1].xs)
        #expect(before > 1.5 && after < before / 3, "before \(before), after \(after)")
    }

    @Test func thePageIsSelfContainedEscapedAndDeterministic() throws {
        let input = try Self.input()
        let html = HTMLReport.render(input)
        #expect(html == HTMLReport.render(input))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h1>Test &lt;headphone&gt;</h1>"))
        for forbidden in ["<script", "<link", "<img", "<iframe", "@import", "src=", "href=", "https:"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        // The only "http" is the SVG namespace name (an identifier, never fetched).
        #expect(html.components(separatedBy: "http").dropFirst().allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") })
        // url(...) only to the page's own clip paths.
        #expect(html.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") })
        #expect(!html.contains("-0.0<") && !html.lowercased().contains("nan"))
    }

    @Test func theFitTablesAndTheBandSummaryAreThere() throws {
        let input = try Self.input()
        let html = HTMLReport.render(input)
        #expect(html.components(separatedBy: "<table class=\"filters\">").count == 3)
        #expect(html.contains("<h3>Channel L</h3>") && html.contains("<h3>Channel R</h3>"))
        let preamp = SVGNumber.format(input.fit!.profile.channels[0].preampDB, decimals: 1)
        #expect(html.contains("Preamp \(preamp) dB"))
        // The left hump (+5 dB at 150 Hz) and the right dip (-4 dB at 6 kHz) average into the summary.
        #expect(html.contains("<li>Bass (100-300 Hz): +"))
        #expect(html.contains("<li>Presence (5-10 kHz): -"))
    }
}

/// The SVGs of a report page with their ids, each parsed.
enum SVGReport {
    static func svgs(_ html: String) throws -> [(id: String, reading: SVGReading)] {
        try SVGReading.svgs(inHTML: html).map { text in
            let reading = try SVGReading(text)
            return (reading.all("svg").first?.attributes["id"] ?? "", reading)
        }
    }
}
