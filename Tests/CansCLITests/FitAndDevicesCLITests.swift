import Foundation
import Testing

/// `cans fit` and `cans devices` run as a user runs them.
@Suite struct FitCLITests {
    @Test func aDemoSessionIsFittedIntoAProfileAndAnEqualizerAPOFile() throws {
        let folder = try TemporaryFolder()
        #expect(try CLIRunner.run(["demo", "--out", folder.path("M"), "--reseats", "1", "--length", "2^16"]).status == 0)
        let parent = folder.url.appendingPathComponent("M/cans example headphone (simulated)")
        let session = parent.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: parent.path).first))
        let result = try CLIRunner.run([
            "fit", session.path, "--target", "harman-over-ear-2018", "-o", folder.path("p.json"), "--apo", folder.path("eq.txt"),
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let apo = try String(contentsOfFile: folder.path("eq.txt"), encoding: .utf8)
        // A session has two cups: one block per channel, each with its own preamp.
        #expect(apo.hasPrefix("Channel: L\nPreamp: -"))
        #expect(apo.contains("\nChannel: R\nPreamp: -"))
        #expect(apo.contains("Filter 1: ON LSC Fc 105 Hz"))
        let profile = try String(contentsOfFile: folder.path("p.json"), encoding: .utf8)
        #expect(profile.contains("cans-eq-profile"))
        // Same input, same bytes.
        let again = try CLIRunner.run([
            "fit", session.path, "--target", "harman-over-ear-2018", "-o", folder.path("p2.json"), "--apo", folder.path("eq2.txt"),
        ])
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: folder.path("eq2.txt"), encoding: .utf8) == apo)
    }

    @Test func badRequestsFailWithoutWritingAnything() throws {
        let folder = try TemporaryFolder()
        let response = folder.path("r.csv")
        try ("frequency,raw\n" + [20, 100, 1000, 10000, 20000].map { "\($0),0" }.joined(separator: "\n") + "\n")
            .write(toFile: response, atomically: true, encoding: .utf8)
        let zero = try CLIRunner.run(["fit", response, "--filters", "0", "-o", folder.path("p.json")])
        #expect(zero.status == 64)
        let missingTarget = try CLIRunner.run(["fit", response, "--target", folder.path("none.csv"), "-o", folder.path("p.json")])
        #expect(missingTarget.status != 0)
        #expect(missingTarget.standardError.contains("none.csv"))
        let nan = folder.path("nan.csv")
        try "frequency,raw\n20,0\n1000,nan\n20000,0\n".write(toFile: nan, atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["fit", nan, "-o", folder.path("p.json")])
        #expect(bad.status == 65)
        #expect(bad.standardError.contains("nan.csv:3"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("p.json")))
    }

    @Test func matchingAHeadphoneToItselfGivesAnEmptyEQ() throws {
        let folder = try TemporaryFolder()
        let response = folder.path("r.csv")
        try ("frequency,raw\n" + [20, 100, 1000, 3000, 10000, 20000].enumerated().map { "\($0.element),\(Double($0.offset) * 1.5 - 3)" }
            .joined(separator: "\n") + "\n").write(toFile: response, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["fit", response, "--match", response, "-o", folder.path("p.json"), "--apo", folder.path("eq.txt")])
        #expect(result.status == 0, "\(result.standardError)")
        let apo = try String(contentsOfFile: folder.path("eq.txt"), encoding: .utf8)
        for line in apo.split(separator: "\n") where line.contains("Gain") {
            #expect(line.contains("Gain 0.0 dB"), "\(line)")
        }
    }
}

@Suite(.enabled(if: LoopbackInstance.canRun, "\(LoopbackInstance.unavailableReason ?? "")"))
struct DevicesCLITests {
    @Test func theLoopbackIsListedWithWhatItOffers() throws {
        let loopback = try LoopbackInstance()
        let result = try CLIRunner.run(["devices", "--json"], environment: loopback.environment)
        #expect(result.status == 0, "\(result.standardError)")
        let devices = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        let entry = try #require(devices.first { $0["name"] as? String == "loopback" })
        #expect(String(describing: entry).contains("48000"))
        let text = try CLIRunner.run(["devices"], environment: loopback.environment)
        #expect(text.status == 0 && text.standardOutput.contains("loopback"))
    }
}
