/// An export that cannot be made as asked: a format that cannot express the profile, or an
/// option that does not fit it. The message names the value, the rule and what to do instead.
public struct ExportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A bad option (exit status 64) rather than a profile the format cannot express (65).
    public let isUsage: Bool
    /// What is wrong, naming the bad value.
    public let problem: String
    /// What to do about it.
    public let hint: String?

    public init(problem: String, hint: String? = nil, isUsage: Bool = false) {
        self.problem = problem
        self.hint = hint
        self.isUsage = isUsage
    }

    public var description: String {
        hint.map { "\(problem) (\($0))" } ?? problem
    }
}
