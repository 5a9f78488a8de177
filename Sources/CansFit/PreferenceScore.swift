import CansCore
import Foundation

/// Harman's predicted preference of a headphone from its error against the Harman target,
/// computed exactly as `../shared/tools/eqscore/score.py` does, so the number `cans fit` prints
/// is the number the benchmark reports.
///
/// - Over-ear / on-ear: S. Olive, T. Welti, O. Khonsaripour, "A Statistical Model that Predicts
///   Listeners' Preference Ratings of Around-Ear and On-Ear Headphones", AES 144th Convention,
///   2018, paper 9919: PPR = 114.490443 - 12.62 SD - 15.5163857 |AS| over 50 Hz-10 kHz.
/// - In-ear: the same authors, AES 143rd (2017) / 147th (2019): PPR = 100.0795 - 8.5 SD
///   - 6.796 |AS| - 3.475 AME over 20 Hz-10 kHz, AME = mean |e - e(500 Hz)| over 40 Hz-10 kHz.
///
/// SD is the sample standard deviation (n - 1) of the error; AS the slope of its least-squares
/// line against ln f (natural log, as score.py); the error is read at the ISO 266 R40 preferred
/// frequencies (1/40 decade), interpolated linearly against ln f with the ends held.
public struct PreferenceScore: Sendable, Equatable, Codable {
    public enum Model: String, Sendable, Codable { case overEar = "over-ear", inEar = "in-ear" }

    public let model: Model
    /// Predicted preference (points; about 0-120).
    public let score: Double
    /// Standard deviation of the error, dB.
    public let standardDeviationDB: Double
    /// Slope of the error against ln f, dB per neper of frequency.
    public let slope: Double
    /// In-ear only: mean absolute error relative to 500 Hz, dB.
    public let meanAbsoluteErrorDB: Double?

    /// The R40 preferred numbers of one decade (ISO 266 / ISO 3).
    static let r40: [Double] = [1.00, 1.06, 1.12, 1.18, 1.25, 1.32, 1.40, 1.50, 1.60, 1.70, 1.80, 1.90, 2.00, 2.12, 2.24, 2.36,
                                2.50, 2.65, 2.80, 3.00, 3.15, 3.35, 3.55, 3.75, 4.00, 4.25, 4.50, 4.75, 5.00, 5.30, 5.60, 6.00,
                                6.30, 6.70, 7.10, 7.50, 8.00, 8.50, 9.00, 9.50]

    /// R40 frequencies from `lowHz` to `highHz` inclusive (10 Hz to 99 kHz decades).
    static func r40Frequencies(fromHz lowHz: Double, toHz highHz: Double) -> [Double] {
        var out = [Double]()
        for decade in [10.0, 100, 1000, 10000] {
            for m in r40 {
                let f = (m * decade * 1e6).rounded() / 1e6
                if f >= lowHz - 1e-9, f <= highHz + 1e-9 { out.append(f) }
            }
        }
        return out
    }

    /// Scores an error curve e(f) = response + EQ - target in dB (any offset: the model is
    /// offset-invariant).
    public init(error: FrequencyResponse, model: Model) {
        let inEar = model == .inEar
        let frequencies = Self.r40Frequencies(fromHz: inEar ? 20 : 50, toHz: 10_000)
        let e = frequencies.map { error.magnitudeDB(atHz: $0) }
        let n = Double(e.count)
        let mean = e.reduce(0, +) / n
        let sd = (e.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        let x = frequencies.map { log($0) }
        let meanX = x.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (xi, yi) in zip(x, e) {
            sxy += (xi - meanX) * (yi - mean)
            sxx += (xi - meanX) * (xi - meanX)
        }
        let slope = sxy / sxx
        self.model = model
        standardDeviationDB = sd
        self.slope = slope
        if inEar {
            let e500 = error.magnitudeDB(atHz: 500)
            let selected = zip(frequencies, e).filter { $0.0 >= 40 }.map { abs($0.1 - e500) }
            let ame = selected.reduce(0, +) / Double(selected.count)
            meanAbsoluteErrorDB = ame
            score = 100.0795 - 8.5 * sd - 6.796 * abs(slope) - 3.475 * ame
        } else {
            meanAbsoluteErrorDB = nil
            score = 114.490443008238 - 12.62 * sd - 15.5163857197367 * abs(slope)
        }
    }
}

/// Residual error figures as score.py computes them.
public enum ErrorFigures {
    /// score.py's grid: 1/48 octave, 20 Hz-20 kHz (479 points, log-spaced).
    public static let grid: [Double] = {
        let count = Int((log2(1000.0) * 48).rounded()) + 1
        return (0..<count).map { exp(log(20.0) + (log(20_000.0) - log(20.0)) * Double($0) / Double(count - 1)) }
    }()

    /// RMS of the error over `lowHz`-`highHz` after removing its mean over the same band (the
    /// best constant alignment), dB.
    public static func rms(_ error: FrequencyResponse, fromHz lowHz: Double, toHz highHz: Double) -> Double {
        rms(onGrid: error.resampled(toHz: grid).magnitudesDB, fromHz: lowHz, toHz: highHz)
    }

    /// `rms` of an error already resampled onto `grid` (several bands of one error share it).
    static func rms(onGrid values: [Double], fromHz lowHz: Double, toHz highHz: Double) -> Double {
        var sum = 0.0, count = 0.0
        for (k, frequency) in grid.enumerated() where frequency >= lowHz * 0.9999 && frequency <= highHz * 1.0001 {
            sum += values[k]
            count += 1
        }
        let mean = sum / count
        var squares = 0.0
        for (k, frequency) in grid.enumerated() where frequency >= lowHz * 0.9999 && frequency <= highHz * 1.0001 {
            squares += (values[k] - mean) * (values[k] - mean)
        }
        return (squares / count).squareRoot()
    }
}
