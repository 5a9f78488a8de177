import Foundation
import Testing
import CansCore
@testable import CansFormats

/// The project's real AutoEq-format files: 151 measurements and 5 targets.
@Suite(.enabled(if: SharedData.isAvailable, "../shared/data is absent: skipping the real-file tests"))
struct RealDataTests {
    static let measurements = SharedData.csvFiles(in: "measurements")
    static let targets = SharedData.csvFiles(in: "targets")

    @Test func findsEveryFile() {
        #expect(Self.measurements.count == 151)
        #expect(Self.targets.count == 5)
    }

    @Test(arguments: measurements + targets)
    func parsesOnTheAutoEqGrid(path: String) throws {
        let parsed = try ResponseReader.read(path: path)
        #expect(parsed.format == .autoEqCSV)
        let response = parsed.response
        #expect(response.count == 695)
        #expect(response.frequenciesHz.first == 20)
        #expect(abs((response.frequenciesHz.last ?? 0) - 19955.54) < 1e-9)
        #expect(allClose(response.frequenciesHz, LogFrequencyGrid.autoEq, tolerance: 0.005))
        // Golden round trip: writing what was read gives the file's bytes back, except that the
        // importer's "-0.00" is written "0.00".
        let original = try String(contentsOfFile: path, encoding: .utf8)
        #expect(AutoEqCSV.render(response) == original.replacingOccurrences(of: ",-0.00\n", with: ",0.00\n"))
    }
}
