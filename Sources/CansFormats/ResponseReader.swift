import CansCore

/// The response file formats `ResponseReader` recognises.
public enum ResponseFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    /// AutoEq CSV (`frequency,raw,...` header): `AutoEqCSV`.
    case autoEqCSV = "AutoEq CSV"
    /// REW text export (`*` comment lines): `REWText`.
    case rewText = "REW text"
    /// squig.link channel file (`Name L.txt` / `Name R.txt`): `SquigText`.
    case squigText = "squig.link text"
    /// Any other frequency/level columns: `GenericText`.
    case genericText = "text columns"

    public var description: String { rawValue }

    /// Sniffs the format from the first non-blank line and the file name, in this order:
    /// a first line that is a comma-separated header starting with `frequency` is AutoEq CSV; a
    /// name ending in ` L.txt` / ` R.txt` is squig.link; a first line starting with `*` is REW;
    /// anything else is generic text. Cheap: reads one line.
    public static func detect(text: String, name: String) -> ResponseFormat {
        detect(TextBuffer(text), name: name)
    }

    static func detect(_ buffer: TextBuffer, name: String) -> ResponseFormat {
        let first = buffer.nonBlankLines(limit: 1).first
        if let first, AutoEqCSV.isHeader(first, in: buffer) { return .autoEqCSV }
        if SquigText.isChannelFileName(name) { return .squigText }
        if let first, buffer.bytes[first.start] == UInt8(ascii: "*") { return .rewText }
        return .genericText
    }
}

/// A response read from a file, with the format it was read as.
public struct ParsedResponse: Sendable, Equatable {
    public let response: FrequencyResponse
    public let format: ResponseFormat

    public init(response: FrequencyResponse, format: ResponseFormat) {
        self.response = response
        self.format = format
    }
}

/// One entry point for every response format: sniffs the format (`ResponseFormat.detect`) and
/// reads the file with the matching reader.
public enum ResponseReader {
    /// Parses text held in memory; `name` (a file name or any label) stands for the path in
    /// errors and helps the sniffing.
    /// - Throws: `FileFormatError` naming the line and the bad value; every bad row at once.
    public static func parse(_ text: String, name: String) throws(FileFormatError) -> ParsedResponse {
        try parse(TextBuffer(text), name: name)
    }

    /// The same on decoded bytes: how files arrive, without a String in between.
    static func parse(_ buffer: TextBuffer, name: String) throws(FileFormatError) -> ParsedResponse {
        let format = ResponseFormat.detect(buffer, name: name)
        let response: FrequencyResponse
        switch format {
        case .autoEqCSV: response = try AutoEqCSV.parse(buffer, name: name)
        case .rewText: response = try REWText.parse(buffer, name: name)
        case .squigText: response = try SquigText.parse(buffer, name: name)
        case .genericText: response = try GenericText.parse(buffer, name: name)
        }
        return ParsedResponse(response: response, format: format)
    }

    /// Reads the file at `path`: UTF-8 (a BOM is ignored) or UTF-16 with BOM, LF, CRLF or CR.
    /// - Throws: `FileAccessError` when the file cannot be read (missing, a directory, no
    ///   permission), `FileFormatError` when it is not text or its content is malformed.
    public static func read(path: String) throws -> ParsedResponse {
        try parse(TextDecoding.readText(path: path), name: path)
    }
}
