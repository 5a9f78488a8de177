import CansFit
import CansFormats

/// `equalizer-apo`: EqualizerAPO's `ParametricEQ.txt` (also read by Peace, Wavelet's parametric EQ
/// and PipeWire's parametric-equalizer module), per the EqualizerAPO configuration reference
/// (`Preamp:`, `Filter n: ON PK|LSC|HSC Fc f Hz Gain g dB Q q`, `Channel:`).
///
/// The cookbook filters are written as APO reads them: `PK` peaking, `LSC`/`HSC` shelves with
/// a centre (mid-gain) frequency and Q (not `LS`/`HS`, whose frequency is a corner and whose
/// default is a slope). One EQ for every channel gives AutoEq's plain file; different EQs per ear
/// give `Channel: L` and `Channel: R` blocks, each with its own preamp, closed by `Channel: all`.
/// Values keep AutoEq's precision (1 Hz, 0.1 dB, Q 0.01); the preamp is checked on the rounded
/// values.
public enum EqualizerAPOExport {
    public static func render(_ profile: ExportProfile) -> String {
        let channels = profile.written(.standard, preampDecimals: 1)
        return EqualizerAPO.render(channels.map { channel in
            EqualizerAPO.Channel(
                channel: channels.count > 1 ? channel.name : nil, preampDB: channel.preampDB,
                filters: channel.filters.map { .init(kind: $0.type.rawValue, frequencyHz: $0.frequencyHz, gainDB: $0.gainDB, q: $0.q) })
        })
    }
}
