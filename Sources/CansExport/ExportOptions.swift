/// What `cans export` may change about a profile on its way out, and the settings some formats need.
public struct ExportOptions: Sendable, Equatable {
    /// Which of the profile's EQs to write.
    public enum ChannelSelection: String, Sendable, CaseIterable {
        /// As the profile holds them: one EQ for every channel, or one per ear.
        case asIs = "as-is"
        /// The left ear's EQ, written as the EQ of every channel (for one-EQ apps).
        case left = "L"
        /// The right ear's EQ, written as the EQ of every channel.
        case right = "R"
        /// Left and right exchanged: for a cable or an amplifier that swaps the ears.
        case swap
    }

    /// Design the export for this rate instead of the profile's (Hz); nil keeps the profile's.
    /// Formats that carry a rate (CamillaDSP's `samplerate`, the JSON profile) write it, and every
    /// preamp is checked at it (designs near Nyquist differ between rates).
    public var sampleRateHz: Double?
    public var channels: ChannelSelection = .asIs
    /// A name for the profile where a format has a place for one (CamillaDSP `title`, REW notes);
    /// nil takes the measurement's file name. One line: control characters are refused.
    public var name: String?
    /// CamillaDSP: the ALSA device the audio comes from (typically the loopback the player writes to).
    public var captureDevice = "hw:Loopback,1"
    /// CamillaDSP: the ALSA device the headphones are on.
    public var playbackDevice = "hw:0,0"
    /// PipeWire: the version the drop-in is for (`pipewire --version`); nil writes the builtin
    /// biquad form every release reads.
    public var pipewireVersion: PipeWireVersion?
    /// FIR: minimum phase (no latency, the headphone's own kind) or linear phase.
    public var firPhase: FIRPhase = .minimum
    /// FIR: the number of taps; nil chooses the shortest that stays within 0.01 dB of the design.
    public var firTaps: Int?

    public init() {}
}
