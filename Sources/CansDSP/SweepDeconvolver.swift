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

    static let inBand = 1e-9, outsideBand = 1.0, transitionOctaves = 1.0

    /// ln of the smallest band gain kept (-300 dB), so the cepstrum stays finite.
    static let logFloor = -300 / 20 * log(10.0)

    private func transform(size: Int) -> RealFFT {
        if let fft = transforms[size] { return fft }
        let fft = RealFFT(size: size)
        transforms[size] = fft
        return fft
    }

    /// conj(S) / (|S|^2 + eps) at this size.
    private func inverseSpectrum(size: Int) -> ComplexSpectrum {
        if let cached = inverseSpectra[size] { return cached }
        let spectrum = transform(size: size).forward(reference)
        var peakPower = 0.0
        for k in 0..<spectrum.count { peakPower = max(peakPower, spectrum.power(at: k)) }
        var inverse = ComplexSpectrum(count: spectrum.count)
        var logBand = [Double](repeating: 0, count: spectrum.count)
        let binHz = sampleRate / Double(size)
        for k in 0..<spectrum.count {
            let epsilon = peakPower * regularisation(atHz: Double(k) * binHz)
            let power = spectrum.power(at: k)
            let denominator = power + epsilon
            guard denominator > 0 else { logBand[k] = Self.logFloor; continue }
            inverse.real[k] = spectrum.real[k] / denominator
            inverse.imaginary[k] = -spectrum.imaginary[k] / denominator
            logBand[k] = max(Self.logFloor, log(power / denominator))
        }
        // The regularisation leaves a real, zero-phase band-pass B = |S|^2 / (|S|^2 + eps), whose
        // impulse response rings before the onset as much as after it; a gate that starts just
        // before the onset would cut half of it off and bend the low end by tenths of a dB.
        // Giving B its minimum phase makes it causal: the measured response keeps every bit of
        // B's (in-band unity) magnitude inside any gate.
        let band = MinimumPhase.spectrum(logMagnitude: logBand, fft: transform(size: size))
        for k in 0..<spectrum.count {
            let magnitude = exp(logBand[k])
            guard magnitude > 0 else { continue }
            let re = band.real[k] / magnitude, im = band.imaginary[k] / magnitude
            let a = inverse.real[k], b = inverse.imaginary[k]
            inverse.real[k] = a * re - b * im
            inverse.imaginary[k] = a * im + b * re
        }
        inverseSpectra[size] = inverse
        return inverse
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
