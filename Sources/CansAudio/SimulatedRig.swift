import CansCore
import CansDSP
import Foundation

/// A measurement rig simulated in software: it "plays" each output through a known system and
/// "records" what a microphone would, with latency, noise, clock drift and harmonic distortion.
///
/// It does the real signal processing (FFT convolution with the system's impulse response,
/// Chebyshev-polynomial distortion, windowed-sinc resampling for drift, Gaussian noise), so the
/// measurement code cannot tell it from a sound card; tests know the truth it was built from.
public struct SimulatedRig: AudioRig {
    /// One acoustic path: what input `input` hears of output `output`.
    public struct Path: Sendable {
        public let output: Int
        public let input: Int
        /// The path's impulse response at the rig's rate.
        public let impulseResponse: [Double]

        public init(output: Int, input: Int, impulseResponse: [Double]) {
            self.output = output
            self.input = input
            self.impulseResponse = impulseResponse
        }
    }

    public let sampleRate: Double
    public let outputChannelCount: Int
    public let inputChannelCount: Int
    public var name: String { "simulated rig (\(Int(sampleRate)) Hz, \(outputChannelCount) out, \(inputChannelCount) in)" }

    /// The acoustic paths; an input hears the sum of its paths.
    public var paths: [Path]
    /// Samples from the start of playback to the start of the recorded response.
    public var latencySamples: Int
    /// RMS of the white noise added to each input, in dBFS, or nil for none.
    public var noiseDBFS: Double?
    /// How much faster the capture clock runs than the playback clock, in parts per million.
    public var clockDriftPPM: Double
    /// The driver's memoryless nonlinearity, applied before the paths.
    public var distortion: ChebyshevDistortion?
    /// What goes wrong, by take: the key is the number of the `playAndRecord` call, from 1 (a
    /// session's level check is a call too).
    public var faults: [Int: SimulatedFault] = [:]
    /// `playAndRecord` calls so far, failed ones included.
    public private(set) var takeCount = 0
    /// Xruns of the last take (from an `xrunStorm` fault).
    public private(set) var lastXrunCount = 0
    private var random: SeededRandom

    public init(
        sampleRate: Double, outputChannelCount: Int, inputChannelCount: Int, paths: [Path],
        latencySamples: Int = 0, noiseDBFS: Double? = nil, clockDriftPPM: Double = 0,
        distortion: ChebyshevDistortion? = nil, seed: UInt64 = 1
    ) {
        self.sampleRate = sampleRate
        self.outputChannelCount = outputChannelCount
        self.inputChannelCount = inputChannelCount
        self.paths = paths
        self.latencySamples = latencySamples
        self.noiseDBFS = noiseDBFS
        self.clockDriftPPM = clockDriftPPM
        self.distortion = distortion
        self.random = SeededRandom(seed: seed)
    }

    /// A headphone on a coupler: output 0 (left cup) into input 0, output 1 (right cup) into
    /// input 1, each through a minimum-phase filter with the magnitude of `left` and `right`.
    public static func headphone(
        left: FrequencyResponse, right: FrequencyResponse? = nil, sampleRate: Double, filterLength: Int = 1 << 14,
        latencySamples: Int = 0, noiseDBFS: Double? = nil, clockDriftPPM: Double = 0,
        distortion: ChebyshevDistortion? = nil, seed: UInt64 = 1
    ) -> SimulatedRig {
        let leftIR = MinimumPhase.impulseResponse(magnitude: left, sampleRate: sampleRate, length: filterLength)
        let rightIR = right.map { MinimumPhase.impulseResponse(magnitude: $0, sampleRate: sampleRate, length: filterLength) } ?? leftIR
        return SimulatedRig(
            sampleRate: sampleRate, outputChannelCount: 2, inputChannelCount: 2,
            paths: [Path(output: 0, input: 0, impulseResponse: leftIR), Path(output: 1, input: 1, impulseResponse: rightIR)],
            latencySamples: latencySamples, noiseDBFS: noiseDBFS, clockDriftPPM: clockDriftPPM,
            distortion: distortion, seed: seed)
    }

    public mutating func playAndRecord(_ playback: AudioBuffer, captureFrameCount: Int) throws -> AudioBuffer {
        guard playback.sampleRate == sampleRate else {
            throw AudioRigError.sampleRateMismatch(expectedHz: sampleRate, gotHz: playback.sampleRate)
        }
        guard playback.channelCount == outputChannelCount else {
            throw AudioRigError.channelCountMismatch(expected: outputChannelCount, got: playback.channelCount)
        }
        takeCount += 1
        let fault = faults[takeCount]
        lastXrunCount = fault?.xrunCount ?? 0
        var drift = clockDriftPPM
        if case let .clockDrift(ppm) = fault { drift = ppm }
        let driven: [[Double]] = playback.channels.map { channel in
            let signal = channel.map(Double.init)
            return distortion.map { $0.apply(to: signal) } ?? signal
        }
        var captured = [[Float]]()
        for input in 0..<inputChannelCount {
            var acoustic = [Double](repeating: 0, count: captureFrameCount)
            for path in paths where path.input == input && path.output < driven.count {
                let heard = FFTConvolution.convolve(driven[path.output], path.impulseResponse)
                // What arrives `latencySamples` late, read by the capture clock.
                let delayed = [Double](repeating: 0, count: latencySamples) + heard
                let recorded = drift == 0
                    ? delayed
                    : FractionalResampler.resample(delayed, ratio: 1 + drift * 1e-6, outputCount: min(delayed.count, captureFrameCount))
                for i in 0..<min(recorded.count, captureFrameCount) { acoustic[i] += recorded[i] }
            }
            if let noiseDBFS {
                let sigma = Decibels.toAmplitude(noiseDBFS)
                for i in 0..<captureFrameCount { acoustic[i] += sigma * random.nextGaussian() }
            }
            captured.append(acoustic.map { Float($0) })
        }
        if let fault { captured = try fault.apply(to: captured, rigName: name) }
        return AudioBuffer(sampleRate: sampleRate, channels: captured)
    }
}

/// A memoryless nonlinearity with exactly known harmonic levels:
/// y = x + sum_n c_n A (T_n(x / A) - T_n(0)), where T_n is the Chebyshev polynomial of the first
/// kind, T_n(cos t) = cos(n t). A sine of amplitude A gains an n-th harmonic of amplitude c_n A
/// (c_n = 10^(levelDB / 20)) and nothing else but a DC shift from the even orders, as an
/// asymmetric driver's; silence stays silent (the T_n(0) term); at other amplitudes the levels
/// change as a real driver's do.
public struct ChebyshevDistortion: Sendable, Equatable {
    /// Harmonic levels in dB relative to the fundamental, at `referenceAmplitude`, by order (>= 2).
    public let levelsDB: [Int: Double]
    /// The amplitude (full scale = 1) at which the levels hold exactly; inputs are clamped to it.
    public let referenceAmplitude: Double

    public init(levelsDB: [Int: Double], referenceAmplitude: Double) {
        precondition(referenceAmplitude > 0 && levelsDB.keys.allSatisfy { $0 >= 2 }, "invariant: valid distortion")
        self.levelsDB = levelsDB
        self.referenceAmplitude = referenceAmplitude
    }

    public func apply(to signal: [Double]) -> [Double] {
        let maxOrder = levelsDB.keys.max() ?? 1
        var coefficients = [Double](repeating: 0, count: maxOrder + 1)
        for (order, level) in levelsDB { coefficients[order] = Decibels.toAmplitude(level) }
        let amplitude = referenceAmplitude
        return signal.map { x in
            let u = min(1, max(-1, x / amplitude))
            // T_n(u) and T_n(0) by the recurrence T_(n+1) = 2 u T_n - T_(n-1).
            var previous = 1.0, current = u, atZeroPrevious = 1.0, atZero = 0.0, added = 0.0
            if maxOrder >= 2 {
                for order in 2...maxOrder {
                    let next = 2 * u * current - previous
                    previous = current
                    current = next
                    let nextAtZero = -atZeroPrevious
                    atZeroPrevious = atZero
                    atZero = nextAtZero
                    added += coefficients[order] * (current - atZero)
                }
            }
            return x + amplitude * added
        }
    }
}
