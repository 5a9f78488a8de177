/// A file that could not be read as the format it claims to be.
///
/// Every parser reports through this one type so the CLI can print one clear line: which file,
/// which line (1-based, when the problem is on one), what is wrong, and what to do about it.
public struct FileFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    public let path: String
    /// 1-based line number, or nil when the problem is the file as a whole.
    public let line: Int?
    /// What is wrong, naming the bad value.
    public let problem: String
    /// What to do about it, or nil when the problem says it all.
    public let hint: String?

    public init(path: String, line: Int? = nil, problem: String, hint: String? = nil) {
        self.path = path
        self.line = line
        self.problem = problem
        self.hint = hint
    }

    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        text += ": \(problem)"
        if let hint { text += " (\(hint))" }
        return text
    }
}
