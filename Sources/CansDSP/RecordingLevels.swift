import CansCore
import Foundation

/// Levels of a recording of a sweep: peak, clipping, noise floor and SNR.
///
/// The noise floor is read from the silence the sweep file puts before the sweep (what the
/// microphone hears with nothing playing), the signal from the span the sweep occupies in the
/// recording; SNR = 10 log10((P_signal - P_noise) / P_noise).
public struct RecordingLevels: Sendable, Equatable, Codable {
    /// Highest |sample| in dBFS.
    public let peakDBFS: Double
    /// Samples at or above the clipping threshold (0.999 of full scale).
    public let clippedSampleCount: Int
    /// RMS of the pre-sweep silence in dBFS, or nil when the recording has too little of it.
    public let noiseFloorDBFS: Double?
    /// RMS over the sweep in dBFS.
    public let signalDBFS: Double
    /// Signal-to-noise ratio in dB, or nil without a noise floor.
    public let snrDB: Double?
    /// The longest run of exactly-zero samples while the sweep plays (past its first
    /// `dropoutSearchStart` samples): a real converter always has noise, so a run of digital
    /// silence in the middle of the sweep is a dropout (a sound server that missed its deadline
    /// and played nothing), which ALSA may not report as an xrun.
    public let longestZeroRunInSignal: Int

    /// |sample| at or above this counts as clipped.
    public static let clipThreshold: Double = 0.999
    /// At least this many samples of silence are needed for a noise floor.
    public static let minimumNoiseSamples = 1024

    /// Measures `recording`, where the noise span is `noise` and the sweep span is `signal`
    /// (both clamped to the recording); dropouts are looked for from `signal.lowerBound +
    /// dropoutSearchStart` on (the sweep's first, lowest-frequency part can have runs of zeros
    /// when quantised quietly).
    public init(recording: [Double], noise: Range<Int>, signal: Range<Int>, dropoutSearchStart: Int = 0) {
        var peak = 0.0, clipped = 0
        for value in recording {
            let magnitude = abs(value)
            if magnitude > peak { peak = magnitude }
            if magnitude >= Self.clipThreshold { clipped += 1 }
        }
        let all = 0..<recording.count
        let noiseSpan = noise.clamped(to: all), signalSpan = signal.clamped(to: all)
        let signalPower = Self.meanSquare(recording, signalSpan)
        var longest = 0, run = 0
        let dropoutStart = min(signal.upperBound, signal.lowerBound + max(0, dropoutSearchStart))
        for i in (dropoutStart..<signal.upperBound).clamped(to: all) {
            if recording[i] == 0 {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        longestZeroRunInSignal = longest
        peakDBFS = Decibels.fromAmplitude(peak)
        clippedSampleCount = clipped
        signalDBFS = Decibels.fromPower(signalPower)
        if noiseSpan.count >= Self.minimumNoiseSamples {
            let noisePower = Self.meanSquare(recording, noiseSpan)
            noiseFloorDBFS = Decibels.fromPower(noisePower)
            // A perfectly silent noise floor (a digital loopback) gives 200 dB; silence throughout, 0.
            snrDB = noisePower > 0
                ? Decibels.fromPower(max(signalPower - noisePower, 0) / noisePower) : (signalPower > 0 ? 200 : 0)
        } else {
            noiseFloorDBFS = nil
            snrDB = nil
        }
    }

    private static func meanSquare(_ samples: [Double], _ span: Range<Int>) -> Double {
        guard !span.isEmpty else { return 0 }
        var sum = 0.0
        for i in span { sum += samples[i] * samples[i] }
        return sum / Double(span.count)
    }
}
