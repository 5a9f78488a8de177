import Foundation
import Testing

/// Progress bars: drawn on a terminal (a tmux pane is one), never written to a pipe or file.
@Suite(.serialized, .enabled(if: ExternalTools.canRun(["tmux"]), "\(ExternalTools.missing(["tmux"]) ?? "")"))
struct ProgressTerminalTests {
    /// Runs `arguments` in a detached tmux pane of its own server (its own socket, stopped
    /// afterwards) and returns the pane's text once the command has ended.
    static func runInTerminal(_ arguments: [String], columns: Int = 200, timeLimitSeconds: Double = 180) throws -> String {
        if let reason = ExternalTools.missing(["tmux"]) { Issue.record("CANS_REQUIRE_TOOLS=1 but \(reason)") }
        let socket = "cans-test-\(UUID().uuidString.prefix(8))"
        let quoted = ([CLIRunner.executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let command = quoted.joined(separator: " ") + "; echo CANS-EXIT=$?; sleep 600"
        try ExternalTools.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(columns)", "-y", "50", command])
        defer { _ = try? ExternalTools.run(["tmux", "-L", socket, "kill-server"]) }
        let deadline = Date().addingTimeInterval(timeLimitSeconds)
        while Date() < deadline {
            let pane = try ExternalTools.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", "t"]).output
            if pane.contains("CANS-EXIT=") { return pane }
            Thread.sleep(forTimeInterval: 0.5)
        }
        throw HeadlessChromium.Failure(description: "\(arguments) did not finish within \(timeLimitSeconds) s in tmux")
    }

    @Test func measuringShowsABarWithCountsAndTimeLeftOnATerminalButNotOnAPipe() throws {
        let folder = try TemporaryFolder()
        let arguments = ["demo", "--out", folder.path("M"), "--reseats", "2", "--length", "2^16"]
        let pane = try Self.runInTerminal(arguments)
        #expect(pane.contains("CANS-EXIT=0"), "\(pane)")
        // The last drawing of the bar stays on screen: full, 4 of 4 takes, and the time left.
        let bar = pane.split(separator: "\n").first { $0.contains("measuring [") }
        #expect(bar?.contains("measuring [########################] 4/4") == true, "\(pane)")
        #expect(bar?.contains(" left") == true && bar?.contains("dBFS") == true, "\(pane)")

        let piped = try CLIRunner.run(arguments)
        #expect(piped.status == 0)
        #expect(!piped.standardError.contains("[#") && !piped.standardError.contains("\u{1B}") && !piped.standardError.contains("\r"))
    }

    @Test func batchFitsShowABarOnATerminalButNotOnAPipe() throws {
        let folder = try TemporaryFolder()
        let (session, _) = try ReportCLITests.demoSession(in: folder)
        try FileManager.default.createDirectory(atPath: folder.path("in/over-ear"), withIntermediateDirectories: true)
        for k in 1...3 {
            try FileManager.default.copyItem(atPath: session.appendingPathComponent("response.csv").path,
                                             toPath: folder.path("in/over-ear/A Headphone With A Long Model Name, Revision \(k).csv"))
        }
        let arguments = ["batch", folder.path("in"), "-o", folder.path("out"), "--jobs", "1"]
        let pane = try Self.runInTerminal(arguments)
        #expect(pane.contains("CANS-EXIT=0"), "\(pane)")
        #expect(pane.contains("fitting [########################] 3/3  over-ear/A Headphone With A Long Model Name, Revision 3.csv"), "\(pane)")
        #expect(pane.contains("fitted 3 of 3 files"))
        // In a 70-column terminal the line is shortened to fit (a wrapped line cannot be redrawn).
        let narrow = try Self.runInTerminal(["batch", folder.path("in"), "-o", folder.path("out2"), "--jobs", "1"], columns: 70)
        let bar = narrow.split(separator: "\n").first { $0.hasPrefix("fitting [") }
        #expect(bar?.hasPrefix("fitting [########################] 3/3  ...") == true, "\(narrow)")
        #expect(bar.map { $0.count < 70 && $0.hasSuffix("Revision 3.csv  0:00 left") } == true, "\(narrow)")

        let piped = try CLIRunner.run(arguments)
        #expect(piped.status == 0, "\(piped.standardError)")
        #expect(!piped.standardError.contains("fitting [") && !piped.standardError.contains("\r"))
        #expect(piped.standardOutput.contains("fitted 3 of 3 files"))
    }
}
