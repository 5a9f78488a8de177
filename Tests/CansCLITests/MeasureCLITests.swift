import CansFormats
import Foundation
import Testing

/// `cans measure --simulate` run as a user runs it: the session logic without a sound card.
@Suite struct MeasureCLITests {
    static func sessions(in folder: TemporaryFolder, name: String) throws -> [URL] {
        let parent = folder.url.appendingPathComponent("M").appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: parent.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted().map { parent.appendingPathComponent($0) }
    }

    /// The digest by coreutils' sha256sum, an implementation independent of ours.
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: output, as: UTF8.self).prefix(64))
    }

    static func sessionJSON(_ url: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: url.appendingPathComponent("session.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func aSimulatedSessionWithCalibrationAndSensitivity() throws {
        let folder = try TemporaryFolder()
        let cal = folder.path("mic.txt")
        try "\"Sens Factor =-1.378dB, SERNO: 7001234\"\n20 1.0\n1000 0\n20000 -2.0\n".write(toFile: cal, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run([
            "measure", "--name", "HD test", "--simulate", "example", "--yes", "--reseats", "2", "--length", "2^16",
            "--mic-channels", "1,2", "--mic-cal", cal, "--mic-sensitivity", "-20", "--out", folder.path("M"),
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("left: 2/2 takes accepted"))
        #expect(result.standardOutput.contains("dB SPL at 1 kHz for a 0 dBFS sine"))
        let sessions = try Self.sessions(in: folder, name: "HD test")
        #expect(sessions.count == 1)
        let json = try Self.sessionJSON(sessions[0])
        #expect(json["status"] as? String == "complete")
        let calibrations = try #require(json["calibrations"] as? [[String: Any]])
        #expect(calibrations.first?["sha256"] as? String == (try Self.sha256sum(cal)))
        #expect(calibrations.first?["sensitivityFactorDB"] as? Double == -1.378)
        let takes = try #require(json["takes"] as? [[String: Any]])
        #expect(takes.count == 4)
        // The calibration is subtracted: +1 dB at 20 Hz, -2 dB at 20 kHz relative to 1 kHz.
        let calibrated = try AutoEqCSV.read(path: sessions[0].appendingPathComponent("response-left.csv").path)
        let reanalysed = try CLIRunner.run(["analyze", sessions[0].path])  // the session's own cal, re-applied
        #expect(reanalysed.status == 0, "\(reanalysed.standardError)")
        let again = try FileManager.default.contentsOfDirectory(atPath: sessions[0].path).filter { $0.hasPrefix("analysis-") }
        #expect(again.count == 1)
        let same = try AutoEqCSV.read(path: sessions[0].appendingPathComponent(again[0]).appendingPathComponent("response-left.csv").path)
        for index in stride(from: 0, to: 695, by: 50) {
            #expect(abs(same.magnitudesDB[index] - calibrated.magnitudesDB[index]) < 0.011)
        }
        let uncalibrated = try CLIRunner.run(["analyze", sessions[0].path, "--mic-cal", folder.path("flat.txt")])
        #expect(uncalibrated.status == 66)  // a missing calibration file is named
        #expect(uncalibrated.standardError.contains("flat.txt"))
    }

    @Test func aBadLevelStopsBeforeAnyFolderIsMade() throws {
        let folder = try TemporaryFolder()
        let loud = try CLIRunner.run([
            "measure", "--name", "loud", "--simulate", "example", "--yes", "--level", "-3", "--out", folder.path("M"),
        ])
        #expect(loud.status == 65)
        #expect(loud.standardError.contains("too loud"))
        #expect(loud.standardError.contains("--level"))
        let quiet = try CLIRunner.run([
            "measure", "--name", "quiet", "--simulate", "example", "--yes", "--level", "-55", "--out", folder.path("M"),
        ])
        #expect(quiet.status == 65)
        #expect(quiet.standardError.contains("too quiet"))
        // A headphone that makes no sound (a dead driver, a microphone that is off).
        let dead = folder.path("dead.csv")
        try ("frequency,raw\n" + [20, 1000, 20000].map { "\($0),-150" }.joined(separator: "\n") + "\n")
            .write(toFile: dead, atomically: true, encoding: .utf8)
        let mute = try CLIRunner.run([
            "measure", "--name", "mute", "--simulate", dead, "--yes", "--out", folder.path("M"),
        ])
        #expect(mute.status == 65)
        #expect(mute.standardError.contains("is silent"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("M")))
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aStoppedSessionKeepsItsTakesAndSaysSo(signal: Int32, status: Int32) throws {
        let folder = try TemporaryFolder()
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = [
            "measure", "--name", "stopped", "--simulate", "example", "--yes", "--reseats", "20", "--length", "2^17",
            "--out", folder.path("M"),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until at least one take is stored, then stop it.
        var stored = 0, waited = 0
        while stored == 0 && waited < 600 {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 1
            if let session = try Self.sessions(in: folder, name: "stopped").first,
               let json = try? Self.sessionJSON(session) {
                stored = (json["takes"] as? [Any])?.count ?? 0
            }
        }
        #expect(stored > 0)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == status)
        let session = try #require(try Self.sessions(in: folder, name: "stopped").first)
        let json = try Self.sessionJSON(session)
        #expect(json["status"] as? String == "interrupted")
        let takes = try #require(json["takes"] as? [[String: Any]])
        #expect(takes.count >= 1 && takes.count < 40)
        for take in takes {
            let file = try #require(take["recordingFile"] as? String)
            #expect(FileManager.default.fileExists(atPath: session.appendingPathComponent(file).path))
        }
        #expect(!FileManager.default.fileExists(atPath: session.appendingPathComponent("response.csv").path))

        // Measuring again makes a new session and leaves this one as it is.
        let before = try Data(contentsOf: session.appendingPathComponent("session.json"))
        let again = try CLIRunner.run([
            "measure", "--name", "stopped", "--simulate", "example", "--yes", "--reseats", "1", "--length", "2^16",
            "--out", folder.path("M"),
        ])
        #expect(again.status == 0)
        #expect(try Self.sessions(in: folder, name: "stopped").count == 2)
        #expect(try Data(contentsOf: session.appendingPathComponent("session.json")) == before)
    }

    @Test func badOptionsAreUsageErrors() throws {
        let channels = try CLIRunner.run(["measure", "--name", "x", "--simulate", "example", "--channels", "middle"])
        #expect(channels.status == 64)
        #expect(channels.standardError.contains("--channels"))
        let both = try CLIRunner.run(["measure", "--name", "x", "--simulate", "example", "--device", "hw:0"])
        #expect(both.status == 64)
        let mics = try CLIRunner.run(["measure", "--name", "x", "--simulate", "example", "--mic-channels", "1"])
        #expect(mics.status == 64)
        #expect(mics.standardError.contains("one input from 1 per cup"))
    }
}
