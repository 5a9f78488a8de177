import Foundation

/// Deconvolves recordings of a known played signal into impulse responses, by regularised
/// spectral division (Kirkeby & Nelson, "Digital filter design for inversion problems in sound
/// reproduction", JAES 47(7/8), 1999; Müller & Massarani, "Transfer-function measurement with
/// sweeps", JAES 49(6), 2001).
///
/// D(f) = Y(f) conj(S(f)) / (|S(f)|^2 + eps(f)), with eps tiny inside the swept band and as large
/// as the peak of |S|^2 outside it, so the division is exact where the sweep has energy and
/// silent where it has none. Dividing by the spectrum of the signal actually played (fades,
/// silences and all) rather than by an analytic inverse keeps the in-band magnitude exact to
/// 1e-4 dB. With a synchronized sweep the harmonic impulse responses land at negative lags
/// (Novak 2015), which the circular result holds at its end.
///
/// The inverse spectrum is computed once per FFT size and reused; an instance is for one thread at
/// a time (each FFT object owns its buffers).
public final class SweepDeconvolver {
    /// The played signal (silences included), full scale = 1.
    public let reference: [Double]
    /// Sample rate of the reference and of the recordings, Hz.
    public let sampleRate: Double
    /// The band in which the division is exact, Hz.
    public let bandHz: ClosedRange<Double>

    private var inverseSpectra: [Int: ComplexSpectrum] = [:]
    /// Per transform size, the band-pass's minimum phase (radians, unwrapped) on its coarse bins.
    private var bandPhases: [Int: (binHz: Double, radians: [Double])] = [:]
    private var transforms: [Int: RealFFT] = [:]

    /// - Precondition: the reference is not empty and the band lies within (0, sampleRate / 2].
    public init(reference: [Double], sampleRate: Double, bandHz: ClosedRange<Double>) {
        precondition(!reference.isEmpty && bandHz.lowerBound > 0, "invariant: valid reference")
        self.reference = reference
        self.sampleRate = sampleRate
        self.bandHz = bandHz
    }

    /// A deconvolver for a sweep made from `parameters`.
    public convenience init(sweep parameters: SweepParameters) {
        self.init(
            reference: ExponentialSweep.signal(parameters), sampleRate: parameters.sampleRate,
            bandHz: parameters.startHz...parameters.endHz)
    }

    /// The FFT size used for a recording of `recordingLength` samples.
    public func transformSize(recordingLength: Int) -> Int {
        RealFFT.goodSize(atLeast: max(recordingLength, reference.count) + 1024)
    }

    /// The circular deconvolution of `recording`: index i holds lag i for the first half of the
    /// result and lag i - size for the second (harmonics and anything before the reference).
    public func deconvolve(_ recording: [Double]) -> [Double] {
        let size = transformSize(recordingLength: recording.count)
        let fft = transform(size: size)
        let inverse = inverseSpectrum(size: size)
        var spectrum = fft.forward(recording)
        let scale = 1 / Double(size)
        for k in 0..<spectrum.count {
            let yr = spectrum.real[k], yi = spectrum.imaginary[k]
            let ir = inverse.real[k], ii = inverse.imaginary[k]
            spectrum.real[k] = (yr * ir - yi * ii) * scale
            spectrum.imaginary[k] = (yr * ii + yi * ir) * scale
        }
        return fft.inverse(spectrum)
    }

    /// The phase in radians that the band limit adds at `frequencyHz` to the deconvolution of a
    /// recording of `recordingLength` samples: the measured phase minus this is the system's own.
    /// (The magnitude of the band limit is 1 to within 1e-9 dB inside the band.)
    public func bandPhaseRadians(atHz frequencyHz: Double, recordingLength: Int) -> Double {
        let size = transformSize(recordingLength: recordingLength)
        if bandPhases[size] == nil { _ = inverseSpectrum(size: size) }
        guard let (binHz, radians) = bandPhases[size], radians.count >= 2 else { return 0 }
        let position = max(0, frequencyHz / binHz)
        let k = min(radians.count - 2, Int(position))
        let t = min(1, position - Double(k))
        return radians[k] + t * (radians[k + 1] - radians[k])
    }

    static let inBand = 1e-9, outsideBand = 1.0, transitionOctaves = 1.0

    /// ln of the smallest band gain kept (-300 dB), so the cepstrum stays finite.
    static let logFloor = -300 / 20 * log(10.0)

    private func transform(size: Int) -> RealFFT {
        if let fft = transforms[size] { return fft }
        let fft = RealFFT(size: size)
        transforms[size] = fft
        return fft
    }

    /// conj(S) / (|S|^2 + eps) at this size, times the minimum phase of the band it leaves.
    private func inverseSpectrum(size: Int) -> ComplexSpectrum {
        if let cached = inverseSpectra[size] { return cached }
        let spectrum = transform(size: size).forward(reference)
        let bins = spectrum.count
        var inverse = ComplexSpectrum(count: bins)
        var band = [Double](repeating: 0, count: bins)
        spectrum.real.withUnsafeBufferPointer { re in
            spectrum.imaginary.withUnsafeBufferPointer { im in
                var peakPower = 0.0
                for k in 0..<bins { peakPower = max(peakPower, re[k] * re[k] + im[k] * im[k]) }
                // In the band eps is a constant: only the bins outside it need the transition.
                let binHz = sampleRate / Double(size)
                let inBandEpsilon = peakPower * Self.inBand
                let lowBin = Int((bandHz.lowerBound / binHz).rounded(.up))
                let highBin = Int((bandHz.upperBound / binHz).rounded(.down))
                inverse.real.withUnsafeMutableBufferPointer { inverseRe in
                    inverse.imaginary.withUnsafeMutableBufferPointer { inverseIm in
                        band.withUnsafeMutableBufferPointer { gain in
                            for k in 0..<bins {
                                let epsilon = (lowBin...highBin).contains(k)
                                    ? inBandEpsilon : peakPower * regularisation(atHz: Double(k) * binHz)
                                let power = re[k] * re[k] + im[k] * im[k]
                                let denominator = power + epsilon
                                guard denominator > 0 else { continue }
                                inverseRe[k] = re[k] / denominator
                                inverseIm[k] = -im[k] / denominator
                                gain[k] = power / denominator
                            }
                        }
                    }
                }
            }
        }
        // The regularisation leaves a real, zero-phase band-pass B = |S|^2 / (|S|^2 + eps), whose
        // impulse response rings before the onset as much as after it; a gate that starts just
        // before the onset would cut half of it off and bend the low end by tenths of a dB.
        // Giving B its minimum phase makes it causal: the measured response keeps every bit of
        // B's (in-band unity) magnitude inside any gate (Decisions/0001).
        let phasors = minimumPhasePhasors(band: band, size: size, keepingPhasesFor: size)
        for k in 0..<bins {
            let re = phasors.real[k], im = phasors.imaginary[k]
            let a = inverse.real[k], b = inverse.imaginary[k]
            inverse.real[k] = a * re - b * im
            inverse.imaginary[k] = a * im + b * re
        }
        inverseSpectra[size] = inverse
        return inverse
    }

    /// exp(j phi_min(f)) for the band-pass `band` (one gain per bin of `size`).
    ///
    /// The minimum phase is smooth, so it is computed on a coarser transform that still has 16
    /// bins below the band's lower edge (2^17 points for a 10 Hz sweep at 48 kHz, an eighth of a
    /// 2^20 recording's transform) and its unit phasors are interpolated onto every bin.
    private func minimumPhasePhasors(band: [Double], size: Int, keepingPhasesFor key: Int) -> ComplexSpectrum {
        let wanted = RealFFT.powerOfTwo(atLeast: Int((16 * sampleRate / bandHz.lowerBound).rounded(.up)))
        let coarseSize = min(size, max(wanted, 1 << 12))
        let coarse = coarseSize == size ? transform(size: size) : RealFFT(size: coarseSize)
        let ratio = Double(coarseSize) / Double(size)
        // The band averaged onto the coarse bins, in natural log (floored at -300 dB).
        var sums = [Double](repeating: 0, count: coarse.binCount)
        var counts = [Double](repeating: 0, count: coarse.binCount)
        for k in 0..<band.count {
            let j = min(coarse.binCount - 1, Int((Double(k) * ratio).rounded()))
            sums[j] += band[k]
            counts[j] += 1
        }
        let logBand = (0..<coarse.binCount).map { j -> Double in
            let mean = counts[j] > 0 ? sums[j] / counts[j] : 0
            // ln(1 - x) ~ -x - x^2/2 for the in-band bins, where x < 1e-6: no log call.
            let x = 1 - mean
            return x < 1e-6 ? -x - x * x / 2 : max(Self.logFloor, log(mean))
        }
        let phases = MinimumPhase.phases(logMagnitude: logBand, fft: coarse)
        bandPhases[key] = (sampleRate / Double(coarseSize), phases)
        let cosines = phases.map(cos), sines = phases.map(sin)
        var phasors = ComplexSpectrum(count: band.count)
        for k in 0..<band.count {
            let position = Double(k) * ratio
            let j = min(coarse.binCount - 2, Int(position))
            let t = position - Double(j)
            let re = cosines[j] + t * (cosines[j + 1] - cosines[j])
            let im = sines[j] + t * (sines[j + 1] - sines[j])
            let norm = (re * re + im * im).squareRoot()
            phasors.real[k] = re / norm
            phasors.imaginary[k] = im / norm
        }
        return phasors
    }

    /// Relative regularisation: 1e-9 in the band, 1 an octave outside it, a raised-cosine
    /// (in log frequency, on a dB scale) between.
    private func regularisation(atHz frequency: Double) -> Double {
        let distance: Double
        if frequency <= 0 {
            distance = Self.transitionOctaves
        } else if frequency < bandHz.lowerBound {
            distance = log2(bandHz.lowerBound / frequency)
        } else if frequency > bandHz.upperBound {
            distance = log2(frequency / bandHz.upperBound)
        } else {
            return Self.inBand
        }
        if distance >= Self.transitionOctaves { return Self.outsideBand }
        let weight = 0.5 * (1 - cos(Double.pi * distance / Self.transitionOctaves))
        return Self.inBand * pow(Self.outsideBand / Self.inBand, weight)
    }
}
