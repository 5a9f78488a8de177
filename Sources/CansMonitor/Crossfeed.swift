import Foundation
internal import CansKernels
internal import CansKernelsFMA

/// Crossfeed settings after Bauer's stereophonic-to-binaural network (B. B. Bauer, "Stereophonic
/// Earphones and Binaural Loudspeakers", J. Audio Eng. Soc. 9(2), 1961) in the form of
/// Boris Mikhaylov's bs2b library (bs2b.sourceforge.net): each ear gets its own channel through
/// a first-order high-boost and the other channel through a first-order low pass, so at low
/// frequencies the other ear hears the signal `feedDB` quieter, as from loudspeakers.
public struct CrossfeedSettings: Sendable, Equatable, CustomStringConvertible {
    /// Corner of the low pass on the crossed path, Hz (bs2b: 300...2000).
    public let cutHz: Double
    /// How much quieter the crossed path is than the direct path at low frequencies, dB
    /// (bs2b: 1...15).
    public let feedDB: Double
    /// The preset's name, or nil for custom values.
    public let presetName: String?

    /// bs2b's default: 700 Hz, 4.5 dB (close to a virtual speaker pair at 30 degrees, 3 m).
    public static let bs2bDefault = CrossfeedSettings(unchecked: 700, 4.5, "default")
    /// bs2b's Chu Moy preset: 700 Hz, 6 dB.
    public static let chuMoy = CrossfeedSettings(unchecked: 700, 6.0, "cmoy")
    /// bs2b's Jan Meier preset: 650 Hz, 9.5 dB.
    public static let janMeier = CrossfeedSettings(unchecked: 650, 9.5, "jmeier")
    /// The three bs2b presets.
    public static let presets = [bs2bDefault, chuMoy, janMeier]

    private init(unchecked cutHz: Double, _ feedDB: Double, _ name: String?) {
        self.cutHz = cutHz
        self.feedDB = feedDB
        self.presetName = name
    }

    /// Custom values within bs2b's ranges.
    /// - Throws: `MonitorError.invalidSetting` naming the value and the range.
    public init(cutHz: Double, feedDB: Double) throws(MonitorError) {
        guard cutHz.isFinite, (300...2000).contains(cutHz) else {
            throw .invalidSetting(what: "crossfeed cut frequency", value: "\(cutHz) Hz",
                                  rule: "it must be within 300...2000 Hz", hint: "700 is bs2b's default")
        }
        guard feedDB.isFinite, (1...15).contains(feedDB) else {
            throw .invalidSetting(what: "crossfeed feed level", value: "\(feedDB) dB",
                                  rule: "it must be within 1...15 dB", hint: "4.5 is bs2b's default")
        }
        self.init(unchecked: cutHz, feedDB, nil)
    }

    /// A preset name (`default`, `cmoy`, `jmeier`) or `CUT:FEED` such as `700:4.5`.
    /// - Throws: `MonitorError.invalidSetting` with the accepted forms.
    public init(parsing text: String) throws(MonitorError) {
        if let preset = Self.presets.first(where: { $0.presetName == text.lowercased() }) {
            self = preset
            return
        }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let cut = Double(parts[0]), let feed = Double(parts[1]) else {
            throw .invalidSetting(what: "crossfeed", value: "\"\(text)\"", rule: "it is not a preset or CUT:FEED",
                                  hint: "use default, cmoy, jmeier, or values such as 700:4.5 (Hz:dB)")
        }
        try self.init(cutHz: cut, feedDB: feed)
    }

    public var description: String {
        let values = String(format: "%.0f Hz/%.1f dB", cutHz, feedDB)
        return presetName.map { "\($0) (\(values))" } ?? values
    }

    /// The filter design at `sampleRate` (bs2b's published design equations):
    /// crossed-path gain GB_lo = -5/6 feed - 3 dB, direct-path low-frequency gain
    /// GB_hi = feed/6 - 3 dB (so GB_hi - GB_lo = feed), the high-boost corner placed so the two
    /// paths' slopes meet, Fc_hi = Fc_lo 2^((GB_lo - 20 log10 G_hi) / 12) with G_hi = 1 - 10^(GB_hi/20),
    /// and an overall gain 1 / (1 - G_hi + G_lo) that keeps a mono low-frequency signal at 0 dB.
    /// Both filters are one-pole IIRs with the pole at exp(-2 pi Fc / fs).
    public func design(sampleRate: Double) -> CrossfeedDesign {
        let lowGainDB = -5.0 / 6.0 * feedDB - 3
        let highGainDB = feedDB / 6 - 3
        let lowGain = pow(10, lowGainDB / 20)
        let highGain = 1 - pow(10, highGainDB / 20)
        let highCutHz = cutHz * pow(2, (lowGainDB - 20 * log10(highGain)) / 12)
        let xLow = exp(-2 * Double.pi * cutHz / sampleRate)
        let xHigh = exp(-2 * Double.pi * highCutHz / sampleRate)
        return CrossfeedDesign(
            lowA0: lowGain * (1 - xLow), lowB1: xLow,
            highA0: 1 - highGain * (1 - xHigh), highA1: -xHigh, highB1: xHigh,
            gain: 1 / (1 - highGain + lowGain))
    }
}

/// The coefficients of a crossfeed at one sample rate: low pass `lo[n] = lowA0 x[n] + lowB1 lo[n-1]`
/// on the crossed path, high boost `hi[n] = highA0 x[n] + highA1 x[n-1] + highB1 hi[n-1]` on the
/// direct path, output `gain (hi_own + lo_other)`.
public struct CrossfeedDesign: Sendable, Equatable {
    public let lowA0: Double, lowB1: Double
    public let highA0: Double, highA1: Double, highB1: Double
    public let gain: Double

    /// Magnitude of the direct path (own channel to own ear) at `frequencyHz`, dB.
    public func directDB(atHz frequencyHz: Double, sampleRate: Double) -> Double {
        let (c, s) = unit(frequencyHz, sampleRate)
        let numRe = highA0 + highA1 * c, numIm = -highA1 * s
        let denRe = 1 - highB1 * c, denIm = highB1 * s
        return 10 * log10(gain * gain * (numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm))
    }

    /// Magnitude of the crossed path (other channel to this ear) at `frequencyHz`, dB.
    public func crossedDB(atHz frequencyHz: Double, sampleRate: Double) -> Double {
        let (c, s) = unit(frequencyHz, sampleRate)
        let denRe = 1 - lowB1 * c, denIm = lowB1 * s
        return 10 * log10(gain * gain * lowA0 * lowA0 / (denRe * denRe + denIm * denIm))
    }

    private func unit(_ frequencyHz: Double, _ sampleRate: Double) -> (Double, Double) {
        let w = 2 * Double.pi * frequencyHz / sampleRate
        return (cos(w), sin(w))
    }
}

/// A running crossfeed on stereo frames: the state of `CrossfeedDesign`'s filters. The loop is
/// `runStereoCrossfeed` (CansKernels), run by `kernel`.
public struct CrossfeedFilter: Sendable {
    public let design: CrossfeedDesign
    /// The machine code that runs the loop.
    public var kernel: ArithmeticKernel
    /// lo[n-1], hi[n-1], x[n-1]: a homogeneous tuple, laid out as three frames in a row.
    private var state: (StereoFrame, StereoFrame, StereoFrame) = (.zero, .zero, .zero)

    public init(_ design: CrossfeedDesign, kernel: ArithmeticKernel = .available) {
        self.design = design
        self.kernel = kernel
    }

    public mutating func reset() { state = (.zero, .zero, .zero) }

    /// Crossfeeds `frames` in place.
    public mutating func process(_ frames: UnsafeMutableBufferPointer<StereoFrame>) {
        guard let base = frames.baseAddress else { return }
        let d = design, kernel = self.kernel
        withUnsafeMutablePointer(to: &state) { tuple in
            tuple.withMemoryRebound(to: StereoFrame.self, capacity: 3) { z in
                switch kernel {
                case .fused:
                    FusedKernels.stereoCrossfeed(lowA0: d.lowA0, lowB1: d.lowB1, highA0: d.highA0, highA1: d.highA1,
                                                 highB1: d.highB1, gain: d.gain, state: z, frames: base, frameCount: frames.count)
                case .portable:
                    runStereoCrossfeed(SeparateMultiplyAdd.self, lowA0: d.lowA0, lowB1: d.lowB1, highA0: d.highA0,
                                       highA1: d.highA1, highB1: d.highB1, gain: d.gain, state: z, frames: base,
                                       frameCount: frames.count)
                }
            }
        }
    }
}
