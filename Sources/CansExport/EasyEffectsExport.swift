import CansFit
import CansFormats

/// `easyeffects`: a native EasyEffects output preset (`~/.config/easyeffects/output/NAME.json`)
/// holding its equalizer (LSP parametric equalizer), as EasyEffects 7 writes presets:
/// `output.equalizer#0` with `input-gain` (the preamp), `mode: "IIR"`, `num-bands`,
/// `split-channels`, and `left`/`right` objects of `bandN` with `type` (`Bell`, `Lo-shelf`,
/// `Hi-shelf`), `frequency`, `gain`, `q`, `mode: "APO (DR)"` (the EqualizerAPO/RBJ design, so the
/// bands are the profile's cookbook filters), `slope: "x1"`, `mute`, `solo`, `width`; and
/// `plugins_order`.
///
/// Native JSON rather than EasyEffects' APO import, which forces shelf Q to 2/3. The preset has
/// one input gain, so different preamps per ear (balance) are written as the higher preamp plus,
/// on the quieter ear, a `Lo-shelf` and a `Hi-shelf` of the same gain at 1 kHz: the two cookbook
/// shelves multiply to an exactly flat gain. At most 32 bands per ear (the equalizer's limit).
public enum EasyEffectsExport {
    static func bandType(_ type: FilterType) -> String {
        switch type {
        case .peaking: return "Bell"
        case .lowShelf: return "Lo-shelf"
        case .highShelf: return "Hi-shelf"
        }
    }

    public static func render(_ profile: ExportProfile) throws -> String {
        let channels = profile.written(.fine, preampDecimals: 2)
        let inputGain = channels.map(\.preampDB).max() ?? 0
        let bands: [[Biquad]] = try channels.map { channel in
            let level = channel.preampDB - inputGain
            guard level != 0 else { return channel.filters }
            // Cookbook low shelf x high shelf at one frequency and Q = a flat gain (level < 0 here).
            return try channel.filters + [FilterType.lowShelf, .highShelf].map {
                try Biquad($0, frequencyHz: 1000, gainDB: level, q: 0.707)
            }
        }
        let count = bands.map(\.count).max() ?? 0
        guard count <= 32 else {
            throw ExportError(problem: "the EasyEffects equalizer has at most 32 bands; this profile needs \(count)",
                              hint: "fit again with fewer filters (--filters)")
        }
        func f(_ value: Double, _ decimals: Int) -> String { EqualizerAPO.fixed(value, decimals) }
        func side(_ filters: [Biquad]) -> String {
            var out = "{\n"
            for index in 0..<count {
                let filter = index < filters.count ? filters[index] : nil
                out += """
                                    "band\(index)": {
                                        "frequency": \(f(filter?.frequencyHz ?? 1000, 2)),
                                        "gain": \(f(filter?.gainDB ?? 0, 2)),
                                        "mode": "APO (DR)",
                                        "mute": false,
                                        "q": \(f(filter?.q ?? 1, 3)),
                                        "slope": "x1",
                                        "solo": false,
                                        "type": "\(filter.map { bandType($0.type) } ?? "Off")",
                                        "width": 4.0
                                    }\(index + 1 < count ? "," : "")

                    """
            }
            return out + "            }"
        }
        let left = side(bands[0]), right = side(bands[bands.count - 1])
        return """
            {
                "output": {
                    "blocklist": [],
                    "equalizer#0": {
                        "balance": 0.0,
                        "bypass": false,
                        "input-gain": \(f(inputGain, 2)),
                        "left": \(left),
                        "mode": "IIR",
                        "num-bands": \(count),
                        "output-gain": 0.0,
                        "pitch-left": 0.0,
                        "pitch-right": 0.0,
                        "right": \(right),
                        "split-channels": \(bands.count > 1)
                    },
                    "plugins_order": [
                        "equalizer#0"
                    ]
                }
            }

            """
    }
}
