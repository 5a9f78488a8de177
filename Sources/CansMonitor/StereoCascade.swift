internal import CansKernels
internal import CansKernelsFMA

/// A stereo frame in the graph: left in lane 0, right in lane 1, double precision.
public typealias StereoFrame = SIMD2<Double>

/// A cascade of second-order sections on both channels at once, in double precision and
/// transposed direct form II (TDF-II: two state variables per section, the form with the lowest
/// round-off noise for floating point; J. O. Smith, "Introduction to Digital Filters", 2007,
/// section "Transposed Direct Forms").
///
/// Left and right may have different filters: each lane carries its own coefficients, and the
/// shorter channel is padded with identity sections. State is allocated once, at construction;
/// `process` allocates nothing and takes no lock. The loop itself is `runStereoCascade`
/// (CansKernels), run by the `kernel` this processor has (`ArithmeticKernel`).
public struct StereoCascade: Sendable {
    /// Five frames per section: b0, b1, b2, -a1, -a2 (left in lane 0, right in lane 1).
    private let coefficients: [StereoFrame]
    /// Two frames per section: z1, z2.
    private var state: [StereoFrame]
    /// The machine code that runs the loop.
    public var kernel: ArithmeticKernel

    /// - Parameters: left, right: the sections of each channel, in order.
    public init(left: [SectionCoefficients], right: [SectionCoefficients], kernel: ArithmeticKernel = .available) {
        let count = max(left.count, right.count)
        coefficients = (0..<count).flatMap { k -> [StereoFrame] in
            let l = k < left.count ? left[k] : .identity
            let r = k < right.count ? right[k] : .identity
            return [[l.b0, r.b0], [l.b1, r.b1], [l.b2, r.b2], [-l.a1, -r.a1], [-l.a2, -r.a2]]
        }
        state = Array(repeating: .zero, count: 2 * count)
        self.kernel = kernel
    }

    /// A cascade with the same sections and storage of its own, its memory cleared.
    public init(copying other: StereoCascade) {
        coefficients = other.coefficients.map { $0 }
        state = Array(repeating: .zero, count: other.state.count)
        kernel = other.kernel
    }

    /// The same sections on both channels.
    public init(both: [SectionCoefficients], kernel: ArithmeticKernel = .available) {
        self.init(left: both, right: both, kernel: kernel)
    }

    /// Number of sections per channel.
    public var sectionCount: Int { state.count / 2 }

    /// Clears the filter memory (silence in, silence out).
    public mutating func reset() {
        for k in state.indices { state[k] = .zero }
    }

    /// Filters `frames` in place, then scales them by `gain` (the scaling rides on the last
    /// pass over the block instead of a pass of its own).
    public mutating func process(_ frames: UnsafeMutableBufferPointer<StereoFrame>, gain: StereoFrame = .one) {
        guard let base = frames.baseAddress else { return }
        let sections = sectionCount, kernel = self.kernel
        coefficients.withUnsafeBufferPointer { c in
            state.withUnsafeMutableBufferPointer { z in
                let c = c.baseAddress ?? UnsafePointer(base), z = z.baseAddress ?? base
                switch kernel {
                case .fused:
                    FusedKernels.stereoCascade(coefficients: c, state: z, sectionCount: sections, frames: base,
                                               frameCount: frames.count, gain: gain)
                case .portable:
                    runStereoCascade(SeparateMultiplyAdd.self, coefficients: c, state: z, sectionCount: sections,
                                     frames: base, frameCount: frames.count, gain: gain)
                }
            }
        }
    }
}

/// |x| per lane (the sign bit cleared; the generic `pointwiseMax(x, -x)` is not inlined and
/// costs a call per frame).
@inline(__always) func magnitudes(_ x: StereoFrame) -> StereoFrame { StereoFrame(x.x.magnitude, x.y.magnitude) }

/// The larger of `a` and `b` per lane, inlined; written as `a > b ? a : b`, the form of the
/// processor's own maximum instruction (`Swift.max` orders NaN differently and compiles to a
/// compare and three logic operations). Not for NaN.
@inline(__always) func largerLanes(_ a: StereoFrame, _ b: StereoFrame) -> StereoFrame {
    StereoFrame(a.x > b.x ? a.x : b.x, a.y > b.y ? a.y : b.y)
}
