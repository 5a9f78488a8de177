import Foundation

/// Cookbook coefficients of one biquad and their derivatives with respect to the optimiser's
/// parameters: u = ln(f0 / 1 Hz), v = ln(Q) and g = gain in dB.
///
/// The magnitude uses the cookbook's numerically safe form (RBJ, "Cookbook formulae", section on
/// the magnitude response), with phi = sin^2(w/2):
///
///     |H|^2 = [ (b0+b1+b2)^2 - 4 (b0 b1 + 4 b0 b2 + b1 b2) phi + 16 b0 b2 phi^2 ] / [ same in a ]
///
/// so no cancellation of cos(w) near 1 at low frequencies. Coefficients are not normalised by
/// a0: the ratio does not need it. The derivatives are exact (chain rule through A, cos w0 and
/// alpha; checked against finite differences in `BiquadTests`).
struct BiquadCoefficients {
    var b0 = 0.0, b1 = 0.0, b2 = 0.0, a0 = 0.0, a1 = 0.0, a2 = 0.0
    /// d(b0, b1, b2, a0, a1, a2)/d(u, v, g) in lanes 0-5 of one vector per parameter (no heap:
    /// a fit builds these thousands of times).
    var du = SIMD8<Double>(), dv = SIMD8<Double>(), dg = SIMD8<Double>()
    var hasDerivatives = false

    static func phi(frequencyHz: Double, sampleRate: Double) -> Double {
        let s = sin(Double.pi * frequencyHz / sampleRate)
        return s * s
    }

    init(type: FilterType, frequencyHz: Double, gainDB: Double, q: Double, sampleRate: Double, withDerivatives: Bool = false) {
        let amp = pow(10, gainDB / 40)
        let w0 = 2 * Double.pi * frequencyHz / sampleRate
        let cw = cos(w0), sw = sin(w0)
        let alpha = sw / (2 * q)
        // Partial derivatives of (b0, b1, b2, a0, a1, a2) with respect to A, cos w0 and alpha.
        var dA = SIMD8<Double>(), dC = SIMD8<Double>(), dAlpha = SIMD8<Double>()
        switch type {
        case .peaking:
            b0 = 1 + alpha * amp; b1 = -2 * cw; b2 = 1 - alpha * amp
            a0 = 1 + alpha / amp; a1 = -2 * cw; a2 = 1 - alpha / amp
            if withDerivatives {
                dA = SIMD8(alpha, 0, -alpha, -alpha / (amp * amp), 0, alpha / (amp * amp), 0, 0)
                dC = SIMD8(0, -2, 0, 0, -2, 0, 0, 0)
                dAlpha = SIMD8(amp, 0, -amp, 1 / amp, 0, -1 / amp, 0, 0)
            }
        case .lowShelf, .highShelf:
            let root = amp.squareRoot()
            let s = 2 * root * alpha
            let sA = alpha / root  // ds/dA
            // High shelf = low shelf with cos w0 -> -cos w0 and b1, a1 negated.
            let sign: Double = type == .lowShelf ? 1 : -1
            let c = sign * cw
            b0 = amp * ((amp + 1) - (amp - 1) * c + s)
            b1 = sign * 2 * amp * ((amp - 1) - (amp + 1) * c)
            b2 = amp * ((amp + 1) - (amp - 1) * c - s)
            a0 = (amp + 1) + (amp - 1) * c + s
            a1 = sign * -2 * ((amp - 1) + (amp + 1) * c)
            a2 = (amp + 1) + (amp - 1) * c - s
            if withDerivatives {
                dA = SIMD8(
                    ((amp + 1) - (amp - 1) * c + s) + amp * (1 - c + sA),
                    sign * (2 * ((amp - 1) - (amp + 1) * c) + 2 * amp * (1 - c)),
                    ((amp + 1) - (amp - 1) * c - s) + amp * (1 - c - sA),
                    1 + c + sA,
                    sign * -2 * (1 + c),
                    1 + c - sA, 0, 0)
                // d/dc then times dc/dcw = sign.
                dC = SIMD8(
                    -amp * (amp - 1) * sign,
                    sign * 2 * amp * -(amp + 1) * sign,
                    -amp * (amp - 1) * sign,
                    (amp - 1) * sign,
                    sign * -2 * (amp + 1) * sign,
                    (amp - 1) * sign, 0, 0)
                dAlpha = SIMD8(amp * 2 * root, 0, -amp * 2 * root, 2 * root, 0, -2 * root, 0, 0)
            }
        }
        if withDerivatives {
            let dAdg = amp * log(10) / 40
            let dCdu = -sw * w0
            let dAlphadu = alpha * cw * w0 / sw
            let dAlphadv = -alpha
            du = dC * dCdu + dAlpha * dAlphadu
            dv = dAlpha * dAlphadv
            dg = dA * dAdg
            hasDerivatives = true
        }
    }

    /// The derivative vector of parameter `p` (0: u, 1: v, 2: g).
    @inline(__always) func derivative(_ p: Int) -> SIMD8<Double> { p == 0 ? du : (p == 1 ? dv : dg) }

    @inline(__always) static func polynomial(_ c0: Double, _ c1: Double, _ c2: Double, _ phi: Double) -> Double {
        let sum = c0 + c1 + c2
        return sum * sum - 4 * (c0 * c1 + 4 * c0 * c2 + c1 * c2) * phi + 16 * c0 * c2 * phi * phi
    }

    /// |H|^2 of a cascade at `phi`: the numerators and the denominators multiplied up apart,
    /// then one division (no overflow: each factor stays within about 1e-11...1e5 for the gains,
    /// Qs and frequencies filters are allowed).
    @inline(__always) static func cascadePower(_ designs: [BiquadCoefficients], phi: Double) -> Double {
        var numerator = 1.0, denominator = 1.0
        for d in designs {
            numerator *= polynomial(d.b0, d.b1, d.b2, phi)
            denominator *= polynomial(d.a0, d.a1, d.a2, phi)
        }
        return numerator / denominator
    }

    func magnitudeDB(phi: Double) -> Double {
        let n = Self.polynomial(b0, b1, b2, phi), d = Self.polynomial(a0, a1, a2, phi)
        return 10 * log10(n / d)
    }
}
