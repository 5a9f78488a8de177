/// A stereo frame in the graph: left in lane 0, right in lane 1, double precision.
public typealias StereoFrame = SIMD2<Double>

/// A cascade of second-order sections on both channels at once, in double precision and
/// transposed direct form II (TDF-II: two state variables per section, the form with the lowest
/// round-off noise for floating point; J. O. Smith, "Introduction to Digital Filters", 2007,
/// section "Transposed Direct Forms").
///
/// Left and right may have different filters: each lane carries its own coefficients, and the
/// shorter channel is padded with identity sections. State is allocated once, at construction;
/// `process` allocates nothing and takes no lock.
///
/// Speed: sections run four (then two, then one) at a time over the block, so their states stay in registers and the
/// four recursions overlap (one section alone is bound by the latency of its own feedback), and
/// the terms that do not depend on the new output are summed first, which shortens that
/// feedback path (Docs/benchmarks.md, "Monitor graph").
public struct StereoCascade: Sendable {
    struct Section: Sendable {
        var b0: StereoFrame, b1: StereoFrame, b2: StereoFrame, a1: StereoFrame, a2: StereoFrame
    }

    private(set) var sections: [Section]
    private var s1: [StereoFrame]
    private var s2: [StereoFrame]

    /// - Parameters: left, right: the sections of each channel, in order.
    public init(left: [SectionCoefficients], right: [SectionCoefficients]) {
        let count = max(left.count, right.count)
        sections = (0..<count).map { k in
            let l = k < left.count ? left[k] : .identity
            let r = k < right.count ? right[k] : .identity
            return Section(b0: [l.b0, r.b0], b1: [l.b1, r.b1], b2: [l.b2, r.b2], a1: [l.a1, r.a1], a2: [l.a2, r.a2])
        }
        s1 = Array(repeating: .zero, count: count)
        s2 = Array(repeating: .zero, count: count)
    }

    /// A cascade with the same sections and storage of its own, its memory cleared.
    public init(copying other: StereoCascade) {
        sections = other.sections.map { $0 }
        s1 = Array(repeating: .zero, count: other.sections.count)
        s2 = s1.map { $0 }
    }

    /// The same sections on both channels.
    public init(both: [SectionCoefficients]) { self.init(left: both, right: both) }

    /// Number of sections per channel.
    public var sectionCount: Int { sections.count }

    /// Clears the filter memory (silence in, silence out).
    public mutating func reset() {
        for k in s1.indices { s1[k] = .zero; s2[k] = .zero }
    }

    /// Filters `frames` in place.
    public mutating func process(_ frames: UnsafeMutableBufferPointer<StereoFrame>) {
        var k = 0
        let count = sections.count
        sections.withUnsafeBufferPointer { c in
            s1.withUnsafeMutableBufferPointer { s1 in
                s2.withUnsafeMutableBufferPointer { s2 in
                    while k + 4 <= count {
                        Self.runFour(c, s1, s2, k, frames)
                        k += 4
                    }
                    if k + 2 <= count {
                        Self.runTwo(c, s1, s2, k, frames)
                        k += 2
                    }
                    if k < count {
                        Self.runOne(c[k], &s1[k], &s2[k], frames)
                        k += 1
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func runOne(_ c: Section, _ s1: inout StereoFrame, _ s2: inout StereoFrame,
                               _ frames: UnsafeMutableBufferPointer<StereoFrame>) {
        var z1 = s1, z2 = s2
        for i in frames.indices {
            let x = frames[i]
            let y = c.b0 * x + z1
            z1 = (c.b1 * x + z2) - c.a1 * y
            z2 = c.b2 * x - c.a2 * y
            frames[i] = y
        }
        s1 = z1
        s2 = z2
    }

    @inline(__always)
    private static func runTwo(_ c: UnsafeBufferPointer<Section>, _ s1: UnsafeMutableBufferPointer<StereoFrame>,
                               _ s2: UnsafeMutableBufferPointer<StereoFrame>, _ k: Int,
                               _ frames: UnsafeMutableBufferPointer<StereoFrame>) {
        let c0 = c[k], c1 = c[k + 1]
        var p1 = s1[k], p2 = s2[k], q1 = s1[k + 1], q2 = s2[k + 1]
        for i in frames.indices {
            let x = frames[i]
            let y0 = c0.b0 * x + p1
            p1 = (c0.b1 * x + p2) - c0.a1 * y0
            p2 = c0.b2 * x - c0.a2 * y0
            let y1 = c1.b0 * y0 + q1
            q1 = (c1.b1 * y0 + q2) - c1.a1 * y1
            q2 = c1.b2 * y0 - c1.a2 * y1
            frames[i] = y1
        }
        s1[k] = p1; s2[k] = p2; s1[k + 1] = q1; s2[k + 1] = q2
    }

    @inline(__always)
    private static func runFour(_ c: UnsafeBufferPointer<Section>, _ s1: UnsafeMutableBufferPointer<StereoFrame>,
                                _ s2: UnsafeMutableBufferPointer<StereoFrame>, _ k: Int,
                                _ frames: UnsafeMutableBufferPointer<StereoFrame>) {
        let c0 = c[k], c1 = c[k + 1], c2 = c[k + 2], c3 = c[k + 3]
        var p1 = s1[k], p2 = s2[k], q1 = s1[k + 1], q2 = s2[k + 1]
        var r1 = s1[k + 2], r2 = s2[k + 2], t1 = s1[k + 3], t2 = s2[k + 3]
        for i in frames.indices {
            let x = frames[i]
            let y0 = c0.b0 * x + p1
            p1 = (c0.b1 * x + p2) - c0.a1 * y0
            p2 = c0.b2 * x - c0.a2 * y0
            let y1 = c1.b0 * y0 + q1
            q1 = (c1.b1 * y0 + q2) - c1.a1 * y1
            q2 = c1.b2 * y0 - c1.a2 * y1
            let y2 = c2.b0 * y1 + r1
            r1 = (c2.b1 * y1 + r2) - c2.a1 * y2
            r2 = c2.b2 * y1 - c2.a2 * y2
            let y3 = c3.b0 * y2 + t1
            t1 = (c3.b1 * y2 + t2) - c3.a1 * y3
            t2 = c3.b2 * y2 - c3.a2 * y3
            frames[i] = y3
        }
        s1[k] = p1; s2[k] = p2; s1[k + 1] = q1; s2[k + 1] = q2
        s1[k + 2] = r1; s2[k + 2] = r2; s1[k + 3] = t1; s2[k + 3] = t2
    }
}

/// |x| per lane.
@inline(__always) func magnitudes(_ x: StereoFrame) -> StereoFrame { pointwiseMax(x, -x) }
