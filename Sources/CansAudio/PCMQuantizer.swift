/// Float samples to signed integer codes of `bitDepth` bits: scaled by 2^(bitDepth-1), rounded to
/// the nearest code (ties to even), clipped to the codes that exist, [-2^(bitDepth-1),
/// 2^(bitDepth-1) - 1]. Reading scales by the same 2^(bitDepth-1), so a round trip is off by at
/// most half a step inside full scale.
///
/// Codes are returned at 32-bit scale (shifted to the top of an Int32), the form sf_writef_int
/// takes for every integer width, so libsndfile only moves bits. cans does not let libsndfile
/// convert floats to integers because libsndfile 1.2.0 scales by 2^(bits-1) - 1 without
/// SFC_SET_CLIPPING (so reading back is off by up to a step and a half, and values past full
/// scale wrap around), and with it its 24-bit WAV/AIFF path truncates rather than rounds (pcm.c,
/// f2let_clip_array: a 32-bit rounding shifted right by 8).
struct PCMQuantizer {
    /// 16, 24 or 32.
    let bitDepth: Int
    private let scale: Double
    private let shift: Int32

    init(bitDepth: Int) {
        precondition((2...32).contains(bitDepth), "invariant: 2 to 32 bits")
        self.bitDepth = bitDepth
        scale = Double(sign: .plus, exponent: bitDepth - 1, significand: 1)
        shift = Int32(32 - bitDepth)
    }

    /// The code for `sample` (finite), at 32-bit scale.
    @inline(__always)
    func code(_ sample: Float) -> Int32 {
        let scaled = (Double(sample) * scale).rounded(.toNearestOrEven)
        let clipped = min(max(scaled, -scale), scale - 1)
        return Int32(clipped) &<< shift
    }

    /// Samples beyond full scale (|x| > 1.0), over all channels.
    static func clippedCount(_ channels: [[Float]]) -> Int {
        channels.reduce(0) { total, channel in total + channel.count { abs($0) > 1 } }
    }
}
