import CansCore
import CansFit
import CansFormats
import Foundation
import Testing
@testable import CansReport

/// Every response of the development set (../shared/data, third-party measurements read in
/// place) plots: well-formed SVG with its curves and labels, and a band summary with finite
/// numbers. The fits and their timing are in cans-bench (`--reports`), see Docs/benchmarks.md.
@Suite(.enabled(if: DevelopmentSet.directory != nil, "../shared/data is absent: the development-set plot test is skipped"))
struct DevelopmentSetPlotTests {
    @Test func all151ResponsesPlotAgainstTheirTargets() throws {
        let root = try #require(DevelopmentSet.directory)
        let manifest = try String(contentsOf: root.appendingPathComponent("manifest.csv"), encoding: .utf8)
        let rows = manifest.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 151)
        let targets = ["in-ear": try TargetCurve.builtIn(named: "harman-in-ear-2019"), "over-ear": try TargetCurve.builtIn(named: "harman-over-ear-2018")]
        for row in rows {
            let response = try ResponseReader.read(path: root.appendingPathComponent(row[4]).path).response
            let target = try #require(targets[row[2]])
            let input = ReportInput(title: row[3], subject: row[4], channels: [.init(name: row[3], response: response)],
                                    target: .init(name: target.name, source: target.source, curve: target.response), software: "test")
            let plots = [ReportPlots.responses(input), try #require(ReportPlots.error(input, channel: 0))]
            for plot in plots {
                let svg = try SVGReading(SVGPlotWriter.render(plot, standalone: true))
                #expect(svg.curves.count == plot.series.count, "\(row[4])")
                #expect(svg.xTicks.count == 10 && svg.yTicks.count >= 4, "\(row[4]): \(svg.yTicks)")
            }
            let summary = BandSummary(response: response, target: target.response)
            #expect(summary.entries.allSatisfy { $0.deviationDB.isFinite && abs($0.deviationDB) < 40 }, "\(row[4])")
        }
    }
}

/// `<package root>/../shared/data`, or nil when it is absent.
enum DevelopmentSet {
    static let directory: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = root.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: data.appendingPathComponent("manifest.csv").path) ? data : nil
    }()
}
