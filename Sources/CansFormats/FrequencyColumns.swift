import CansCore

/// Frequency, level and optional phase columns without a fixed header: the common reader behind
/// REW exports, squig.link files, generic text and calibration files.
enum FrequencyColumns {
    /// Which column names messages use: REW's `Freq(Hz) SPL(dB) Phase(degrees)` in plain words.
    static let names = ["frequency", "dB", "phase"]

    /// Reads frequency (column 1) and level (column 2), plus phase (column 3) when `readsPhase`
    /// and the file has a third column that a column-title line (if any) calls phase.
    /// - Returns: the response and the table it came from (callers read the preamble).
    /// - Throws: `FileFormatError` for every malformed input, all bad rows at once.
    static func parse(
        _ buffer: TextBuffer, path: String, commentMarks: String, readsPhase: Bool
    ) throws(FileFormatError) -> (response: FrequencyResponse, table: NumericTable) {
        let table = try NumericTable.scan(buffer, path: path, rules: .init(commentMarks: Array(commentMarks.utf8)))
        let withPhase = readsPhase && table.columnCount >= 3 && thirdColumnIsPhase(table)
        let selection = withPhase ? [0, 1, 2] : [0, 1]
        let columns = try table.columns(selection, names: Array(names.prefix(selection.count)))
        return (try table.response(columns, phaseSlot: withPhase ? 2 : nil), table)
    }

    /// REW writes a column-title line (`* Freq(Hz), SPL(dB), Phase(degrees)`) just before the
    /// data. When the preamble has a line starting with "freq" whose third name does not mention
    /// phase (a distortion export: `Freq(Hz), Fundamental, THD, ...`), the third column is not
    /// phase. Without such a line a third column is taken as phase, REW's default export.
    private static func thirdColumnIsPhase(_ table: NumericTable) -> Bool {
        let bytes = table.buffer.bytes, marks = Array("*\"#".utf8)
        for line in table.preamble.reversed() {
            var start = line.start
            while start < line.end, marks.contains(bytes[start]) || TextBuffer.isBlank(bytes[start]) { start += 1 }
            let title = TextLine(number: line.number, start: start, end: line.end)
            guard table.buffer.text(of: title).lowercased().hasPrefix("freq") else { continue }
            let titles = table.dialect.fieldTexts(of: title, in: table.buffer)
            guard titles.count >= 3 else { return true }
            return titles[2].lowercased().contains("phase")
        }
        return true
    }
}
