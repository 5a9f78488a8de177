import CansKernels

/// The stereo kernels built for processors with fused multiply-add (on x86-64 this module is
/// compiled for x86-64-v3: AVX2 and FMA; on ARM64 FMA is always there). Call only when
/// `cans_cpu_has_fused_multiply_add()` said yes: on an older x86-64 these instructions fault.
///
/// The entry points are not inlinable, so the code stays compiled as this module's flags say
/// and never lands, inlined, in a module built for the baseline processor.
public enum FusedKernels {
    /// `runStereoCascade` with one rounding per multiply-add, in four-lane pairs of sections.
    @inline(never)
    public static func stereoCascade(coefficients: UnsafePointer<SIMD2<Double>>, state: UnsafeMutablePointer<SIMD2<Double>>,
                                     sectionCount: Int, frames: UnsafeMutablePointer<SIMD2<Double>>, frameCount: Int,
                                     gain: SIMD2<Double>) {
        runStereoCascade(FusedMultiplyAdd.self, coefficients: coefficients, state: state, sectionCount: sectionCount,
                         frames: frames, frameCount: frameCount, gain: gain, inFourLanePairs: true)
    }

    /// `runStereoCrossfeed` with one rounding per multiply-add.
    @inline(never)
    public static func stereoCrossfeed(lowA0: Double, lowB1: Double, highA0: Double, highA1: Double, highB1: Double,
                                       gain: Double, state: UnsafeMutablePointer<SIMD2<Double>>,
                                       frames: UnsafeMutablePointer<SIMD2<Double>>, frameCount: Int) {
        runStereoCrossfeed(FusedMultiplyAdd.self, lowA0: lowA0, lowB1: lowB1, highA0: highA0, highA1: highA1,
                           highB1: highB1, gain: gain, state: state, frames: frames, frameCount: frameCount)
    }
}
