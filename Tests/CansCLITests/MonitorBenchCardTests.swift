import Foundation
import Testing

/// `cans monitor` on the benchmark's sound card (Sources/CansBenchCard: an ALSA plugin with
/// snd-dummy's clock, built with the tests), capture and playback both on it.
@Suite(.serialized, .enabled(if: BenchCard.isBuilt, "the benchmark card plugin is not built next to cans"))
struct MonitorBenchCardTests {
    @Test("a playback underrun is counted and recovered without adding a period of latency: the queue never exceeds the prefill")
    func underrunKeepsTheLatency() throws {
        let folder = try TemporaryFolder()
        let profile = try RenderCLITests.makeProfile(in: folder)
        try Data("3 quit\n".utf8).write(to: URL(fileURLWithPath: folder.path("s.txt")))
        let result = try CLIRunner.run(
            ["monitor", "--profile", profile, "--input", "benchcard", "--output", "benchcard_jumps", "--period", "256",
             "--buffer-periods", "4", "--prefill-periods", "2", "--script", folder.path("s.txt")],
            environment: try BenchCard.environment(in: folder), timeoutSeconds: 60)
        #expect(result.status == 0, "\(result.standardError)")
        // 3 s are 562 periods; the playback jumps a period ahead every 40: about 14 underruns.
        let xruns = try #require(BenchCard.number(after: "xruns ", in: result.standardError))
        #expect(xruns >= 5, "\(result.standardError)")
        // Two periods queued at the start and after each restart: never more than 512 frames from
        // capture to playback (before the fix, a restart in the write path queued the period being
        // written on top of the prefill, 768 frames for good).
        let largest = try #require(BenchCard.number(after: "frames mean, ", in: result.standardError))
        #expect(largest <= 512, "\(result.standardError)")
        #expect(result.standardError.contains("512 queued in the devices"), "\(result.standardError)")
    }
}

/// The benchmark card for a test: its plugin beside the `cans` binary, an ALSA configuration
/// naming it, and the summary figures `cans monitor` prints.
enum BenchCard {
    static let plugin = CLIRunner.executable.deletingLastPathComponent().appendingPathComponent("libasound_module_pcm_cansbench.so")

    static var isBuilt: Bool { FileManager.default.fileExists(atPath: plugin.path) }

    /// An `.asoundrc` in `folder` (ALSA's own configuration reads it from $HOME) with the card as
    /// `benchcard`, and `benchcard_jumps`, whose position jumps a period ahead every 40 periods.
    static func environment(in folder: TemporaryFolder) throws -> [String: String] {
        let configuration = """
            pcm_type.cansbench { lib "\(plugin.path)" }
            pcm.benchcard { type cansbench }
            pcm.benchcard_jumps { type cansbench jump_every 40 }

            """
        try Data(configuration.utf8).write(to: URL(fileURLWithPath: folder.path(".asoundrc")))
        return ["HOME": folder.url.path]
    }

    /// The whole number printed right after `marker`.
    static func number(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker, options: .backwards) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }
}
