/// A file that could not be opened, read, created or replaced: an I/O problem, not bad content.
///
/// Kept apart from `FileFormatError` so that the CLI can tell "the data is wrong" (exit 65) from
/// "the file system said no" (exit 74). The description has the same shape:
/// `path: problem (hint)`.
public struct FileAccessError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why the file system refused.
    public enum Reason: Equatable, Sendable {
        /// There is no file at the path.
        case notFound
        /// The path names a directory where a file was expected.
        case isDirectory
        /// The folder that should hold a new file does not exist (writing, not reading).
        case folderNotFound
        /// The file exists and the caller did not allow overwriting it.
        case alreadyExists
        /// The operating system denied access.
        case permissionDenied
        /// Any other failure, with the POSIX `errno` value (0 when unknown).
        case systemError(code: Int32)
    }

    /// The file as the user named it.
    public let path: String
    /// Why the operation failed.
    public let reason: Reason
    /// What went wrong, in words.
    public let problem: String
    /// What to do about it, or nil when the problem says it all.
    public let hint: String?

    public init(path: String, reason: Reason, problem: String, hint: String? = nil) {
        self.path = path
        self.reason = reason
        self.problem = problem
        self.hint = hint
    }

    public var description: String {
        var text = "\(path): \(problem)"
        if let hint { text += " (\(hint))" }
        return text
    }
}
