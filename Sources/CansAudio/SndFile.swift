internal import CSndFile
import Synchronization

// The libsndfile adapter: the only file that imports CSndFile. Every libsndfile return code goes
// through `check`; `SndFile` closes its handle in deinit. libsndfile 1.2 documentation:
// http://libsndfile.github.io/libsndfile/api.html and command.html.

/// libsndfile reports a failed open through process-wide state (sf_error(NULL),
/// sf_strerror(NULL)), so opening and reading that message happen under one lock.
private let openLock = Mutex<Void>(())

/// What the adapter was doing when libsndfile reported a problem; it picks the error case.
enum SndFileStage {
    case openForReading
    case openForWriting(AudioContainer, AudioSampleFormat)
    case configuring
    case reading
    case writing
    case closing

    var operation: String {
        switch self {
        case .openForReading: return "opening for reading"
        case .openForWriting: return "creating"
        case .configuring: return "configuring libsndfile"
        case .reading: return "reading"
        case .writing: return "writing"
        case .closing: return "finishing the file"
        }
    }
}

/// The one funnel from libsndfile return codes to `AudioFileError`: 0 is success; a system error
/// is `.io`; any other code means "not audio" when opening a file to read, "this format cannot
/// be written" when creating one, and `.io` later on.
private func check(
    _ code: Int32, reason: @autoclosure () -> String, path: String, stage: SndFileStage
) throws(AudioFileError) {
    guard code != Int32(SF_ERR_NO_ERROR) else { return }
    let reason = reason()
    if code == Int32(SF_ERR_SYSTEM) {
        throw .io(path: path, operation: stage.operation, reason: reason)
    }
    switch stage {
    case .openForReading:
        throw .notAudio(path: path, reason: reason)
    case let .openForWriting(container, sampleFormat):
        throw .unsupportedCombination(
            path: path, container: container, sampleFormat: sampleFormat, reason: reason)
    case .configuring, .reading, .writing, .closing:
        throw .io(path: path, operation: stage.operation, reason: reason)
    }
}

/// libsndfile's message for the error state of `handle`.
private func message(_ handle: OpaquePointer?) -> String {
    String(cString: sf_strerror(handle))
}

/// An open libsndfile handle (SNDFILE *) that closes itself.
///
/// libsndfile gets its own duplicate of the caller's descriptor and closes it (sf_open_fd with
/// close_desc true): libsndfile 1.2.0 closes the descriptor when an open fails even with
/// close_desc false, so sharing one descriptor would risk closing it twice.
struct SndFile: ~Copyable {
    private let handle: OpaquePointer
    private let header: SF_INFO

    private init(handle: OpaquePointer, header: SF_INFO) {
        self.handle = handle
        self.header = header
    }

    deinit {
        sf_close(handle)
    }

    /// Opens `file` for reading, with integer samples scaled to +-1.0 (SFC_SET_NORM_FLOAT) and
    /// float samples passed through as stored.
    /// - Throws: `.notAudio` with libsndfile's reason, `.io` for system errors.
    static func open(reading file: borrowing FileDescriptor, path: String) throws(AudioFileError)
        -> SndFile
    {
        var header = SF_INFO()
        let handle = try openHandle(file, mode: Int32(SFM_READ), header: &header, path: path,
                                    stage: .openForReading)
        let sndFile = SndFile(handle: handle, header: header)
        guard header.samplerate > 0, header.channels > 0 else {
            throw .notAudio(path: path, reason: "the header gives \(header.channels) channels"
                + " at \(header.samplerate) Hz")
        }
        // Already the default; set so the scaling does not depend on it. Returns the previous
        // setting, not an error code.
        sf_command(handle, Int32(SFC_SET_NORM_FLOAT), nil, Int32(SF_TRUE))
        return sndFile
    }

    /// Creates a `container` file of `sampleFormat` samples on `file`, with dithering off,
    /// clipping on for integer formats, and libsndfile's float scaling on.
    /// - Throws: `.unsupportedCombination` when libsndfile cannot write this format, `.io` for
    ///   system errors.
    static func create(
        writing file: borrowing FileDescriptor, path: String, container: AudioContainer,
        sampleFormat: AudioSampleFormat, sampleRate: Int32, channelCount: Int32
    ) throws(AudioFileError) -> SndFile {
        var header = SF_INFO()
        header.samplerate = sampleRate
        header.channels = channelCount
        header.format = container.sndFileCode | sampleFormat.sndFileCode
        let stage = SndFileStage.openForWriting(container, sampleFormat)
        guard sf_format_check(&header) == Int32(SF_TRUE) else {
            throw .unsupportedCombination(
                path: path, container: container, sampleFormat: sampleFormat,
                reason: "libsndfile rejects \(channelCount) channels of this format at"
                    + " \(sampleRate) Hz")
        }
        let handle = try openHandle(file, mode: Int32(SFM_WRITE), header: &header, path: path,
                                    stage: stage)
        let sndFile = SndFile(handle: handle, header: header)
        // cans quantises integer samples itself and writes them with sf_writef_int, so these
        // settings are a second line of defence, not the conversion: values at full scale clip
        // instead of wrapping (SFC_SET_CLIPPING), and no dither is added. The two set-a-flag
        // commands return the flag, not an error code, so only the dither command is checked.
        sf_command(handle, Int32(SFC_SET_NORM_FLOAT), nil, Int32(SF_TRUE))
        if sampleFormat.isInteger {
            sf_command(handle, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
        }
        var dither = SF_DITHER_INFO()
        dither.type = Int32(SFD_NO_DITHER)
        let code = sf_command(
            handle, Int32(SFC_SET_DITHER_ON_WRITE), &dither,
            Int32(MemoryLayout<SF_DITHER_INFO>.size))
        try check(code, reason: message(handle), path: path, stage: .configuring)
        return sndFile
    }

    private static func openHandle(
        _ file: borrowing FileDescriptor, mode: Int32, header: inout SF_INFO, path: String,
        stage: SndFileStage
    ) throws(AudioFileError) -> OpaquePointer {
        let descriptor: Int32
        do throws(SystemError) {
            descriptor = try file.duplicate()
        } catch {
            throw .io(path: path, operation: stage.operation, reason: error.reason)
        }
        var failure: (code: Int32, reason: String) = (0, "")
        let handle = openLock.withLock { _ -> OpaquePointer? in
            guard let handle = sf_open_fd(descriptor, mode, &header, Int32(SF_TRUE)) else {
                failure = (sf_error(nil), message(nil))
                return nil
            }
            return handle
        }
        guard let handle else {
            let code = failure.code == 0 ? Int32(SF_ERR_UNRECOGNISED_FORMAT) : failure.code
            try check(code, reason: failure.reason, path: path, stage: stage)
            throw .io(path: path, operation: stage.operation, reason: failure.reason)
        }
        return handle
    }

    /// The format as the header states it.
    var info: AudioFileInfo {
        let major = header.format & Int32(SF_FORMAT_TYPEMASK)
        let subtype = header.format & Int32(SF_FORMAT_SUBMASK)
        let names = [major, subtype].map { formatName($0) ?? String(format16: $0) }
        return AudioFileInfo(
            container: AudioContainer(sndFileCode: major),
            sampleFormat: AudioSampleFormat(sndFileCode: subtype),
            formatDescription: names.joined(separator: ", "),
            sampleRate: Double(header.samplerate),
            channelCount: Int(header.channels),
            frameCount: Int(max(header.frames, 0)))
    }

    /// Whether the header states the length; a FLAC stream may leave it open (total samples 0),
    /// which libsndfile reports as SF_COUNT_MAX frames.
    var lengthIsKnown: Bool { header.frames != sf_count_t(Int64.max) }

    /// Counts the frames by decoding them all, for a header that does not state its length.
    borrowing func countFrames(path: String) throws(AudioFileError) -> Int {
        let chunkFrames = 16_384
        var scratch = [Float](repeating: 0, count: chunkFrames * Int(header.channels))
        var total = 0
        while true {
            let frames = scratch.withUnsafeMutableBufferPointer {
                Int(sf_readf_float(handle, $0.baseAddress, sf_count_t(chunkFrames)))
            }
            try check(sf_error(handle), reason: message(handle), path: path, stage: .reading)
            guard frames > 0 else { return total }
            total += frames
        }
    }

    /// Reads every frame, as planar float (sf_readf_float, integer formats scaled to +-1.0), or
    /// returns nil as soon as there are more than `maximumFrames`.
    /// - Throws: `.io` when libsndfile reports an error part-way.
    borrowing func readAll(path: String, maximumFrames: Int = .max) throws(AudioFileError) -> [[Float]]? {
        let channelCount = Int(header.channels)
        let chunkFrames = 16_384
        var channels = [[Float]](repeating: [], count: channelCount)
        // A damaged header may claim anything, so it is only a hint, and a bounded one.
        let expectedFrames = min(info.frameCount, 1 << 22)
        for index in channels.indices { channels[index].reserveCapacity(expectedFrames) }
        var scratch = [Float](repeating: 0, count: chunkFrames * channelCount)
        while true {
            let frames = scratch.withUnsafeMutableBufferPointer {
                Int(sf_readf_float(handle, $0.baseAddress, sf_count_t(chunkFrames)))
            }
            try check(sf_error(handle), reason: message(handle), path: path, stage: .reading)
            guard frames > 0 else { break }
            if (channels.first?.count ?? 0) + frames > maximumFrames { return nil }
            scratch.withUnsafeBufferPointer { interleaved in
                for channel in 0..<channelCount {
                    channels[channel].append(
                        contentsOf: stride(from: channel, to: frames * channelCount,
                                           by: channelCount).lazy.map { interleaved[$0] })
                }
            }
        }
        return channels
    }

    /// Writes interleaved integer frames at 32-bit scale (sf_writef_int: a 16-bit file keeps the
    /// top 16 bits, a 24-bit file the top 24).
    borrowing func write(interleaved samples: UnsafeBufferPointer<Int32>, frames: Int, path: String)
        throws(AudioFileError)
    {
        let written = Int(sf_writef_int(handle, samples.baseAddress, sf_count_t(frames)))
        try checkWritten(written, of: frames, path: path)
    }

    /// Writes interleaved float frames (sf_writef_float).
    borrowing func write(interleaved samples: UnsafeBufferPointer<Float>, frames: Int, path: String)
        throws(AudioFileError)
    {
        let written = Int(sf_writef_float(handle, samples.baseAddress, sf_count_t(frames)))
        try checkWritten(written, of: frames, path: path)
    }

    private borrowing func checkWritten(_ written: Int, of frames: Int, path: String)
        throws(AudioFileError)
    {
        guard written != frames else { return }
        let code = sf_error(handle)
        try check(code == 0 ? Int32(SF_ERR_SYSTEM) : code,
                  reason: code == 0 ? "wrote \(written) of \(frames) frames" : message(handle),
                  path: path, stage: .writing)
    }

    /// Writes the header now (SFC_UPDATE_HEADER_NOW). libsndfile starts its FLAC encoder at the
    /// first write, so a FLAC file with no frames would otherwise stay 0 bytes long.
    borrowing func writeHeaderNow(path: String) throws(AudioFileError) {
        let code = sf_command(handle, Int32(SFC_UPDATE_HEADER_NOW), nil, 0)
        try check(code, reason: message(handle), path: path, stage: .writing)
    }

    /// Finishes the file (headers, FLAC stream info) and closes the handle, reporting failure.
    consuming func close(path: String) throws(AudioFileError) {
        let handle = self.handle
        discard self
        let code = sf_close(handle)
        try check(code, reason: String(cString: sf_error_number(code)), path: path, stage: .closing)
    }
}

/// libsndfile's name for a format code (SFC_GET_FORMAT_INFO), such as "WAV (Microsoft)".
private func formatName(_ code: Int32) -> String? {
    var info = SF_FORMAT_INFO()
    info.format = code
    let result = sf_command(nil, Int32(SFC_GET_FORMAT_INFO), &info,
                            Int32(MemoryLayout<SF_FORMAT_INFO>.size))
    guard result == 0, let name = info.name else { return nil }
    return String(cString: name)
}

extension String {
    fileprivate init(format16 code: Int32) {
        self = "format 0x" + String(code, radix: 16)
    }
}

extension AudioContainer {
    fileprivate var sndFileCode: Int32 {
        switch self {
        case .wav: return Int32(SF_FORMAT_WAV)
        case .flac: return Int32(SF_FORMAT_FLAC)
        case .aiff: return Int32(SF_FORMAT_AIFF)
        }
    }

    /// WAVE_FORMAT_EXTENSIBLE files (libsndfile's WAVEX) are WAV files too.
    fileprivate init?(sndFileCode: Int32) {
        switch sndFileCode {
        case Int32(SF_FORMAT_WAV), Int32(SF_FORMAT_WAVEX): self = .wav
        case Int32(SF_FORMAT_FLAC): self = .flac
        case Int32(SF_FORMAT_AIFF): self = .aiff
        default: return nil
        }
    }
}

extension AudioSampleFormat {
    fileprivate var sndFileCode: Int32 {
        switch self {
        case .int16: return Int32(SF_FORMAT_PCM_16)
        case .int24: return Int32(SF_FORMAT_PCM_24)
        case .int32: return Int32(SF_FORMAT_PCM_32)
        case .float32: return Int32(SF_FORMAT_FLOAT)
        }
    }

    fileprivate init?(sndFileCode: Int32) {
        switch sndFileCode {
        case Int32(SF_FORMAT_PCM_16): self = .int16
        case Int32(SF_FORMAT_PCM_24): self = .int24
        case Int32(SF_FORMAT_PCM_32): self = .int32
        case Int32(SF_FORMAT_FLOAT): self = .float32
        default: return nil
        }
    }
}
