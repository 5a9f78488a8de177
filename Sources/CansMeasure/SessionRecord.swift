import CansDSP
import Foundation

/// `session.json`: what was measured, how, what each take showed, and whether the session
/// finished, so a session can be understood (and re-analysed) years later without the program
/// that made it. Rewritten atomically after every take.
public struct SessionRecord: Codable, Sendable {
    /// Where the session stands.
    public enum Status: String, Codable, Sendable {
        /// Measuring (or the program died part way: the takes listed are on disk).
        case incomplete
        /// Every take done and averaged.
        case complete
        /// Stopped by the user (Ctrl-C, SIGTERM).
        case interrupted
        /// Stopped by a problem that needs the user (clipping, no signal, a device error).
        case failed
    }

    public struct TakeRecord: Codable, Sendable {
        public let cup: String
        public let seat: Int
        /// 1 for the first try of this cup and seat, 2 for its first retry...
        public let attempt: Int
        /// The recording's file, relative to the session folder.
        public let recordingFile: String
        public let latencySamples: Int
        public let peakDBFS: Double
        public let noiseFloorDBFS: Double?
        public let snrDB: Double?
        public let thdPercentAt1kHz: Double?
        public let xruns: Int
        /// False when the take failed a check and was left out of the average.
        public let accepted: Bool
        public let problems: [String]
        /// The kind of each of `problems`, in the same order (`TakeProblem.kind`: clipped,
        /// silent, xruns, dropout, stuck). Absent in sessions written before it existed.
        public let problemKinds: [String]?
        /// When the take was stored, ISO 8601 UTC.
        public let recordedAt: String?
    }

    /// What stopped a session that did not complete: the take running (or just judged) and the
    /// kind of problem, so a script can tell a lost device from a clipped take.
    public struct StopRecord: Codable, Sendable, Equatable {
        /// A `TakeProblem.kind`, `device` (the device failed or disappeared), `no-good-takes`,
        /// `interrupted` or `error`.
        public let kind: String
        /// The take at the stop, when one was running or had just been judged.
        public let cup: String?
        public let seat: Int?
        public let attempt: Int?
        /// Whether that take is in `takes` (its recording stored) or was lost with the device.
        public let takeStored: Bool
        /// ISO 8601 UTC.
        public let at: String

        public init(kind: String, cup: String?, seat: Int?, attempt: Int?, takeStored: Bool, at: String) {
            self.kind = kind
            self.cup = cup
            self.seat = seat
            self.attempt = attempt
            self.takeStored = takeStored
            self.at = at
        }
    }

    public struct CupResult: Codable, Sendable {
        public let cup: SessionPlan.Cup
        /// The averaged response's file (AutoEq CSV, 0 dB at 1 kHz, with a `spread` column).
        public let responseFile: String
        /// Largest standard deviation between placements, dB, and where.
        public let maximumSpreadDB: Double
        public let maximumSpreadHz: Double
        /// Seats (from 1) whose bass (20-200 Hz) differs from the others' median by more than
        /// 3 dB RMS: a leak, or a bad seal.
        public let outlierSeats: [Int]
        /// Latencies of the accepted takes, samples (their spread tells clock drift).
        public let latenciesSamples: [Int]
    }

    public struct RigRecord: Codable, Sendable {
        public let name: String
        public let simulated: Bool
        public let playbackDevice: String?
        public let captureDevice: String?
        public let sampleFormat: String?
        /// For a simulation: what it was set to (latency, noise, distortion...).
        public let settings: [String: String]

        public init(
            name: String, simulated: Bool, playbackDevice: String? = nil, captureDevice: String? = nil,
            sampleFormat: String? = nil, settings: [String: String] = [:]
        ) {
            self.name = name
            self.simulated = simulated
            self.playbackDevice = playbackDevice
            self.captureDevice = captureDevice
            self.sampleFormat = sampleFormat
            self.settings = settings
        }
    }

    /// The level check made before the takes.
    public struct LevelCheckRecord: Codable, Sendable {
        public let peakDBFS: Double
        public let snrDB: Double?
        public let verdict: String
    }

    /// With a microphone of known sensitivity: how loud the headphone plays.
    public struct SensitivityRecord: Codable, Sendable {
        /// The microphone's RMS level in dBFS for 94 dB SPL (1 Pa) at 1 kHz, as given.
        public let micDBFSAt94DBSPL: Double
        /// Per cup: dB SPL at the microphone at 1 kHz for a sine of 0 dBFS peak.
        public let splAtFullScaleDB: [String: Double]
    }

    public var kind = "cans-session"
    public var formatVersion = 1
    public let software: String
    /// ISO 8601, UTC.
    public let createdAt: String
    public var status: Status
    /// Why the session stopped, for `failed` and `interrupted`.
    public var statusDetail: String?
    /// What stopped it, for `failed` and `interrupted` (absent in older sessions).
    public var stoppedBy: StopRecord?
    public let headphone: String
    public let rig: RigRecord
    public let sweepFile: String
    public let sweep: SweepParameters
    public let gate: ImpulseResponseGate
    public let reseats: Int
    public let cups: [SessionPlan.Cup]
    public let calibrations: [CalibrationSet.Entry]
    public var levelCheck: LevelCheckRecord?
    public var takes: [TakeRecord]
    /// Per cup, once the session is complete.
    public var results: [CupResult]
    /// Both cups averaged, once the session is complete.
    public var responseFile: String?
    public var sensitivity: SensitivityRecord?
    /// Things worth knowing that did not stop the session (latency drift, outlier seats).
    public var warnings: [String]
}
