import Foundation

/// Runs the built `cans` binary as a user would and captures what it prints.
struct CLIRunner {
    struct Result {
        let status: Int32
        let standardOutput: String
        let standardError: String
        /// True when a signal ended the process (a crash, not an exit status).
        var crashed = false
    }

    /// The `cans` executable next to the test bundle in the build folder.
    static let executable: URL = {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("cans")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("cans")
    }()

    /// Runs `cans arguments...` in `directory` and waits for it; after `timeoutSeconds` (if
    /// given) it is stopped with SIGKILL, which shows as `crashed`.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], timeoutSeconds: Double? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = directory }
        // Output goes to files, not pipes: a pipe that fills up would block the child.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cans-cli-output-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out"), errURL = scratch.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let output = try FileHandle(forWritingTo: outURL), error = try FileHandle(forWritingTo: errURL)
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        if let timeoutSeconds {
            let pid = process.processIdentifier
            let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds, execute: watchdog)
            defer { watchdog.cancel() }
            process.waitUntilExit()
        } else {
            process.waitUntilExit()
        }
        try output.close()
        try error.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self), crashed: process.terminationReason == .uncaughtSignal)
    }
}

/// A fresh folder per test, removed afterwards.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cans-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
