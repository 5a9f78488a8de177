import CansFit
import CansFormats

/// `sox`: the effects part of a sox command, one line, so that
/// `sox in.wav out.wav $(cat profile.sox)` applies the profile (SoX 14.4 manual, effects `gain`,
/// `equalizer`, `bass`, `treble`, `remix`):
///
///     gain -5.10 bass 4.00 105.00 0.700q equalizer 1000.00 1.410q 3.00
///
/// `gain` first (sox processes in fixed point, so the level comes down before any boost),
/// then `equalizer F Wq G` for peaking filters and `bass G F Wq` / `treble G F Wq` for the
/// shelves: sox designs all three from the RBJ cookbook at the file's own rate, with the
/// frequency as the centre (mid-gain) frequency and `q` widths as the cookbook Q, which is the
/// profile's `PK`/`LSC`/`HSC`. sox applies one chain to every channel: a profile whose ears
/// differ only in level (balance) gets the higher preamp in `gain` and the rest per channel in a
/// closing `remix -m 1pA 2pB` (dB, for stereo files); one whose filters differ is refused.
public enum SoxExport {
    public static func render(_ profile: ExportProfile) throws -> String {
        let channels = profile.written(.fine, preampDecimals: 2)
        guard channels.dropFirst().allSatisfy({ $0.filters == channels[0].filters }) else {
            throw ExportError(
                problem: "sox applies one effects chain to every channel, and this profile has different filters for L and R",
                hint: "export one ear's EQ for both with --channels L (or R), or use equalizer-apo, camilladsp or easyeffects")
        }
        func f(_ value: Double, _ decimals: Int) -> String { EqualizerAPO.fixed(value, decimals) }
        let gain = channels.map(\.preampDB).max() ?? 0
        var effects = ["gain \(f(gain, 2))"]
        for filter in channels[0].filters {
            let frequency = f(filter.frequencyHz, 2), q = f(filter.q, 3) + "q", g = f(filter.gainDB, 2)
            switch filter.type {
            case .peaking: effects.append("equalizer \(frequency) \(q) \(g)")
            case .lowShelf: effects.append("bass \(g) \(frequency) \(q)")
            case .highShelf: effects.append("treble \(g) \(frequency) \(q)")
            }
        }
        if channels.count > 1 {
            effects.append("remix -m " + channels.enumerated().map { "\($0.offset + 1)p\(f($0.element.preampDB - gain, 2))" }.joined(separator: " "))
        }
        return effects.joined(separator: " ") + "\n"
    }
}
