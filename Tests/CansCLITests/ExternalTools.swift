import Foundation

/// Programs some tests drive (chromium, tmux, pngtopnm). `.ci/run` installs them and sets
/// CANS_REQUIRE_TOOLS=1: then a missing one fails the test; without it the test is skipped and
/// says which program is missing.
enum ExternalTools {
    static let isRequired = ProcessInfo.processInfo.environment["CANS_REQUIRE_TOOLS"] == "1"

    /// The program's path on PATH, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Why tests needing `names` cannot run ("chromium is not installed ..."), or nil.
    static func missing(_ names: [String]) -> String? {
        let absent = names.filter { find($0) == nil }
        guard !absent.isEmpty else { return nil }
        return "\(absent.joined(separator: ", ")) not installed (scripts/install-deps.sh installs them): test skipped"
    }

    /// True when the tests may run: the tools are there, or they are required (and then fail).
    static func canRun(_ names: [String]) -> Bool {
        if let reason = missing(names), !isRequired {
            print("skipped: \(reason)")
            return false
        }
        return true
    }

    /// A shell prefix that closes every inherited descriptor above 2, then runs the command.
    /// Foundation's Process on Linux learns that a child ended from a socket the child inherits;
    /// a program that leaves a daemon behind (tmux starts its server so) would hand that socket
    /// on, and the wait would never end.
    static let closingDescriptors = [
        "/bin/bash", "-c", "for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; done; exec \"$@\"", "run",
    ]

    /// Runs `arguments[0]` with the rest, waits, and returns its status and standard output.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let result = try bytes(arguments, environment: environment)
        return (result.status, String(decoding: result.output, as: UTF8.self))
    }

    /// The same with the output as bytes (a PPM image is binary). Output goes through a file (a
    /// full pipe would block the child).
    static func bytes(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: closingDescriptors[0])
        process.arguments = Array(closingDescriptors.dropFirst()) + [find(arguments[0]) ?? arguments[0]] + arguments.dropFirst()
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cans-tool-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: scratch.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let handle = try FileHandle(forWritingTo: scratch)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try Data(contentsOf: scratch))
    }
}
