/// The byte range of one field of a data row, trimmed of spaces and tabs.
struct FieldRange: Sendable, Equatable {
    let start: Int
    let end: Int
    var isEmpty: Bool { start == end }
}

/// How the columns of a data row are separated, and so which decimal mark numbers may use.
///
/// Detection rule (`detect`), applied to every data row and decided by majority, so one odd row
/// cannot flip a whole file:
/// 1. a row with `;` is semicolon-separated; `,` inside a number is a decimal comma
///    (`20,5;-3,2`, the spreadsheet export of comma-decimal locales);
/// 2. else a row where a comma touches a space or tab is comma-and-space separated; a comma
///    between two digits is a decimal comma (REW: `20.000, 72.814, -175.3` and, in comma-decimal
///    locales, `20,5, 103,4, -12,0`);
/// 3. else a row with spaces or tabs inside is whitespace-separated (runs count as one
///    separator); `,` is a decimal comma (`20,5<TAB>-3,2`, `20.5 -3.2`);
/// 4. else a row with a comma is comma-separated with `.` decimals (`20.5,-3.2`, AutoEq).
///
/// A comma-separated file whose numbers also use decimal commas (`20,5,-3,2`) cannot be read
/// without guessing; `NumericTable` rejects the tell-tale case (no `.` anywhere and an even number
/// of at least 4 columns in every row) instead of reading 20 Hz, 5 dB.
enum ColumnDialect: Equatable, Sendable {
    /// `,` separates; `.` is the decimal mark.
    case comma
    /// A comma next to a space or tab separates; a comma between digits is a decimal mark.
    case commaAndSpace
    /// `;` separates; `,` or `.` is the decimal mark.
    case semicolon
    /// Runs of spaces and tabs separate; `,` or `.` is the decimal mark.
    case whitespace

    /// Whether `,` inside a field is a decimal mark.
    var allowsDecimalComma: Bool { self != .comma }

    /// How the separator is named in messages.
    var separatorName: String {
        switch self {
        case .comma: return "commas"
        case .commaAndSpace: return "commas followed by spaces"
        case .semicolon: return "semicolons"
        case .whitespace: return "spaces or tabs"
        }
    }

    /// The dialect most data rows use (ties go to the order of the rules above); whitespace when
    /// no row has a separator at all.
    static func detect(_ lines: [TextLine], in buffer: TextBuffer) -> ColumnDialect {
        let order: [ColumnDialect] = [.semicolon, .commaAndSpace, .whitespace, .comma]
        var votes = [0, 0, 0, 0]
        for line in lines {
            if let dialect = classify(line, in: buffer), let slot = order.firstIndex(of: dialect) { votes[slot] += 1 }
        }
        guard let best = votes.max(), best > 0, let slot = votes.firstIndex(of: best) else { return .whitespace }
        return order[slot]
    }

    /// The dialect one row suggests, or nil for a row without any separator.
    static func classify(_ line: TextLine, in buffer: TextBuffer) -> ColumnDialect? {
        let bytes = buffer.bytes
        var hasComma = false, hasBlank = false, commaTouchesBlank = false
        var previous: UInt8 = 0
        for index in line.start..<line.end {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: ";"):
                return .semicolon
            case UInt8(ascii: ","):
                hasComma = true
                if TextBuffer.isBlank(previous) { commaTouchesBlank = true }
            case 0x20, 0x09:
                hasBlank = true
                if previous == UInt8(ascii: ",") { commaTouchesBlank = true }
            default:
                break
            }
            previous = byte
        }
        if commaTouchesBlank { return .commaAndSpace }
        if hasBlank { return .whitespace }
        return hasComma ? .comma : nil
    }

    /// Appends the trimmed fields of `line` to `fields`; returns how many. A trailing separator
    /// (`20;-3;`) gives a last, empty field (which `NumericTable` tolerates), so that an empty
    /// last cell is not lost.
    @discardableResult
    func appendFields(of line: TextLine, in buffer: TextBuffer, to fields: inout [FieldRange]) -> Int {
        let bytes = buffer.bytes
        let before = fields.count
        var start = line.start, index = line.start
        switch self {
        case .whitespace:
            while index < line.end {
                guard TextBuffer.isBlank(bytes[index]) else {
                    index += 1
                    continue
                }
                fields.append(FieldRange(start: start, end: index))
                while index < line.end, TextBuffer.isBlank(bytes[index]) { index += 1 }
                start = index
            }
            if start < line.end { fields.append(FieldRange(start: start, end: line.end)) }
        case .comma, .semicolon, .commaAndSpace:
            let separator = UInt8(ascii: self == .semicolon ? ";" : ",")
            while index < line.end {
                var splits = bytes[index] == separator
                if splits, self == .commaAndSpace {
                    splits = (index > line.start && TextBuffer.isBlank(bytes[index - 1]))
                        || (index + 1 < line.end && TextBuffer.isBlank(bytes[index + 1]))
                }
                if splits {
                    let range = buffer.trimmed(start, index)
                    fields.append(FieldRange(start: range.start, end: range.end))
                    start = index + 1
                }
                index += 1
            }
            let range = buffer.trimmed(start, line.end)
            fields.append(FieldRange(start: range.start, end: range.end))
        }
        return fields.count - before
    }

    /// The fields of `line` as text (headers and column titles).
    func fieldTexts(of line: TextLine, in buffer: TextBuffer) -> [String] {
        var fields = [FieldRange]()
        appendFields(of: line, in: buffer, to: &fields)
        return fields.map { buffer.text($0.start, $0.end) }
    }

    /// The number in `field`, honouring a decimal comma where this dialect allows one; nil when
    /// the field is not a number. NaN and infinity parse (the caller rejects them by name).
    ///
    /// Plain decimals of up to 15 significant digits (every value in AutoEq, REW and squig.link
    /// files) take Clinger's fast path: the integer mantissa and the power of ten are exact
    /// doubles, so one division is correctly rounded and equals `Double(String)` (W. D.
    /// Clinger, "How to read floating point numbers accurately", PLDI 1990). Anything else
    /// (exponents, more digits, `nan`, text) goes through `Double(String)`.
    func number(_ field: FieldRange, in buffer: TextBuffer) -> Double? {
        let bytes = buffer.bytes
        var index = field.start
        var negative = false
        if index < field.end, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0, fractionDigits = 0, sawDigit = false, sawPoint = false, fast = true
        while index < field.end {
            let byte = bytes[index]
            if TextBuffer.isDigit(byte) {
                guard mantissa < 100_000_000_000_000_000 else { fast = false; break }
                mantissa = mantissa * 10 + UInt64(byte - 0x30)
                sawDigit = true
                if sawPoint { fractionDigits += 1 }
            } else if !sawPoint, byte == UInt8(ascii: ".") || (byte == UInt8(ascii: ",") && allowsDecimalComma) {
                sawPoint = true
            } else {
                fast = false
                break
            }
            index += 1
        }
        if fast, sawDigit, mantissa <= 1 << 53, fractionDigits < Self.powersOfTen.count {
            let magnitude = Double(mantissa) / Self.powersOfTen[fractionDigits]
            return negative ? -magnitude : magnitude
        }
        var text = Array(bytes[field.start..<field.end])
        if allowsDecimalComma {
            for position in text.indices where text[position] == UInt8(ascii: ",") {
                text[position] = UInt8(ascii: ".")
            }
        }
        return Double(String(decoding: text, as: UTF8.self))
    }

    /// 10^0 ... 10^22, all exact in binary64.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}
