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

    /// A data row: its line and its fields, `fields[firstField ..< firstField + fieldCount]`.
    struct Row {
        let line: Int
        let firstField: Int
        let fieldCount: Int
    }

    /// The file as the user named it.
    let path: String
    /// The file's bytes.
    let buffer: TextBuffer
    /// The separator the rows use.
    let dialect: ColumnDialect
    /// Comment and header-text lines before the first data row, in order.
    let preamble: [TextLine]
    /// The header line and its column names, when the rules ask for one.
    let header: (line: Int, names: [String])?
    /// Data rows: from the first line that starts with a number on, except comments.
    let rows: [Row]
    /// Every row's fields, one after the other.
    let fields: [FieldRange]
    /// The column count every row must have: the header's, else the most common one.
    let columnCount: Int

    /// Sorts the text into preamble, header and data rows.
    /// - Throws: `FileFormatError` for a file that is not text, is empty, has no data rows or
    ///   mixes comma separators with decimal commas.
    static func scan(_ buffer: TextBuffer, path: String, rules: Rules) throws(FileFormatError) -> NumericTable {
        if let nul = buffer.bytes.firstIndex(of: 0) {
            throw FileFormatError(
                path: path, line: buffer.lineNumber(ofByte: nul),
                problem: "the file is not text: it contains a NUL byte",
                hint: "expected a CSV or TXT text export, not a binary or spreadsheet file")
        }
        let lines = buffer.nonBlankLines()
        guard !lines.isEmpty else {
            throw FileFormatError(
                path: path, problem: "the file is empty", hint: "expected rows of frequency in Hz and level in dB")
        }
        var preamble = [TextLine](), dataLines = [TextLine](), headerLine: TextLine?
        dataLines.reserveCapacity(lines.count)
        for line in lines {
            if rules.commentMarks.contains(buffer.bytes[line.start]) {
                if dataLines.isEmpty { preamble.append(line) }
            } else if rules.firstLineIsHeader, headerLine == nil {
                headerLine = line
            } else if dataLines.isEmpty, !rules.firstLineIsHeader, !buffer.startsWithNumber(line) {
                preamble.append(line)
            } else {
                dataLines.append(line)
            }
        }
        guard !dataLines.isEmpty else {
            let described = headerLine.map { "only a header (line \($0.number))" }
                ?? "\(preamble.count) line\(preamble.count == 1 ? "" : "s") of header text or comments"
            throw FileFormatError(
                path: path, problem: "no data rows: the file has \(described) and no rows of numbers",
                hint: "expected rows of frequency in Hz and level in dB after the header")
        }
        let dialect = rules.dialect ?? ColumnDialect.detect(dataLines, in: buffer)
        var fields = [FieldRange](), rows = [Row]()
        fields.reserveCapacity(dataLines.count * 3)
        rows.reserveCapacity(dataLines.count)
        for line in dataLines {
            let first = fields.count
            let count = dialect.appendFields(of: line, in: buffer, to: &fields)
            rows.append(Row(line: line.number, firstField: first, fieldCount: count))
        }
        let header = headerLine.map { line in
            var names = dialect.fieldTexts(of: line, in: buffer).map { $0.trimmingQuotes }
            if names.count > 1, names[names.count - 1].isEmpty { names.removeLast() }
            return (line: line.number, names: names)
        }
        let table = NumericTable(
            path: path, buffer: buffer, dialect: dialect, preamble: preamble, header: header, rows: rows,
            fields: fields, columnCount: header?.names.count ?? mostCommonCount(rows, fields))
        if rules.dialect == nil, dialect == .comma { try table.rejectAmbiguousDecimalCommas(dataLines) }
        return table
    }

    /// Frequencies above this are not audio (nor ultrasound a sound card records): a unit or
    /// column mix-up, rejected with the row's line.
    static let highestFrequencyHz = 1_000_000.0
    /// Levels beyond +-this many dB are not a measurement (1000 dB is 50 orders of magnitude of
    /// amplitude); a column of another unit, rejected with the row's line.
    static let largestLevelDB = 1000.0

    /// Parses the columns `selection` (0-based; the first one is the frequency in Hz) of every row.
    /// `names` label them in messages (`column 2 (dB)`).
    /// - Returns: one array per selected column, in row order.
    /// - Throws: `FileFormatError` listing every bad row: wrong column count, empty field, text,
    ///   NaN or infinity, frequency not above 0, above 1 MHz or not above the previous row's,
    ///   level (the second column) beyond +-1000 dB.
    func columns(_ selection: [Int], names: [String]) throws(FileFormatError) -> [[Double]] {
        // invariant: the first selected column is the frequency, the second (if any) a level.
        var output = [[Double]](repeating: [], count: selection.count)
        for index in output.indices { output[index].reserveCapacity(rows.count) }
        var issues = RowIssues(path: path)
        var previous: (valueHz: Double, field: FieldRange, line: Int)?
        var values = [Double](repeating: 0, count: selection.count)
        for row in rows {
            if let problem = columnCountProblem(row, needed: selection.max()! + 1) {
                issues.add(line: row.line, problem: problem.text, hint: problem.hint)
                continue
            }
            var problems = [String](), hint: String?
            for (slot, column) in selection.enumerated() {
                let field = fields[row.firstField + column]
                if let value = dialect.number(field, in: buffer), value.isFinite {
                    values[slot] = value
                    continue
                }
                let label = "column \(column + 1) (\(names[slot]))"
                if field.isEmpty {
                    problems.append("\(label) is empty")
                    hint = hint ?? "fill in the value or delete the row"
                } else if dialect.number(field, in: buffer) != nil {
                    problems.append("\"\(text(field))\" in \(label) is not a finite number")
                    hint = hint ?? "replace NaN and infinite values by measured ones, or delete the row"
                } else {
                    problems.append("\"\(text(field))\" in \(label) is not a number")
                    hint = hint ?? numberHint
                }
            }
            if problems.isEmpty {
                let frequency = values[0], field = fields[row.firstField + selection[0]]
                if frequency <= 0 {
                    problems.append("frequency \(text(field)) Hz is not above 0")
                    hint = "frequencies are in Hz and positive"
                } else if frequency > Self.highestFrequencyHz {
                    problems.append("frequency \(text(field)) Hz is above 1 MHz")
                    hint = "frequencies are in Hz; audio measurements end below half the sample rate"
                } else if selection.count > 1, abs(values[1]) > Self.largestLevelDB {
                    let levelField = fields[row.firstField + selection[1]]
                    problems.append("\(text(levelField)) in column \(selection[1] + 1) (\(names[1])) is beyond +-1000 dB")
                    hint = "levels are in dB; check that this column holds decibels"
                } else if let previous, frequency <= previous.valueHz {
                    problems.append(
                        "frequency \(text(field)) Hz does not increase: "
                            + "line \(previous.line) has \(text(previous.field)) Hz")
                    hint = "sort the rows by frequency and remove duplicates"
                } else {
                    previous = (frequency, field, row.line)
                }
            }
            guard problems.isEmpty else {
                issues.add(line: row.line, problem: problems.joined(separator: " and "), hint: hint)
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

    /// The text of a field.
    func text(_ field: FieldRange) -> String {
        buffer.text(field.start, field.end)
    }

    private var numberHint: String {
        dialect.allowsDecimalComma
            ? "write numbers like 20.5 or 20,5; text belongs only in header lines before the data"
            : "write numbers like 20.5, with a '.' decimal mark; text belongs only in header lines before the data"
    }

    /// The field count without the empty field a trailing separator (`20;-3;`) leaves.
    private static func effectiveCount(_ row: Row, _ fields: [FieldRange]) -> Int {
        row.fieldCount > 1 && fields[row.firstField + row.fieldCount - 1].isEmpty ? row.fieldCount - 1 : row.fieldCount
    }

    /// Why `row` cannot be read: a column count other than the table's, or fewer fields than the
    /// `needed` columns the selection reads (in a file whose rows mostly have one column, the
    /// rows with one column are the bad ones).
    private func columnCountProblem(_ row: Row, needed: Int) -> (text: String, hint: String)? {
        // A trailing separator is not a further column, but an empty last cell may be one.
        let count = Self.effectiveCount(row, fields), required = max(columnCount, needed)
        guard row.fieldCount != required, count != required else { return nil }
        if count == 1 {
            let others = columnCount >= needed ? ", as the other rows do" : ""
            return ("only one column (\"\(text(fields[row.firstField]))\"), but a row needs a frequency and a level",
                    "separate the columns with \(dialect.separatorName)\(others)")
        }
        let expected = header.map { "the header (line \($0.line)) names \(columnCount)" }
            ?? "the other rows have \(columnCount)"
        return ("\(count) columns where \(expected)", "give every row the same columns")
    }

    /// The most frequent field count (ties: the larger), so that a few broken rows are the ones
    /// reported rather than the many good ones.
    private static func mostCommonCount(_ rows: [Row], _ fields: [FieldRange]) -> Int {
        var tally = [Int: Int]()
        for row in rows { tally[effectiveCount(row, fields), default: 0] += 1 }
        return tally.max { $0.value == $1.value ? $0.key < $1.key : $0.value < $1.value }?.key ?? 0
    }

    /// Rows such as `20,5,-3,2`: commas as separators and as decimal marks. No `.` anywhere and
    /// an even number of at least 4 fields on every row is the signature; reading it would give
    /// 20 Hz, 5 dB.
    private func rejectAmbiguousDecimalCommas(_ lines: [TextLine]) throws(FileFormatError) {
        let suspicious = rows.allSatisfy {
            let count = Self.effectiveCount($0, fields)
            return count >= 4 && count % 2 == 0
        }
            && !lines.contains { buffer.bytes[$0.start..<$0.end].contains(UInt8(ascii: ".")) }
        guard suspicious, let first = lines.first else { return }
        throw FileFormatError(
            path: path, line: first.number,
            problem: "\"\(buffer.text(of: first))\" uses commas both between columns and as decimal marks",
            hint: "save the file with ';' or tabs between columns, or with '.' as the decimal mark")
    }
}
