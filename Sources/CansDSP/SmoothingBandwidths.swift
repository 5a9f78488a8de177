import Foundation

// The two frequency-dependent window widths: REW's variable smoothing and the ERB.

extension Smoothing {
    /// The bandwidth of REW's variable smoothing at `frequencyHz`, in octaves.
    ///
    /// REW's help (Graph menu, smoothing: https://www.roomeqwizard.com/help/help_en-GB/html/graph.html)
    /// defines "Var" smoothing only by its anchors: "1/48 octave below 100 Hz, 1/3 octave above
    /// 10 kHz and varies between 1/48 and 1/3 octave from 100 Hz to 10 kHz, reaching 1/6 octave at
    /// 1 kHz". It does not state the law between the anchors. No single-piece interpolation from
    /// 100 Hz to 10 kHz meets the 1 kHz anchor (log-log gives 1/12, linear in octaves 17/96 = 1/5.6,
    /// linear in N gives 1/25.5), so this implements the simplest law through all three anchors:
    /// the bandwidth is a power of f in each decade, i.e. a straight line on log-log axes between
    /// the anchors. With d = log10(f / 100 Hz):
    ///
    ///     B(f) = 1/48                    f <= 100 Hz
    ///     B(f) = (1/48) * 8^d            100 Hz <= f <= 1 kHz     (x8 per decade, 0 <= d <= 1)
    ///     B(f) = (1/6)  * 2^(d - 1)      1 kHz <= f <= 10 kHz     (x2 per decade, 1 <= d <= 2)
    ///     B(f) = 1/3                     f >= 10 kHz
    ///
    /// So 1/16.97 octave at 316 Hz and 1/4.24 octave at 3.16 kHz. The law is continuous and the
    /// window edges f * 2^(-+B/2) never decrease with f (d(log2 low)/d(log2 f) >= 1 - 0.052 at
    /// 1 kHz, the steepest point), which the O(n) smoothing relies on. REW's own curve between the
    /// anchors may differ; its Gaussian kernel certainly does (REW smooths with passes of IIR
    /// filters that approximate a Gaussian; here the window is rectangular in log frequency).
    /// - Parameter frequencyHz: frequency in Hz, > 0.
    /// - Returns: the bandwidth in octaves, from 1/48 to 1/3.
    public static func variableBandwidthOctaves(atHz frequencyHz: Double) -> Double {
        if frequencyHz <= 100 { return 1.0 / 48 }
        if frequencyHz >= 10000 { return 1.0 / 3 }
        let decades = log10(frequencyHz / 100)
        if decades <= 1 { return exp2(3 * decades) / 48 }
        return exp2(decades - 1) / 6
    }

    /// The equivalent rectangular bandwidth of the auditory filter at `frequencyHz`, in Hz:
    /// ERB(f) = 24.7 * (4.37 * f / 1000 + 1) (Glasberg & Moore, "Derivation of auditory filter
    /// shapes from notched-noise data", Hearing Research 47, 1990, eq. 3). 35.5 Hz at 100 Hz,
    /// 132.6 Hz at 1 kHz, 1104.1 Hz at 10 kHz.
    /// - Parameter frequencyHz: frequency in Hz, >= 0.
    public static func equivalentRectangularBandwidthHz(atHz frequencyHz: Double) -> Double {
        24.7 * (4.37 * frequencyHz / 1000 + 1)
    }

    /// The floor of the ERB window's low edge, in Hz. f - ERB(f)/2 reaches 0 at f = 13.05 Hz; below
    /// that the low edge is held here so that its logarithm exists. The floor keeps the edge
    /// non-decreasing in f, and any floor below a response's first point acts the same: the window
    /// is truncated at the first point, like every window that runs off the data.
    public static let erbLowestEdgeHz = 0.001
}
