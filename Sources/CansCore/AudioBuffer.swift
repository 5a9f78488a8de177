/// Planar audio: one array of samples per channel, full scale = +-1.0, at one sample rate.
///
/// What audio files and devices hand over and take; 32-bit float holds 24-bit integer audio
/// exactly, so nothing is lost between files, devices and the analysis.
public struct AudioBuffer: Sendable, Equatable {
    /// Samples per second per channel, positive.
    public let sampleRate: Double
    /// One array per channel, all of the same length.
    public var channels: [[Float]]

    /// - Precondition: every channel has the same length; sampleRate > 0.
    public init(sampleRate: Double, channels: [[Float]]) {
        precondition(sampleRate > 0, "invariant: positive sample rate")
        precondition(Set(channels.map(\.count)).count <= 1, "invariant: channels of equal length")
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// Frames (samples per channel).
    public var frameCount: Int { channels.first?.count ?? 0 }
    /// Number of channels.
    public var channelCount: Int { channels.count }
    /// Duration in seconds.
    public var durationSeconds: Double { Double(frameCount) / sampleRate }
}
