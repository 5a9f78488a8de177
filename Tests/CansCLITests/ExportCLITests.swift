import CansFormats
import Foundation
import Testing

/// `cans export` and `cans fit --export` run as a user runs them.
@Suite struct ExportCLITests {
    /// A response with a bass dip and a presence peak, in a file whose name has quotes and non-ASCII.
    static func writeResponse(in folder: TemporaryFolder) throws -> String {
        let path = folder.path("Sennheiser \"HD 600\" ü.csv")
        var text = "frequency,raw\n"
        for step in 0...141 {
            let f = 20 * pow(1000, Double(step) / 141)
            let value = -4 / (1 + pow(f / 80, 2)) + 5 * exp(-pow(log2(f / 3000) / 0.4, 2)) - 3 * exp(-pow(log2(f / 9000) / 0.3, 2))
            text += "\(Int(f.rounded())),\(value)\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func perEarProfile(at path: String) throws {
        func channel(_ name: String, _ preamp: Double, _ gain: Double) -> ProfileDocument.Channel {
            let scores = ProfileDocument.Scores(preferenceModel: "over-ear", preference: 90, standardDeviationDB: 1, slope: 0,
                                                meanAbsoluteErrorDB: nil, rms20HzTo20kHzDB: 1, rms20HzTo10kHzDB: 1)
            return .init(name: name, preampDB: preamp, balanceDB: 0, maxBoostDB: 0,
                         filters: [.init(type: "PK", frequencyHz: 3000, gainDB: gain, q: 2)], before: scores, after: scores)
        }
        let document = ProfileDocument(
            cansVersion: "0.1.0", sampleRateHz: 48_000, channelMode: "separate", limits: "autoeq", maxBoostDB: 6,
            measurement: ["Measurements/HD 650/2026-11-21_10-00-00/response-left.csv"],
            target: .init(name: "Harman over-ear 2018", source: "built-in", bassDB: 0, trebleDB: 0, tiltDBPerOctave: 0),
            channels: [channel("L", -3, 3), channel("R", -2, 2)])
        try document.render().write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func fitExportsEveryFormatAndExportGivesTheSameFiles() throws {
        let folder = try TemporaryFolder()
        let response = try Self.writeResponse(in: folder)
        try FileManager.default.createDirectory(atPath: folder.path("out ü"), withIntermediateDirectories: true)
        let formats = ["equalizer-apo", "graphic-eq", "camilladsp", "easyeffects", "rew", "sox", "json"]
        let exports = formats.flatMap { ["--export", "\($0):" + folder.path("out ü/\($0) \"x\".out")] }
        let fit = try CLIRunner.run(["fit", response, "-o", folder.path("p.json")] + exports)
        #expect(fit.status == 0, "\(fit.standardError)")
        for format in formats {
            let fromFit = try String(contentsOfFile: folder.path("out ü/\(format) \"x\".out"), encoding: .utf8)
            let out = folder.path("again \(format).out")
            let export = try CLIRunner.run(["export", folder.path("p.json"), "--format", format, "-o", out])
            #expect(export.status == 0, "\(format): \(export.standardError)")
            #expect(try String(contentsOfFile: out, encoding: .utf8) == fromFit, "\(format)")
        }
        let yaml = try String(contentsOfFile: folder.path("out ü/camilladsp \"x\".out"), encoding: .utf8)
        #expect(yaml.contains("title: \"Sennheiser \\\"HD 600\\\" ü\"\n"))
        #expect(yaml.contains("samplerate: 48000\n"))
        let apo = try String(contentsOfFile: folder.path("out ü/equalizer-apo \"x\".out"), encoding: .utf8)
        #expect(apo.hasPrefix("Preamp: -"))
        // Options reach the file: another rate and device names.
        let other = folder.path("96k.yml")
        let result = try CLIRunner.run(["export", folder.path("p.json"), "--format", "camilladsp", "--sample-rate", "96000",
                                        "--playback-device", "hw:CARD=DAC", "-o", other])
        #expect(result.status == 0, "\(result.standardError)")
        let text = try String(contentsOfFile: other, encoding: .utf8)
        #expect(text.contains("samplerate: 96000\n") && text.contains("device: \"hw:CARD=DAC\"\n"))
    }

    @Test func badExportsFailClearlyAndWriteNothing() throws {
        let folder = try TemporaryFolder()
        let profile = folder.path("p.json")
        try Self.perEarProfile(at: profile)
        let out = folder.path("out.txt")

        let unknown = try CLIRunner.run(["export", profile, "--format", "wavelet", "-o", out])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("unknown export format \"wavelet\"") && unknown.standardError.contains("equalizer-apo"))

        let missing = try CLIRunner.run(["export", folder.path("none.json"), "--format", "rew", "-o", out])
        #expect(missing.status == 66)
        #expect(missing.standardError.contains("none.json"))

        try "{ \"format\": \"cans-eq-profile\", \"version\": 1, ".write(toFile: folder.path("bad.json"), atomically: true, encoding: .utf8)
        let malformed = try CLIRunner.run(["export", folder.path("bad.json"), "--format", "rew", "-o", out])
        #expect(malformed.status == 65)
        #expect(malformed.standardError.contains("bad.json: not a cans EQ profile"))

        let sox = try CLIRunner.run(["export", profile, "--format", "sox", "-o", out])
        #expect(sox.status == 65)
        #expect(sox.standardError.contains("--channels L"))
        #expect(!FileManager.default.fileExists(atPath: out))

        let badChannels = try CLIRunner.run(["export", profile, "--format", "rew", "--channels", "left", "-o", out])
        #expect(badChannels.status == 64)
        let twoLines = try CLIRunner.run(["export", profile, "--format", "camilladsp", "--name", "a\nb", "-o", out])
        #expect(twoLines.status == 64)
        #expect(!FileManager.default.fileExists(atPath: out))

        // An existing output is left untouched without --force, replaced with it.
        try "mine\n".write(toFile: out, atomically: true, encoding: .utf8)
        let exists = try CLIRunner.run(["export", profile, "--format", "equalizer-apo", "-o", out])
        #expect(exists.status == 74)
        #expect(exists.standardError.contains("out.txt") && exists.standardError.contains("exists"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "mine\n")
        let forced = try CLIRunner.run(["export", profile, "--format", "equalizer-apo", "-o", out, "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("Channel: L\nPreamp: -3.0 dB\n"))

        // One ear's EQ for one-EQ formats.
        let left = try CLIRunner.run(["export", profile, "--format", "sox", "--channels", "L", "-o", folder.path("l.sox")])
        #expect(left.status == 0, "\(left.standardError)")
        #expect(try String(contentsOfFile: folder.path("l.sox"), encoding: .utf8) == "gain -3.00 equalizer 3000.00 2.000q 3.00\n")
    }

    @Test func fitWithABadOrBlockedExportWritesNothing() throws {
        let folder = try TemporaryFolder()
        let response = try Self.writeResponse(in: folder)
        let badRequest = try CLIRunner.run(["fit", response, "-o", folder.path("p.json"), "--export", "equalizer-apo"])
        #expect(badRequest.status == 64)
        #expect(badRequest.standardError.contains("FORMAT:PATH"))
        let badFormat = try CLIRunner.run(["fit", response, "-o", folder.path("p.json"), "--export", "mp3:x.mp3"])
        #expect(badFormat.status == 64)
        try "mine\n".write(toFile: folder.path("taken.yml"), atomically: true, encoding: .utf8)
        let blocked = try CLIRunner.run(["fit", response, "-o", folder.path("p.json"), "--export", "sox:" + folder.path("s.sox"),
                                         "--export", "camilladsp:" + folder.path("taken.yml")])
        #expect(blocked.status == 74)
        let twice = try CLIRunner.run(["fit", response, "-o", folder.path("p.json"), "--export", "sox:" + folder.path("s.sox"),
                                       "--export", "rew:" + folder.path("s.sox")])
        #expect(twice.status == 64)
        for name in ["p.json", "s.sox"] { #expect(!FileManager.default.fileExists(atPath: folder.path(name)), "\(name)") }
        #expect(try String(contentsOfFile: folder.path("taken.yml"), encoding: .utf8) == "mine\n")
    }
}
