import CansCore

/// A text file read as rows of numbers: the engine behind every response and calibration reader.
///
/// `scan` sorts the lines into comments, header text and data rows, detects the separator
/// (`ColumnDialect`) and the expected column count; `columns` parses the selected columns and
/// checks every row (count, numbers, finiteness, positive and increasing frequency), reporting all
/// bad rows at once through `RowIssues`.
struct NumericTable {
    /// What a format allows.
    struct Rules {
        /// First bytes that mark a comment line (skipped anywhere in the file).
        var commentMarks: [UInt8] = []
        /// A fixed separator, or nil to detect it from the data rows.
        var dialect: ColumnDialect?
        /// Whether the first non-blank, non-comment line is a header naming the columns.
        var firstLineIsHeader = false
    }

    /// A data row split into fields.
    struct Row {
        let line: Int
        let fields: [Substring]

        /// The field count without the empty field a trailing separator (`20;-3;`) leaves.
        var columnCount: Int {
            fields.count > 1 && fields[fields.count - 1].isEmpty ? fields.count - 1 : fields.count
        }
    }

    /// The file as the user named it.
    let path: String
    /// The separator the rows use.
    let dialect: ColumnDialect
    /// Comment and header-text lines before the first data row, in order.
    let preamble: [TextLine]
    /// The header line and its column names, when the rules ask for one.
    let header: (line: Int, names: [String])?
    /// Data rows: from the first line that starts with a number on, except comments.
    let rows: [Row]
    /// The column count every row must have: the header's, else the most common one.
    let columnCount: Int

    /// Sorts `text` into preamble, header and data rows.
    /// - Throws: `FileFormatError` for a file that is not text, is empty, has no data rows or
    ///   mixes comma separators with decimal commas.
    static func scan(_ text: String, path: String, rules: Rules) throws(FileFormatError) -> NumericTable {
        if let nul = text.utf8.firstIndex(of: 0) {
            throw FileFormatError(
                path: path, line: TextLines.lineNumber(of: nul, in: text),
                problem: "the file is not text: it contains a NUL byte",
                hint: "expected a text export (CSV or TXT), not a binary or spreadsheet file")
        }
        var preamble = [TextLine](), dataLines = [TextLine](), headerLine: TextLine?, lineCount = 0
        TextLines.forEachNonBlank(text) { line in
            lineCount += 1
            let first = line.text.utf8.first ?? 0
            if rules.commentMarks.contains(first) {
                if dataLines.isEmpty { preamble.append(line) }
            } else if rules.firstLineIsHeader, headerLine == nil {
                headerLine = line
            } else if dataLines.isEmpty, !rules.firstLineIsHeader, !TextLines.startsWithNumber(line.text) {
                preamble.append(line)
            } else {
                dataLines.append(line)
            }
            return true
        }
        guard lineCount > 0 else {
            throw FileFormatError(
                path: path, problem: "the file is empty", hint: "expected rows of frequency (Hz) and level (dB)")
        }
        guard !dataLines.isEmpty else {
            let described = headerLine.map { "only a header (line \($0.number))" }
                ?? "\(preamble.count) line\(preamble.count == 1 ? "" : "s") of header text or comments"
            throw FileFormatError(
                path: path, problem: "no data rows: the file has \(described) and no rows of numbers",
                hint: "expected rows of frequency (Hz) and level (dB) after the header")
        }
        let dialect = rules.dialect ?? ColumnDialect.detect(dataLines)
        let rows = dataLines.map { Row(line: $0.number, fields: dialect.fields(of: $0.text)) }
        let header = headerLine.map { line in
            var names = dialect.fields(of: line.text).map { Self.unquoted($0) }
            if names.count > 1, names[names.count - 1].isEmpty { names.removeLast() }
            return (line: line.number, names: names)
        }
        let columnCount = header?.names.count ?? mostCommonCount(rows)
        if rules.dialect == nil, dialect == .comma { try rejectAmbiguousDecimalCommas(rows, dataLines, path: path) }
        return NumericTable(
            path: path, dialect: dialect, preamble: preamble, header: header, rows: rows, columnCount: columnCount)
    }

    /// Parses the columns `selection` (0-based; the first one is the frequency in Hz) of every row.
    /// `names` label them in messages (`column 2 (dB)`).
    /// - Returns: one array per selected column, in row order.
    /// - Throws: `FileFormatError` listing every bad row: wrong column count, empty field, text,
    ///   NaN or infinity, frequency not above 0 or not above the previous row's.
    func columns(_ selection: [Int], names: [String]) throws(FileFormatError) -> [[Double]] {
        var output = [[Double]](repeating: [], count: selection.count)
        for index in output.indices { output[index].reserveCapacity(rows.count) }
        var issues = RowIssues(path: path)
        var previous: (valueHz: Double, text: Substring, line: Int)?
        var values = [Double](repeating: 0, count: selection.count)
        for row in rows {
            if let problem = columnCountProblem(row) {
                issues.add(line: row.line, problem: problem.text, hint: problem.hint)
                continue
            }
            var problems = [String](), hints = [String]()
            for (slot, column) in selection.enumerated() {
                let field = row.fields[column]
                let label = "column \(column + 1) (\(names[slot]))"
                if field.isEmpty {
                    problems.append("\(label) is empty")
                    hints.append("fill in the value or delete the row")
                } else if let value = dialect.number(field) {
                    if value.isFinite {
                        values[slot] = value
                    } else {
                        problems.append("\"\(field)\" in \(label) is not a finite number")
                        hints.append("replace NaN and infinite values by measured ones, or delete the row")
                    }
                } else {
                    problems.append("\"\(field)\" in \(label) is not a number")
                    hints.append(numberHint)
                }
            }
            if problems.isEmpty {
                let frequency = values[0], text = row.fields[selection[0]]
                if frequency <= 0 {
                    problems.append("frequency \(text) Hz is not above 0")
                    hints.append("frequencies are in Hz and positive")
                } else if let previous, frequency <= previous.valueHz {
                    problems.append(
                        "frequency \(text) Hz does not increase: line \(previous.line) has \(previous.text) Hz")
                    hints.append("sort the rows by frequency and remove duplicates")
                } else {
                    previous = (frequency, text, row.line)
                }
            }
            guard problems.isEmpty else {
                issues.add(line: row.line, problem: problems.joined(separator: " and "), hint: hints.first)
                continue
            }
            for slot in values.indices { output[slot].append(values[slot]) }
        }
        try issues.throwIfAny()
        return output
    }

    /// A validated response from parsed columns (which `columns` has already checked, so the
    /// `FrequencyResponse` validation cannot fail; if it did, its words are passed on).
    func response(_ columns: [[Double]], phaseSlot: Int? = nil) throws(FileFormatError) -> FrequencyResponse {
        do {
            return try FrequencyResponse(
                frequenciesHz: columns[0], magnitudesDB: columns[1], phasesDegrees: phaseSlot.map { columns[$0] })
        } catch {
            throw FileFormatError(path: path, problem: "\(error)")
        }
    }

    private var numberHint: String {
        dialect.allowsDecimalComma
            ? "write numbers like 20.5 or 20,5; text belongs only in header lines before the data"
            : "write numbers like 20.5 (with a '.'); text belongs only in header lines before the data"
    }

    private func columnCountProblem(_ row: Row) -> (text: String, hint: String)? {
        guard row.fields.count != columnCount else { return nil }
        // A trailing separator (`20;-3;`) is not a further column.
        if row.fields.count == columnCount + 1, row.fields[columnCount].isEmpty { return nil }
        if row.columnCount == 1 {
            return ("only one column (\"\(row.fields[0])\"); a row needs a frequency and a level",
                    "separate the columns with \(dialect.separatorName), as the other rows do")
        }
        let expected = header.map { "the header (line \($0.line)) names \(columnCount)" }
            ?? "the other rows have \(columnCount)"
        return ("\(row.columnCount) columns where \(expected)", "give every row the same columns")
    }

    /// The most frequent field count (ties: the larger), so that a few broken rows are the ones
    /// reported rather than the many good ones.
    private static func mostCommonCount(_ rows: [Row]) -> Int {
        var tally = [Int: Int]()
        for row in rows { tally[row.columnCount, default: 0] += 1 }
        return tally.max { $0.value == $1.value ? $0.key < $1.key : $0.value < $1.value }?.key ?? 0
    }

    /// Rows such as `20,5,-3,2`: commas as separators and as decimal marks. No `.` anywhere and
    /// an even number of at least 4 fields on every row is the signature; reading it would give
    /// 20 Hz, 5 dB.
    private static func rejectAmbiguousDecimalCommas(
        _ rows: [Row], _ lines: [TextLine], path: String
    ) throws(FileFormatError) {
        let suspicious = rows.allSatisfy { $0.columnCount >= 4 && $0.columnCount % 2 == 0 }
            && !lines.contains { $0.text.utf8.contains(UInt8(ascii: ".")) }
        guard suspicious, let first = lines.first else { return }
        throw FileFormatError(
            path: path, line: first.number,
            problem: "\"\(first.text)\" uses commas both between columns and as decimal marks",
            hint: "save the file with ';' or tabs between columns, or with '.' as the decimal mark")
    }

    /// A header name without surrounding double quotes.
    private static func unquoted(_ field: Substring) -> String {
        if field.count >= 2, field.first == "\"", field.last == "\"" { return String(field.dropFirst().dropLast()) }
        return String(field)
    }
}
