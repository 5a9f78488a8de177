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
///    separator); `,` is a decimal comma (`20,5\t-3,2`, `20.5 -3.2`);
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
    static func detect(_ lines: [TextLine]) -> ColumnDialect {
        let order: [ColumnDialect] = [.semicolon, .commaAndSpace, .whitespace, .comma]
        var votes = [0, 0, 0, 0]
        for line in lines {
            if let dialect = classify(line.text), let slot = order.firstIndex(of: dialect) { votes[slot] += 1 }
        }
        guard let best = votes.max(), best > 0, let slot = votes.firstIndex(of: best) else { return .whitespace }
        return order[slot]
    }

    /// The dialect one trimmed row suggests, or nil for a row without any separator.
    static func classify(_ line: Substring) -> ColumnDialect? {
        var hasComma = false, hasBlank = false, commaTouchesBlank = false
        var previous: UInt8 = 0
        for byte in line.utf8 {
            switch byte {
            case UInt8(ascii: ";"):
                return .semicolon
            case UInt8(ascii: ","):
                hasComma = true
                if TextLines.isBlank(previous) { commaTouchesBlank = true }
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

    /// The fields of a trimmed row, each trimmed. A trailing separator (`20;-3;`) gives a last,
    /// empty field (which `NumericTable` tolerates), so that an empty last cell is not lost.
    func fields(of line: Substring) -> [Substring] {
        var fields = [Substring]()
        fields.reserveCapacity(4)
        let utf8 = line.utf8
        var start = utf8.startIndex, index = start
        switch self {
        case .whitespace:
            while index < utf8.endIndex {
                guard TextLines.isBlank(utf8[index]) else {
                    index = utf8.index(after: index)
                    continue
                }
                fields.append(line[start..<index])
                while index < utf8.endIndex, TextLines.isBlank(utf8[index]) { index = utf8.index(after: index) }
                start = index
            }
            if start < utf8.endIndex { fields.append(line[start...]) }
            return fields
        case .comma, .semicolon, .commaAndSpace:
            let separator = UInt8(ascii: self == .semicolon ? ";" : ",")
            var previous: UInt8 = 0
            while index < utf8.endIndex {
                let byte = utf8[index]
                let next = utf8.index(after: index)
                var splits = byte == separator
                if splits, self == .commaAndSpace {
                    splits = TextLines.isBlank(previous) || (next < utf8.endIndex && TextLines.isBlank(utf8[next]))
                }
                if splits {
                    fields.append(TextLines.trimmed(line[start..<index]))
                    start = next
                }
                previous = byte
                index = next
            }
            fields.append(TextLines.trimmed(line[start...]))
            return fields
        }
    }

    /// The number in `field`, honouring a decimal comma where this dialect allows one; nil when
    /// the field is not a number. NaN and infinity parse (the caller rejects them by name).
    func number(_ field: Substring) -> Double? {
        if allowsDecimalComma, field.utf8.contains(UInt8(ascii: ",")) {
            let dotted = field.utf8.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 }
            return Double(String(decoding: dotted, as: UTF8.self))
        }
        return Double(field)
    }
}
