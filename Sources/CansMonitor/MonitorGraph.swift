import Foundation

/// The monitoring engine: profiles, crossfeed, band solo, mono, translation previews, level
/// match and the safety limiter, on stereo frames, in blocks. No I/O: `cans render` feeds it a
/// file, `cans monitor` an ALSA stream, and both get the same samples for the same commands.
///
/// Changes are click-free by crossfade: a new setting is taken by the idle one of two complete
/// paths, which fades in over `crossfadeSeconds` (raised cosine, gains summing to one) while the
/// other fades out; a command that arrives during a fade waits for its end. Crossfading whole
/// paths (rather than interpolating coefficients) is exact for every change, including the
/// switch of a filter cascade's length or topology (band solo on/off, crossfeed on/off), and
/// costs a second path only for the length of a fade.
///
/// Commands are taken at block starts, so the same block size and the same commands at the same
/// frames give the same output bit for bit, live or offline.
///
/// All memory is allocated in `init`; `process` allocates nothing and takes no lock.
public struct MonitorGraph: Sendable {
    public let sampleRate: Double
    public let profiles: [MonitorProfile]
    /// Level-match gain of each profile, dB.
    public let levelOffsetsDB: [Double]
    /// The crossfeed `x` switches on.
    public let crossfeed: CrossfeedSettings
    /// Largest block `process` takes, frames.
    public let maximumFrames: Int
    /// The machine code of the filters.
    public let kernel: ArithmeticKernel

    private var paths: [GraphPath]
    private var active = 0
    private var fade: [Double]
    private var fadePosition: Int? = nil
    private var scratch: [StereoFrame]
    private var pending: MonitorSettings? = nil
    private var limiter: SafetyLimiter

    /// Fade length of a change.
    public static let crossfadeSeconds = 0.02

    /// - Parameters:
    ///   - profiles: one or more; the first is active at the start.
    ///   - levelMatch: make the profiles equally loud (BS.1770 loudness of pink noise).
    ///   - ceilingDB: the limiter's ceiling, dBFS.
    ///   - kernel: the filters' machine code (the fastest this processor has, unless a test or
    ///     a benchmark asks for one).
    /// - Throws: `MonitorError` for a profile that cannot be designed at `sampleRate` or a bad
    ///   ceiling.
    public init(profiles: [MonitorProfile], sampleRate: Double, maximumFrames: Int = 4096,
                crossfeed: CrossfeedSettings = .bs2bDefault, levelMatch: Bool = true, ceilingDB: Double = -1,
                settings: MonitorSettings = MonitorSettings(), kernel: ArithmeticKernel = .available) throws(MonitorError) {
        guard !profiles.isEmpty else {
            throw .invalidSetting(what: "profiles", value: "none", rule: "the monitor needs at least one", hint: "give --profile")
        }
        guard sampleRate.isFinite, (8_000...768_000).contains(sampleRate) else {
            throw .invalidSetting(what: "sample rate", value: "\(sampleRate) Hz", rule: "it must be within 8000...768000 Hz", hint: "48000 is usual")
        }
        self.sampleRate = sampleRate
        self.profiles = profiles
        self.crossfeed = crossfeed
        self.maximumFrames = max(1, maximumFrames)
        self.kernel = kernel
        levelOffsetsDB = levelMatch && profiles.count > 1
            ? try LevelMatch.offsetsDB(for: profiles, sampleRate: sampleRate) : profiles.map { _ in 0 }
        var designs = [(cascade: StereoCascade, gain: StereoFrame)]()
        for (profile, offset) in zip(profiles, levelOffsetsDB) {
            let (cascade, gain) = try profile.design(sampleRate: sampleRate)
            designs.append((cascade, gain * pow(10, offset / 20)))
        }
        let crossfeedDesign = crossfeed.design(sampleRate: sampleRate)
        // Two paths with storage of their own (a copy would share its arrays until the first
        // write, and copy them then, on the audio thread).
        func makePath() -> GraphPath {
            GraphPath(profiles: designs.map { StereoCascade(copying: $0.cascade) }, profileGains: designs.map(\.gain),
                      crossfeed: crossfeedDesign, sampleRate: sampleRate, kernel: kernel)
        }
        paths = [makePath(), makePath()]
        let fadeFrames = max(1, Int((Self.crossfadeSeconds * sampleRate).rounded()))
        fade = (0..<fadeFrames).map { 0.5 - 0.5 * cos(Double.pi * (Double($0) + 0.5) / Double(fadeFrames)) }
        scratch = Array(repeating: .zero, count: self.maximumFrames)
        limiter = try SafetyLimiter(ceilingDB: ceilingDB, sampleRate: sampleRate)
        var start = settings
        start.profileIndex = min(max(0, settings.profileIndex), profiles.count - 1)
        paths[0].configure(start)
    }

    /// The settings heard (or being faded to), with a pending change applied.
    public var settings: MonitorSettings { pending ?? paths[active].settings }

    /// Frames of delay the graph adds (the limiter's look-ahead and detector).
    public var latencyFrames: Int { limiter.latencyFrames }

    /// The limiter's ceiling, dBFS.
    public var ceilingDB: Double { limiter.ceilingDB }

    /// The strongest limiter gain reduction since the last call, dB (<= 0).
    public mutating func takeLimiterReductionDB() -> Double { limiter.takeReductionDB() }

    /// Takes a command; the change starts with the next block (or after a fade in progress).
    public mutating func apply(_ command: MonitorCommand) {
        pending = settings.applying(command, profileCount: profiles.count)
        if fadePosition == nil, pending == paths[active].settings { pending = nil }
    }

    /// Processes up to `maximumFrames` frames in place.
    public mutating func process(_ frames: UnsafeMutableBufferPointer<StereoFrame>) {
        precondition(frames.count <= maximumFrames, "invariant: blocks of at most maximumFrames")
        // Non-finite input (a broken stream, a damaged file) becomes silence before it reaches a
        // filter, whose memory it would poison for good.
        if !Self.allFinite(frames) {
            for i in frames.indices {
                let x = frames[i]
                frames[i] = x.replacing(with: 0, where: .!(magnitudes(x) .< .infinity))
            }
        }
        if fadePosition == nil, let next = pending, next != paths[active].settings {
            pending = nil
            let idle = 1 - active
            paths[idle].configure(next)
            active = idle
            fadePosition = 0
        }
        if fadePosition == nil { pending = nil }
        if let position = fadePosition {
            let old = 1 - active
            scratch.withUnsafeMutableBufferPointer { buffer in
                let other = UnsafeMutableBufferPointer(rebasing: buffer[0..<frames.count])
                _ = other.initialize(fromContentsOf: frames)
                paths[old].process(other)
                paths[active].process(frames)
                var p = position
                for i in frames.indices {
                    let g = p < fade.count ? fade[p] : 1
                    frames[i] = g * frames[i] + (1 - g) * other[i]
                    p += 1
                }
                fadePosition = p >= fade.count ? nil : p
            }
        } else {
            paths[active].process(frames)
        }
        limiter.process(frames)
    }

    /// Whether every sample is finite: x - x is 0 for a finite x and NaN for infinity or NaN, and
    /// NaN carries through a sum; four sums, so their additions overlap.
    static func allFinite(_ frames: UnsafeMutableBufferPointer<StereoFrame>) -> Bool {
        var t0 = StereoFrame.zero, t1 = StereoFrame.zero, t2 = StereoFrame.zero, t3 = StereoFrame.zero
        var i = 0
        while i + 4 <= frames.count {
            let x0 = frames[i], x1 = frames[i + 1], x2 = frames[i + 2], x3 = frames[i + 3]
            t0 += x0 - x0; t1 += x1 - x1; t2 += x2 - x2; t3 += x3 - x3
            i += 4
        }
        while i < frames.count { t0 += frames[i] - frames[i]; i += 1 }
        let total = (t0 + t1) + (t2 + t3)
        return total.x == 0 && total.y == 0
    }

    /// Processes a whole stereo signal in blocks of `blockFrames` (<= maximumFrames), applying
    /// `commands` at the first block that starts at or after each command's frame: what
    /// `cans render` does, and what `cans monitor` does with the same script and period.
    public mutating func render(_ frames: [StereoFrame], blockFrames: Int,
                                commands: [(frame: Int, command: MonitorCommand)] = []) -> [StereoFrame] {
        var output = frames
        let block = min(max(1, blockFrames), maximumFrames)
        var next = 0
        let ordered = commands.sorted { $0.frame < $1.frame }
        output.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                while next < ordered.count, ordered[next].frame <= start {
                    apply(ordered[next].command)
                    next += 1
                }
                let end = min(start + block, buffer.count)
                process(UnsafeMutableBufferPointer(rebasing: buffer[start..<end]))
                start = end
            }
        }
        return output
    }
}
