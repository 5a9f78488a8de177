import CansFit
import CansFormats

/// `camilladsp`: a complete CamillaDSP v3 configuration (YAML), following the configuration
/// section of the CamillaDSP v3 README:
///
/// - `devices`: `samplerate` (the export rate), `chunksize` (1024 at 48 kHz, scaled with the rate),
///   `capture` and `playback` of `type: Alsa` with 2 channels, the device names from the options
///   and `format: S32LE` (v3's name; v4 renamed it `S32_LE`);
/// - `filters`: one `Gain` (`scale: dB`) for the preamp and one `Biquad` per filter, `Peaking`,
///   `Lowshelf` or `Highshelf` with `freq`, `gain` and `q` (CamillaDSP's shelves with `q` are the
///   cookbook shelves at their mid-gain frequency, as the profile's `LSC`/`HSC`);
/// - `pipeline`: one `Filter` step per channel list (`channels: [0, 1]` for one EQ on both ears,
///   else `[0]` for L and `[1]` for R), naming its filters in order.
///
/// Strings are double-quoted with YAML escapes, so names with quotes, colons, non-ASCII or new
/// lines stay one value. Numbers: 0.01 Hz, 0.01 dB, Q 0.001 (the profile's values exactly).
/// The text is checked with `CamillaDSPCheck` before it is returned.
public enum CamillaDSPExport {
    /// CamillaDSP's biquad type for a filter.
    static func biquadType(_ type: FilterType) -> String {
        switch type {
        case .peaking: return "Peaking"
        case .lowShelf: return "Lowshelf"
        case .highShelf: return "Highshelf"
        }
    }

    /// The device channel indices of a profile channel.
    static func indices(_ name: String) -> [Int] {
        switch name {
        case "L": return [0]
        case "R": return [1]
        default: return [0, 1]
        }
    }

    public static func render(_ profile: ExportProfile) throws -> String {
        let channels = profile.written(.fine, preampDecimals: 2)
        let rate = profile.sampleRateHz
        guard rate == rate.rounded() else {
            throw ExportError(problem: "CamillaDSP takes a whole-number samplerate, not \(rate) Hz",
                              hint: "give --sample-rate as a whole number of Hz", isUsage: true)
        }
        let chunk = 1024 * max(1, Int((rate / 48_000).rounded()))
        func f(_ value: Double, _ decimals: Int) -> String { EqualizerAPO.fixed(value, decimals) }
        var out = """
            ---
            title: \(quoted(profile.name))
            description: \(quoted("Headphone correction EQ exported by cans from a \(profile.document.target.name) fit"))
            devices:
              samplerate: \(f(rate, 0))
              chunksize: \(chunk)
              capture:
                type: Alsa
                channels: 2
                device: \(quoted(profile.options.captureDevice))
                format: S32LE
              playback:
                type: Alsa
                channels: 2
                device: \(quoted(profile.options.playbackDevice))
                format: S32LE
            filters:

            """
        var steps = [(indices: [Int], names: [String])]()
        for channel in channels {
            let prefix = channels.count > 1 ? "cans_\(channel.name)_" : "cans_"
            var names = ["\(prefix)preamp"]
            out += """
                  \(prefix)preamp:
                    type: Gain
                    parameters:
                      gain: \(f(channel.preampDB, 2))
                      scale: dB

                """
            for (index, filter) in channel.filters.enumerated() {
                let name = "\(prefix)\(index + 1)"
                names.append(name)
                out += """
                      \(name):
                        type: Biquad
                        parameters:
                          type: \(biquadType(filter.type))
                          freq: \(f(filter.frequencyHz, 2))
                          gain: \(f(filter.gainDB, 2))
                          q: \(f(filter.q, 3))

                    """
            }
            steps.append((indices(channel.name), names))
        }
        out += "pipeline:\n"
        for step in steps {
            out += "  - type: Filter\n"
            out += "    channels: [\(step.indices.map(String.init).joined(separator: ", "))]\n"
            out += "    names:\n"
            for name in step.names { out += "      - \(name)\n" }
        }
        // Read back and checked against the v3 rules, so a config that CamillaDSP would refuse is never written.
        _ = try CamillaDSPCheck.check(out)
        return out
    }

    /// A YAML double-quoted scalar (YAML 1.2, section 7.3.1): backslash, quote and control
    /// characters escaped; everything else, non-ASCII included, as it is.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
