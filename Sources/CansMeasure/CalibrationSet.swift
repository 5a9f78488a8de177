import CansCore
import CansFormats
import Foundation

/// The calibration files a session applies: the measurement microphone's and the rig's (coupler or
/// ear simulator), each subtracted from every take's response, and recorded with its hash.
public struct CalibrationSet: Sendable {
    /// One applied file.
    public struct Entry: Sendable, Codable, Equatable {
        /// "mic" or "rig".
        public let role: String
        /// The path as the user gave it.
        public let file: String
        /// SHA-256 of the file's bytes.
        public let sha256: String
        /// The miniDSP `Sens Factor`, when the file has one (recorded, not applied).
        public let sensitivityFactorDB: Double?
    }

    public let entries: [Entry]
    private let calibrations: [MicCalibration]

    /// Reads and hashes the files (either may be nil).
    /// - Throws: `FileFormatError` / `FileAccessError` naming the file.
    public init(micPath: String?, rigPath: String?) throws {
        var entries = [Entry](), calibrations = [MicCalibration]()
        for (role, path) in [("mic", micPath), ("rig", rigPath)] {
            guard let path else { continue }
            let calibration = try MicCalibration.read(path: path)
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            entries.append(Entry(
                role: role, file: path, sha256: SHA256.hex(of: bytes), sensitivityFactorDB: calibration.sensitivityFactorDB))
            calibrations.append(calibration)
        }
        self.entries = entries
        self.calibrations = calibrations
    }

    /// `response` with every calibration subtracted.
    public func applied(to response: FrequencyResponse) -> FrequencyResponse {
        calibrations.reduce(response) { $1.applied(to: $0) }
    }
}
