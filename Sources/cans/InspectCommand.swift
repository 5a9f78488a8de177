import ArgumentParser
import CansCore
import CansFormats
import Foundation

/// `cans inspect`: reads response files and says what they are, or exactly what is wrong.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Check response files (AutoEq CSV, REW, squig.link, generic text): format, points, range.",
        discussion: """
            Reads each file as `cans` would and prints one line per file; a file that cannot be \
            read is reported with its line number and what to fix. The exit status is that of the \
            first file that failed: 65 for a malformed file, 66 for a missing one.

            Example: cans inspect "HD 600.csv" "HD 600 L.txt"
            """)

    @Argument(help: "Response files to check.")
    var files: [String]

    @Flag(help: "Read the files as microphone or rig calibration files instead.")
    var calibration = false

    func run() throws {
        try reportingFailures {
            var firstFailure: Int32?
            for path in files {
                do {
                    if calibration {
                        let cal = try MicCalibration.read(path: path)
                        let sensitivity = cal.sensitivityFactorDB.map { String(format: ", sensitivity factor %.3f dB", $0) } ?? ""
                        print("\(path): calibration, \(Self.summary(of: cal.response))\(sensitivity)")
                    } else {
                        let parsed = try ResponseReader.read(path: path)
                        print("\(path): \(parsed.format), \(Self.summary(of: parsed.response))")
                    }
                } catch {
                    let (message, status) = describe(error)
                    firstFailure = firstFailure ?? status
                    Terminal.error("error: \(message)")
                }
            }
            if let firstFailure { throw ExitCode(firstFailure) }
        }
    }

    static func summary(of response: FrequencyResponse) -> String {
        let low = response.frequenciesHz[0], high = response.frequenciesHz[response.count - 1]
        let minimum = response.magnitudesDB.min() ?? 0, maximum = response.magnitudesDB.max() ?? 0
        return String(
            format: "%d points, %.2f Hz to %.2f Hz, %.2f to %.2f dB%@", response.count, low, high, minimum, maximum,
            response.phasesDegrees == nil ? "" : ", with phase")
    }
}
