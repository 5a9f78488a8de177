internal import CFFTW
import Foundation
import Synchronization

/// A real-to-complex FFT of one size, backed by FFTW3 (Frigo & Johnson, "The design and
/// implementation of FFTW3", Proc. IEEE 93(2), 2005).
///
/// Plans are created once per size and shared (FFTW's planner is not thread-safe, so plan
/// creation goes through one lock); each `RealFFT` owns its own aligned buffers and runs the shared
/// plan on them with FFTW's new-array execute, so separate instances may run on separate threads.
/// An instance itself is not for concurrent use. Unnormalised, like FFTW: `inverse(forward(x))`
/// is `size * x`.
public final class RealFFT {
    /// Transform length in samples (any positive size; powers of two are fastest).
    public let size: Int
    /// Number of complex bins: size / 2 + 1.
    public var binCount: Int { size / 2 + 1 }

    private let plans: FFTPlanPair
    private let realBuffer: UnsafeMutablePointer<Double>
    private let complexBuffer: UnsafeMutablePointer<fftw_complex>

    /// - Precondition: size >= 2 (callers derive sizes from validated signal lengths).
    public init(size: Int) {
        precondition(size >= 2, "invariant: FFT size of at least 2")
        self.size = size
        realBuffer = fftw_alloc_real(size)
        complexBuffer = fftw_alloc_complex(size / 2 + 1)
        plans = FFTPlanCache.shared.plans(size: size)
    }

    deinit {
        fftw_free(realBuffer)
        fftw_free(complexBuffer)
    }

    /// Forward transform of `input` zero-padded (or truncated) to `size`, written into `spectrum`.
    public func forward(_ input: UnsafeBufferPointer<Double>, into spectrum: inout ComplexSpectrum) {
        let count = min(input.count, size)
        if count > 0 { realBuffer.update(from: input.baseAddress!, count: count) }
        if count < size { (realBuffer + count).initialize(repeating: 0, count: size - count) }
        fftw_execute_dft_r2c(plans.forward.pointer, realBuffer, complexBuffer)
        spectrum.resize(binCount)
        let raw = UnsafeRawPointer(complexBuffer).assumingMemoryBound(to: Double.self)
        spectrum.real.withUnsafeMutableBufferPointer { re in
            spectrum.imaginary.withUnsafeMutableBufferPointer { im in
                for k in 0..<binCount {
                    re[k] = raw[2 * k]
                    im[k] = raw[2 * k + 1]
                }
            }
        }
    }

    /// Forward transform of `input` zero-padded (or truncated) to `size`.
    public func forward(_ input: [Double]) -> ComplexSpectrum {
        var spectrum = ComplexSpectrum(count: binCount)
        input.withUnsafeBufferPointer { forward($0, into: &spectrum) }
        return spectrum
    }

    /// Inverse transform (unnormalised) of `spectrum` (`binCount` bins) into `output` (`size`).
    public func inverse(_ spectrum: ComplexSpectrum, into output: UnsafeMutableBufferPointer<Double>) {
        precondition(spectrum.count == binCount && output.count >= size, "invariant: matching sizes")
        let raw = UnsafeMutableRawPointer(complexBuffer).assumingMemoryBound(to: Double.self)
        for k in 0..<binCount {
            raw[2 * k] = spectrum.real[k]
            raw[2 * k + 1] = spectrum.imaginary[k]
        }
        fftw_execute_dft_c2r(plans.inverse.pointer, complexBuffer, realBuffer)
        output.baseAddress!.update(from: realBuffer, count: size)
    }

    /// Inverse transform (unnormalised) of `spectrum`.
    public func inverse(_ spectrum: ComplexSpectrum) -> [Double] {
        [Double](unsafeUninitializedCapacity: size) { buffer, initialized in
            inverse(spectrum, into: buffer)
            initialized = size
        }
    }

    /// The smallest size of the form 2^a 3^b 5^c that is at least `length`: FFTW is fast on these
    /// (within about 1.5x of the next power of two), and they waste far less padding.
    public static func goodSize(atLeast length: Int) -> Int {
        var best = powerOfTwo(atLeast: length)
        var p5 = 1
        while p5 < best {
            var p35 = p5
            while p35 < best {
                var size = p35
                while size < length { size <<= 1 }
                if size < best { best = size }
                p35 *= 3
            }
            p5 *= 5
        }
        return max(best, 2)
    }

    /// The smallest power of two that is at least `length`.
    public static func powerOfTwo(atLeast length: Int) -> Int {
        var size = 2
        while size < length { size <<= 1 }
        return size
    }
}

/// A one-sided complex spectrum in split form (real and imaginary arrays).
public struct ComplexSpectrum: Sendable, Equatable {
    public var real: [Double]
    public var imaginary: [Double]

    public init(count: Int) {
        real = [Double](repeating: 0, count: count)
        imaginary = [Double](repeating: 0, count: count)
    }

    public init(real: [Double], imaginary: [Double]) {
        precondition(real.count == imaginary.count, "invariant: equal lengths")
        self.real = real
        self.imaginary = imaginary
    }

    public var count: Int { real.count }

    mutating func resize(_ count: Int) {
        if real.count != count {
            real = [Double](repeating: 0, count: count)
            imaginary = [Double](repeating: 0, count: count)
        }
    }

    /// |X[k]|^2.
    public func power(at k: Int) -> Double { real[k] * real[k] + imaginary[k] * imaginary[k] }
}

/// An FFTW plan pointer; plans are immutable once made and safe to execute from several threads
/// on different arrays (FFTW manual, section 5.4 "Thread safety").
struct FFTPlan: @unchecked Sendable {
    let pointer: fftw_plan
}

struct FFTPlanPair: Sendable {
    let forward: FFTPlan
    let inverse: FFTPlan
}

/// The process-wide plan cache; its lock also serialises every call into FFTW's planner.
final class FFTPlanCache: Sendable {
    static let shared = FFTPlanCache()
    private let plans = Mutex<[Int: FFTPlanPair]>([:])
    private let threadsReady = Mutex<Bool>(false)

    /// Transforms at least this long run on every core: the deconvolution of a 2^20-sample
    /// recording spends most of its time in two FFTs of about a million points, which two
    /// threads run 1.6x faster (Docs/benchmarks.md); short ones are faster on one thread.
    static let threadedMinimumSize = 1 << 17

    func plans(size: Int) -> FFTPlanPair {
        plans.withLock { cache in
            if let pair = cache[size] { return pair }
            var threads = size >= Self.threadedMinimumSize ? min(4, ProcessInfo.processInfo.activeProcessorCount) : 1
            if threads > 1 {
                // fftw_init_threads once, before the first threaded plan (FFTW manual 5.1); if it
                // fails, plans stay single-threaded.
                let ready = threadsReady.withLock { ready in
                    if !ready { ready = fftw_init_threads() != 0 }
                    return ready
                }
                if !ready { threads = 1 }
                fftw_plan_with_nthreads(Int32(threads))
            } else if threadsReady.withLock({ $0 }) {
                fftw_plan_with_nthreads(1)
            }
            // Planning arrays: FFTW_ESTIMATE does not touch them, but they fix the alignment the
            // plan assumes; fftw_alloc_* gives every buffer that same (SIMD) alignment.
            let real = fftw_alloc_real(size)!
            let complex = fftw_alloc_complex(size / 2 + 1)!
            defer { fftw_free(real); fftw_free(complex) }
            let flags = UInt32(FFTW_ESTIMATE)
            let pair = FFTPlanPair(
                forward: FFTPlan(pointer: fftw_plan_dft_r2c_1d(Int32(size), real, complex, flags)),
                inverse: FFTPlan(pointer: fftw_plan_dft_c2r_1d(Int32(size), complex, real, flags)))
            cache[size] = pair
            return pair
        }
    }
}
