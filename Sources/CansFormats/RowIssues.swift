/// Collects the bad rows of one file so that the user can fix them all in one pass.
///
/// One bad row becomes a plain `FileFormatError` on that line. Several become one error on the
/// first bad line whose problem lists up to `listedLimit` rows (`"3 bad rows: line 5: ...;
/// line 9: ..."`) with the count of the rest, and whose hint joins the distinct hints.
struct RowIssues {
    /// How many bad rows a message lists before it only counts them.
    static let listedLimit = 10

    let path: String
    private var listed: [(line: Int, problem: String)] = []
    private var hints: [String] = []
    /// Every bad row seen, listed or not.
    private(set) var count = 0

    init(path: String) {
        self.path = path
    }

    mutating func add(line: Int, problem: String, hint: String?) {
        count += 1
        guard listed.count < Self.listedLimit else { return }
        listed.append((line, problem))
        if let hint, !hints.contains(hint) { hints.append(hint) }
    }

    /// - Throws: `FileFormatError` describing every collected row, when there is one.
    func throwIfAny() throws(FileFormatError) {
        guard let first = listed.first else { return }
        let hint = hints.isEmpty ? nil : hints.joined(separator: "; ")
        guard count > 1 else { throw FileFormatError(path: path, line: first.line, problem: first.problem, hint: hint) }
        var problem = "\(count) bad rows: " + listed.map { "line \($0.line): \($0.problem)" }.joined(separator: "; ")
        if count > listed.count { problem += "; and \(count - listed.count) more" }
        throw FileFormatError(path: path, line: first.line, problem: problem, hint: hint)
    }
}
