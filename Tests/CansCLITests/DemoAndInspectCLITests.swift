import CansFormats
import Foundation
import Testing

/// `cans demo` and `cans inspect` run as a user runs them.
@Suite struct DemoAndInspectCLITests {
    @Test func demoWritesANewSessionFolderEveryTimeAndNeverTouchesAnOldOne() throws {
        let folder = try TemporaryFolder()
        let arguments = ["demo", "--out", folder.path("Measurements"), "--reseats", "2", "--length", "2^16"]
        let first = try CLIRunner.run(arguments)
        #expect(first.status == 0, "\(first.standardError)")
        // Progress is for terminals only: on a pipe (here, a file) stderr carries none of it.
        #expect(!first.standardError.contains("measuring ["), "\(first.standardError)")
        #expect(!first.standardError.contains("\r"))
        let parent = folder.url.appendingPathComponent("Measurements/cans example headphone (simulated)")
        let sessions = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { !$0.hasPrefix(".") }
        #expect(sessions.count == 1)
        let session = parent.appendingPathComponent(sessions[0])
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: session.path))
        #expect(files == ["sweep.wav", "sweep.json", "recordings", "response.csv", "response-left.csv", "response-right.csv", "session.json", "report.html"])
        // The demo ends with its report's path.
        #expect(first.standardOutput.hasSuffix("report: \(session.appendingPathComponent("report.html").path)\n"), "\(first.standardOutput)")
        let recordings = try FileManager.default.contentsOfDirectory(atPath: session.appendingPathComponent("recordings").path)
        #expect(Set(recordings) == ["left-seat1.wav", "left-seat2.wav", "right-seat1.wav", "right-seat2.wav"])

        // The measured response is the example headphone's, within the placement variation.
        let measured = try AutoEqCSV.read(path: session.appendingPathComponent("response-left.csv").path)
        #expect(measured.count == 695)
        #expect(abs(measured.magnitudeDB(atHz: 1000)) < 0.01)
        #expect(measured.magnitudeDB(atHz: 2900) > 5)  // the ear-gain peak
        #expect(measured.magnitudeDB(atHz: 7000) < -3)  // the notch

        let before = try Data(contentsOf: session.appendingPathComponent("response.csv"))
        let second = try CLIRunner.run(arguments)
        #expect(second.status == 0)
        let after = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { !$0.hasPrefix(".") }
        #expect(after.count == 2)
        #expect(try Data(contentsOf: session.appendingPathComponent("response.csv")) == before)
        let json = try String(contentsOf: session.appendingPathComponent("session.json"), encoding: .utf8)
        #expect(json.contains("\"kind\" : \"cans-session\""))
        #expect(json.contains("\"accepted\" : true"))
    }

    @Test func inspectReportsEveryMalformedFileWithItsLineAndExitsNonZero() throws {
        let folder = try TemporaryFolder()
        let cases: [(String, String, String)] = [
            ("empty.csv", "", "empty.csv"),
            ("header.csv", "frequency,raw\n", "header.csv"),
            ("text.csv", "frequency,raw\n20,1\n30,abc\n", "text.csv:3"),
            ("nan.csv", "frequency,raw\n20,1\n30,nan\n", "nan.csv:3"),
            ("order.csv", "frequency,raw\n20,1\n30,2\n25,3\n", "order.csv:4"),
            ("negative.csv", "frequency,raw\n-20,1\n30,2\n", "negative.csv:2"),
            ("one.csv", "frequency,raw\n20,1\n30\n", "one.csv:3"),
        ]
        for (name, content, expected) in cases {
            try content.write(toFile: folder.path(name), atomically: true, encoding: .utf8)
            let result = try CLIRunner.run(["inspect", folder.path(name)])
            #expect(result.status == 65, "\(name)")
            #expect(result.standardError.contains(expected), "\(name): \(result.standardError)")
            #expect(result.standardError.hasPrefix("cans: error: "), "\(name)")
        }
        var garbage = Data((0..<512).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 7) })
        garbage[3] = 0
        try garbage.write(to: URL(fileURLWithPath: folder.path("garbage.csv")))
        let binary = try CLIRunner.run(["inspect", folder.path("garbage.csv")])
        #expect(binary.status == 65)
        #expect(binary.standardError.contains("not text"))
    }

    @Test func inspectReadsAGoodFile() throws {
        let folder = try TemporaryFolder()
        try "* REW export\nFreq(Hz) SPL(dB) Phase(degrees)\n20 80 0\n1000 85 -10\n20000 70 20\n"
            .write(toFile: folder.path("rew.txt"), atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["inspect", folder.path("rew.txt")])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("3 points, 20.00 Hz to 20000.00 Hz, 70.00 to 85.00 dB, with phase"))
    }
}
