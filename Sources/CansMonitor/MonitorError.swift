/// What the monitor engine refuses, with the value, the rule and a fix.
public enum MonitorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A setting (crossfeed, band, preview, ceiling ...) outside its range or not understood.
    case invalidSetting(what: String, value: String, rule: String, hint: String)
    /// A profile that cannot be designed at the audio's sample rate.
    case profileNotDesignable(profile: String, problem: String, hint: String)
    /// A line of a command script that cannot be read.
    case badScript(path: String, line: Int, problem: String, hint: String)

    public var description: String {
        switch self {
        case let .invalidSetting(what, value, rule, hint):
            return "\(what) \(value) is not valid: \(rule) (\(hint))"
        case let .profileNotDesignable(profile, problem, hint):
            return "\(profile): \(problem) (\(hint))"
        case let .badScript(path, line, problem, hint):
            return "\(path):\(line): \(problem) (\(hint))"
        }
    }
}
