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
/// or another column by name, or the first value column when there is no `raw`. Levels are in dB
/// (measurements and targets are normalised to 0 dB at 1 kHz), decimals use `.`. The standard
/// grid is `LogFrequencyGrid.autoEq` (695 points, 20 Hz to 19.96 kHz), but any increasing
/// frequencies are accepted.
public enum AutoEqCSV {
    /// Parses an AutoEq CSV held in memory; `name` stands for the path in errors.
    /// - Parameter column: the value column to read (case-insensitive); nil reads `raw`, or the
    ///   first value column when there is no `raw`.
    /// - Throws: `FileFormatError` naming the line and the bad value; every bad row at once.
    public static func parse(_ text: String, name: String, column: String? = nil) throws(FileFormatError) -> FrequencyResponse {
        try parse(TextBuffer(text), name: name, column: column)
    }

    static func parse(_ buffer: TextBuffer, name: String, column: String? = nil) throws(FileFormatError) -> FrequencyResponse {
        let table = try NumericTable.scan(buffer, path: name, rules: .init(dialect: .comma, firstLineIsHeader: true))
        guard let header = table.header else {
            throw FileFormatError(path: name, problem: "no header line", hint: headerHint)
        }
        guard header.names[0].lowercased() == "frequency" else {
            throw FileFormatError(
                path: name, line: header.line,
                problem: "the header starts with \"\(header.names[0])\", not \"frequency\"", hint: headerHint)
        }
        guard header.names.count >= 2 else {
            throw FileFormatError(
                path: name, line: header.line, problem: "the header names no value column after \"frequency\"",
                hint: headerHint)
        }
        let index = try valueColumn(column, in: header, path: name)
        let columns = try table.columns([0, index], names: [header.names[0], header.names[index]])
        return try table.response(columns)
    }

    /// Reads the AutoEq CSV at `path` (UTF-8 or UTF-16 with BOM, any line endings).
    /// - Throws: `FileAccessError` when the file cannot be read, `FileFormatError` when its
    ///   content is malformed.
    public static func read(path: String, column: String? = nil) throws -> FrequencyResponse {
        try parse(TextDecoding.readText(path: path), name: path, column: column)
    }

    /// Whether `line` (a trimmed first line) is an AutoEq header: comma-separated, starting with
    /// the column `frequency`.
    static func isHeader(_ line: TextLine, in buffer: TextBuffer) -> Bool {
        let names = ColumnDialect.comma.fieldTexts(of: line, in: buffer)
        return names.count >= 2 && names[0].lowercased().trimmingQuotes == "frequency"
    }

    private static let headerHint = "an AutoEq CSV starts with a header line such as frequency,raw"

    private static func valueColumn(
        _ wanted: String?, in header: (line: Int, names: [String]), path: String
    ) throws(FileFormatError) -> Int {
        let names = header.names.map { $0.lowercased() }
        guard let wanted else { return names.firstIndex(of: "raw") ?? 1 }
        if let index = names.dropFirst().firstIndex(of: wanted.lowercased()) { return index }
        throw FileFormatError(
            path: path, line: header.line, problem: "no column named \"\(wanted)\"",
            hint: "the header has \(header.names.joined(separator: ", "))")
    }
}

extension String {
    /// The string without one pair of surrounding double quotes.
    var trimmingQuotes: String {
        count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self
    }
}
