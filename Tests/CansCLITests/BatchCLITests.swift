import Foundation
import Testing

/// `cans batch` run as a user runs it, on a small tree of made-up responses.
@Suite struct BatchCLITests {
    /// A response with a bass shelf and a treble peak, 120 log-spaced points from 20 Hz to 20 kHz.
    static func response(bassDB: Double, peakHz: Double) -> String {
        "frequency,raw\n" + (0..<120).map { k -> String in
            let f = 20 * pow(1000, Double(k) / 119)
            let db = bassDB / (1 + pow(f / 150, 2)) + 5 * exp(-pow(log2(f / peakHz) / 0.3, 2))
            return String(format: "%.2f,%.3f", f, db)
        }.joined(separator: "\n") + "\n"
    }

    static func files(under root: String) throws -> [String: Data] {
        var result = [String: Data]()
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { result[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)) }
        }
        return result
    }

    @Test func fitsATreeSkipsABadFileAndWritesTheSameBytesOnAnyNumberOfJobs() throws {
        let folder = try TemporaryFolder()
        let input = folder.path("in")
        for sub in ["over-ear", "in-ear"] {
            try FileManager.default.createDirectory(atPath: input + "/" + sub, withIntermediateDirectories: true)
        }
        try Self.response(bassDB: 4, peakHz: 3000).write(toFile: input + "/over-ear/Alpha One.csv", atomically: true, encoding: .utf8)
        try Self.response(bassDB: -3, peakHz: 6000).write(toFile: input + "/in-ear/Beta.csv", atomically: true, encoding: .utf8)
        try "frequency,raw\n20,0\n1000,nan\n20000,0\n".write(toFile: input + "/in-ear/broken.csv", atomically: true, encoding: .utf8)

        let one = try CLIRunner.run(["batch", input, "--target", "harman-over-ear-2018", "-o", folder.path("out1"), "--jobs", "1"])
        // One file failed: reported with its line, the others written, exit 65.
        #expect(one.status == 65, "\(one.standardError)")
        #expect(one.standardError.contains("in-ear/broken.csv") && one.standardError.contains("broken.csv:3"))
        #expect(one.standardOutput.contains("fitted 2 of 3 files"))
        let written = try Self.files(under: folder.path("out1"))
        #expect(written.keys.sorted() == [
            "in-ear/Beta ParametricEQ.txt", "in-ear/Beta.profile.json",
            "over-ear/Alpha One ParametricEQ.txt", "over-ear/Alpha One.profile.json",
        ])
        let apo = String(decoding: try #require(written["over-ear/Alpha One ParametricEQ.txt"]), as: UTF8.self)
        #expect(apo.hasPrefix("Preamp: -") && apo.contains("Filter 1: ON LSC Fc 105 Hz"))

        let two = try CLIRunner.run(["batch", input, "--target", "harman-over-ear-2018", "-o", folder.path("out2"), "--jobs", "2"])
        #expect(two.status == 65)
        #expect(try Self.files(under: folder.path("out2")) == written)

        // One run, each type against its own target: in-ear folders take --in-ear-target.
        let both = try CLIRunner.run(["batch", input, "--target", "harman-over-ear-2018", "--in-ear-target", "harman-in-ear-2019",
                                      "-o", folder.path("out3")])
        #expect(both.status == 65)
        let inEar = try String(contentsOfFile: folder.path("out3/in-ear/Beta.profile.json"), encoding: .utf8)
        let overEar = try String(contentsOfFile: folder.path("out3/over-ear/Alpha One.profile.json"), encoding: .utf8)
        #expect(inEar.contains("\"name\" : \"Harman in-ear 2019\"") && inEar.contains("\"preferenceModel\" : \"in-ear\""))
        #expect(overEar.contains("\"name\" : \"Harman over-ear 2018\"") && overEar.contains("\"preferenceModel\" : \"over-ear\""))
        #expect(try Self.files(under: folder.path("out3"))["over-ear/Alpha One.profile.json"] == written["over-ear/Alpha One.profile.json"])
    }
}
