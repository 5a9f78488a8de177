/// One non-blank line of a text file, trimmed of spaces and tabs at both ends.
struct TextLine: Sendable {
    /// 1-based line number in the file.
    let number: Int
    /// The line's text without the line break and without surrounding spaces and tabs.
    let text: Substring
}

/// Line splitting and byte classes shared by the readers.
///
/// Works on the UTF-8 view (no grapheme breaking, no Foundation): a 695-row AutoEq file splits in
/// a few microseconds. Lines end at LF, CRLF or a lone CR (old Mac exports); a leading UTF-8
/// byte-order mark is dropped.
enum TextLines {
    /// The non-blank lines of `text`, trimmed, with their 1-based numbers.
    static func nonBlank(_ text: String) -> [TextLine] {
        var lines = [TextLine]()
        forEachNonBlank(text) { lines.append($0); return true }
        return lines
    }

    /// The first non-blank line, without splitting the rest (for format sniffing).
    static func firstNonBlank(_ text: String) -> TextLine? {
        var first: TextLine?
        forEachNonBlank(text) { first = $0; return false }
        return first
    }

    /// Calls `body` with each non-blank trimmed line in order until it returns false.
    static func forEachNonBlank(_ text: String, _ body: (TextLine) -> Bool) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { start = utf8.index(start, offsetBy: 3) }
        var index = start
        var number = 1
        while index < utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x0A || byte == 0x0D else {
                index = utf8.index(after: index)
                continue
            }
            let line = trimmed(text[start..<index])
            if !line.isEmpty, !body(TextLine(number: number, text: line)) { return }
            index = utf8.index(after: index)
            if byte == 0x0D, index < utf8.endIndex, utf8[index] == 0x0A { index = utf8.index(after: index) }
            start = index
            number += 1
        }
        let last = trimmed(text[start..<utf8.endIndex])
        if !last.isEmpty { _ = body(TextLine(number: number, text: last)) }
    }

    /// 1-based number of the line holding the byte at `index`.
    static func lineNumber(of index: String.Index, in text: String) -> Int {
        text.utf8[..<index].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimmed(_ text: Substring) -> Substring {
        let utf8 = text.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, isBlank(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isBlank(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return text[start..<end]
    }

    /// Space or tab.
    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// ASCII 0-9.
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Whether a trimmed line starts like a number (`20`, `-3.5`, `+.5`, `.5`): the test that
    /// separates data rows from header text.
    static func startsWithNumber(_ line: Substring) -> Bool {
        var bytes = line.utf8.makeIterator()
        guard var byte = bytes.next() else { return false }
        if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
            guard let next = bytes.next() else { return false }
            byte = next
        }
        if byte == UInt8(ascii: ".") {
            guard let next = bytes.next() else { return false }
            byte = next
        }
        return isDigit(byte)
    }
}
