import Glibc

/// Single keys from a terminal, without Enter and without echo (ICANON and ECHO off; ISIG stays
/// on, so Ctrl-C still stops the monitor), read without blocking. The terminal's settings are
/// put back by `restore()` (on every way out of `cans monitor`: quit, end of script, error,
/// Ctrl-C) and, should the process end without it, at exit.
final class TerminalKeys {
    private var saved = termios()
    private var savedFlags: Int32 = 0
    private(set) var isActive = false

    /// Raw keys when standard input is a terminal; otherwise nothing changes.
    init() {
        guard isatty(STDIN_FILENO) != 0, tcgetattr(STDIN_FILENO, &saved) == 0 else { return }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutablePointer(to: &raw.c_cc) { cc in
            cc.withMemoryRebound(to: cc_t.self, capacity: Int(NCCS)) { $0[Int(VMIN)] = 0; $0[Int(VTIME)] = 0 }
        }
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return }
        savedFlags = fcntl(STDIN_FILENO, F_GETFL)
        _ = fcntl(STDIN_FILENO, F_SETFL, savedFlags | O_NONBLOCK)
        isActive = true
        TerminalKeys.savedForExit = saved
        atexit { TerminalKeys.restoreAtExit() }
    }

    /// The next key pressed, or nil (never blocks).
    func nextKey() -> UInt8? {
        guard isActive else { return nil }
        var byte: UInt8 = 0
        return read(STDIN_FILENO, &byte, 1) == 1 ? byte : nil
    }

    /// Puts the terminal back as it was.
    func restore() {
        guard isActive else { return }
        var settings = saved
        tcsetattr(STDIN_FILENO, TCSANOW, &settings)
        _ = fcntl(STDIN_FILENO, F_SETFL, savedFlags)
        isActive = false
        TerminalKeys.savedForExit = nil
    }

    nonisolated(unsafe) private static var savedForExit: termios?

    private static func restoreAtExit() {
        guard var settings = savedForExit else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &settings)
    }
}
