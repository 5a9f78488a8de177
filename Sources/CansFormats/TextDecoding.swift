/// Bytes to text, the gate every file passes before a parser sees it.
///
/// Accepted: UTF-8 with or without a byte-order mark (the BOM is skipped later, by `TextBuffer`),
/// and UTF-16 with a byte-order mark (what Windows Notepad calls "Unicode"). Anything with a NUL
/// byte or invalid UTF-8 is reported as "not text", with the line and byte offset of the first bad
/// byte, because a parser's message about it ("column 1 is not a number") would only mislead.
enum TextDecoding {
    /// The largest text file read, in bytes (32 MiB). Response and calibration files are small:
    /// an AutoEq CSV has 695 rows (16 kB), a REW export of every bin of a 2^20-point FFT has
    /// 524,288 rows (about 15 MB). A larger file (a 10-million-row CSV is 200-300 MB) is refused
    /// before it is loaded, so a wrong file cannot exhaust memory (the parsed rows take about
    /// four times the text).
    static let maximumBytes = 32 << 20

    /// Reads the file at `path` as text.
    /// - Parameter maximumBytes: the size limit (tests lower it).
    /// - Throws: `FileAccessError` when it cannot be read; `FileFormatError` when it is not text
    ///   or is larger than `maximumBytes`.
    static func readText(path: String, maximumBytes: Int = maximumBytes) throws -> TextBuffer {
        try text(fromBytes: readBytes(path: path, maximumBytes: maximumBytes), path: path)
    }

    /// The bytes of the file at `path`, refused unread when there are more than `maximumBytes`.
    /// - Throws: `FileAccessError` when it cannot be read; `FileFormatError` when it is too large.
    static func readBytes(path: String, maximumBytes: Int = maximumBytes) throws -> [UInt8] {
        switch try POSIXFile.readAll(path: path, maximumBytes: maximumBytes) {
        case let .bytes(bytes):
            return bytes
        case let .tooLarge(byteCount):
            let size = byteCount.map { "\($0) bytes" } ?? "more than \(maximumBytes) bytes"
            throw FileFormatError(
                path: path,
                problem: "the file is too large: \(size), the limit for a response, calibration or profile"
                    + " text is \(maximumBytes) bytes (\(maximumBytes >> 20) MiB); nothing was loaded",
                hint: "a response needs some hundreds to thousands of rows: export it again smoothed or on a"
                    + " log-spaced grid, as REW's text export at 1/48 octave")
        }
    }

    /// Decodes `bytes` (the content of `path`) as UTF-8, or as UTF-16 when it starts with a BOM.
    /// - Throws: `FileFormatError` when the bytes are not text.
    static func text(fromBytes bytes: [UInt8], path: String) throws(FileFormatError) -> TextBuffer {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return TextBuffer(try utf16Text(bytes, bigEndian: bytes[0] == 0xFE, path: path))
        }
        if let offset = bytes.firstIndex(of: 0) {
            throw notText(path: path, bytes: bytes, offset: offset, what: "a NUL byte")
        }
        if String(validating: bytes, as: UTF8.self) != nil { return TextBuffer(validatedUTF8: bytes) }
        let offset = firstInvalidUTF8Offset(bytes)
        let byte = String(bytes[offset], radix: 16, uppercase: true)
        throw notText(path: path, bytes: bytes, offset: offset, what: "byte 0x\(byte), which is not UTF-8")
    }

    private static func utf16Text(_ bytes: [UInt8], bigEndian: Bool, path: String) throws(FileFormatError) -> String {
        guard bytes.count % 2 == 0 else {
            throw FileFormatError(
                path: path, problem: "the file is not text: it starts like UTF-16 but has an odd number of bytes",
                hint: "save it again as UTF-8 text")
        }
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        while index < bytes.count {
            let high = UInt16(bytes[bigEndian ? index : index + 1]), low = UInt16(bytes[bigEndian ? index + 1 : index])
            units.append(high << 8 | low)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    private static func notText(path: String, bytes: [UInt8], offset: Int, what: String) -> FileFormatError {
        let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        return FileFormatError(
            path: path, line: line, problem: "the file is not text: \(what) at byte offset \(offset)",
            hint: "expected a CSV or TXT text export saved as UTF-8, not a binary or spreadsheet file")
    }

    /// Offset of the first byte that does not start a valid UTF-8 sequence (only called on the
    /// failure path, so its speed does not matter).
    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return min(offset, max(bytes.count - 1, 0))
            case .emptyInput: return max(bytes.count - 1, 0)
            }
        }
    }
}
