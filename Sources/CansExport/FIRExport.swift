import CansAudio
import CansCore
import CansDSP
import Foundation

/// The phase of an exported FIR.
public enum FIRPhase: String, Sendable, CaseIterable {
    /// The cascade's own (minimum) phase: no latency, no pre-ringing; sounds like the IIR EQ.
    case minimum
    /// Symmetric, constant group delay of (taps - 1) / 2 samples: no phase change, but latency
    /// and pre-ringing.
    case linear
}

/// How to design an FIR export.
public struct FIRExportOptions: Sendable, Equatable {
    public var phase: FIRPhase
    /// The convolver's rate, Hz (a whole number; the biquads are designed at this rate). nil: the
    /// profile's design rate.
    public var sampleRateHz: Double?
    /// The length in samples; nil chooses it (see `FIRExport`). Linear phase needs an odd length.
    public var taps: Int?

    public init(phase: FIRPhase = .minimum, sampleRateHz: Double? = nil, taps: Int? = nil) {
        self.phase = phase
        self.sampleRateHz = sampleRateHz
        self.taps = taps
    }
}

/// An exported FIR: one impulse response per headphone channel, and how good it is.
public struct FIRFilter: Sendable, Equatable {
    public let sampleRateHz: Double
    public let phase: FIRPhase
    /// Samples per channel.
    public let taps: Int
    /// Latency in samples: 0 for minimum phase, (taps - 1) / 2 for linear phase.
    public let delaySamples: Int
    /// "L", "R": a mono EQ is written on both.
    public let channelNames: [String]
    /// The impulse responses, preamp included, in `channelNames` order.
    public let impulseResponses: [[Float]]
    /// max |FIR magnitude - designed magnitude| from 20 Hz to 20 kHz (or 0.45 fs) over the
    /// channels, dB (the truncation error).
    public let truncationErrorDB: Double
    /// The FIR's largest gain at any frequency, dB: at most 0, so no steady tone clips.
    public let peakGainDB: Double
    /// 20 log10(sum |h|) of the loudest channel: the sample peak the worst possible full-scale
    /// input (each sample's sign matched to the taps) could reach. Music does not do that; the
    /// figure is for people who want a guarantee against any signal.
    public let worstCasePeakDB: Double
}

/// An FIR that cannot be designed with the options given.
public struct FIRExportError: Error, Equatable, Sendable, CustomStringConvertible {
    public let problem: String
    public let hint: String
    /// True when an option value is at fault (sample rate, taps), not the profile.
    public let isUsage: Bool
    public var description: String { "fir export: \(problem) (\(hint))" }

    public init(problem: String, hint: String, isUsage: Bool = false) {
        self.problem = problem
        self.hint = hint
        self.isUsage = isUsage
    }
}

/// Impulse-response WAV exports for convolvers (CamillaDSP `Conv`, PipeWire `convolver`,
/// EasyEffects, JamesDSP, BruteFIR, sox `fir`).
///
/// - **Response**: each channel's preamp and cookbook biquads designed at the export rate (at
///   another rate than the profile's, filters near the Nyquist frequency shape differently, as
///   they would in any EQ run at that rate).
/// - **Minimum phase** (default): the cascade's own impulse response, truncated (it is minimum
///   phase already, see `FIRDesign.cascadeImpulse`). **Linear phase**: frequency sampling of the
///   designed magnitude, odd length, delay (taps - 1) / 2.
/// - **Length**: unless `taps` is given, the shortest of 4095/4096, 8191/8192 ... 1048575/1048576
///   taps (odd for linear phase) whose magnitude stays within 0.01 dB of the design from 20 Hz to
///   20 kHz, measured on the FIR itself: a bass filter with a high Q rings longest and sets it (at
///   48 kHz a profile with a 25 Hz Q 2 boost needs 16384 taps, one whose lowest filters are a
///   60 Hz Q 1 peak and a 90 Hz shelf 4096). The longest is used if none reaches it, and the
///   error is reported either way (`truncationErrorDB`).
/// - **Level**: the preamp is in the taps; if truncation ripple lifts the FIR's largest gain
///   above 0 dB, the taps are scaled down to exactly 0 dB, so a steady full-scale tone never
///   clips. A transient can still peak above full scale (a peaking boost rings), up to
///   `worstCasePeakDB` for a signal built to do it; float WAV keeps such samples.
public enum FIRExport {
    static let targetErrorDB = 0.01
    static let candidateExponents = 12...20

    /// Designs the FIR.
    /// - Throws: `FIRExportError` for a rate that is not a whole number of Hz within 8 kHz to
    ///   768 kHz, a filter not below its Nyquist frequency, fewer than 16 taps, or an even length
    ///   for linear phase.
    public static func design(_ eq: ProfileEQ, options: FIRExportOptions = .init()) throws(FIRExportError) -> FIRFilter {
        let rate = options.sampleRateHz ?? eq.sampleRateHz
        guard rate.isFinite, rate >= 8_000, rate <= 768_000, rate.rounded() == rate else {
            throw FIRExportError(problem: "sample rate \(rate) Hz cannot be written", hint: "use a whole number of Hz such as 44100, 48000 or 96000", isUsage: true)
        }
        for channel in eq.channels {
            for filter in channel.filters where filter.frequencyHz >= rate / 2 {
                throw FIRExportError(problem: "channel \(channel.name): \(filter.type) at \(filter.frequencyHz) Hz is not below the Nyquist frequency of \(rate) Hz",
                                     hint: "export at a higher rate, or fit again at this one")
            }
        }
        if let taps = options.taps {
            guard taps >= 16, taps <= 1 << 22 else {
                throw FIRExportError(problem: "\(taps) taps is out of range", hint: "use 16 to 4194304 taps, or leave the length to cans", isUsage: true)
            }
            guard options.phase == .minimum || taps % 2 == 1 else {
                throw FIRExportError(problem: "linear phase with an even length (\(taps) taps) has no response at the Nyquist frequency",
                                     hint: "use an odd length such as \(taps - 1)")
            }
        }
        let distinct = eq.isSameOnEveryChannel ? [eq.channels[0]] : eq.channels
        let band = 20...min(20_000, 0.45 * rate)
        let lengths = options.taps.map { [$0] } ?? candidateExponents.map { options.phase == .linear ? (1 << $0) - 1 : 1 << $0 }
        var chosen: (taps: Int, responses: [[Double]], error: Double, peak: Double)?
        let longImpulses = options.phase == .minimum ? distinct.map { FIRDesign.cascadeImpulse($0, sampleRate: rate, length: lengths.last!) } : []
        for taps in lengths {
            let size = RealFFT.powerOfTwo(atLeast: max(1 << 17, 8 * taps))
            var responses = [[Double]](), error = 0.0, peak = -Double.infinity
            for (index, channel) in distinct.enumerated() {
                let designed = FIRDesign.designedBins(channel, sampleRate: rate, size: size)
                let fir = options.phase == .minimum
                    ? FIRDesign.minimumPhase(longImpulses[index], taps: taps)
                    : FIRDesign.linearPhase(magnitudeDB: designed, transformSize: size, taps: taps)
                let result = FIRDesign.compare(fir, designedDB: designed, size: size, sampleRate: rate, bandHz: band)
                responses.append(fir)
                error = max(error, result.errorDB)
                peak = max(peak, result.peakDB)
            }
            chosen = (taps, responses, error, peak)
            if error <= targetErrorDB { break }
        }
        guard let chosen else { preconditionFailure("invariant: at least one length") }
        let taps = chosen.taps
        var (responses, error, peak) = (chosen.responses, chosen.error, chosen.peak)
        if peak > 0 {
            let scale = Decibels.toAmplitude(-peak)
            responses = responses.map { $0.map { $0 * scale } }
            error += peak
            peak = 0
        }
        let names = eq.isSameOnEveryChannel ? ["L", "R"] : eq.channels.map(\.name)
        let floats = responses.map { $0.map { Float($0) } }
        let worst = responses.map { Decibels.fromAmplitude($0.reduce(0) { $0 + abs($1) }) }.max() ?? 0
        return FIRFilter(
            sampleRateHz: rate, phase: options.phase, taps: taps, delaySamples: options.phase == .linear ? (taps - 1) / 2 : 0,
            channelNames: names, impulseResponses: eq.isSameOnEveryChannel ? [floats[0], floats[0]] : floats,
            truncationErrorDB: error, peakGainDB: peak, worstCasePeakDB: worst)
    }

    /// The impulse responses only (`design(_:options:).impulseResponses`).
    public static func impulseResponses(_ eq: ProfileEQ, options: FIRExportOptions = .init()) throws(FIRExportError) -> [[Float]] {
        try design(eq, options: options).impulseResponses
    }

    /// Designs the FIR and writes it to `path` as a 32-bit float WAV, one channel per headphone
    /// channel, through libsndfile; atomic (a temporary file in the same folder, then a rename)
    /// and deterministic (`AudioFile.write`).
    /// - Parameter overwrite: replace an existing file; when false an existing file is an error.
    /// - Throws: `FIRExportError` (see `design`) or `AudioFileError` naming `path`.
    @discardableResult
    public static func write(_ eq: ProfileEQ, options: FIRExportOptions = .init(), toPath path: String, overwrite: Bool = false) throws -> FIRFilter {
        let filter = try design(eq, options: options)
        try AudioFile.write(AudioBuffer(sampleRate: filter.sampleRateHz, channels: filter.impulseResponses), to: path,
                            container: .wav, sampleFormat: .float32, overwrite: overwrite)
        return filter
    }
}
