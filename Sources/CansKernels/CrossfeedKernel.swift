/// The inner loop of the Bauer/bs2b crossfeed on stereo frames (the design is `CrossfeedDesign`
/// in CansMonitor): a one-pole low pass on the crossed path, a one-pole high boost on the direct
/// path, both channels in one frame,
///
///     lo[n] = lowA0 x[n] + lowB1 lo[n-1]
///     hi[n] = highA0 x[n] + highA1 x[n-1] + highB1 hi[n-1]
///     out   = gain (hi_own + lo_other)
///
/// `state` holds three frames: lo[n-1], hi[n-1], x[n-1]. Each recursion is one multiply-add on
/// its feedback path. Allocates nothing.
@inlinable
public func runStereoCrossfeed<M: MultiplyAdd>(
    _ arithmetic: M.Type, lowA0: Double, lowB1: Double, highA0: Double, highA1: Double, highB1: Double, gain: Double,
    state: UnsafeMutablePointer<SIMD2<Double>>, frames: UnsafeMutablePointer<SIMD2<Double>>, frameCount: Int
) {
    let la0 = SIMD2(repeating: lowA0), lb1 = SIMD2(repeating: lowB1)
    let ha0 = SIMD2(repeating: highA0), ha1 = SIMD2(repeating: highA1), hb1 = SIMD2(repeating: highB1)
    let g = SIMD2(repeating: gain)
    var lo = state[0], hi = state[1], x1 = state[2]
    for i in 0..<frameCount {
        let x = frames[i]
        lo = M.multiplyAdd(lb1, lo, la0 * x)
        hi = M.multiplyAdd(hb1, hi, M.multiplyAdd(ha1, x1, ha0 * x))
        x1 = x
        frames[i] = g * (hi + SIMD2(lo.y, lo.x))
    }
    state[0] = lo; state[1] = hi; state[2] = x1
}
