import CansFit
import Foundation

/// One second-order section, normalised so a0 = 1, for the difference equation
/// `y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2]`.
///
/// Designs follow R. Bristow-Johnson, "Cookbook formulae for audio EQ biquad filter
/// coefficients" (W3C Audio EQ Cookbook): the bilinear transform with the centre frequency
/// pre-warped, so a design keeps its corner exactly at any sample rate. First-order sections are
/// the bilinear transform of `1/(s+1)` and `s/(s+1)` (b2 = a2 = 0).
public struct SectionCoefficients: Sendable, Equatable {
    public var b0: Double, b1: Double, b2: Double, a1: Double, a2: Double

    public init(b0: Double, b1: Double, b2: Double, a1: Double, a2: Double) {
        self.b0 = b0; self.b1 = b1; self.b2 = b2; self.a1 = a1; self.a2 = a2
    }

    /// The section that passes its input unchanged.
    public static let identity = SectionCoefficients(b0: 1, b1: 0, b2: 0, a1: 0, a2: 0)

    /// A profile filter (RBJ peaking or shelf) designed at `sampleRate`: the profile's values are
    /// kept and the design is made again for the rate the audio runs at (a profile fitted at
    /// 48 kHz plays at 44.1 kHz with the same centre, gain and Q).
    public init(_ biquad: Biquad, sampleRate: Double) {
        let (b, a) = biquad.coefficients(sampleRate: sampleRate)
        self.init(b0: b.0 / a.0, b1: b.1 / a.0, b2: b.2 / a.0, a1: a.1 / a.0, a2: a.2 / a.0)
    }

    /// RBJ second-order low pass; q = 0.7071 is Butterworth.
    public static func lowPass(frequencyHz: Double, q: Double, sampleRate: Double) -> SectionCoefficients {
        let (cw, alpha) = warped(frequencyHz, q, sampleRate)
        let a0 = 1 + alpha
        return SectionCoefficients(b0: (1 - cw) / 2 / a0, b1: (1 - cw) / a0, b2: (1 - cw) / 2 / a0,
                                   a1: -2 * cw / a0, a2: (1 - alpha) / a0)
    }

    /// RBJ second-order high pass; q = 0.7071 is Butterworth.
    public static func highPass(frequencyHz: Double, q: Double, sampleRate: Double) -> SectionCoefficients {
        let (cw, alpha) = warped(frequencyHz, q, sampleRate)
        let a0 = 1 + alpha
        return SectionCoefficients(b0: (1 + cw) / 2 / a0, b1: -(1 + cw) / a0, b2: (1 + cw) / 2 / a0,
                                   a1: -2 * cw / a0, a2: (1 - alpha) / a0)
    }

    /// RBJ peaking filter (bell) with `gainDB` at `frequencyHz`.
    public static func peaking(frequencyHz: Double, gainDB: Double, q: Double, sampleRate: Double) -> SectionCoefficients {
        let (cw, alpha) = warped(frequencyHz, q, sampleRate)
        let amp = pow(10, gainDB / 40)
        let a0 = 1 + alpha / amp
        return SectionCoefficients(b0: (1 + alpha * amp) / a0, b1: -2 * cw / a0, b2: (1 - alpha * amp) / a0,
                                   a1: -2 * cw / a0, a2: (1 - alpha / amp) / a0)
    }

    /// First-order low pass (bilinear transform of 1/(s/w0 + 1), w0 pre-warped).
    public static func lowPass1(frequencyHz: Double, sampleRate: Double) -> SectionCoefficients {
        let k = tan(Double.pi * frequencyHz / sampleRate)
        return SectionCoefficients(b0: k / (1 + k), b1: k / (1 + k), b2: 0, a1: (k - 1) / (1 + k), a2: 0)
    }

    /// First-order high pass (bilinear transform of (s/w0)/(s/w0 + 1), w0 pre-warped).
    public static func highPass1(frequencyHz: Double, sampleRate: Double) -> SectionCoefficients {
        let k = tan(Double.pi * frequencyHz / sampleRate)
        return SectionCoefficients(b0: 1 / (1 + k), b1: -1 / (1 + k), b2: 0, a1: (k - 1) / (1 + k), a2: 0)
    }

    /// This section with its output scaled by `factor`.
    public func scaled(by factor: Double) -> SectionCoefficients {
        SectionCoefficients(b0: b0 * factor, b1: b1 * factor, b2: b2 * factor, a1: a1, a2: a2)
    }

    /// The exact magnitude of the digital section at `frequencyHz`, dB (evaluated on the unit
    /// circle, z = e^(j w)).
    public func magnitudeDB(atHz frequencyHz: Double, sampleRate: Double) -> Double {
        let w = 2 * Double.pi * frequencyHz / sampleRate
        let (c1, s1, c2, s2) = (cos(w), sin(w), cos(2 * w), sin(2 * w))
        let numRe = b0 + b1 * c1 + b2 * c2, numIm = -(b1 * s1 + b2 * s2)
        let denRe = 1 + a1 * c1 + a2 * c2, denIm = -(a1 * s1 + a2 * s2)
        return 10 * log10((numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm))
    }

    private static func warped(_ frequencyHz: Double, _ q: Double, _ sampleRate: Double) -> (Double, Double) {
        let w0 = 2 * Double.pi * frequencyHz / sampleRate
        return (cos(w0), sin(w0) / (2 * q))
    }
}

extension Array where Element == SectionCoefficients {
    /// The cascade's magnitude at `frequencyHz`, dB.
    public func magnitudeDB(atHz frequencyHz: Double, sampleRate: Double) -> Double {
        reduce(0) { $0 + $1.magnitudeDB(atHz: frequencyHz, sampleRate: sampleRate) }
    }
}

/// Which end a shelf lifts or cuts.
public enum FilterShape: Sendable { case low, high }

extension SectionCoefficients {
    /// RBJ shelf with slope S = 1 (the steepest without overshoot); `frequencyHz` is the
    /// mid-gain frequency.
    public static func shelf(_ shape: FilterShape, frequencyHz: Double, gainDB: Double, sampleRate: Double) -> SectionCoefficients {
        let amp = pow(10, gainDB / 40)
        let w0 = 2 * Double.pi * frequencyHz / sampleRate
        let cw = cos(w0)
        let alpha = sin(w0) / 2 * 2.0.squareRoot()  // S = 1: alpha = sin(w0)/2 * sqrt(2)
        let s = 2 * amp.squareRoot() * alpha
        let sign: Double = shape == .low ? 1 : -1
        let c = sign * cw
        let b0 = amp * ((amp + 1) - (amp - 1) * c + s)
        let b1 = sign * 2 * amp * ((amp - 1) - (amp + 1) * c)
        let b2 = amp * ((amp + 1) - (amp - 1) * c - s)
        let a0 = (amp + 1) + (amp - 1) * c + s
        let a1 = sign * -2 * ((amp - 1) + (amp + 1) * c)
        let a2 = (amp + 1) + (amp - 1) * c - s
        return SectionCoefficients(b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0)
    }
}
