/// Four doubles at a time from and to plain memory (no alignment needed): the loads and stores
/// of the fit's vectorised loops, which do per lane what their one-value tails do per value.

/// `p[k...k+3]` as one vector.
@inline(__always)
func load4(_ p: UnsafePointer<Double>, _ k: Int) -> SIMD4<Double> {
    UnsafeRawPointer(p + k).loadUnaligned(as: SIMD4<Double>.self)
}

/// Writes `value` to `p[k...k+3]`.
@inline(__always)
func store4(_ p: UnsafeMutablePointer<Double>, _ k: Int, _ value: SIMD4<Double>) {
    UnsafeMutableRawPointer(p + k).storeBytes(of: value, as: SIMD4<Double>.self)
}
