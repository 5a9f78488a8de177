import CansDSP
import Foundation

/// The checks that stop a bad recording from becoming a response: clipping and silence.
enum RecordingCheck {
    /// Below this SNR the sweep is not really in the recording.
    static let minimumSNRDB = 10.0
    /// Below this peak there is no signal at all.
    static let silentPeakDBFS = -80.0

    /// - Throws: `CommandFailure` (status 65) naming the file, what is wrong and what to change.
    static func verify(_ levels: RecordingLevels, recordingPath: String, channel: Int) throws {
        if levels.clippedSampleCount > 0 {
            throw CommandFailure(
                message: String(
                    format: "%@ (channel %d) is clipped: %d samples at full scale (peak %.2f dBFS);"
                        + " lower the playback level or the input gain by 6 dB or more and record again",
                    recordingPath, channel, levels.clippedSampleCount, levels.peakDBFS),
                status: ExitStatus.badData)
        }
        if levels.peakDBFS < silentPeakDBFS || (levels.snrDB.map { $0 < minimumSNRDB } ?? false) {
            let snr = levels.snrDB.map { String(format: ", SNR %.1f dB", $0) } ?? ""
            throw CommandFailure(
                message: String(
                    format: "%@ (channel %d) is silent: no sweep found (peak %.1f dBFS%@);"
                        + " check the microphone, its channel (--channel) and the input gain",
                    recordingPath, channel, levels.peakDBFS, snr),
                status: ExitStatus.badData)
        }
    }
}
