import Foundation

/// The biquad shapes a parametric EQ uses, named as EqualizerAPO writes them.
public enum FilterType: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Peaking (bell) filter: `PK`.
    case peaking = "PK"
    /// Low shelf with a centre (mid-gain) frequency and Q: EqualizerAPO `LSC`.
    case lowShelf = "LSC"
    /// High shelf with a centre (mid-gain) frequency and Q: EqualizerAPO `HSC`.
    case highShelf = "HSC"

    public var description: String { rawValue }
}

/// One biquad of a parametric EQ: RBJ cookbook peaking or shelf with Q.
///
/// Designs follow R. Bristow-Johnson, "Cookbook formulae for audio EQ biquad filter
/// coefficients" (W3C Audio EQ Cookbook): A = 10^(gain/40), w0 = 2 pi f0 / fs,
/// alpha = sin(w0) / (2 Q); shelves use the cookbook's Q form (2 sqrt(A) alpha), which is
/// EqualizerAPO's `LSC`/`HSC` with `Q`. Validated at construction: 0 < f0 < fs/2 is checked at
/// the point of use (`magnitudeDB(atHz:sampleRate:)` needs the rate), here f0 > 0, Q > 0,
/// finite gain.
public struct Biquad: Sendable, Equatable, Hashable, Codable {
    public let type: FilterType
    /// Centre frequency in Hz (the mid-gain frequency for shelves), > 0.
    public let frequencyHz: Double
    /// Gain in dB at the centre (peaking) or of the shelf plateau, finite, within +-60 dB.
    public let gainDB: Double
    /// Quality factor, > 0 (the cookbook Q; 0.7071 is a Butterworth-like shelf).
    public let q: Double

    /// - Throws: `FitError.invalidParameter` for a non-finite or non-positive frequency or Q, or
    ///   a gain that is not finite or beyond +-60 dB.
    public init(_ type: FilterType, frequencyHz: Double, gainDB: Double, q: Double) throws(FitError) {
        guard frequencyHz.isFinite, frequencyHz > 0 else {
            throw .invalidParameter(what: "\(type) frequency (Hz)", value: frequencyHz, rule: "it must be a finite number above 0")
        }
        guard gainDB.isFinite, abs(gainDB) <= 60 else {
            throw .invalidParameter(what: "\(type) gain (dB)", value: gainDB, rule: "it must be finite and within -60...60 dB")
        }
        guard q.isFinite, q > 0, q <= 100 else {
            throw .invalidParameter(what: "\(type) Q", value: q, rule: "it must be above 0 and at most 100 (0.7 is a gentle shelf)")
        }
        self.init(unchecked: type, frequencyHz: frequencyHz, gainDB: gainDB, q: q)
    }

    /// For values produced by the optimiser inside validated limits.
    init(unchecked type: FilterType, frequencyHz: Double, gainDB: Double, q: Double) {
        self.type = type
        self.frequencyHz = frequencyHz
        self.gainDB = gainDB
        self.q = q
    }

    /// Normalised-by-nothing cookbook coefficients (b0, b1, b2, a0, a1, a2) at `sampleRate` Hz.
    public func coefficients(sampleRate: Double) -> (b: (Double, Double, Double), a: (Double, Double, Double)) {
        let c = BiquadCoefficients(type: type, frequencyHz: frequencyHz, gainDB: gainDB, q: q, sampleRate: sampleRate)
        return ((c.b0, c.b1, c.b2), (c.a0, c.a1, c.a2))
    }

    /// Magnitude in dB at `frequencyHz` for a design at `sampleRate` Hz (the exact digital
    /// response, so it differs from the analogue prototype near Nyquist).
    public func magnitudeDB(atHz frequencyHz: Double, sampleRate: Double) -> Double {
        BiquadCoefficients(type: type, frequencyHz: self.frequencyHz, gainDB: gainDB, q: q, sampleRate: sampleRate)
            .magnitudeDB(phi: BiquadCoefficients.phi(frequencyHz: frequencyHz, sampleRate: sampleRate))
    }

    /// This filter with its values rounded as they are written (frequency to 1 Hz, gain to 0.1 dB,
    /// Q to 0.01, the precision of AutoEq's and EqualizerAPO's files).
    public func rounded(_ precision: WrittenPrecision = .standard) -> Biquad {
        Biquad(
            unchecked: type, frequencyHz: precision.round(frequencyHz, decimals: precision.frequencyDecimals),
            gainDB: precision.round(gainDB, decimals: precision.gainDecimals),
            q: max(precision.round(q, decimals: precision.qDecimals), 1 / pow(10, Double(precision.qDecimals))))
    }
}

/// The decimals an exported file keeps; the preamp is computed after rounding to them.
public struct WrittenPrecision: Sendable, Equatable {
    public var frequencyDecimals: Int
    public var gainDecimals: Int
    public var qDecimals: Int
    /// Frequency 0 decimals, gain 1, Q 2 (AutoEq's ParametricEQ.txt).
    public static let standard = WrittenPrecision(frequencyDecimals: 0, gainDecimals: 1, qDecimals: 2)

    public init(frequencyDecimals: Int, gainDecimals: Int, qDecimals: Int) {
        self.frequencyDecimals = frequencyDecimals
        self.gainDecimals = gainDecimals
        self.qDecimals = qDecimals
    }

    /// Round half away from zero at `decimals`, never giving -0.
    func round(_ value: Double, decimals: Int) -> Double {
        let scale = pow(10, Double(decimals))
        let result = (value * scale).rounded(.toNearestOrAwayFromZero) / scale
        return result == 0 ? 0 : result
    }
}

/// Summed magnitude of a cascade in dB.
extension Array where Element == Biquad {
    /// The cascade's magnitude in dB at each frequency of `frequenciesHz` for a design at `sampleRate`
    /// (the filters' |H|^2 numerators and denominators multiplied up apart: one division and one
    /// log per frequency, however many filters).
    public func magnitudeDB(atHz frequenciesHz: [Double], sampleRate: Double) -> [Double] {
        let designs = map {
            BiquadCoefficients(type: $0.type, frequencyHz: $0.frequencyHz, gainDB: $0.gainDB, q: $0.q, sampleRate: sampleRate)
        }
        return frequenciesHz.map { f in
            10 * log10(BiquadCoefficients.cascadePower(designs, phi: BiquadCoefficients.phi(frequencyHz: f, sampleRate: sampleRate)))
        }
    }
}
