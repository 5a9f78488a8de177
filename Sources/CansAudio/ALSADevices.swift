/// A PCM device as ALSA announces it (snd_device_name_hint): `hw:CARD=USB,DEV=0`, `default`,
/// `plughw:...`, or a name from the ALSA configuration.
public struct ALSADeviceHint: Sendable, Equatable {
    /// The name to open it by.
    public let name: String
    /// ALSA's description, lines joined with ", " (may be empty).
    public let description: String
    /// What it claims to do: playback, capture, or both.
    public let directions: [ALSADirection]

    public init(name: String, description: String, directions: [ALSADirection]) {
        self.name = name
        self.description = description
        self.directions = directions
    }
}

/// What one direction of a device offers, as probed before anything is chosen.
public struct ALSAStreamCapabilities: Sendable, Equatable {
    public let direction: ALSADirection
    /// Those of `ALSADevices.standardSampleRatesHz` it runs at.
    public let sampleRatesHz: [Int]
    /// The lowest and highest rate it claims (a sound server claims a wide range and resamples).
    public let rateRangeHz: ClosedRange<Int>?
    /// Those of cans's formats it takes, in `ALSASampleFormat.allCases` order.
    public let formats: [ALSASampleFormat]
    /// The channel counts it opens.
    public let channelRange: ClosedRange<Int>?
    /// Whether it offers interleaved read/write access (cans needs it; `plughw:` adds it).
    public let interleavedAccess: Bool

    public init(
        direction: ALSADirection, sampleRatesHz: [Int], rateRangeHz: ClosedRange<Int>?, formats: [ALSASampleFormat],
        channelRange: ClosedRange<Int>?, interleavedAccess: Bool
    ) {
        self.direction = direction
        self.sampleRatesHz = sampleRatesHz
        self.rateRangeHz = rateRangeHz
        self.formats = formats
        self.channelRange = channelRange
        self.interleavedAccess = interleavedAccess
    }
}

/// How one direction of a stream was set up: what was asked and what the device rounded to.
public struct ALSAStreamConfiguration: Sendable, Equatable, CustomStringConvertible {
    public let device: String
    public let direction: ALSADirection
    public let sampleFormat: ALSASampleFormat
    public let sampleRateHz: Int
    public let channelCount: Int
    /// Frames per period (the device's wake-up interval).
    public let periodFrames: Int
    /// Frames in the ring buffer.
    public let bufferFrames: Int

    public var description: String {
        "\(device) \(direction): \(sampleFormat), \(sampleRateHz) Hz, \(channelCount) ch,"
            + " period \(periodFrames), buffer \(bufferFrames) frames"
    }
}

/// Listing and probing ALSA PCM devices.
public enum ALSADevices {
    /// The rates cans probes and measures at, in Hz.
    public static let standardSampleRatesHz = [44_100, 48_000, 88_200, 96_000, 176_400, 192_000]

    /// The PCM devices ALSA announces, in ALSA's order (cards, then configuration entries).
    /// - Throws: `.system` when alsa-lib cannot read its configuration.
    public static func list() throws(ALSAError) -> [ALSADeviceHint] {
        try pcmDeviceHints()
    }

    /// Opens `device` for `direction` without blocking (a busy device fails at once), reads what
    /// it offers and closes it again.
    /// - Throws: `.deviceNotFound`, `.deviceBusy`, `.connectionRefused`, `.system`.
    public static func probe(_ device: String, direction: ALSADirection) throws(ALSAError) -> ALSAStreamCapabilities {
        try ALSAPCM(device: device, direction: direction).capabilities()
    }
}
