import CansCore

/// Two columns of numbers, frequency in Hz then level in dB, from any tool or spreadsheet.
///
/// - Separators: comma, semicolon, tab or spaces, detected per file by the rule documented on
///   `ColumnDialect` (majority of the data rows). With `;`, tab or space separators a comma inside
///   a number is a decimal comma (`20,5;-3,2`, `20,5<TAB>-3,2`); with comma separators `.` is the
///   decimal mark, and a file that uses commas for both is rejected rather than guessed.
/// - Header lines: any text lines before the first row that starts with a number are skipped;
///   lines starting with `#` or `*` are comments anywhere.
/// - Further columns are allowed (every row needs the same count) and ignored.
public enum GenericText {
    /// Parses generic column text held in memory; `name` stands for the path in errors.
    /// - Throws: `FileFormatError` naming the line and the bad value; every bad row at once.
    public static func parse(_ text: String, name: String) throws(FileFormatError) -> FrequencyResponse {
        try parse(TextBuffer(text), name: name)
    }

    /// The same on decoded bytes: how files arrive, without a String in between.
    static func parse(_ buffer: TextBuffer, name: String) throws(FileFormatError) -> FrequencyResponse {
        try FrequencyColumns.parse(buffer, path: name, commentMarks: "#*", readsPhase: false).response
    }

    /// Reads the text file at `path` (UTF-8 or UTF-16 with BOM, any line endings).
    /// - Throws: `FileAccessError` when the file cannot be read, `FileFormatError` when its
    ///   content is malformed.
    public static func read(path: String) throws -> FrequencyResponse {
        try parse(TextDecoding.readText(path: path), name: path)
    }
}
