import CansCore

/// Room EQ Wizard's "Export measurement as text" files (REW help, File menu > Export).
///
/// ```
/// * Measurement data measured by REW V5.20.13
/// * Source: Umik-1  Gain: 18dB
/// * Freq(Hz), SPL(dB), Phase(degrees)
/// 20.000000, 72.814, -175.3188
/// ```
/// Lines starting with `*` are comments (blank lines are skipped); columns are frequency in Hz,
/// SPL in dB and an optional phase in degrees, separated by commas, spaces or tabs (see
/// `ColumnDialect` for the rule, including REW's comma-decimal locales). The phase, when present,
/// becomes `FrequencyResponse.phasesDegrees`.
public enum REWText {
    /// Parses REW text held in memory; `name` stands for the path in errors.
    /// - Throws: `FileFormatError` naming the line and the bad value; every bad row at once.
    public static func parse(_ text: String, name: String) throws(FileFormatError) -> FrequencyResponse {
        try parse(TextBuffer(text), name: name)
    }

    /// The same on decoded bytes: how files arrive, without a String in between.
    static func parse(_ buffer: TextBuffer, name: String) throws(FileFormatError) -> FrequencyResponse {
        try FrequencyColumns.parse(buffer, path: name, commentMarks: "*", readsPhase: true).response
    }

    /// Reads the REW text export at `path` (UTF-8 or UTF-16 with BOM, any line endings).
    /// - Throws: `FileAccessError` when the file cannot be read, `FileFormatError` when its
    ///   content is malformed.
    public static func read(path: String) throws -> FrequencyResponse {
        try parse(TextDecoding.readText(path: path), name: path)
    }
}
