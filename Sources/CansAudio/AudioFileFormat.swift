/// A container cans writes (and recognises when reading).
///
/// Reading goes further: whatever libsndfile opens (W64, RF64, CAF, OGG, ...) is read, and its
/// `AudioFileInfo.container` is nil.
public enum AudioContainer: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// RIFF WAVE (WAVE_FORMAT_EXTENSIBLE above two channels), little-endian.
    case wav
    /// FLAC, lossless; integer samples of 16 or 24 bits only, at most 8 channels.
    case flac
    /// AIFF (integer) or AIFF-C (32-bit float), big-endian.
    case aiff

    public var description: String {
        switch self {
        case .wav: return "WAV"
        case .flac: return "FLAC"
        case .aiff: return "AIFF"
        }
    }

    /// The sample formats this container can hold, in the order of `AudioSampleFormat.allCases`.
    public var supportedSampleFormats: [AudioSampleFormat] {
        switch self {
        case .wav, .aiff: return AudioSampleFormat.allCases
        case .flac: return [.int16, .int24]
        }
    }
}

/// How each sample is stored in a file cans writes (and recognises when reading).
///
/// Reading also accepts every other encoding libsndfile decodes (8-bit, 64-bit float, A-law,
/// ADPCM, ...); their `AudioFileInfo.sampleFormat` is nil.
public enum AudioSampleFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Signed 16-bit integers; one step is 1/32768 of full scale (about -90 dBFS).
    case int16
    /// Signed 24-bit integers; one step is 1/8388608 of full scale (about -138 dBFS).
    case int24
    /// Signed 32-bit integers.
    case int32
    /// IEEE 754 32-bit float; values beyond +-1.0 are kept, not clipped.
    case float32

    /// Bits per sample.
    public var bitDepth: Int {
        switch self {
        case .int16: return 16
        case .int24: return 24
        case .int32, .float32: return 32
        }
    }

    /// True for the integer formats, which clip at full scale.
    public var isInteger: Bool { self != .float32 }

    public var description: String {
        switch self {
        case .int16: return "16-bit integer"
        case .int24: return "24-bit integer"
        case .int32: return "32-bit integer"
        case .float32: return "32-bit float"
        }
    }
}

/// What an audio file holds, read from its header.
public struct AudioFileInfo: Sendable, Equatable {
    /// WAV, FLAC or AIFF; nil for another container libsndfile reads (see `formatDescription`).
    public var container: AudioContainer?
    /// One of the formats cans writes; nil for another encoding (see `formatDescription`).
    public var sampleFormat: AudioSampleFormat?
    /// libsndfile's names for the container and the encoding, such as
    /// "WAV (Microsoft), Signed 24 bit PCM".
    public var formatDescription: String
    /// Samples per second per channel, in Hz.
    public var sampleRate: Double
    /// Number of channels, at least 1.
    public var channelCount: Int
    /// Frames (samples per channel).
    public var frameCount: Int

    public init(
        container: AudioContainer?, sampleFormat: AudioSampleFormat?, formatDescription: String,
        sampleRate: Double, channelCount: Int, frameCount: Int
    ) {
        self.container = container
        self.sampleFormat = sampleFormat
        self.formatDescription = formatDescription
        self.sampleRate = sampleRate
        self.channelCount = channelCount
        self.frameCount = frameCount
    }

    /// Duration in seconds.
    public var durationSeconds: Double { Double(frameCount) / sampleRate }
}

/// What `AudioFile.write` did.
public struct AudioFileWriteReport: Sendable, Equatable {
    /// The file as the caller named it, now in place.
    public var path: String
    /// The format written.
    public var info: AudioFileInfo
    /// Samples (over all channels) beyond full scale (|x| > 1.0) that an integer format stored as
    /// its largest or smallest value; always 0 for `float32`, which keeps them.
    ///
    /// +1.0 itself is not counted, although integer formats store it one step lower (32767/32768
    /// for 16 bits): two's complement has one more negative code than positive ones.
    public var clippedSampleCount: Int

    public init(path: String, info: AudioFileInfo, clippedSampleCount: Int) {
        self.path = path
        self.info = info
        self.clippedSampleCount = clippedSampleCount
    }
}
