import ArgumentParser
import CansCore
import CansExport
import CansFit
import CansFormats
import CansMeasure
import CansReport
import Foundation

/// `cans report`: one self-contained HTML page about a session or a profile.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report of a measurement session or an EQ profile: plots, the fit, and what the headphone does to a mix.",
        discussion: """
            For a session folder (made by `cans measure` or `cans demo`): the session's facts \
            (devices, rate, calibration, every take and its checks), left and right with their \
            re-seat spread, a fit against --target (the same options as `cans fit`), the \
            distortion per harmonic, the impulse response and the SNR of the takes. For a \
            profile (written by `cans fit`): its filters, preamp and scores, plotted over the \
            measurement and target it names when those files are still there. Both include a \
            plain-language summary per band. The page has no script and loads nothing from the \
            network. Default output: report.html in the session folder, or <profile>.report.html \
            beside the profile; an existing file is kept unless --force.

            Examples:
              cans report "Measurements/HD 600/2026-11-21_10-00-00"
              cans report hd600.profile.json -o hd600.html
              cans report eq/over-ear/X.profile.json --measurement measurements/over-ear/X.csv
            """)

    @Argument(help: "A session folder or a profile JSON.")
    var input: String

    @Option(name: .shortAndLong, help: "The HTML file to write.")
    var output: String?

    @Option(help: "For a profile: the measurement to plot, when the paths it names do not resolve (repeat for left and right).")
    var measurement: [String] = []

    @OptionGroup var fit: FitOptions

    @Flag(help: "Overwrite an existing report.")
    var force = false

    func run() throws {
        try reportingFailures {
            let path = try writeReport()
            print(path)
        }
    }

    /// Builds and writes the report; returns its path.
    func writeReport() throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
            throw CommandFailure(message: "\(input): no such session folder or profile", status: ExitStatus.noInput)
        }
        let report: ReportInput
        let destination: String
        if isDirectory.boolValue {
            report = try ReportSources.session(input, fit: fit)
            destination = output ?? (input as NSString).appendingPathComponent("report.html")
        } else {
            report = try ReportSources.profile(input, measurements: measurement)
            let stem = input.hasSuffix(".profile.json") ? String(input.dropLast(".profile.json".count)) : (input as NSString).deletingPathExtension
            destination = output ?? stem + ".report.html"
        }
        try AtomicFile.write(HTMLReport.render(report), toPath: destination, overwrite: force)
        return destination
    }
}
