import Foundation

/// A program started in the background that the test stops with a signal (arecord, stopped with
/// SIGINT so it finishes its WAV header). posix_spawn with an empty signal mask and default
/// dispositions rather than Foundation's Process: a child inherits the blocked signals of the
/// thread that starts it, and the test runner's threads block SIGINT, so such a child would
/// never see the signal and run to its own end.
final class SignalledChild {
    let pid: pid_t
    /// Where its standard output and error go.
    let logPath: String

    /// Starts `program` (looked up on PATH) with `arguments`, the test's environment plus `environment`.
    init(_ program: String, _ arguments: [String], environment: [String: String] = [:], logPath: String) throws {
        self.logPath = logPath
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: program]) }
        self.pid = pid
    }

    /// Sends SIGINT and waits for the end; after `timeoutSeconds` it is killed and the result says
    /// so. Returns the exit status (128 + signal when a signal ended it) and what it printed.
    func interruptAndWait(timeoutSeconds: Double = 10) -> (status: Int32, timedOut: Bool, output: String) {
        kill(pid, SIGINT)
        var status: Int32 = 0
        var timedOut = false
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done == -1, errno != EINTR { break }
            if Date() > deadline, !timedOut {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(20_000)
        }
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitStatus, timedOut, (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
    }
}
