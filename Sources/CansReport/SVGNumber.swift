/// Numbers and text for SVG and HTML: fixed decimals, `.` as the separator whatever the locale,
/// never "-0" (the same input gives the same bytes, STYLE.md rule 6), and XML escaping.
public enum SVGNumber {
    /// `value` rounded half away from zero to `decimals` (0-6) decimals.
    public static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled.magnitude < 9e15 else { return String(Int(value)) }
        let integer = Int64(scaled)
        var digits = String(integer.magnitude)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (integer < 0 ? "-" : "") + digits
    }

    /// A signed level: "+4.0", "-3.0", "0.0".
    public static func signed(_ value: Double, decimals: Int = 1) -> String {
        let text = format(value, decimals: decimals)
        return text.hasPrefix("-") || Double(text) == 0 ? text : "+" + text
    }

    /// Text safe inside XML/HTML elements and attribute values.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
