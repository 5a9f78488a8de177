import CansFormats

/// Text pieces of a PipeWire config file, which is SPA-JSON (PipeWire's relaxed JSON: `=` or `:`
/// between key and value, optional commas, `#` comments to the end of the line, bare words).
///
/// User text (a headphone's name, a path) only ever appears in two places:
/// - inside double quotes, where `"` and `\` are escaped with a backslash and control characters
///   as `\n`, `\t`, `\r` or `\uXXXX` (SPA-JSON's string escapes, as `spa_json_parse_stringn`
///   decodes them); non-ASCII UTF-8 is written as it is, which SPA-JSON passes through;
/// - in `#` comments, where a line break would end the comment and let the rest be read as
///   config: there every control character becomes a space.
enum PipeWireText {
    /// `text` as a quoted SPA-JSON string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `text` safe inside a `#` comment: control characters (line breaks included) become spaces.
    static func commentSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
        }))
    }

    /// A node-name part made of ASCII letters, digits and `_` only (PipeWire accepts more, but a
    /// name people type into `pw-link` and session-manager rules should need no quoting); empty
    /// input gives "eq".
    static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, out.last != "_" {
                out += "_"
            }
        }
        while out.last == "_" { out.removeLast() }
        return out.isEmpty ? "eq" : String(out.prefix(48))
    }

    /// A number with `decimals` decimals, `.` as separator, never "-0".
    static func number(_ value: Double, _ decimals: Int) -> String { EqualizerAPO.fixed(value, decimals) }
}
