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
        let product = value * 100
        guard product.magnitude < 1e15 else {
            let text = String(format: "%.2f", value)
            return text == "-0.00" ? "0.00" : text
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
        if hundredths == 0 { return "0.00" }
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        return (hundredths < 0 ? "-" : "") + String(magnitude / 100) + (fraction < 10 ? ".0" : ".") + String(fraction)
    }
}
