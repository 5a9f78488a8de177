import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program run to its end, with its own peak memory: posix_spawn, then wait4, whose rusage is
/// the child's alone (getrusage(RUSAGE_CHILDREN) would give the largest of all children so far).
struct ChildRun {
    let status: Int32
    let seconds: Double
    /// Peak resident set size, KiB (ru_maxrss).
    let peakRSSKiB: Int

    /// Runs `executable` with `arguments`; standard output and error go to `outputPath`;
    /// `environment` replaces or adds variables.
    static func run(_ executable: String, _ arguments: [String], outputPath: String,
                    environment: [String: String] = [:]) throws -> ChildRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid = pid_t()
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("waiting for \(executable): \(String(cString: strerror(errno)))") }
        }
        let elapsed = ContinuousClock.now - start
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return ChildRun(
            status: exitStatus, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
            peakRSSKiB: Int(usage.ru_maxrss))
    }
}

/// A benchmark that cannot run, with why.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
