internal import CSystemCalls

/// Which machine code runs the graph's recursive filters (the profile's biquads, band solo,
/// previews, crossfeed): both are compiled from the same loops in CansKernels.
///
/// - `portable`: a multiply, then an add (two roundings); runs on every x86-64.
/// - `fused`: fused multiply-adds (one rounding) from the CansKernelsFMA module, built for
///   x86-64-v3, with the sections in four-lane pairs; about 3.5 times as fast on the profile's
///   cascade (Docs/benchmarks.md, "Monitor graph").
///
/// The two differ only in rounding, far below the 24-bit floor (a test holds them within
/// 1e-12 of each other); on one machine `cans render` and `cans monitor` use the same one, so
/// they stay sample-identical (Docs/Decisions/0009).
public enum ArithmeticKernel: String, Sendable, CaseIterable {
    case portable
    case fused

    /// The fastest kernel this processor runs: `fused` where the CPU has x86-64-v3 (or on
    /// ARM64), else `portable`.
    public static let available: ArithmeticKernel = cans_cpu_has_fused_multiply_add() != 0 ? .fused : .portable

    /// The kernels this processor can run, portable first.
    public static var runnable: [ArithmeticKernel] { available == .fused ? [.portable, .fused] : [.portable] }
}
