import CansCore
import CansExport
import CansFit
import CansFormats
import CansReport
import Foundation

/// The report's plots for every measurement of the development set (`<data>/manifest.csv`):
/// each file is fitted first (untimed: `cans batch` times the fit), then timed is what
/// `cans report` does with a profile once the files are read: the band summary, the response,
/// correction and error plots as SVG, and the HTML page around them.
/// - Returns: (files, seconds rendering all of them, bytes of HTML written).
func benchmarkReports(dataDirectory: String) throws -> (files: Int, seconds: Double, bytes: Int) {
    let manifest = try String(contentsOfFile: (dataDirectory as NSString).appendingPathComponent("manifest.csv"), encoding: .utf8)
    var inputs = [ReportInput]()
    let limits = try FilterLimits.builtIn(named: "autoeq")
    for line in manifest.split(whereSeparator: \.isNewline).dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 5 else { continue }
        let inEar = fields[2] == "in-ear"
        let target = try TargetCurve.builtIn(named: inEar ? "harman-in-ear-2019" : "harman-over-ear-2018")
        let path = (dataDirectory as NSString).appendingPathComponent(fields[4])
        let response = try ResponseReader.read(path: path).response
        let request = FitRequest(target: target, limits: limits, configuration: FitConfiguration(), channelMode: .separate,
                                 model: inEar ? .inEar : .overEar)
        let fits = try HeadphoneFitter.fit([ChannelInput(name: nil, response: response)], request: request)
        let profile = ProfileDocument(fits: fits, request: request, measurement: [path], cansVersion: "bench")
        let grid = LogFrequencyGrid.autoEq
        inputs.append(ReportInput(
            title: fields[3], subject: "EQ profile", channels: [.init(name: fields[3], response: response)],
            target: .init(name: target.name, source: target.source,
                          curve: FrequencyResponse(validatedFrequenciesHz: grid, magnitudesDB: target.values(onGridHz: grid, adjustments: .none, sampleRate: 48_000))),
            fit: .init(profile: profile, eq: try ProfileEQ(profile, path: path)), software: "bench"))
    }
    var bytes = 0
    let start = ContinuousClock.now
    for input in inputs { bytes += HTMLReport.render(input).utf8.count }
    let elapsed = ContinuousClock.now - start
    return (inputs.count, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, bytes)
}
