import Foundation

/// The one progress reporter of the CLI's long commands (measurement takes, batch fits, renders):
/// on a terminal, one line on standard error rewritten in place with a bar, the count, an
/// optional detail and the time left; when standard error is not a terminal (a pipe, a file, a
/// CI log) it writes nothing at all, so logs and scripts never see control characters
/// (STYLE.md rule 10).
///
/// Safe to call from many threads (batch fits run in parallel). Redraws at most every 0.1 s,
/// except for the last step, so a fast loop does not spend its time printing.
///
///     let progress = ProgressDisplay(total: files.count, label: "fitting")
///     progress.advance(detail: name)      // from any thread
///     progress.finish()
final class ProgressDisplay: @unchecked Sendable {
    /// True when the line is drawn (standard error is a terminal).
    let isEnabled: Bool
    private let lock = NSLock()
    private let label: String
    private var total: Int
    private var done = 0
    private let started: Date
    private var lastDraw: Date?
    private var drawn = false
    private let write: (String) -> Void

    /// - Parameters:
    ///   - total: steps in the whole job (takes, files, blocks of audio).
    ///   - label: what is being done ("fitting", "rendering").
    ///   - isEnabled: draw or not; by default, whether standard error is a terminal.
    ///   - write: where the text goes (standard error by default).
    init(total: Int, label: String, isEnabled: Bool = isatty(STDERR_FILENO) != 0,
         write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.total = max(total, 1)
        self.label = label
        self.isEnabled = isEnabled
        self.started = Date()
        self.write = write
    }

    /// One more step done.
    func advance(detail: String? = nil) {
        lock.withLock { done += 1 }
        update(done: nil, detail: detail, secondsLeft: nil)
    }

    /// Sets the steps done (and the total, when it became known later) and redraws.
    /// - Parameter secondsLeft: the caller's own estimate; by default the elapsed time scaled by
    ///   the steps left.
    func update(done newDone: Int? = nil, total newTotal: Int? = nil, detail: String? = nil, secondsLeft: Double? = nil) {
        guard isEnabled else { return }
        lock.withLock {
            if let newTotal { total = max(newTotal, 1) }
            if let newDone { done = min(max(newDone, 0), total) }
            let now = Date()
            if let lastDraw, now.timeIntervalSince(lastDraw) < 0.1, done < total { return }
            lastDraw = now
            let elapsed = now.timeIntervalSince(started)
            let left = secondsLeft ?? (done > 0 ? elapsed / Double(done) * Double(total - done) : nil)
            write("\r\u{1B}[2K" + Self.line(label: label, done: done, total: total, detail: detail, secondsLeft: left))
            drawn = true
        }
    }

    /// Ends the line (on a terminal), so what follows starts on a fresh one.
    func finish() {
        guard isEnabled else { return }
        lock.withLock {
            if drawn { write("\n") }
            drawn = false
        }
    }

    /// `fitting [##########----------] 75/151  Sennheiser HD 600  0:12 left`, at most `columns - 1`
    /// characters (a wrapped line could not be rewritten in place): the detail is shortened from
    /// its start, or left out.
    static func line(label: String, done: Int, total: Int, detail: String?, secondsLeft: Double?, width: Int = 24,
                     columns: Int = terminalColumns()) -> String {
        let marks = max(0, min(width, done * width / max(total, 1)))
        let head = "\(label) [" + String(repeating: "#", count: marks) + String(repeating: "-", count: width - marks) + "] \(done)/\(total)"
        var tail = ""
        if let secondsLeft, secondsLeft.isFinite {
            let seconds = max(0, Int(secondsLeft.rounded(.up)))
            tail = String(format: "  %d:%02d left", seconds / 60, seconds % 60)
        }
        guard let detail, !detail.isEmpty else { return head + tail }
        let room = columns - 1 - head.count - tail.count - 2
        if detail.count <= room { return head + "  " + detail + tail }
        return room >= 8 ? head + "  ..." + detail.suffix(room - 3) + tail : head + tail
    }

    /// The terminal's width on standard error (80 when it cannot be read).
    static func terminalColumns() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
