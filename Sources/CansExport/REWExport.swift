import CansFormats

/// `rew`: Room EQ Wizard's filter-settings text for its `Generic` equaliser, the layout REW's
/// "Export filter settings as text" writes and its import reads:
///
///     Filter Settings file
///
///     Notes:HD 600, preamp -5.1 dB
///
///     Equaliser: Generic
///     Filter  1: ON  LSC      Fc    105 Hz  Gain   4.00 dB  Q  0.700
///     Filter  2: ON  PK       Fc   1000 Hz  Gain   3.00 dB  Q  1.410
///
/// Types: `PK` peaking and REW's `LSC`/`HSC` shelves with centre frequency and Q (the cookbook
/// shelves, as in EqualizerAPO). A REW equaliser has no preamp, so the preamp (checked on the
/// written values) is stated in the notes line for the user to set. Different EQs per ear give one
/// `Equaliser: Generic` block per ear, each after a `Channel: L` / `Channel: R` line. REW's header
/// lines without a colon are ignored by EqualizerAPO, which reads the filter lines too.
public enum REWExport {
    public static func render(_ profile: ExportProfile) -> String {
        let channels = profile.written(.standard, preampDecimals: 1)
        func f(_ value: Double, _ decimals: Int, width: Int) -> String {
            let text = EqualizerAPO.fixed(value, decimals)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        let preamps = channels.map { (channels.count > 1 ? "\($0.name) " : "") + "preamp \(EqualizerAPO.fixed($0.preampDB, 1)) dB" }
        var out = "Filter Settings file\n\nNotes:\(profile.name), \(preamps.joined(separator: ", "))\n"
        for channel in channels {
            out += "\n"
            if channels.count > 1 { out += "Channel: \(channel.name)\n" }
            out += "Equaliser: Generic\n"
            for (index, filter) in channel.filters.enumerated() {
                let type = filter.type.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                out += "Filter \(f(Double(index + 1), 0, width: 2)): ON  \(type) Fc \(f(filter.frequencyHz, 0, width: 6)) Hz"
                    + "  Gain \(f(filter.gainDB, 2, width: 6)) dB  Q \(f(filter.q, 3, width: 6))\n"
            }
        }
        return out
    }
}
