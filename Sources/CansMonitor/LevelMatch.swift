import Foundation

/// Gains that make profiles equally loud, so switching between them changes the sound and not
/// the level (louder reads as better: a level difference of a fraction of a dB biases a
/// comparison). Loudness is ITU-R BS.1770-4 integrated loudness of the same seeded pink noise
/// through each profile (its filters and preamp); every profile is brought down to the quietest,
/// so matching never adds gain.
public enum LevelMatch {
    /// Seconds of pink noise measured (enough for 97 gated 400 ms blocks).
    public static let noiseSeconds = 10.0

    /// The loudness of each profile's pink noise, LUFS.
    /// - Throws: `MonitorError.profileNotDesignable` from the profiles' designs.
    public static func loudness(of profiles: [MonitorProfile], sampleRate: Double) throws(MonitorError) -> [Double] {
        let noise = PinkNoise.stereo(frameCount: Int(noiseSeconds * sampleRate), sampleRate: sampleRate)
        var result = [Double]()
        for profile in profiles {
            var (cascade, gain) = try profile.design(sampleRate: sampleRate)
            var frames = noise
            frames.withUnsafeMutableBufferPointer { buffer in
                cascade.process(buffer)
                for i in buffer.indices { buffer[i] *= gain }
            }
            result.append(Loudness.integrated(frames, sampleRate: sampleRate) ?? -70)
        }
        return result
    }

    /// Gain for each profile, dB (0 for the quietest, negative for the others).
    /// - Throws: as `loudness(of:sampleRate:)`.
    public static func offsetsDB(for profiles: [MonitorProfile], sampleRate: Double) throws(MonitorError) -> [Double] {
        let levels = try loudness(of: profiles, sampleRate: sampleRate)
        let quietest = levels.min() ?? 0
        return levels.map { quietest - $0 }
    }
}
