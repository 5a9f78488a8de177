import CansCore
import Glibc

/// Audio files through libsndfile (http://libsndfile.github.io/libsndfile/): reading whatever it
/// opens (WAV, FLAC, AIFF, W64, CAF, OGG, ...), writing WAV, FLAC and AIFF.
///
/// Samples are 32-bit float at full scale +-1.0. Reading scales integer formats by 1/2^(bits-1)
/// (16-bit -32768 is exactly -1.0) and passes float formats through as stored, values beyond
/// +-1.0 included. Writing is atomic and deterministic: see
/// `write(_:to:container:sampleFormat:overwrite:)`.
public enum AudioFile {
    /// The most samples (frames x channels) a whole read loads: 2^28, 1 GiB as 32-bit float,
    /// 46 minutes of stereo at 48 kHz. A sweep recording is seconds long (2^20 samples at most);
    /// a 2 GB WAV (over 3 hours of 16-bit stereo) is refused from its header before any sample
    /// is read, instead of taking 4 GB of memory.
    public static let maximumSamples = 1 << 28

    /// Reads the whole file as planar float audio.
    /// - Throws: `AudioFileError`: `.fileNotFound`, `.emptyFile`, `.notAudio` (with libsndfile's
    ///   reason), `.tooLong`, `.damaged` (cut short, NaN or infinite samples), `.permissionDenied`,
    ///   `.io`.
    public static func read(path: String) throws(AudioFileError) -> AudioBuffer {
        try readWithInfo(path: path).buffer
    }

    /// Reads the whole file, and what its header says about it.
    ///
    /// `info.frameCount` is the number of frames actually read, which is less than the header
    /// claims when the file was cut short.
    /// - Parameter maximumSamples: the limit (tests lower it); the header is checked before
    ///   reading, the samples while reading (a header may understate the length).
    /// - Throws: as `read(path:)`.
    public static func readWithInfo(path: String, maximumSamples: Int = maximumSamples) throws(AudioFileError)
        -> (buffer: AudioBuffer, info: AudioFileInfo)
    {
        let file = try openForReading(path)
        let sndFile = try SndFile.open(reading: file, path: path)
        var info = sndFile.info
        let channelCount = max(info.channelCount, 1)
        // A FLAC stream may leave its length open (SF_COUNT_MAX): then only the reading counts.
        if sndFile.lengthIsKnown, info.frameCount > maximumSamples / channelCount {
            throw .tooLong(path: path, frames: info.frameCount, channelCount: info.channelCount, maximumSamples: maximumSamples)
        }
        guard let channels = try sndFile.readAll(path: path, maximumFrames: maximumSamples / channelCount) else {
            throw .tooLong(path: path, frames: nil, channelCount: info.channelCount, maximumSamples: maximumSamples)
        }
        try AudioFileIntegrity.verifyFinite(channels, path: path)
        info.frameCount = channels.first?.count ?? 0
        return (AudioBuffer(sampleRate: info.sampleRate, channels: channels), info)
    }

    /// The file's format from its header, without reading the audio.
    ///
    /// One exception: a FLAC stream whose header leaves the length open (total samples 0, as
    /// for an empty recording) is decoded to count its frames.
    /// - Throws: as `read(path:)`.
    public static func info(path: String) throws(AudioFileError) -> AudioFileInfo {
        let file = try openForReading(path)
        let sndFile = try SndFile.open(reading: file, path: path)
        var info = sndFile.info
        if !sndFile.lengthIsKnown { info.frameCount = try sndFile.countFrames(path: path) }
        return info
    }

    /// Opens `path` and rules out what libsndfile would only describe vaguely: a directory, an
    /// empty file.
    private static func openForReading(_ path: String) throws(AudioFileError) -> FileDescriptor {
        let file: FileDescriptor
        do throws(SystemError) {
            file = try FileDescriptor(path: path, flags: O_RDONLY)
        } catch {
            switch error.code {
            case ENOENT, ENOTDIR: throw .fileNotFound(path: path)
            case EACCES, EPERM: throw .permissionDenied(path: path, forWriting: false)
            default: throw .io(path: path, operation: "opening for reading", reason: error.reason)
            }
        }
        let status: (byteCount: Int, isDirectory: Bool)
        do throws(SystemError) {
            status = try file.status()
        } catch {
            throw .io(path: path, operation: "opening for reading", reason: error.reason)
        }
        if status.isDirectory { throw .notAudio(path: path, reason: "it is a directory") }
        if status.byteCount == 0 { throw .emptyFile(path: path) }
        try AudioFileIntegrity.verifyComplete(file, byteCount: status.byteCount, path: path)
        return file
    }
}
