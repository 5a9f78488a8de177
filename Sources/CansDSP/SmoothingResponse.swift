import CansCore
import Foundation

/// How values are averaged inside a smoothing window.
public enum SmoothingAverage: String, Sendable, CaseIterable {
    /// Average the power 10^(dB/10), then convert back to dB (the default: it is what an RTA or a
    /// band filter measures; peaks weigh more than dips).
    case power
    /// Average the dB values themselves (peaks and dips weigh alike).
    case decibels
}

extension FrequencyResponse {
    /// The response smoothed by `smoothing`.
    ///
    /// Each point becomes the average of the response over its window (`Smoothing.windowHz(atHz:)`),
    /// taken over log frequency: the integral of the response's own curve across the window,
    /// divided by the window's width in octaves. The curve is the one `magnitudeDB(atHz:)`
    /// interpolates, linear in dB between points against log f; averaging in power integrates the
    /// power of that same curve (exponential between points), so both averagings smooth one curve.
    /// The integral is exact, so the points count only through the curve they describe, not
    /// through their density or spacing (any increasing grid will do): a flat response comes back
    /// unchanged, and a denser sampling of one curve smooths to the same values within its
    /// interpolation error. A window that runs past the first or last point is truncated there:
    /// the average is over the part that has data (no extrapolation), so the end points get
    /// one-sided windows. Phase is dropped; `.none` returns the response as it is.
    /// O(points): prefix sums and two moving cursors (see `smoothed(averaging:windowHz:)`).
    /// - Throws: `SmoothingError.octaveFractionOutOfRange` for 1/N with N outside 1...48.
    public func smoothed(
        _ smoothing: Smoothing, averaging: SmoothingAverage = .power
    ) throws(SmoothingError) -> FrequencyResponse {
        try smoothing.validate()
        if smoothing == .none { return self }
        let log2Hz = frequenciesHz.map { log2($0) }
        var lows = [Double](), highs = [Double]()
        lows.reserveCapacity(count)
        highs.reserveCapacity(count)
        switch smoothing {
        case .none:
            return self  // handled above
        case let .fractionalOctave(fraction):
            let half = 0.5 / Double(fraction)
            for x in log2Hz {
                lows.append(x - half)
                highs.append(x + half)
            }
        case .variable:
            for (x, frequency) in zip(log2Hz, frequenciesHz) {
                let half = 0.5 * Smoothing.variableBandwidthOctaves(atHz: frequency)
                lows.append(x - half)
                highs.append(x + half)
            }
        case .erb:
            for frequency in frequenciesHz {
                let window = smoothing.windowHz(atHz: frequency)
                lows.append(log2(window.lowHz))
                highs.append(log2(window.highHz))
            }
        }
        return withMagnitudes(LogFrequencyAverager.average(
            log2Hz: log2Hz, magnitudesDB: magnitudesDB, lowLog2: lows, highLog2: highs, averaging: averaging))
    }

    /// The response smoothed at 1/`octaveFraction` octave (`response.smoothed(octaveFraction: 12)`);
    /// the same as `smoothed(.fractionalOctave(octaveFraction), averaging:)`.
    /// - Throws: `SmoothingError.octaveFractionOutOfRange` when `octaveFraction` is outside 1...48.
    public func smoothed(
        octaveFraction: Int, averaging: SmoothingAverage = .power
    ) throws(SmoothingError) -> FrequencyResponse {
        try smoothed(.fractionalOctave(octaveFraction), averaging: averaging)
    }

    /// The response smoothed with a window of your own: point f becomes the average over log
    /// frequency of the response across `windowHz(f)`, truncated to the data as in
    /// `smoothed(_:averaging:)`.
    ///
    /// The built-in methods are all instances of this. Runs in O(points) when both edges are
    /// non-decreasing in f (two cursors only move forward, prefix sums give each integral in O(1));
    /// other windows are still averaged correctly, with cursors that also step back. A low edge
    /// at or below 0 Hz means "from the first point"; a zero-width window (after truncation) gives
    /// the response's value at that edge. Phase is dropped.
    /// - Parameter windowHz: for a point's frequency in Hz, the window's edges in Hz.
    /// - Throws: `SmoothingError.invalidWindow` if an edge is NaN or the low edge is above the high.
    public func smoothed(
        averaging: SmoothingAverage = .power,
        windowHz: (_ frequencyHz: Double) -> (lowHz: Double, highHz: Double)
    ) throws(SmoothingError) -> FrequencyResponse {
        var lows = [Double](), highs = [Double]()
        lows.reserveCapacity(count)
        highs.reserveCapacity(count)
        for frequency in frequenciesHz {
            let (lowHz, highHz) = windowHz(frequency)
            guard !lowHz.isNaN, !highHz.isNaN, lowHz <= highHz else {
                throw .invalidWindow(atHz: frequency, lowHz: lowHz, highHz: highHz)
            }
            lows.append(lowHz > 0 ? log2(lowHz) : -.infinity)
            highs.append(highHz > 0 ? log2(highHz) : -.infinity)
        }
        return withMagnitudes(LogFrequencyAverager.average(
            log2Hz: frequenciesHz.map { log2($0) }, magnitudesDB: magnitudesDB,
            lowLog2: lows, highLog2: highs, averaging: averaging))
    }
}
