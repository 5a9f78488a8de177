/// EqualizerAPO `ParametricEQ.txt` (also read by Peace, Wavelet, PipeWire's parametric EQ):
///
///     Preamp: -4.5 dB
///     Filter 1: ON LSC Fc 105 Hz Gain 4.0 dB Q 0.70
///     Filter 2: ON PK Fc 1000 Hz Gain 3.0 dB Q 1.41
///
/// Per channel, `Channel: L` / `Channel: R` blocks each with their own preamp, then
/// `Channel: all` to restore the default for what follows. Numbers have fixed decimals, `.` as
/// separator and never `-0.0` (frequency 0 decimals, gain 1, Q 2 by default: AutoEq's
/// precision), so the same EQ gives the same bytes. Filter kinds are the strings EqualizerAPO
/// reads: `PK` (peaking), `LSC`/`HSC` (cookbook shelves with Q, centre frequency).
public enum EqualizerAPO {
    /// One filter line.
    public struct Filter: Sendable, Equatable {
        /// `PK`, `LSC` or `HSC`.
        public var kind: String
        public var frequencyHz: Double
        public var gainDB: Double
        public var q: Double

        public init(kind: String, frequencyHz: Double, gainDB: Double, q: Double) {
            self.kind = kind
            self.frequencyHz = frequencyHz
            self.gainDB = gainDB
            self.q = q
        }
    }

    /// The filters and preamp of one channel (`channel` nil: all channels).
    public struct Channel: Sendable, Equatable {
        public var channel: String?
        public var preampDB: Double
        public var filters: [Filter]

        public init(channel: String?, preampDB: Double, filters: [Filter]) {
            self.channel = channel
            self.preampDB = preampDB
            self.filters = filters
        }
    }

    /// Decimals written for each value.
    public struct Decimals: Sendable, Equatable {
        public var frequency = 0, gain = 1, q = 2, preamp = 1
        public init() {}
    }

    /// Renders a whole file. One channel with `channel == nil` gives the plain AutoEq-style file;
    /// several give `Channel:` blocks followed by `Channel: all`.
    public static func render(_ channels: [Channel], decimals: Decimals = Decimals()) -> String {
        var out = ""
        let blocks = channels.count == 1 && channels[0].channel == nil
        for channel in channels {
            if let name = channel.channel { out += "Channel: \(name)\n" }
            out += "Preamp: \(fixed(channel.preampDB, decimals.preamp)) dB\n"
            for (index, filter) in channel.filters.enumerated() {
                out += "Filter \(index + 1): ON \(filter.kind) Fc \(fixed(filter.frequencyHz, decimals.frequency)) Hz"
                    + " Gain \(fixed(filter.gainDB, decimals.gain)) dB Q \(fixed(filter.q, decimals.q))\n"
            }
        }
        if !blocks, channels.contains(where: { $0.channel != nil }) { out += "Channel: all\n" }
        return out
    }

    /// `value` with `decimals` decimals, half away from zero, locale-free, never "-0".
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled.magnitude < 1e17 else { return "\(value)" }
        let integer = Int64(scaled)
        let magnitude = integer.magnitude
        var digits = String(magnitude)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (integer < 0 ? "-" : "") + digits
    }
}
