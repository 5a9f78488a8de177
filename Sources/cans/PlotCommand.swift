import ArgumentParser
import CansCore
import CansFit
import CansFormats
import CansReport
import Foundation

/// `cans plot`: responses overlaid in one SVG, for a quick look.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Overlay responses (AutoEq CSV, REW, squig.link, text) in one SVG plot.",
        discussion: """
            Draws every file on a log-frequency axis (20 Hz-20 kHz), each at 0 dB at 1 kHz unless \
            --no-normalize, with its re-seat spread as a band when the file has a `spread` column \
            (session responses do), and a target with --target. The SVG is self-contained; an \
            existing file is kept unless --force.

            Example: cans plot "HD 600.csv" "HD 650.csv" --target harman-over-ear-2018 -o compare.svg
            """)

    @Argument(help: "Response files to overlay.")
    var files: [String]

    @Option(name: .shortAndLong, help: "The SVG file to write.")
    var output: String

    @Option(help: "The plot's title (default: the file names).")
    var title: String?

    @Option(help: "Add a target: a built-in name (\(TargetCurve.builtInNames.joined(separator: ", "))) or a response file.")
    var target: String?

    @Flag(inversion: .prefixedNo, help: "Level every curve to 0 dB at 1 kHz.")
    var normalize = true

    @Flag(help: "Overwrite an existing file.")
    var force = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one response file") }
    }

    func run() throws {
        try reportingFailures {
            var series = [Plot.Series](), bands = [Plot.Band]()
            for (k, file) in files.enumerated() {
                var response = try ResponseReader.read(path: file).response
                if normalize { response = response.normalized() }
                let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
                let color = k % Plot.palette.count == Plot.Color.target ? Plot.Color.grey : k % Plot.palette.count
                series.append(.init(name: name, xs: response.frequenciesHz, ys: response.magnitudesDB, color: color))
                if let spread = try? AutoEqCSV.read(path: file, column: "spread"), spread.count == response.count {
                    bands.append(.spread(of: name, xs: response.frequenciesHz, ys: response.magnitudesDB, spreadDB: spread.magnitudesDB, color: color))
                }
            }
            if let target {
                var options = FitOptions()
                options.target = target
                let curve = try options.loadTarget()
                series.append(.init(name: "target: \(curve.name)", xs: curve.response.frequenciesHz, ys: curve.response.magnitudesDB,
                                    style: .dashed, color: Plot.Color.target))
            }
            let names = files.map { ((($0 as NSString).lastPathComponent) as NSString).deletingPathExtension }
            let plot = Plot(title: title ?? names.joined(separator: " vs "), series: series, bands: bands)
            try AtomicFile.write(SVGPlotWriter.render(plot, standalone: true), toPath: output, overwrite: force)
            print(output)
        }
    }
}
