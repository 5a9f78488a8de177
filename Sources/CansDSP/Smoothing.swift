import Foundation

/// How a frequency response is smoothed: the width of the averaging window at each frequency.
///
/// Every method is a window `[lowHz(f), highHz(f)]` around each point f whose edges never decrease
/// as f rises; the average over the window is taken over log frequency (see
/// `FrequencyResponse.smoothed(_:averaging:)`). The CLI spellings are `none`, `1/N` (N in 1...48,
/// e.g. `1/12`), `variable` and `erb`; `description` writes them and `init(parsing:)` reads them,
/// so `Smoothing(parsing: s.description) == s`.
public enum Smoothing: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// No smoothing: the response is returned as it is (phase included).
    case none
    /// 1/N-octave smoothing, N in `Smoothing.octaveFractions` (1...48): the window is
    /// [f * 2^(-1/(2N)), f * 2^(1/(2N))], 1/N octave wide and centred on f in log frequency.
    case fractionalOctave(Int)
    /// REW's variable smoothing: 1/48 octave up to 100 Hz, 1/6 octave at 1 kHz, 1/3 octave from
    /// 10 kHz, centred on f in log frequency; see `variableBandwidthOctaves(atHz:)` for the law in
    /// between.
    case variable
    /// One equivalent rectangular bandwidth (Glasberg & Moore 1990) centred arithmetically on f:
    /// [f - ERB(f)/2, f + ERB(f)/2]; see `equivalentRectangularBandwidthHz(atHz:)`.
    case erb

    /// The octave fractions N accepted for 1/N-octave smoothing. 48 is the finest REW offers
    /// (its log-spaced data are themselves smoothed to 1/48 octave); 1 is a whole octave.
    public static let octaveFractions: ClosedRange<Int> = 1...48

    /// Parses a CLI spelling: `none`, `1/N` with N an integer in 1...48 (`1/3`, `1/12`),
    /// `variable` or `erb`. Case and surrounding white space are ignored.
    /// - Throws: `SmoothingError.octaveFractionOutOfRange` for `1/N` with N outside 1...48;
    ///   `SmoothingError.unrecognized` for anything else, naming the text and the accepted forms.
    public init(parsing text: String) throws(SmoothingError) {
        let word = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        switch word {
        case "none": self = .none
        case "variable": self = .variable
        case "erb": self = .erb
        default:
            guard word.hasPrefix("1/"), let fraction = Int(word.dropFirst(2)) else {
                throw .unrecognized(text)
            }
            guard Self.octaveFractions.contains(fraction) else {
                throw .octaveFractionOutOfRange(fraction)
            }
            self = .fractionalOctave(fraction)
        }
    }

    /// The CLI spelling: `none`, `1/N`, `variable`, `erb`.
    public var description: String {
        switch self {
        case .none: return "none"
        case let .fractionalOctave(fraction): return "1/\(fraction)"
        case .variable: return "variable"
        case .erb: return "erb"
        }
    }

    /// Checks the octave fraction of `.fractionalOctave` (the other cases are always valid).
    /// - Throws: `SmoothingError.octaveFractionOutOfRange` when N is outside 1...48.
    public func validate() throws(SmoothingError) {
        if case let .fractionalOctave(fraction) = self, !Self.octaveFractions.contains(fraction) {
            throw .octaveFractionOutOfRange(fraction)
        }
    }

    /// The averaging window around `frequencyHz` (> 0), in Hz. `.none` gives the zero-width window
    /// (f, f). For `.fractionalOctave(N)` N is not checked here (`validate()` does that).
    public func windowHz(atHz frequencyHz: Double) -> (lowHz: Double, highHz: Double) {
        switch self {
        case .none:
            return (frequencyHz, frequencyHz)
        case let .fractionalOctave(fraction):
            let half = exp2(0.5 / Double(fraction))
            return (frequencyHz / half, frequencyHz * half)
        case .variable:
            let half = exp2(0.5 * Self.variableBandwidthOctaves(atHz: frequencyHz))
            return (frequencyHz / half, frequencyHz * half)
        case .erb:
            let half = 0.5 * Self.equivalentRectangularBandwidthHz(atHz: frequencyHz)
            return (max(frequencyHz - half, Self.erbLowestEdgeHz), frequencyHz + half)
        }
    }

    /// The width of the window at `frequencyHz` in octaves, log2(highHz / lowHz): 1/N for
    /// `.fractionalOctave(N)`, 0 for `.none`, `variableBandwidthOctaves(atHz:)` for `.variable`,
    /// and for `.erb` the octaves spanned by [f - ERB/2, f + ERB/2] (0.52 at 100 Hz, 0.19 at 1 kHz,
    /// 0.16 at 10 kHz).
    public func bandwidthOctaves(atHz frequencyHz: Double) -> Double {
        switch self {
        case .none: return 0
        case let .fractionalOctave(fraction): return 1 / Double(fraction)
        case .variable: return Self.variableBandwidthOctaves(atHz: frequencyHz)
        case .erb:
            let window = windowHz(atHz: frequencyHz)
            return log2(window.highHz / window.lowHz)
        }
    }
}

/// Why a smoothing request cannot be carried out.
public enum SmoothingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1/N-octave smoothing with N outside 1...48.
    case octaveFractionOutOfRange(Int)
    /// A smoothing name that is none of the accepted forms.
    case unrecognized(String)
    /// A custom window that is NaN or has its low edge above its high edge.
    case invalidWindow(atHz: Double, lowHz: Double, highHz: Double)

    public var description: String {
        switch self {
        case let .octaveFractionOutOfRange(fraction):
            return "1/\(fraction) octave smoothing: the octave fraction must be in"
                + " \(Smoothing.octaveFractions.lowerBound)...\(Smoothing.octaveFractions.upperBound),"
                + " got \(fraction); 1/3, 1/6, 1/12 and 1/24 are the usual choices"
        case let .unrecognized(text):
            return "unknown smoothing \"\(text)\"; use none, 1/N with N from 1 to 48 (e.g. 1/12),"
                + " variable or erb"
        case let .invalidWindow(frequencyHz, lowHz, highHz):
            return "smoothing window at \(frequencyHz) Hz is [\(lowHz), \(highHz)] Hz; the edges must be"
                + " numbers with the low edge at or below the high edge"
        }
    }
}
