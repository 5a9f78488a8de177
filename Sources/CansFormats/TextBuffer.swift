/// One non-blank line of a text file: its number and the byte range of its text without the line
/// break and without surrounding spaces and tabs.
struct TextLine: Sendable, Equatable {
    /// 1-based line number in the file.
    let number: Int
    /// First byte of the trimmed text.
    let start: Int
    /// One past the last byte of the trimmed text.
    let end: Int
}

/// The UTF-8 bytes of one text and the line and byte helpers the readers share.
///
/// Readers work on a byte array, not on `String` or `Substring`: String's UTF-8 view indexing and
/// `Double(Substring)` cost about 100 ns per byte or field here, and made a 695-row AutoEq file
/// take 1.5 ms (release, this machine); on bytes it takes tens of microseconds. Lines end at LF,
/// CRLF or a lone CR (old Mac exports); a leading UTF-8 byte-order mark is skipped.
struct TextBuffer: Sendable {
    let bytes: [UInt8]

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// Bytes already checked to be UTF-8 (see `TextDecoding`).
    init(validatedUTF8 bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The non-blank lines, trimmed, with their 1-based numbers; at most `limit` of them.
    func nonBlankLines(limit: Int = .max) -> [TextLine] {
        var lines = [TextLine]()
        guard limit > 0 else { return lines }
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = start, number = 1
        let count = bytes.count
        while true {
            let atEnd = index == count
            let byte: UInt8 = atEnd ? 0x0A : bytes[index]
            if byte == 0x0A || byte == 0x0D {
                let line = trimmedLine(number: number, start: start, end: index)
                if line.start < line.end {
                    lines.append(line)
                    if lines.count == limit { return lines }
                }
                if atEnd { return lines }
                index += 1
                if byte == 0x0D, index < count, bytes[index] == 0x0A { index += 1 }
                start = index
                number += 1
            } else {
                index += 1
            }
        }
    }

    /// The text of a byte range.
    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The trimmed text of a line.
    func text(of line: TextLine) -> String {
        text(line.start, line.end)
    }

    /// 1-based number of the line holding byte `offset`.
    func lineNumber(ofByte offset: Int) -> Int {
        var number = 1
        for index in 0..<offset where bytes[index] == 0x0A { number += 1 }
        return number
    }

    /// Whether a line starts like a number (`20`, `-3.5`, `+.5`, `.5`): the test that separates
    /// data rows from header text.
    func startsWithNumber(_ line: TextLine) -> Bool {
        var index = line.start
        if index < line.end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < line.end, bytes[index] == UInt8(ascii: ".") { index += 1 }
        return index < line.end && Self.isDigit(bytes[index])
    }

    /// `start..<end` without leading and trailing spaces and tabs.
    func trimmed(_ start: Int, _ end: Int) -> (start: Int, end: Int) {
        var start = start, end = end
        while start < end, Self.isBlank(bytes[start]) { start += 1 }
        while end > start, Self.isBlank(bytes[end - 1]) { end -= 1 }
        return (start, end)
    }

    /// Space or tab.
    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// ASCII 0-9.
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    private func trimmedLine(number: Int, start: Int, end: Int) -> TextLine {
        let range = trimmed(start, end)
        return TextLine(number: number, start: range.start, end: range.end)
    }
}

extension String {
    /// The string without one pair of surrounding double quotes (CSV header names).
    var trimmingQuotes: String {
        count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self
    }
}
