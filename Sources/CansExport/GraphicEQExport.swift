import CansFormats
import Foundation

/// `graphic-eq`: the `GraphicEQ: f g; f g; ...` line of EqualizerAPO's graphic equaliser, the
/// string Wavelet and JamesDSP take too (EqualizerAPO configuration reference, `GraphicEQ:`;
/// AutoEq's 127-point layout).
///
/// 127 points from 20 Hz, each 1.0563 times the last (20 Hz to about 19.9 kHz), whole hertz;
/// each gain is the profile's designed response there (preamp plus every filter, at the export
/// rate) with 0.1 dB precision. The engine interpolates between the points, so the line's largest
/// gain is its largest boost: the values are shifted down, if needed, so none is above 0.0 dB
/// (a profile's own preamp normally keeps them there already). Different EQs per ear give one
/// `Channel: L` / `Channel: R` line each (EqualizerAPO reads that; phone apps take one line: use
/// `--channels L`), shifted together so the balance between the ears stays.
public enum GraphicEQExport {
    /// The 127 frequencies, Hz.
    public static let frequenciesHz: [Double] = (0..<127).map { (20 * pow(1.0563, Double($0))).rounded() }

    public static func render(_ profile: ExportProfile) -> String {
        let channels = profile.eq.channels
        let gains = channels.map { channel in
            channel.magnitudeDB(atHz: frequenciesHz, sampleRate: profile.sampleRateHz).map { ($0 * 10).rounded() / 10 }
        }
        let shift = max(0, gains.flatMap { $0 }.max() ?? 0)
        var out = ""
        for (channel, values) in zip(channels, gains) {
            if channels.count > 1 { out += "Channel: \(channel.name)\n" }
            out += "GraphicEQ: " + zip(frequenciesHz, values).map { frequency, gain in
                "\(EqualizerAPO.fixed(frequency, 0)) \(EqualizerAPO.fixed(gain - shift, 1))"
            }.joined(separator: "; ") + "\n"
        }
        if channels.count > 1 { out += "Channel: all\n" }
        return out
    }
}
