import CansCore

/// squig.link (CrinGraph) measurement text: one file per channel, `Name L.txt` and `Name R.txt`,
/// each with `frequency dB` rows (often a REW export, so `*` comment lines and an optional phase
/// column are accepted). The data folder of a squig.link site (`data/<Name> L.txt`) holds them.
public enum SquigText {
    /// Parses one channel held in memory; `name` stands for the path in errors.
    /// - Throws: `FileFormatError` naming the line and the bad value; every bad row at once.
    public static func parse(_ text: String, name: String) throws(FileFormatError) -> FrequencyResponse {
        try parse(TextBuffer(text), name: name)
    }

    /// The same on decoded bytes: how files arrive, without a String in between.
    static func parse(_ buffer: TextBuffer, name: String) throws(FileFormatError) -> FrequencyResponse {
        try FrequencyColumns.parse(buffer, path: name, commentMarks: "*#", readsPhase: true).response
    }

    /// Reads one channel file.
    /// - Throws: `FileAccessError` when the file cannot be read, `FileFormatError` when its
    ///   content is malformed.
    public static func read(path: String) throws -> FrequencyResponse {
        try parse(TextDecoding.readText(path: path), name: path)
    }

    /// Finds and reads both channels. `path` may name either file (`dir/Name L.txt` or
    /// `dir/Name R.txt`) or their base (`dir/Name` or `dir/Name.txt`).
    /// - Throws: `FileAccessError` naming the missing file (`.notFound`), and naming its partner
    ///   in the problem, when a channel is absent; `FileFormatError` for malformed content.
    public static func readPair(path: String) throws -> SquigPair {
        let paths = channelPaths(for: path)
        let hasLeft = POSIXFile.exists(paths.left), hasRight = POSIXFile.exists(paths.right)
        if !hasLeft || !hasRight {
            guard hasLeft || hasRight else {
                throw FileAccessError(
                    path: path, reason: .notFound,
                    problem: "neither \"\(paths.left)\" nor \"\(paths.right)\" exists", hint: pairHint)
            }
            let (missing, present, side) = hasLeft
                ? (paths.right, paths.left, "right") : (paths.left, paths.right, "left")
            throw FileAccessError(
                path: missing, reason: .notFound,
                problem: "the \(side)-channel file is missing (its partner \"\(present)\" exists)", hint: pairHint)
        }
        return SquigPair(
            left: try read(path: paths.left), right: try read(path: paths.right),
            leftPath: paths.left, rightPath: paths.right)
    }

    /// The two channel files that belong to `path`: `X L.txt` and `X R.txt`. A path ending in
    /// ` L.txt` or ` R.txt` (any case) keeps its spelling and swaps the letter; anything else is
    /// taken as the base name (a `.txt` ending is dropped).
    public static func channelPaths(for path: String) -> (left: String, right: String) {
        let lowered = path.lowercased()
        if lowered.hasSuffix(" l.txt") || lowered.hasSuffix(" r.txt") {
            let base = String(path.dropLast(5)), tail = path.suffix(5)
            let upper = tail.first?.isUppercase ?? true, extensionText = String(tail.dropFirst())
            return (base + (upper ? "L" : "l") + extensionText, base + (upper ? "R" : "r") + extensionText)
        }
        let base = lowered.hasSuffix(".txt") ? String(path.dropLast(4)) : path
        return (base + " L.txt", base + " R.txt")
    }

    /// Whether a file name follows the squig.link channel naming (`Name L.txt`, `Name R.txt`).
    static func isChannelFileName(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(" l.txt") || lowered.hasSuffix(" r.txt")
    }

    private static let pairHint = "squig.link keeps one file per channel, named \"<Name> L.txt\" and \"<Name> R.txt\""
}

/// The two channels of a squig.link measurement and the files they came from.
public struct SquigPair: Sendable, Equatable {
    public let left: FrequencyResponse
    public let right: FrequencyResponse
    public let leftPath: String
    public let rightPath: String

    public init(left: FrequencyResponse, right: FrequencyResponse, leftPath: String, rightPath: String) {
        self.left = left
        self.right = right
        self.leftPath = leftPath
        self.rightPath = rightPath
    }
}
