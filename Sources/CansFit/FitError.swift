/// Why a fit could not be set up or run: bad parameters, targets, limits or responses.
///
/// Every case names the offending value (and the file and line when it came from one) and says
/// what to do. The CLI maps all of them to exit status 65 (bad data) or 64 (bad usage).
public enum FitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A filter parameter outside its valid range (`what` names it, e.g. "filter 3 Q").
    case invalidParameter(what: String, value: Double, rule: String)
    /// A definition file (target or limits) with a bad line.
    case badDefinition(path: String, line: Int?, problem: String, hint: String?)
    /// No built-in target or limit set of that name.
    case unknownName(kind: String, name: String, known: [String])
    /// A target or response that does not cover the band the fit needs.
    case insufficientCoverage(what: String, lowHz: Double, highHz: Double, neededLowHz: Double, neededHighHz: Double)
    /// Limits that no EQ can satisfy (e.g. a gain range that excludes 0 dB, zero filters).
    case unsatisfiableLimits(String)
    /// A usage problem: bad option values or combinations.
    case usage(String)

    public var description: String {
        switch self {
        case let .invalidParameter(what, value, rule):
            return "\(what) is \(value); \(rule)"
        case let .badDefinition(path, line, problem, hint):
            var text = path
            if let line { text += ":\(line)" }
            text += ": \(problem)"
            if let hint { text += " (\(hint))" }
            return text
        case let .unknownName(kind, name, known):
            return "no built-in \(kind) named \"\(name)\" (built-in: \(known.joined(separator: ", "));"
                + " or give the path of a file)"
        case let .insufficientCoverage(what, lowHz, highHz, neededLowHz, neededHighHz):
            return "\(what) covers \(Self.hz(lowHz)) to \(Self.hz(highHz)) but the fit needs"
                + " \(Self.hz(neededLowHz)) to \(Self.hz(neededHighHz)); use a curve that spans the audible band"
        case let .unsatisfiableLimits(text):
            return "limits cannot be met: \(text)"
        case let .usage(text):
            return text
        }
    }

    static func hz(_ value: Double) -> String {
        value >= 1000 ? "\((value / 10).rounded() / 100) kHz" : "\((value * 10).rounded() / 10) Hz"
    }
}
