import Foundation
import Testing

/// The demo's report opened in headless Chromium: it renders (text, tables and coloured curves
/// on the screenshot) and fetches nothing.
@Suite(.serialized, .enabled(if: ExternalTools.canRun(HeadlessChromium.tools), "\(ExternalTools.missing(HeadlessChromium.tools) ?? "")"))
struct ReportRenderingTests {
    @Test func theDemoReportRendersInChromiumAndLoadsNothing() throws {
        if let reason = ExternalTools.missing(HeadlessChromium.tools) { Issue.record("CANS_REQUIRE_TOOLS=1 but \(reason)") }
        let folder = try TemporaryFolder()
        let (session, demo) = try ReportCLITests.demoSession(in: folder)
        #expect(demo.status == 0, "\(demo.standardError)")
        let report = session.appendingPathComponent("report.html")
        let capture = try HeadlessChromium.capture(report, width: 1000, height: 9000)
        let image = capture.image
        #expect(image.width == 1000 && image.height == 9000)
        let nonWhite = image.count { $0 < 235 || $1 < 235 || $2 < 235 }
        let fraction = Double(nonWhite) / Double(image.width * image.height)
        #expect(fraction > 0.03 && fraction < 0.6, "non-white fraction \(fraction)")
        // The title and summary at the top: text in the first 600 rows.
        #expect(image.count(rows: 0..<600) { $0 < 100 && $1 < 100 && $2 < 100 } > 2_000)
        // The curves: the left (#0072B2) and right (#D55E00) cups' colours are drawn.
        #expect(image.count(near: "#0072B2") > 3_000, "left-channel blue")
        #expect(image.count(near: "#D55E00") > 3_000, "right-channel vermillion")
        #expect(capture.pageRequests.allSatisfy { $0.hasPrefix("file:") || $0.hasPrefix("data:") }, "\(capture.pageRequests)")
        #expect(capture.pageRequests.filter { !$0.hasSuffix("report.html") }.isEmpty, "\(capture.pageRequests)")

        // The browser's DOM holds every plot with its curves and frequency labels.
        let dom = try HeadlessChromium.dom(report)
        let plots = ReportCLITests.svgs(dom)
        #expect(plots.map(\.id) == ["plot-response", "plot-eq-0", "plot-error-0", "plot-eq-1", "plot-error-1",
                                    "plot-distortion-0", "plot-distortion-1", "plot-impulse", "plot-snr"])
        #expect(plots.map { ReportCLITests.occurrences("class=\"curve\"", in: $0.text) } == [3, 4, 2, 4, 2, 5, 5, 2, 2])
        #expect(plots.prefix(7).allSatisfy { ReportCLITests.occurrences("class=\"x-tick\"", in: $0.text) == 10 })
    }

    @Test func theNetworkCheckSeesAPageThatFetchesSomething() throws {
        // The control: the same check on a page with an image from elsewhere must see the request.
        let folder = try TemporaryFolder()
        let page = folder.url.appendingPathComponent("fetches.html")
        try "<!DOCTYPE html><html><body><p>x</p><img src=\"http://example.invalid/plot.png\"></body></html>".write(to: page, atomically: true, encoding: .utf8)
        let capture = try HeadlessChromium.capture(page, width: 400, height: 300)
        #expect(capture.pageRequests.contains("http://example.invalid/plot.png"), "\(capture.pageRequests)")
    }
}
