/// `a * b + c` on both lanes of a stereo frame: the one operation the recursive filters are
/// made of, as a type so the same kernel source compiles to two machine kernels.
///
/// `SeparateMultiplyAdd` rounds twice (a multiply, then an add) and runs on every x86-64;
/// `FusedMultiplyAdd` rounds once (IEEE 754-2008 fusedMultiplyAdd) and is only fast where the
/// code is built for a processor with FMA: the `CansKernelsFMA` module (x86-64-v3), or any
/// 64-bit ARM. Elsewhere it becomes a call into the C library per lane.
public protocol MultiplyAdd {
    /// `a * b + c`, lane by lane.
    static func multiplyAdd(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>) -> SIMD2<Double>
    /// `a * b + c`, lane by lane, on two stereo frames at once.
    static func multiplyAdd(_ a: SIMD4<Double>, _ b: SIMD4<Double>, _ c: SIMD4<Double>) -> SIMD4<Double>
}

/// A multiply, then an add: two roundings, the portable x86-64 instructions.
public enum SeparateMultiplyAdd: MultiplyAdd {
    @inlinable @inline(__always)
    public static func multiplyAdd(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>) -> SIMD2<Double> {
        a * b + c
    }

    @inlinable @inline(__always)
    public static func multiplyAdd(_ a: SIMD4<Double>, _ b: SIMD4<Double>, _ c: SIMD4<Double>) -> SIMD4<Double> {
        a * b + c
    }
}

/// One fused multiply-add: one rounding, a single instruction on x86-64-v3 and ARM64.
public enum FusedMultiplyAdd: MultiplyAdd {
    @inlinable @inline(__always)
    public static func multiplyAdd(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>) -> SIMD2<Double> {
        c.addingProduct(a, b)
    }

    @inlinable @inline(__always)
    public static func multiplyAdd(_ a: SIMD4<Double>, _ b: SIMD4<Double>, _ c: SIMD4<Double>) -> SIMD4<Double> {
        c.addingProduct(a, b)
    }
}
