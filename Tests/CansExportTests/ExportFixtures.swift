import CansFit
import CansFormats
import Foundation
import Testing
@testable import CansExport

/// Profiles the export tests share, and the golden files they are compared with.
enum ExportFixtures {
    static func channel(_ name: String, preampDB: Double, _ filters: [ProfileDocument.Filter]) -> ProfileDocument.Channel {
        let scores = ProfileDocument.Scores(preferenceModel: "over-ear", preference: 90, standardDeviationDB: 1, slope: 0,
                                            meanAbsoluteErrorDB: nil, rms20HzTo20kHzDB: 1, rms20HzTo10kHzDB: 1)
        return .init(name: name, preampDB: preampDB, balanceDB: 0, maxBoostDB: 0, filters: filters, before: scores, after: scores)
    }

    static func document(_ channels: [ProfileDocument.Channel], measurement: [String], sampleRateHz: Double = 48_000) -> ProfileDocument {
        ProfileDocument(cansVersion: "0.1.0", sampleRateHz: sampleRateHz, channelMode: "separate", limits: "autoeq", maxBoostDB: 6,
                        measurement: measurement,
                        target: .init(name: "Harman over-ear 2018", source: "built-in", bassDB: 0, trebleDB: 0, tiltDBPerOctave: 0),
                        channels: channels)
    }

    /// One EQ for both ears (DOMAIN.md's example plus a treble dip and shelf).
    static let mono = document([channel("all", preampDB: -5.1, [
        .init(type: "LSC", frequencyHz: 105, gainDB: 4.0, q: 0.7),
        .init(type: "PK", frequencyHz: 1000, gainDB: 3.0, q: 1.41),
        .init(type: "PK", frequencyHz: 6000, gainDB: -5.5, q: 4.0),
        .init(type: "HSC", frequencyHz: 10000, gainDB: -2.0, q: 0.7),
    ])], measurement: ["measurements/HD 600.csv"])

    /// One EQ per ear, the right ear 1 dB quieter; its name has quotes, spaces and non-ASCII.
    static let perChannel = document([
        channel("L", preampDB: -4.6, [
            .init(type: "LSC", frequencyHz: 105, gainDB: 3.5, q: 0.7),
            .init(type: "PK", frequencyHz: 2900, gainDB: 4.2, q: 2.1),
            .init(type: "PK", frequencyHz: 8200, gainDB: -6.3, q: 5.2),
            .init(type: "HSC", frequencyHz: 10000, gainDB: 1.5, q: 0.4),
        ]),
        channel("R", preampDB: -5.4, [
            .init(type: "LSC", frequencyHz: 105, gainDB: 2.5, q: 0.7),
            .init(type: "PK", frequencyHz: 3100, gainDB: 3.8, q: 1.9),
            .init(type: "PK", frequencyHz: 7800, gainDB: -4.1, q: 3.6),
        ]),
    ], measurement: ["Measurements/Sennheiser \"HD 600\" Ünïcode/response-left.csv",
                     "Measurements/Sennheiser \"HD 600\" Ünïcode/response-right.csv"])

    /// The same filters on both ears, the left one 0.8 dB quieter (a `shared` fit's balance).
    static let balanced = document([
        channel("L", preampDB: -6.0, [.init(type: "LSC", frequencyHz: 105, gainDB: 3.0, q: 0.7), .init(type: "PK", frequencyHz: 3000, gainDB: -4.0, q: 2.0)]),
        channel("R", preampDB: -5.2, [.init(type: "LSC", frequencyHz: 105, gainDB: 3.0, q: 0.7), .init(type: "PK", frequencyHz: 3000, gainDB: -4.0, q: 2.0)]),
    ], measurement: ["Measurements/HD 650/response-left.csv", "Measurements/HD 650/response-right.csv"])

    static func prepared(_ document: ProfileDocument, _ configure: (inout ExportOptions) -> Void = { _ in }) throws -> ExportProfile {
        var options = ExportOptions()
        configure(&options)
        return try ExportProfile(document, path: "p.profile.json", options: options)
    }

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Compares `text` with the golden file `name`; `CANS_UPDATE_GOLDEN=1` rewrites the file instead
    /// (then read the diff before committing it).
    static func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CANS_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "\(name) differs from its golden file", sourceLocation: sourceLocation)
    }
}

/// External programs the tests run as real consumers.
enum ExternalTool {
    /// The program's full path, or nil (tests then skip, unless `CANS_REQUIRE_TOOLS=1`, when they fail).
    static func find(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static var required: Bool { ProcessInfo.processInfo.environment["CANS_REQUIRE_TOOLS"] == "1" }

    /// Runs `path arguments...`, returning its exit status and standard error.
    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, standardError: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("cans-tool-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let handle = try FileHandle(forWritingTo: errorFile)
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOf: errorFile, encoding: .utf8))
    }
}
