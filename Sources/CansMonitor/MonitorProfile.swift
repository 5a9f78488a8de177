import CansFit
import Foundation

/// One profile the monitor switches to: per ear, a preamp and the profile's filters (the values
/// a `cans fit` profile holds, designed again at the rate the audio runs at).
public struct MonitorProfile: Sendable, Equatable {
    /// One ear's EQ.
    public struct Channel: Sendable, Equatable {
        public var preampDB: Double
        public var filters: [Biquad]
        public init(preampDB: Double, filters: [Biquad]) {
            self.preampDB = preampDB
            self.filters = filters
        }
    }

    /// Shown in the status line (the file name, or the headphone).
    public var name: String
    public var left: Channel
    public var right: Channel
    /// SPL of a full-scale sine at the ear with this headphone, dB, from a calibrated measurement;
    /// nil when the profile has none (then levels are shown in dBFS).
    public var splAtFullScaleDB: Double?

    public init(name: String, left: Channel, right: Channel, splAtFullScaleDB: Double? = nil) {
        self.name = name
        self.left = left
        self.right = right
        self.splAtFullScaleDB = splAtFullScaleDB
    }

    /// The same EQ on both ears.
    public init(name: String, both: Channel, splAtFullScaleDB: Double? = nil) {
        self.init(name: name, left: both, right: both, splAtFullScaleDB: splAtFullScaleDB)
    }

    /// No EQ at all (the "bypass" profile: what the headphone does by itself).
    public static func flat(name: String = "flat") -> MonitorProfile {
        MonitorProfile(name: name, both: Channel(preampDB: 0, filters: []))
    }

    /// The profile as a stereo cascade at `sampleRate`, and the preamp of each ear as a gain.
    ///
    /// A filter keeps its centre, gain and Q at every rate (RBJ designs pre-warp the centre), so
    /// a profile fitted at 48 kHz plays at 44.1 or 96 kHz with the same response below about
    /// 10 kHz and slightly different shapes of very high filters near the new Nyquist.
    /// - Throws: `MonitorError.profileNotDesignable` for a filter at or above 0.49 of the rate
    ///   (it has no digital design there).
    public func design(sampleRate: Double) throws(MonitorError) -> (cascade: StereoCascade, gain: StereoFrame) {
        func sections(_ channel: Channel, _ ear: String) throws(MonitorError) -> [SectionCoefficients] {
            var result = [SectionCoefficients]()
            for (index, filter) in channel.filters.enumerated() {
                guard filter.frequencyHz < 0.49 * sampleRate else {
                    throw .profileNotDesignable(
                        profile: name,
                        problem: "\(ear) filter \(index + 1) at \(filter.frequencyHz) Hz cannot be made at \(Int(sampleRate)) Hz (it must be below \(Int(0.49 * sampleRate)) Hz)",
                        hint: "play the audio at a higher sample rate, or fit the profile again for this rate")
                }
                result.append(SectionCoefficients(filter, sampleRate: sampleRate))
            }
            return result
        }
        let cascade = StereoCascade(left: try sections(left, "left"), right: try sections(right, "right"))
        let gain = StereoFrame(pow(10, left.preampDB / 20), pow(10, right.preampDB / 20))
        return (cascade, gain)
    }
}
