/// A PipeWire release number (`pipewire --version` prints "Linked with libpipewire 0.3.65"), and
/// what the filter-chain of that release does with an EQ.
///
/// The facts behind the two thresholds:
/// - `libpipewire-module-parametric-equalizer` exists from 1.0.6 on (its documentation says
///   `\since 1.0.6`); on 0.3.65 a drop-in naming it stops the daemon (measured,
///   ../shared/tools/pipewire fact c).
/// - The builtin `bq_lowshelf`/`bq_highshelf` ignore "Q" up to 1.3.x and use the cookbook slope
///   S = 1 (Q = 1/sqrt(2)) instead (measured on 0.3.65, fact a); from 1.3.81 (the 1.4 series)
///   `biquad.c` computes the cookbook shelf with the Q it is given (upstream source).
public struct PipeWireVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let micro: Int

    public init(_ major: Int, _ minor: Int, _ micro: Int) {
        self.major = major
        self.minor = minor
        self.micro = micro
    }

    /// Parses "0.3.65", "1.0.6", "1.2" (micro 0) or the whole `pipewire --version` line.
    /// - Throws: `PipeWireExportError` naming the text when it holds no version number.
    public init(parsing text: String) throws(PipeWireExportError) {
        let candidate = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            .last(where: { $0.first?.isNumber == true }) ?? ""
        let parts = candidate.split(separator: ".", omittingEmptySubsequences: false)
        let numbers = parts.map { Int($0) }
        guard (2...3).contains(parts.count), numbers.allSatisfy({ ($0 ?? -1) >= 0 }) else {
            throw PipeWireExportError(
                problem: "\"\(text)\" is not a PipeWire version",
                hint: "give it as MAJOR.MINOR.MICRO, as `pipewire --version` prints it (for example 0.3.65 or 1.2.7)")
        }
        self.init(numbers[0]!, numbers[1]!, parts.count == 3 ? numbers[2]! : 0)
    }

    /// Debian 12's PipeWire, the version the exporter was run against for real.
    public static let debian12 = PipeWireVersion(0, 3, 65)
    /// The first release with `libpipewire-module-parametric-equalizer`.
    public static let parametricEqualizerModule = PipeWireVersion(1, 0, 6)
    /// The first release whose `bq_lowshelf`/`bq_highshelf` honour Q.
    public static let shelfQHonoured = PipeWireVersion(1, 3, 81)

    /// True when this release has the parametric-equalizer module.
    public var hasParametricEqualizerModule: Bool { self >= Self.parametricEqualizerModule }
    /// True when this release's builtin shelves use the Q they are given.
    public var honoursShelfQ: Bool { self >= Self.shelfQHonoured }

    public static func < (a: PipeWireVersion, b: PipeWireVersion) -> Bool {
        (a.major, a.minor, a.micro) < (b.major, b.minor, b.micro)
    }

    public var description: String { "\(major).\(minor).\(micro)" }
}

/// An EQ that cannot be written as a PipeWire drop-in with the options given.
public struct PipeWireExportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, naming the value.
    public let problem: String
    /// What to do about it.
    public let hint: String

    public init(problem: String, hint: String) {
        self.problem = problem
        self.hint = hint
    }

    public var description: String { "pipewire export: \(problem) (\(hint))" }
}
