import CansCore
import Glibc

extension AudioFile {
    /// Writes `buffer` to `path` as a `container` file of `sampleFormat` samples.
    ///
    /// - Atomic: the file is written beside its destination under a hidden temporary name,
    ///   flushed (fsync), then moved into place in one step, so `path` never holds half a file.
    ///   Without `overwrite` the move is link(2), which fails instead of replacing a file that
    ///   appeared meanwhile (on file systems without hard links: a check, then rename(2)).
    ///   A replaced file gets new permissions from the umask; a symbolic link at `path` is
    ///   replaced, not followed.
    /// - Deterministic: the same buffer and format give the same bytes. libsndfile writes no
    ///   dates; the time stamp in the PEAK chunk of float WAV/AIFF is set to 0 (see `PeakChunk`).
    /// - Integer formats round to the nearest step and clip at full scale (`PCMQuantizer`);
    ///   no dither. The report counts the samples beyond +-1.0. `float32` keeps every value.
    ///
    /// - Parameters:
    ///   - overwrite: replace an existing file at `path`; when false, an existing file is an
    ///     error and stays as it was.
    /// - Returns: the format written and how many samples were clipped.
    /// - Throws: `AudioFileError`: `.emptyBuffer` (no channels), `.unsupportedCombination`
    ///   (FLAC with 32-bit or float samples or more than 8 channels; whatever else libsndfile
    ///   refuses), `.unsupportedSampleRate`, `.nonFiniteSample`, `.fileExists`,
    ///   `.directoryNotFound`, `.permissionDenied`, `.io`. Nothing is left behind on error.
    @discardableResult
    public static func write(
        _ buffer: AudioBuffer, to path: String, container: AudioContainer,
        sampleFormat: AudioSampleFormat, overwrite: Bool = false
    ) throws(AudioFileError) -> AudioFileWriteReport {
        let sampleRate = try validate(buffer, path: path, container: container,
                                      sampleFormat: sampleFormat)
        if !overwrite, FileSystem.exists(path) { throw .fileExists(path: path) }

        let (directory, name) = FileSystem.split(path)
        var temporaryPath = ""
        let file = try createTemporaryFile(in: directory, for: name, path: path,
                                           createdPath: &temporaryPath)
        var committed = false
        defer { if !committed { FileSystem.removeQuietly(temporaryPath) } }

        let sndFile = try SndFile.create(
            writing: file, path: path, container: container, sampleFormat: sampleFormat,
            sampleRate: sampleRate, channelCount: Int32(buffer.channelCount))
        let clippedCount = try writeSamples(buffer, as: sampleFormat, to: sndFile, path: path)
        if buffer.frameCount == 0 { try sndFile.writeHeaderNow(path: path) }
        var info = sndFile.info
        try sndFile.close(path: path)
        if sampleFormat == .float32 {
            try PeakChunk.clearTimestamp(in: file, path: path)
        }
        do throws(SystemError) {
            try file.sync()
            try file.close()
        } catch {
            throw .io(path: path, operation: "saving", reason: error.reason)
        }

        try moveIntoPlace(temporaryPath, path, overwrite: overwrite)
        committed = true
        FileSystem.syncDirectoryQuietly(directory)

        info.frameCount = buffer.frameCount
        return AudioFileWriteReport(path: path, info: info, clippedSampleCount: clippedCount)
    }

    /// Checks everything that can be checked before touching the file system; returns the
    /// sample rate in whole Hz.
    private static func validate(
        _ buffer: AudioBuffer, path: String, container: AudioContainer,
        sampleFormat: AudioSampleFormat
    ) throws(AudioFileError) -> Int32 {
        guard buffer.channelCount > 0 else { throw .emptyBuffer(path: path) }
        guard container.supportedSampleFormats.contains(sampleFormat) else {
            throw .unsupportedCombination(
                path: path, container: container, sampleFormat: sampleFormat,
                reason: "\(container) stores 16- or 24-bit integer samples only")
        }
        if container == .flac, buffer.channelCount > 8 {
            throw .unsupportedCombination(
                path: path, container: container, sampleFormat: sampleFormat,
                reason: "FLAC holds at most 8 channels, got \(buffer.channelCount)")
        }
        let rate = buffer.sampleRate
        guard rate.rounded() == rate, rate >= 1, rate <= Double(Int32.max) else {
            throw .unsupportedSampleRate(path: path, sampleRateHz: rate)
        }
        for (channel, samples) in buffer.channels.enumerated() {
            if let frame = samples.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteSample(path: path, channel: channel, frame: frame)
            }
        }
        return Int32(rate)
    }

    /// Creates `.<name>.<random>.tmp` in `directory` with O_EXCL, so it is new and ours.
    private static func createTemporaryFile(
        in directory: String, for name: String, path: String, createdPath: inout String
    ) throws(AudioFileError) -> FileDescriptor {
        var attempt = 0
        while true {
            let suffix = String(UInt64.random(in: .min ... .max), radix: 16)
            let candidate = directory + "/." + name + "." + suffix + ".tmp"
            do throws(SystemError) {
                let file = try FileDescriptor(
                    path: candidate, flags: O_RDWR | O_CREAT | O_EXCL, mode: 0o666)
                createdPath = candidate
                return file
            } catch {
                switch error.code {
                case EEXIST where attempt < 8:
                    attempt += 1
                case ENOENT, ENOTDIR:
                    throw .directoryNotFound(path: path, directory: directory)
                case EACCES, EPERM, EROFS:
                    throw .permissionDenied(path: path, forWriting: true)
                default:
                    throw .io(path: path, operation: "creating a temporary file in \(directory)",
                              reason: error.reason)
                }
            }
        }
    }

    /// Interleaves in chunks, converting integer formats with `PCMQuantizer`; returns the
    /// number of clipped samples.
    private static func writeSamples(
        _ buffer: AudioBuffer, as sampleFormat: AudioSampleFormat, to sndFile: borrowing SndFile,
        path: String
    ) throws(AudioFileError) -> Int {
        let chunkFrames = 8192
        let frameCount = buffer.frameCount
        if sampleFormat == .float32 {
            var scratch = [Float](repeating: 0, count: chunkFrames * buffer.channelCount)
            for start in stride(from: 0, to: frameCount, by: chunkFrames) {
                let frames = min(chunkFrames, frameCount - start)
                interleave(buffer.channels, from: start, frames: frames, into: &scratch) { $0 }
                try scratch.withUnsafeBufferPointer { samples throws(AudioFileError) in
                    try sndFile.write(interleaved: samples, frames: frames, path: path)
                }
            }
            return 0
        }
        let quantizer = PCMQuantizer(bitDepth: sampleFormat.bitDepth)
        var scratch = [Int32](repeating: 0, count: chunkFrames * buffer.channelCount)
        for start in stride(from: 0, to: frameCount, by: chunkFrames) {
            let frames = min(chunkFrames, frameCount - start)
            interleave(buffer.channels, from: start, frames: frames, into: &scratch,
                       quantizer.code)
            try scratch.withUnsafeBufferPointer { samples throws(AudioFileError) in
                try sndFile.write(interleaved: samples, frames: frames, path: path)
            }
        }
        return PCMQuantizer.clippedCount(buffer.channels)
    }

    private static func interleave<Sample>(
        _ channels: [[Float]], from start: Int, frames: Int, into scratch: inout [Sample],
        _ convert: (Float) -> Sample
    ) {
        let channelCount = channels.count
        scratch.withUnsafeMutableBufferPointer { interleaved in
            for (channel, samples) in channels.enumerated() {
                samples.withUnsafeBufferPointer { source in
                    for frame in 0..<frames {
                        interleaved[frame * channelCount + channel] = convert(source[start + frame])
                    }
                }
            }
        }
    }

    /// Gives the finished temporary file its real name.
    private static func moveIntoPlace(_ temporaryPath: String, _ path: String, overwrite: Bool)
        throws(AudioFileError)
    {
        do throws(SystemError) {
            if overwrite {
                try FileSystem.rename(temporaryPath, path)
                return
            }
            do throws(SystemError) {
                try FileSystem.link(temporaryPath, path)
                FileSystem.removeQuietly(temporaryPath)
            } catch where [EPERM, EOPNOTSUPP, EMLINK].contains(error.code) {
                // No hard links here (FAT, some network and FUSE file systems).
                if FileSystem.exists(path) { throw SystemError(code: EEXIST) }
                try FileSystem.rename(temporaryPath, path)
            }
        } catch {
            switch error.code {
            case EEXIST: throw .fileExists(path: path)
            case EACCES: throw .permissionDenied(path: path, forWriting: true)
            default: throw .io(path: path, operation: "moving the finished file into place",
                               reason: error.reason)
            }
        }
    }
}
