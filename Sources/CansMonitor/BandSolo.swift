import Foundation

/// The seven listening bands mixers solo (sub 20-100 Hz, bass 100-300, low mids 300-1k, mids 1-3k,
/// upper mids 3-5k, presence 5-10k, air 10-20k).
public enum ListeningBand: String, Sendable, CaseIterable, CustomStringConvertible {
    case sub, bass, lowMids = "low-mids", mids, upperMids = "upper-mids", presence, air

    /// The band's edges, Hz (the crossover frequencies, where the band is 6 dB down).
    public var edgesHz: (low: Double, high: Double) {
        switch self {
        case .sub: return (20, 100)
        case .bass: return (100, 300)
        case .lowMids: return (300, 1_000)
        case .mids: return (1_000, 3_000)
        case .upperMids: return (3_000, 5_000)
        case .presence: return (5_000, 10_000)
        case .air: return (10_000, 20_000)
        }
    }

    /// The position in `allCases`, by switch (a synthesised `allCases` builds an array: not on
    /// the audio thread).
    public var position: Int {
        switch self {
        case .sub: return 0
        case .bass: return 1
        case .lowMids: return 2
        case .mids: return 3
        case .upperMids: return 4
        case .presence: return 5
        case .air: return 6
        }
    }

    public var description: String {
        let (low, high) = edgesHz
        func hz(_ f: Double) -> String { f >= 1000 ? "\(Int(f / 1000))k" : "\(Int(f))" }
        return "\(rawValue) \(hz(low))-\(hz(high)) Hz"
    }

    /// A band by name (`sub`, `bass`, `low-mids`, `mids`, `upper-mids`, `presence`, `air`).
    /// - Throws: `MonitorError.invalidSetting` listing the names.
    public init(parsing text: String) throws(MonitorError) {
        guard let band = Self(rawValue: text.lowercased()) else {
            throw .invalidSetting(what: "band", value: "\"\(text)\"", rule: "it is not a band name",
                                  hint: "use one of " + Self.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = band
    }

    /// Linkwitz-Riley order of each edge. The bands are narrow (upper mids span 0.74 octave), so
    /// the edges are 16th order (two 8th-order Butterworth filters in cascade, S. Linkwitz, "Active
    /// Crossover Networks for Noncoincident Drivers", JAES 24(1), 1976): the middle of every band is
    /// within 0.3 dB of unity, and one octave outside an edge the rejection is about 96 dB (an
    /// 8th-order Linkwitz-Riley edge gives 48 dB there but costs 2 dB in the middle of 3-5 kHz).
    public static let edgeOrder = 16

    /// The band-pass sections at `sampleRate`: a Linkwitz-Riley high pass at the low edge and low
    /// pass at the high edge. An edge at or above 0.45 fs is left out (the band then runs to
    /// Nyquist: air at 32 kHz).
    public func sections(sampleRate: Double) -> [SectionCoefficients] {
        let (low, high) = edgesHz
        var sections = Self.linkwitzRiley(highPass: true, frequencyHz: low, sampleRate: sampleRate)
        if high < 0.45 * sampleRate {
            sections += Self.linkwitzRiley(highPass: false, frequencyHz: high, sampleRate: sampleRate)
        }
        return sections
    }

    /// A Linkwitz-Riley filter of `edgeOrder`: a Butterworth of half the order, twice. The
    /// Butterworth of order N = 2M is M sections with Q_k = 1 / (2 cos((2k - 1) pi / (2N))).
    static func linkwitzRiley(highPass: Bool, frequencyHz: Double, sampleRate: Double) -> [SectionCoefficients] {
        let butterworthOrder = edgeOrder / 2
        let qs = (1...(butterworthOrder / 2)).map { k in
            1 / (2 * cos(Double(2 * k - 1) * Double.pi / Double(2 * butterworthOrder)))
        }
        let butterworth = qs.map { q in
            highPass ? SectionCoefficients.highPass(frequencyHz: frequencyHz, q: q, sampleRate: sampleRate)
                     : SectionCoefficients.lowPass(frequencyHz: frequencyHz, q: q, sampleRate: sampleRate)
        }
        return butterworth + butterworth
    }
}
