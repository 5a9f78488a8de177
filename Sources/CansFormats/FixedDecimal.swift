import Foundation

/// Numbers as exported text: fixed decimals, `.` as the separator whatever the locale, never
/// `-0.00` (STYLE.md rule 6: the same input gives the same bytes).
enum FixedDecimal {
    /// `value` with two decimals, correctly rounded from its exact binary value (ties to even),
    /// so the digits equal C's `%.2f` and Python's `f"{x:.2f}"` (what AutoEq writes): 2.675 gives
    /// "2.67" because the double is 2.67499999...
    ///
    /// Integer arithmetic rather than `String(format:)`: locale-free by construction and much
    /// faster. `value * 100` is rounded by the multiplication; when it lands exactly on a half,
    /// the fused multiply-add residual tells on which side the exact product lies. Magnitudes
    /// beyond 10^13 (never a frequency or a level) use `%.2f`.
    static func twoDecimals(_ value: Double) -> String {
        var bytes = [UInt8]()
        appendTwoDecimals(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `twoDecimals(value)` as UTF-8 to `bytes` (the writers' fast path: no String per
    /// number; 695 AutoEq rows render in tens of microseconds).
    static func appendTwoDecimals(_ value: Double, to bytes: inout [UInt8]) {
        let product = value * 100
        guard product.magnitude < 1e15 else {
            let text = String(format: "%.2f", value)
            bytes.append(contentsOf: (text == "-0.00" ? "0.00" : text).utf8)
            return
        }
        let below = product.rounded(.down)
        var scaled = product.rounded(.toNearestOrAwayFromZero)
        if product - below == 0.5 {
            let residual = (-product).addingProduct(value, 100)
            if residual > 0 {
                scaled = below + 1
            } else if residual < 0 {
                scaled = below
            } else {
                scaled = below.truncatingRemainder(dividingBy: 2) == 0 ? below : below + 1
            }
        }
        let hundredths = Int64(scaled)
        if hundredths < 0 { bytes.append(UInt8(ascii: "-")) }  // never for 0: no "-0.00"
        var magnitude = hundredths.magnitude
        var digitCount = 1
        var probe = magnitude / 10
        while probe > 0 {
            digitCount += 1
            probe /= 10
        }
        digitCount = max(digitCount, 3)  // at least "0.0d"
        // Fill "iii.ff" from the right, in place.
        let end = bytes.count + digitCount + 1
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "."), count: digitCount + 1))
        var position = end - 1
        for written in 0..<digitCount {
            if written == 2 { position -= 1 }  // skip the decimal point
            bytes[position] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
            magnitude /= 10
            position -= 1
        }
    }
}
