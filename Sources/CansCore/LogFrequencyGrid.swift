import Foundation

/// Logarithmically spaced frequency grids.
public enum LogFrequencyGrid {
    /// AutoEq's standard grid: f_k = 20 * 1.01^k Hz for k = 0...694 (20 Hz to 19.96 kHz, about
    /// 1/70 octave), the grid of every AutoEq CSV.
    public static let autoEq: [Double] = (0...694).map { 20 * pow(1.01, Double($0)) }

    /// `pointsPerOctave` points per octave from `startHz` up to and including `endHz` (the last
    /// point may fall just below it).
    /// - Precondition: 0 < startHz < endHz, pointsPerOctave > 0 (checked by callers at input).
    public static func logarithmic(fromHz startHz: Double, toHz endHz: Double, pointsPerOctave: Double) -> [Double] {
        precondition(startHz > 0 && endHz > startHz && pointsPerOctave > 0, "invariant: valid grid")
        let count = Int((log2(endHz / startHz) * pointsPerOctave).rounded(.down)) + 1
        return (0..<count).map { startHz * pow(2, Double($0) / pointsPerOctave) }
    }
}
