import CansCore

/// Something that goes wrong during one take on real hardware, for `SimulatedRig.faults`: the
/// simulation plays it exactly, so tests can check that a session records what happened, keeps
/// the good takes and never averages a bad one in.
public enum SimulatedFault: Sendable, Equatable {
    /// The device disappears after `afterFrames` captured frames (a USB interface unplugged, a
    /// sound server stopped): the take throws `AudioRigError.deviceLost`.
    case deviceVanishes(afterFrames: Int)
    /// `count` buffer xruns: the take reports them (`lastXrunCount`) and its recording has `count`
    /// gaps of `SimulatedFault.xrunGapFrames` zeros, spread evenly over the capture, as a
    /// recovering driver leaves.
    case xrunStorm(count: Int)
    /// Every captured sample is `value`: 0 for a driver that delivers silence, anything else for
    /// a converter stuck at one code.
    case stuckCapture(value: Float)
    /// The capture clock runs `ppm` parts per million faster than the playback clock during this
    /// take (two devices without a common clock), in place of the rig's `clockDriftPPM`.
    case clockDrift(ppm: Double)
    /// The input gain is `gainDB` higher for this take (a knob turned, a louder placement); the
    /// capture clips at full scale, as a converter does.
    case inputGain(dB: Double)

    /// Frames lost at each xrun of `xrunStorm` (one 256-frame period).
    public static let xrunGapFrames = 256
}

extension SimulatedFault {
    /// What a take with this fault records, from `clean` (the fault-free capture).
    /// - Throws: `AudioRigError.deviceLost` for `deviceVanishes`.
    func apply(to clean: [[Float]], rigName: String) throws(AudioRigError) -> [[Float]] {
        switch self {
        case let .deviceVanishes(frames):
            throw .deviceLost(device: rigName, framesCaptured: frames)
        case let .xrunStorm(count):
            let frameCount = clean.first?.count ?? 0
            return clean.map { channel in
                var channel = channel
                for gap in 0..<count {
                    let start = frameCount * (2 * gap + 1) / (2 * max(count, 1))
                    for index in start..<min(start + Self.xrunGapFrames, frameCount) { channel[index] = 0 }
                }
                return channel
            }
        case let .stuckCapture(value):
            return clean.map { [Float](repeating: value, count: $0.count) }
        case .clockDrift:
            return clean  // applied by the rig while it records
        case let .inputGain(gainDB):
            let gain = Float(Decibels.toAmplitude(gainDB))
            return clean.map { $0.map { min(1, max(-1, $0 * gain)) } }
        }
    }

    /// Xruns the take reports.
    var xrunCount: Int {
        if case let .xrunStorm(count) = self { return count }
        return 0
    }
}
