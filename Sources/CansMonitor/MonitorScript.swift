/// A timed list of monitor commands, for `--script FILE` in `cans render` and `cans monitor`
/// (so a listening session, or a test, can be replayed exactly).
///
/// One command a line: seconds from the start, then the command (`MonitorCommand(parsing:)`).
/// `#` starts a comment; blank lines are skipped; times must not go back.
///
///     # compare two headphones, then check the bass in mono
///     0      profile 1
///     5.0    profile 2
///     10     band bass
///     12.5   mono
///     20     quit
public struct MonitorScript: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var seconds: Double
        public var command: MonitorCommand
    }

    public var entries: [Entry]

    /// - Throws: `MonitorError.badScript` naming `path`, the line and what is wrong (every
    ///   problem is on its own line; the first one found is reported).
    public init(parsing text: String, path: String) throws(MonitorError) {
        var entries = [Entry]()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let first = words.first else { continue }
            guard let seconds = Double(first), seconds.isFinite, seconds >= 0 else {
                throw .badScript(path: path, line: index + 1, problem: "\"\(first)\" is not a time in seconds",
                                 hint: "start each line with the seconds from the start, such as `2.5 band bass`")
            }
            if let last = entries.last, seconds < last.seconds {
                throw .badScript(path: path, line: index + 1, problem: "time \(seconds) s comes before the line above (\(last.seconds) s)",
                                 hint: "put the lines in time order")
            }
            do {
                entries.append(Entry(seconds: seconds, command: try MonitorCommand(parsing: words.dropFirst().joined(separator: " "))))
            } catch {
                throw .badScript(path: path, line: index + 1, problem: "\(error)", hint: "see `cans render --help` for the commands")
            }
        }
        self.entries = entries
    }

    /// The commands at frame positions for `sampleRate` (seconds rounded to the nearest frame).
    public func frames(sampleRate: Double) -> [(frame: Int, command: MonitorCommand)] {
        entries.map { (Int(($0.seconds * sampleRate).rounded()), $0.command) }
    }

    /// The frame of the first `quit`, if any.
    public func quitFrame(sampleRate: Double) -> Int? {
        frames(sampleRate: sampleRate).first { $0.command == .quit }?.frame
    }
}
