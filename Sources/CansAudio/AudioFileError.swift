/// Why an audio file could not be read or written.
///
/// Every case names the file as the caller gave it; `description` adds what to do about it.
/// `reason` strings are the system's (strerror) or libsndfile's own (sf_strerror) words.
public enum AudioFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at `path`.
    case fileNotFound(path: String)
    /// The directory `path` should be written into does not exist (or is not a directory).
    case directoryNotFound(path: String, directory: String)
    /// The file exists but holds no bytes.
    case emptyFile(path: String)
    /// libsndfile could not open the file as audio: not an audio file, a format it does not
    /// decode, a damaged header, or a directory.
    case notAudio(path: String, reason: String)
    /// The file opens as audio but cannot be used: cut short (its header promises more audio
    /// than there is) or holding NaN or infinite samples.
    case damaged(path: String, reason: String)
    /// The container cannot hold this sample format or these parameters (FLAC: 16 or 24 bits,
    /// at most 8 channels).
    case unsupportedCombination(
        path: String, container: AudioContainer, sampleFormat: AudioSampleFormat, reason: String)
    /// Files store the sample rate as a whole number of Hz, from 1 to 2147483647.
    case unsupportedSampleRate(path: String, sampleRateHz: Double)
    /// The buffer to write has no channels.
    case emptyBuffer(path: String)
    /// The buffer to write holds NaN or an infinity (0-based channel and frame of the first one).
    case nonFiniteSample(path: String, channel: Int, frame: Int)
    /// A file is already at `path` and `overwrite` was false; it was left as it was.
    case fileExists(path: String)
    /// The file holds more samples (frames x channels) than a whole read may load
    /// (`AudioFile.maximumSamples`); nothing was loaded. `frames` is what the header claims, or
    /// nil when the file turned out longer than its header said.
    case tooLong(path: String, frames: Int?, channelCount: Int, maximumSamples: Int)
    /// The system refused access: reading the file, or creating a file in its directory.
    case permissionDenied(path: String, forWriting: Bool)
    /// Another system or libsndfile failure while doing `operation`.
    case io(path: String, operation: String, reason: String)

    /// The file the error is about, as the caller named it.
    public var path: String {
        switch self {
        case let .fileNotFound(path), let .directoryNotFound(path, _), let .emptyFile(path),
            let .notAudio(path, _), let .damaged(path, _), let .unsupportedCombination(path, _, _, _),
            let .unsupportedSampleRate(path, _), let .emptyBuffer(path),
            let .nonFiniteSample(path, _, _), let .fileExists(path),
            let .permissionDenied(path, _), let .io(path, _, _), let .tooLong(path, _, _, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case let .fileNotFound(path):
            return "\(path): no such file; check the path and the working directory"
        case let .directoryNotFound(path, directory):
            return "\(path): the directory \(directory) does not exist; create it first"
        case let .emptyFile(path):
            return "\(path): the file is empty (0 bytes); it was probably cut off while being"
                + " written, so record or export it again"
        case let .notAudio(path, reason):
            return "\(path): not an audio file libsndfile can read (libsndfile: \(reason));"
                + " use WAV, FLAC or AIFF and check that the file is complete"
        case let .damaged(path, reason):
            return "\(path): \(reason); copy or record the file again"
        case let .unsupportedCombination(path, container, sampleFormat, reason):
            let choices = container.supportedSampleFormats.map(\.rawValue).joined(separator: ", ")
            return "\(path): \(container) cannot hold \(sampleFormat) samples here (\(reason));"
                + " \(container) takes \(choices)"
        case let .unsupportedSampleRate(path, sampleRateHz):
            return "\(path): the sample rate must be a whole number of Hz from 1 to 2147483647,"
                + " got \(sampleRateHz); resample the audio first"
        case let .emptyBuffer(path):
            return "\(path): the audio has no channels, so there is nothing to write"
        case let .nonFiniteSample(path, channel, frame):
            return "\(path): channel \(channel) frame \(frame) is NaN or infinite; nothing was"
                + " written, the processing before this step produced the bad value"
        case let .fileExists(path):
            return "\(path): a file is already there and was left unchanged; choose another"
                + " name or allow overwriting"
        case let .tooLong(path, frames, channelCount, maximumSamples):
            let size = frames.map { "\($0) frames x \(channelCount) channel(s)" } ?? "more samples than its header says"
            return "\(path): the audio is too long to load: \(size), the limit is \(maximumSamples) samples"
                + " (\(maximumSamples / (1 << 18)) MiB as 32-bit float); nothing was loaded; cut the part you need"
                + " (sox in.wav out.wav trim 0 60) or give the recording of one sweep"
        case let .permissionDenied(path, forWriting):
            return forWriting
                ? "\(path): permission denied creating the file; write into a directory you own"
                : "\(path): permission denied reading the file; check its permissions (ls -l)"
        case let .io(path, operation, reason):
            return "\(path): \(operation) failed: \(reason)"
        }
    }
}
