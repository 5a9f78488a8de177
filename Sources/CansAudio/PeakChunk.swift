/// The PEAK chunk libsndfile adds to float WAV and AIFF files, made independent of the clock.
///
/// A PEAK chunk (version 1) holds a version, the time it was written (seconds since 1970) and,
/// per channel, the peak value and the frame where it occurs. That time stamp is the only part
/// of libsndfile's output that changes between two writes of the same audio, so cans sets it to
/// 0 after libsndfile has closed the file. The chunk stays: readers use it as a quick peak meter.
///
/// Why not turn the chunk off (SFC_SET_ADD_PEAK_CHUNK false)? libsndfile 1.2.0 has already
/// written the header with the chunk when the command can be sent; for AIFF the shorter header
/// written at close then leaves stale bytes at the end that count as extra frames when there is
/// less audio than the chunk is long (a 3-frame stereo float AIFF reads back as 4 frames).
enum PeakChunk {
    /// Zeroes the time stamp of the first PEAK chunk in a RIFF/WAVE or FORM/AIFF(-C) file;
    /// leaves any other file, or one without the chunk, as it is.
    /// - Throws: `.io` when the file cannot be read or written.
    static func clearTimestamp(in file: borrowing FileDescriptor, path: String)
        throws(AudioFileError)
    {
        do throws(SystemError) {
            try clear(file)
        } catch {
            throw .io(path: path, operation: "clearing the PEAK chunk's time stamp",
                      reason: error.reason)
        }
    }

    private static func clear(_ file: borrowing FileDescriptor) throws(SystemError) {
        let fileSize = try file.status().byteCount
        let head = try file.read(count: 12, at: 0)
        guard head.count == 12 else { return }
        let littleEndian: Bool
        switch (ascii(head[0..<4]), ascii(head[8..<12])) {
        case ("RIFF", "WAVE"): littleEndian = true
        case ("FORM", "AIFF"), ("FORM", "AIFC"): littleEndian = false
        default: return
        }
        // Chunks: a 4-byte id, a 4-byte size, then `size` bytes padded to an even length.
        var offset = 12
        for _ in 0..<64 {
            let chunkHeader = try file.read(count: 8, at: offset)
            guard chunkHeader.count == 8 else { return }
            let size = uint32(chunkHeader[4..<8], littleEndian: littleEndian)
            if ascii(chunkHeader[0..<4]) == "PEAK" {
                // version (4 bytes), then the time stamp (4 bytes).
                guard size >= 8, offset + 16 <= fileSize else { return }
                try file.write([0, 0, 0, 0], at: offset + 12)
                return
            }
            offset += 8 + size + (size & 1)
            guard offset < fileSize else { return }
        }
    }

    private static func ascii(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    private static func uint32(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> Int {
        let ordered = littleEndian ? Array(bytes.reversed()) : Array(bytes)
        return ordered.reduce(0) { $0 << 8 | Int($1) }
    }
}
