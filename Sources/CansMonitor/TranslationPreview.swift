import Foundation

/// A rough picture of how a mix sounds on another playback system, to check translation on
/// headphones. Each preview is a documented approximation, not a measurement of one device:
/// a frequency response built from the physics of the system and published studies, and what
/// the system does to the stereo image.
///
/// - `phone`: one micro-speaker (mono). A 1-2 cm driver in a sealed back volume of about 1 cm^3
///   is a closed-box system (R. H. Small, "Closed-Box Loudspeaker Systems", JAES 20(10), 1972):
///   second-order high pass at its resonance, here 700 Hz with Q 1.1 (a slight peak, as such
///   boxes are tuned), plus a second-order high pass at 400 Hz for the protection filter phones
///   apply, a +4 dB presence peak at 3.5 kHz (the front-cavity resonance), and a low pass at
///   10 kHz.
/// - `laptop`: two small drivers a hand apart: closed box at 200 Hz (Q 0.9), high pass at 120 Hz,
///   +3 dB at 4 kHz, low pass at 14 kHz, and the stereo width reduced to 40 % (the drivers are
///   30-40 cm apart at arm's length, a narrow angle).
/// - `earbuds`: open-fit stock earbuds, whose leaky fit loses the bass a sealed fit keeps: a
///   second-order high pass at 120 Hz (Q 0.7), a -3 dB shelf below 300 Hz for the leak, and
///   +3 dB at 3 kHz; full stereo.
/// - `car`: cabin gain below the first cabin mode (about 70 Hz: the pressure field of a small
///   closed space rises 12 dB/octave below it) and the bass boost listeners choose in cars
///   (P. Dennis, "In-Vehicle Audio System Sound Quality Preference Study", AES Convention Paper
///   9393, 2015: +13 dB bass and -2 dB treble preferred over flat): a +10 dB low shelf at 80 Hz,
///   a high pass at 30 Hz for the door woofers, a -2 dB high shelf at 6 kHz; width reduced to
///   70 % (the driver sits off-centre, between the left door and the dashboard).
public enum TranslationPreview: String, Sendable, CaseIterable, CustomStringConvertible {
    case phone, laptop, earbuds, car

    public var description: String { rawValue }

    /// The position in `allCases`, by switch (no array built: usable on the audio thread).
    public var position: Int {
        switch self {
        case .phone: return 0
        case .laptop: return 1
        case .earbuds: return 2
        case .car: return 3
        }
    }

    /// A preview by name.
    /// - Throws: `MonitorError.invalidSetting` listing the names.
    public init(parsing text: String) throws(MonitorError) {
        guard let preview = Self(rawValue: text.lowercased()) else {
            throw .invalidSetting(what: "preview", value: "\"\(text)\"", rule: "it is not a preview",
                                  hint: "use one of " + Self.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = preview
    }

    /// Stereo width kept: 0 is mono (the side signal removed), 1 is unchanged.
    public var stereoWidth: Double {
        switch self {
        case .phone: return 0
        case .laptop: return 0.4
        case .earbuds: return 1
        case .car: return 0.7
        }
    }

    /// The response as sections at `sampleRate` (a low pass at or above 0.45 fs is left out).
    public func sections(sampleRate: Double) -> [SectionCoefficients] {
        func lowPass(_ f: Double, q: Double = 0.7071) -> [SectionCoefficients] {
            f < 0.45 * sampleRate ? [.lowPass(frequencyHz: f, q: q, sampleRate: sampleRate)] : []
        }
        func highPass(_ f: Double, q: Double = 0.7071) -> SectionCoefficients {
            .highPass(frequencyHz: f, q: q, sampleRate: sampleRate)
        }
        func peak(_ f: Double, _ g: Double, q: Double) -> SectionCoefficients {
            .peaking(frequencyHz: f, gainDB: g, q: q, sampleRate: sampleRate)
        }
        func shelf(_ type: FilterShape, _ f: Double, _ g: Double) -> SectionCoefficients {
            .shelf(type, frequencyHz: f, gainDB: g, sampleRate: sampleRate)
        }
        switch self {
        case .phone:
            return [highPass(700, q: 1.1), highPass(400), peak(3_500, 4, q: 1.2)] + lowPass(10_000)
        case .laptop:
            return [highPass(200, q: 0.9), highPass(120), peak(4_000, 3, q: 1)] + lowPass(14_000)
        case .earbuds:
            return [highPass(120), shelf(.low, 300, -3), peak(3_000, 3, q: 1.4)]
        case .car:
            return [highPass(30), shelf(.low, 80, 10), shelf(.high, 6_000, -2)]
        }
    }
}
