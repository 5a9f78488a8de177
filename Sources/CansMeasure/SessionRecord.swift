import CansDSP
import Foundation

/// `session.json`: what was measured, how, and what each take showed, so a session can be
/// understood (and re-analysed) years later without the program that made it.
public struct SessionRecord: Codable, Sendable {
    public struct TakeRecord: Codable, Sendable {
        public let seat: Int
        /// The recording's file, relative to the session folder.
        public let recordingFile: String
        public let latencySamples: Int
        public let peakDBFS: Double
        public let noiseFloorDBFS: Double?
        public let snrDB: Double?
        public let thdPercentAt1kHz: Double?
        /// False when the take failed a check and was left out of the average.
        public let accepted: Bool
        public let problems: [String]
    }

    public struct CupRecord: Codable, Sendable {
        public let cup: SessionPlan.Cup
        /// The averaged response's file (AutoEq CSV, 0 dB at 1 kHz).
        public let responseFile: String
        /// Largest standard deviation between placements, dB, 20 Hz-20 kHz.
        public let maximumSpreadDB: Double
        /// Frequency of that largest spread, Hz.
        public let maximumSpreadHz: Double
        public let takes: [TakeRecord]
    }

    public struct RigRecord: Codable, Sendable {
        public let name: String
        public let simulated: Bool
        /// For a simulation: what it was set to (latency, noise, distortion...).
        public let settings: [String: String]
    }

    public var kind = "cans-session"
    public var formatVersion = 1
    public let software: String
    /// ISO 8601, UTC.
    public let createdAt: String
    public let headphone: String
    public let rig: RigRecord
    public let sweepFile: String
    public let sweep: SweepParameters
    public let gate: ImpulseResponseGate
    public let reseats: Int
    public let cups: [CupRecord]
    /// Both cups averaged (AutoEq CSV, 0 dB at 1 kHz).
    public let responseFile: String
}
