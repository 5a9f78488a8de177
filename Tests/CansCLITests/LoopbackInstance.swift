import Foundation

/// A private instance of ../shared/tools/loopback (a PulseAudio null sink behind the ALSA `pulse`
/// plugin) with its own folder, rate and filter, for running `cans` through real ALSA. Each
/// instance is its own loop, so tests with different settings do not hear each other.
final class LoopbackInstance {
    static let toolDirectory: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/tools/loopback")

    /// nil when instances can be started; otherwise why the tests are skipped.
    static let unavailableReason: String? = {
        guard FileManager.default.isExecutableFile(atPath: toolDirectory.appendingPathComponent("start.sh").path) else {
            return "../shared/tools/loopback is absent: ALSA measurement tests skipped"
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let found = path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/pulseaudio")
        }
        return found ? nil : "pulseaudio is not installed (../shared/tools/loopback/install.sh): ALSA measurement tests skipped"
    }()

    /// .ci/run sets CANS_REQUIRE_LOOPBACK=1: then a missing loopback fails instead of skipping.
    static let isRequired = ProcessInfo.processInfo.environment["CANS_REQUIRE_LOOPBACK"] == "1"
    static let canRun = unavailableReason == nil || isRequired

    let directory: URL
    /// ALSA_CONFIG_PATH, PULSE_SERVER... for the processes that use this instance.
    let environment: [String: String]

    /// Starts an instance at `rate` whose `loopback_eq` device applies `eq` (gain dB, centre Hz,
    /// bandwidth octaves).
    init(rate: Int = 48_000, eq: String = "6,1000,1") throws {
        if let reason = Self.unavailableReason { throw LoopbackUnavailable(reason: reason) }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cans-test-loopback-\(UUID().uuidString)")
        try Self.script("start.sh", directory: directory, extra: ["LB_RATE": "\(rate)", "EQ_CONTROL": eq])
        let text = try String(contentsOf: directory.appendingPathComponent("env.sh"), encoding: .utf8)
        var environment = [String: String]()
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { environment[String(pair[0])] = String(pair[1]) }
        }
        self.environment = environment
    }

    /// Stops the sound server now, as a device that disappears (the folder stays until deinit).
    func stopServer() throws {
        try Self.script("stop.sh", directory: directory, extra: [:])
    }

    deinit {
        try? Self.script("stop.sh", directory: directory, extra: [:])
        try? FileManager.default.removeItem(at: directory)
    }

    private static func script(_ name: String, directory: URL, extra: [String: String]) throws {
        let process = Process()
        process.executableURL = toolDirectory.appendingPathComponent(name)
        process.environment = ProcessInfo.processInfo.environment.merging(extra.merging(["LB_DIR": directory.path]) { $1 }) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 || name == "stop.sh" else {
            throw LoopbackUnavailable(reason: "\(name) failed with status \(process.terminationStatus)")
        }
    }
}

struct LoopbackUnavailable: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
