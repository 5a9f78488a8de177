import CansCore
import Foundation
import Testing
@testable import CansFit

@Suite struct TargetTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sharedTargets: URL? = {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/targets")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    @Test func embeddedCopiesEqualTheTargetFiles() throws {
        for (name, text) in TargetCurve.builtInTexts {
            let file = try String(contentsOf: Self.packageRoot.appendingPathComponent("Targets/\(name).txt"), encoding: .utf8)
            #expect(file == text, "Targets/\(name).txt differs from its copy in BuiltInTargets.swift")
        }
    }

    @Test(arguments: [
        ("harman-over-ear-2018", "Harman over-ear 2018.csv"),
        ("harman-over-ear-2018-without-bass", "Harman over-ear 2018 without bass.csv"),
        ("harman-in-ear-2019", "Harman in-ear 2019.csv"),
        ("harman-in-ear-2019-without-bass", "Harman in-ear 2019 without bass.csv"),
        ("diffuse-field", "Diffuse field (GRAS, AutoEq legacy).csv"),
    ])
    func definitionMatchesThePublishedCurve(name: String, file: String) throws {
        guard let folder = Self.sharedTargets else {
            print("../shared/data is absent: the published-target comparison is skipped")
            return
        }
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        var f = [Double](), v = [Double]()
        for line in text.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: ",")
            if parts.count >= 2, let a = Double(parts[0]), let b = Double(parts[1]) { f.append(a); v.append(b) }
        }
        let published = FrequencyResponse(validatedFrequenciesHz: f, magnitudesDB: v).normalized()
        let ours = try TargetCurve.builtIn(named: name).response
        let grid = LogFrequencyGrid.logarithmic(fromHz: 20, toHz: 20000, pointsPerOctave: 48)
        let rms = (grid.reduce(0) { $0 + pow(ours.magnitudeDB(atHz: $1) - published.magnitudeDB(atHz: $1), 2) } / Double(grid.count)).squareRoot()
        #expect(rms <= 0.3, "\(name): \(rms) dB RMS from the published curve")
    }

    @Test func namesAndAdjustments() throws {
        let harman = try TargetCurve.builtIn(named: "Harman over-ear 2018")
        #expect(harman.name == "Harman over-ear 2018")
        #expect(abs(harman.response.magnitudeDB(atHz: 1000)) < 1e-9)
        let flat = try TargetCurve.builtIn(named: "flat")
        let adjusted = flat.values(onGridHz: [20, 1000, 2000, 20000], adjustments: TargetAdjustments(bassDB: 6, trebleDB: -4, tiltDBPerOctave: -1), sampleRate: 48000)
        #expect(abs(adjusted[0] - (6 - log2(20.0 / 1000))) < 0.2)
        #expect(abs(adjusted[2] - (-1)) < 0.05)
        #expect(abs(adjusted[3] - (-4 - log2(20.0))) < 0.3)
        #expect(throws: FitError.self) { try TargetCurve.builtIn(named: "harman 2099") }
    }
}
