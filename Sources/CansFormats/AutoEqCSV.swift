import CansCore

/// AutoEq's measurement and target CSV (github.com/jaakkopasanen/AutoEq, `FrequencyResponse.
/// write_csv`): a header line naming the columns, then one comma-separated row per frequency.
///
/// ```
/// frequency,raw
/// 20.00,-2.53
/// 20.20,-2.47
/// ```
/// More columns may follow (`frequency,raw,smoothed,error,...,target`); the reader takes `raw`,
/// or another column by name, or the first value column when there is no `raw`. AutoEq writes
/// `frequency` first, but the column is found by name wherever it is. Levels are in dB
/// (measurements and targets are normalised to 0 dB at 1 kHz), decimals use `.`. The standard
/// grid is `LogFrequencyGrid.autoEq` (695 points, 20 Hz to 19.96 kHz), but any increasing
/// frequencies are accepted.
public enum AutoEqCSV {
    /// Parses an AutoEq CSV held in memory; `name` stands for the path in errors.
    /// - Parameter column: the value column to read (case-insensitive); nil reads `raw`, or the
    ///   first value column when there is no `raw`.
    /// - Throws: `FileFormatError` naming the line and the bad value; every bad row at once.
    public static func parse(
        _ text: String, name: String, column: String? = nil
    ) throws(FileFormatError) -> FrequencyResponse {
        try parse(TextBuffer(text), name: name, column: column)
    }

    /// The same on decoded bytes: how files arrive, without a String in between.
    static func parse(
        _ buffer: TextBuffer, name: String, column: String? = nil
    ) throws(FileFormatError) -> FrequencyResponse {
        let table = try NumericTable.scan(buffer, path: name, rules: .init(dialect: .comma, firstLineIsHeader: true))
        guard let header = table.header else {
            throw FileFormatError(path: name, problem: "no header line", hint: headerHint)
        }
        let names = header.names.map { $0.lowercased() }
        guard let frequencyIndex = names.firstIndex(of: "frequency") else {
            throw FileFormatError(
                path: name, line: header.line,
                problem: "the header (\(header.names.joined(separator: ","))) has no \"frequency\" column",
                hint: headerHint)
        }
        guard names.count >= 2 else {
            throw FileFormatError(
                path: name, line: header.line, problem: "the header names no value column besides \"frequency\"",
                hint: headerHint)
        }
        let valueIndex = try valueColumn(column, in: header, skipping: frequencyIndex, path: name)
        let columns = try table.columns(
            [frequencyIndex, valueIndex], names: [header.names[frequencyIndex], header.names[valueIndex]])
        return try table.response(columns)
    }

    /// Reads the AutoEq CSV at `path` (UTF-8 or UTF-16 with BOM, any line endings).
    /// - Throws: `FileAccessError` when the file cannot be read, `FileFormatError` when its
    ///   content is malformed.
    public static func read(path: String, column: String? = nil) throws -> FrequencyResponse {
        try parse(TextDecoding.readText(path: path), name: path, column: column)
    }

    /// Whether `line` (a trimmed first line) is an AutoEq header: comma-separated names, one of
    /// them `frequency`.
    static func isHeader(_ line: TextLine, in buffer: TextBuffer) -> Bool {
        let names = ColumnDialect.comma.fieldTexts(of: line, in: buffer)
        return names.count >= 2 && names.contains { $0.trimmingQuotes.lowercased() == "frequency" }
    }

    private static let headerHint = "an AutoEq CSV starts with a header line such as frequency,raw"

    /// The column to read: `wanted` by name, else `raw`, else the first one that is not the
    /// frequency.
    private static func valueColumn(
        _ wanted: String?, in header: (line: Int, names: [String]), skipping frequencyIndex: Int, path: String
    ) throws(FileFormatError) -> Int {
        let names = header.names.map { $0.lowercased() }
        let candidates = names.indices.filter { $0 != frequencyIndex }
        guard let wanted else { return candidates.first { names[$0] == "raw" } ?? candidates[0] }
        if let index = candidates.first(where: { names[$0] == wanted.lowercased() }) { return index }
        throw FileFormatError(
            path: path, line: header.line, problem: "no column named \"\(wanted)\"",
            hint: "the header has \(header.names.joined(separator: ", "))")
    }
}
