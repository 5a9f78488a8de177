import Foundation

/// The parameters of a synchronized exponential sine sweep with fades and silences around it.
///
/// Synchronized sweep after Novak, Lotton & Simon, "Synchronized swept-sine: theory, application
/// and implementation", JAES 63(10), 2015, eq. (47)-(49):
/// x(t) = A sin(2 pi f1 L (exp(t/L) - 1)), with f1 L an integer, so that the n-th harmonic's
/// impulse response appears L ln(n) seconds before the linear one with the correct phase.
///
/// Novak fixes f1 and f2 and rounds the duration; users ask for a length in samples (2^18), so
/// here the duration and the end frequency are kept exactly and the start frequency is moved, by
/// a fraction of a percent, to the nearest value that makes f1 L an integer (see `init`).
public struct SweepParameters: Sendable, Equatable, Codable {
    /// Sample rate in Hz, 44.1 to 192 kHz.
    public let sampleRate: Double
    /// The start frequency actually used, in Hz (synchronised: `startHz * rateL` is an integer).
    public let startHz: Double
    /// The end frequency in Hz, at most half the sample rate.
    public let endHz: Double
    /// Samples in the swept part (without the silences).
    public let sweepSamples: Int
    /// Peak level of the sweep in dBFS, at most 0.
    public let levelDBFS: Double
    /// Samples of silence before the sweep (for the noise floor and the latency).
    public let preSilenceSamples: Int
    /// Samples of silence after the sweep (for the system's tail and the capture's latency).
    public let postSilenceSamples: Int
    /// Fade-in length in octaves of the sweep (half-Hann).
    public let fadeInOctaves: Double
    /// Fade-out length in octaves of the sweep (half-Hann).
    public let fadeOutOctaves: Double
    /// The sweep rate L in seconds (time to sweep by a factor of e).
    public let rateL: Double

    /// Validates the request and synchronises the sweep.
    ///
    /// - Parameters:
    ///   - requestedStartHz: wanted start frequency; the one used is within about 1/(2 f1 L) of it.
    ///   - endHz: end frequency, clamped to the Nyquist frequency; nil for the Nyquist frequency.
    /// - Throws: `SweepParameterError` naming the bad value and the accepted range.
    public init(
        sampleRate: Double, requestedStartHz: Double = 10, endHz: Double? = nil,
        sweepSamples: Int = 1 << 18, levelDBFS: Double = -12,
        preSilenceSeconds: Double = 0.5, postSilenceSeconds: Double = 1.0,
        fadeInOctaves: Double = 0.5, fadeOutOctaves: Double = 1.0 / 16
    ) throws {
        var problems = [String]()
        if !(44_100...192_000).contains(sampleRate) {
            problems.append("sample rate \(sampleRate) Hz is outside 44100-192000 Hz")
        }
        let nyquist = sampleRate / 2
        let end = min(endHz ?? nyquist, nyquist)
        if !(requestedStartHz >= 1 && requestedStartHz.isFinite) {
            problems.append("start frequency \(requestedStartHz) Hz must be at least 1 Hz")
        }
        if !(end.isFinite && end > requestedStartHz * 4) {
            problems.append("end frequency \(end) Hz must be finite and at least 2 octaves above the start")
        }
        if !(1 << 12...1 << 24).contains(sweepSamples) {
            problems.append("sweep length \(sweepSamples) samples is outside 4096 (2^12) to 16777216 (2^24)")
        }
        if !(levelDBFS.isFinite && levelDBFS <= 0 && levelDBFS >= -60) {
            problems.append("level \(levelDBFS) dBFS must be between -60 and 0 dBFS")
        }
        if !(preSilenceSeconds >= 0 && preSilenceSeconds <= 10 && postSilenceSeconds >= 0 && postSilenceSeconds <= 10) {
            problems.append("silences must be between 0 and 10 s, got \(preSilenceSeconds) s before and \(postSilenceSeconds) s after")
        }
        if !(fadeInOctaves >= 0 && fadeInOctaves <= 2 && fadeOutOctaves >= 0 && fadeOutOctaves <= 1) {
            problems.append("fades must be 0-2 octaves (in) and 0-1 octave (out)")
        }
        if !problems.isEmpty { throw SweepParameterError(problems: problems) }

        let duration = Double(sweepSamples) / sampleRate
        // Keep T and f2: choose the integer k = f1 L nearest to the request, then solve
        // T = L ln(f2 L / k) for L (monotonic in L), so f1 = k / L.
        let k = max(1, (requestedStartHz * duration / log(end / requestedStartHz)).rounded())
        var low = k / end * 1.000_000_1, high = duration * 10 + k / end
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if mid * log(end * mid / k) < duration { low = mid } else { high = mid }
        }
        let rate = (low + high) / 2
        self.sampleRate = sampleRate
        self.rateL = rate
        self.startHz = k / rate
        self.endHz = end
        self.sweepSamples = sweepSamples
        self.levelDBFS = levelDBFS
        self.preSilenceSamples = Int((preSilenceSeconds * sampleRate).rounded())
        self.postSilenceSamples = Int((postSilenceSeconds * sampleRate).rounded())
        self.fadeInOctaves = fadeInOctaves
        self.fadeOutOctaves = fadeOutOctaves
    }

    /// Total samples of the signal: silence, sweep, silence.
    public var totalSamples: Int { preSilenceSamples + sweepSamples + postSilenceSamples }
    /// Peak amplitude (full scale = 1).
    public var amplitude: Double { pow(10, levelDBFS / 20) }
    /// Seconds by which the n-th harmonic's impulse response precedes the linear one: L ln(n).
    public func harmonicAdvanceSeconds(order: Int) -> Double { rateL * log(Double(order)) }
    /// The instantaneous frequency at `seconds` into the sweep: f1 exp(t / L).
    public func instantaneousFrequencyHz(atSeconds seconds: Double) -> Double { startHz * exp(seconds / rateL) }
    /// The frequency band in which the sweep is at full level (between the fades).
    public var fullLevelBandHz: ClosedRange<Double> {
        (startHz * pow(2, fadeInOctaves))...(endHz * pow(2, -fadeOutOctaves))
    }
}

/// A sweep request that cannot be generated; lists every problem at once.
public struct SweepParameterError: Error, Equatable, Sendable, CustomStringConvertible {
    public let problems: [String]
    public var description: String { "invalid sweep: " + problems.joined(separator: "; ") }
}

/// Generation of the synchronized exponential sweep signal.
public enum ExponentialSweep {
    /// The full signal: pre-silence, the faded sweep, post-silence, peak `parameters.amplitude`.
    public static func signal(_ parameters: SweepParameters) -> [Double] {
        var samples = [Double](repeating: 0, count: parameters.totalSamples)
        let sweep = sweptPart(parameters)
        for (index, value) in sweep.enumerated() { samples[parameters.preSilenceSamples + index] = value }
        return samples
    }

    /// Only the swept part (length `sweepSamples`), with its half-Hann fades.
    public static func sweptPart(_ parameters: SweepParameters) -> [Double] {
        let count = parameters.sweepSamples
        let fs = parameters.sampleRate, rate = parameters.rateL, f1 = parameters.startHz
        let amplitude = parameters.amplitude
        // Fade lengths in samples: the time the sweep takes to cover the fade's octaves.
        let fadeIn = min(count / 2, Int((rate * parameters.fadeInOctaves * log(2.0) * fs).rounded()))
        let fadeOut = min(count / 2, Int((rate * parameters.fadeOutOctaves * log(2.0) * fs).rounded()))
        let phaseScale = 2 * Double.pi * f1 * rate
        return (0..<count).map { n in
            let t = Double(n) / fs
            // exp(t/L) - 1 via expm1 keeps the phase exact near t = 0.
            var value = amplitude * sin(phaseScale * expm1(t / rate))
            if n < fadeIn {
                value *= 0.5 * (1 - cos(Double.pi * Double(n) / Double(fadeIn)))
            } else if n >= count - fadeOut {
                let m = count - 1 - n
                value *= 0.5 * (1 - cos(Double.pi * Double(m) / Double(fadeOut)))
            }
            return value
        }
    }
}
