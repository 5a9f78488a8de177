import Foundation
import Testing

/// `cans report`, `cans plot` and the demo's report, run as a user runs them.
@Suite struct ReportCLITests {
    /// A demo session (2 placements, short sweep) in `folder`; returns the session folder.
    static func demoSession(in folder: TemporaryFolder) throws -> (session: URL, result: CLIRunner.Result) {
        let result = try CLIRunner.run(["demo", "--out", folder.path("M"), "--reseats", "2", "--length", "2^16"])
        let parent = folder.url.appendingPathComponent("M/cans example headphone (simulated)")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: parent.path).first { !$0.hasPrefix(".") })
        return (parent.appendingPathComponent(name), result)
    }

    static func occurrences(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// The `<svg ...>...</svg>` blocks of a page with their ids.
    static func svgs(_ html: String) -> [(id: String, text: String)] {
        html.components(separatedBy: "<svg ").dropFirst().map { block in
            let text = block.components(separatedBy: "</svg>")[0]
            let id = text.components(separatedBy: "id=\"").dropFirst().first?.components(separatedBy: "\"").first ?? ""
            return (id, text)
        }
    }

    @Test func aSessionReportHasEveryPlotAndTheFactsAndKeepsAnExistingFile() throws {
        let folder = try TemporaryFolder()
        let (session, _) = try Self.demoSession(in: folder)
        let report = session.appendingPathComponent("report.html")
        let html = try String(contentsOf: report, encoding: .utf8)
        let plots = Self.svgs(html)
        #expect(plots.map(\.id) == ["plot-response", "plot-eq-0", "plot-error-0", "plot-eq-1", "plot-error-1",
                                    "plot-distortion-0", "plot-distortion-1", "plot-impulse", "plot-snr"])
        // Curves per plot: L, R, target; measured, target, EQ, corrected; before, after; THD and H2-H5; two IRs; two cups.
        #expect(plots.map { Self.occurrences("class=\"curve\"", in: $0.text) } == [3, 4, 2, 4, 2, 5, 5, 2, 2])
        #expect(Self.occurrences("class=\"band\"", in: plots[0].text) == 2)
        for plot in plots.prefix(7) { #expect(Self.occurrences("class=\"x-tick\"", in: plot.text) == 10, "\(plot.id)") }
        for plot in plots { #expect(Self.occurrences("class=\"y-tick\"", in: plot.text) >= 4, "\(plot.id)") }
        // The facts: the rig, the rate, every take with its check.
        #expect(html.contains("<tr><th>Sample rate</th><td>48000 Hz</td></tr>"))
        #expect(Self.occurrences("<td>passed</td>", in: html) == 4)
        #expect(html.contains("<li>Bass (100-300 Hz): "))

        // Again: the report is there, so it is kept unless --force; the same session gives the same bytes.
        let again = try CLIRunner.run(["report", session.path])
        #expect(again.status == 74 && again.standardError.contains("report.html"), "\(again.standardError)")
        let forced = try CLIRunner.run(["report", session.path, "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(try String(contentsOf: report, encoding: .utf8) == html)
    }

    @Test func anInterruptedSessionIsReportedWithItsTakesAndSaysWhatIsMissing() throws {
        let folder = try TemporaryFolder()
        let (session, _) = try Self.demoSession(in: folder)
        // What Ctrl-C after the takes leaves: session.json says interrupted, with no averages.
        let json = session.appendingPathComponent("session.json")
        var record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        record["status"] = "interrupted"
        record["statusDetail"] = "stopped by the user after 4 take(s)"
        record["results"] = [Any]()
        record.removeValue(forKey: "responseFile")
        try JSONSerialization.data(withJSONObject: record).write(to: json)
        let result = try CLIRunner.run(["report", session.path, "-o", folder.path("r.html")])
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOfFile: folder.path("r.html"), encoding: .utf8)
        #expect(html.contains("<p class=\"note\">The session is interrupted (stopped by the user after 4 take(s))"))
        // The takes are still analysed: distortion, impulse, SNR; no response, fit or summary.
        #expect(Self.svgs(html).map(\.id) == ["plot-distortion-0", "plot-distortion-1", "plot-impulse", "plot-snr"])
        #expect(Self.occurrences("<td>passed</td>", in: html) == 4)
    }

    @Test func aProfileReportPlotsTheMeasurementAndTargetItNames() throws {
        let folder = try TemporaryFolder()
        let (session, _) = try Self.demoSession(in: folder)
        let fit = try CLIRunner.run(["fit", session.path, "-o", folder.path("demo.profile.json")])
        #expect(fit.status == 0, "\(fit.standardError)")
        let result = try CLIRunner.run(["report", folder.path("demo.profile.json")])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == folder.path("demo.report.html") + "\n")
        let html = try String(contentsOfFile: folder.path("demo.report.html"), encoding: .utf8)
        #expect(Self.svgs(html).map(\.id) == ["plot-response", "plot-eq-0", "plot-error-0", "plot-eq-1", "plot-error-1"])
        #expect(html.contains("<h3>Channel L</h3>") && html.contains("<h3>Channel R</h3>"))
        #expect(!html.contains("class=\"note\""), "nothing should be missing")

        // Without its measurement the report still shows the filters, and says what is missing.
        try FileManager.default.moveItem(at: session, to: folder.url.appendingPathComponent("moved"))
        let bare = try CLIRunner.run(["report", folder.path("demo.profile.json"), "-o", folder.path("bare.html")])
        #expect(bare.status == 0, "\(bare.standardError)")
        let bareHTML = try String(contentsOfFile: folder.path("bare.html"), encoding: .utf8)
        #expect(bareHTML.contains("class=\"note\"") && bareHTML.contains("--measurement"))
        #expect(bareHTML.contains("<table class=\"filters\">"))
    }

    @Test func plotOverlaysResponsesInAStandaloneSVG() throws {
        let folder = try TemporaryFolder()
        let (session, _) = try Self.demoSession(in: folder)
        let result = try CLIRunner.run(["plot", session.appendingPathComponent("response-left.csv").path,
                                        session.appendingPathComponent("response-right.csv").path,
                                        "--target", "harman-over-ear-2018", "--title", "Demo L/R", "-o", folder.path("lr.svg")])
        #expect(result.status == 0, "\(result.standardError)")
        let svg = try String(contentsOfFile: folder.path("lr.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(Self.occurrences("class=\"curve\"", in: svg) == 3)
        #expect(Self.occurrences("class=\"band\"", in: svg) == 2)  // the session files carry their spread
        #expect(Self.occurrences("class=\"x-tick\"", in: svg) == 10)
        #expect(svg.contains(">Demo L/R</text>"))
        let missing = try CLIRunner.run(["plot", folder.path("none.csv"), "-o", folder.path("x.svg")])
        #expect(missing.status == 66 && missing.standardError.contains("none.csv"))
    }
}
