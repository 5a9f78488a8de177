/// Checks libsndfile leaves to the caller: a file cut short, samples that are not numbers.
///
/// libsndfile reads a RIFF WAVE or AIFF file whose data chunk is shorter than its header says
/// as if it ended there (it only logs the mismatch); a copy that did not finish or a recording
/// that stopped would pass as a short, good one. Float formats can hold NaN and infinities,
/// which every later step would spread. Both are refused with `.damaged`.
enum AudioFileIntegrity {
    /// Streaming writers (ffmpeg to a pipe, some recorders) leave the size open: 0 or all ones.
    private static let openSizes: Set<UInt32> = [0, .max]

    /// Throws `.damaged` when the header of the RIFF WAVE or AIFF file in `file` promises more
    /// audio bytes than the file holds (RIFF: Microsoft/IBM 1991 multimedia spec; AIFF: Apple
    /// 1989, chunk sizes big-endian). Other containers are left to libsndfile.
    static func verifyComplete(_ file: borrowing FileDescriptor, byteCount: Int, path: String) throws(AudioFileError) {
        guard let header = try? file.read(count: 12, at: 0), header.count == 12 else { return }
        let form = String(decoding: header[0..<4], as: UTF8.self), kind = String(decoding: header[8..<12], as: UTF8.self)
        let bigEndian: Bool, dataID: String
        switch (form, kind) {
        case ("RIFF", "WAVE"): (bigEndian, dataID) = (false, "data")
        case ("FORM", "AIFF"), ("FORM", "AIFC"): (bigEndian, dataID) = (true, "SSND")
        default: return
        }
        var offset = 12
        for _ in 0..<64 {
            guard let chunk = try? file.read(count: 8, at: offset), chunk.count == 8 else { return }
            let sizeBytes = chunk[4..<8].map(UInt32.init)
            let size = bigEndian
                ? sizeBytes[0] << 24 | sizeBytes[1] << 16 | sizeBytes[2] << 8 | sizeBytes[3]
                : sizeBytes[3] << 24 | sizeBytes[2] << 16 | sizeBytes[1] << 8 | sizeBytes[0]
            if String(decoding: chunk[0..<4], as: UTF8.self) == dataID {
                let available = byteCount - offset - 8
                guard !openSizes.contains(size), Int(size) > available else { return }
                throw .damaged(path: path, reason: "cut short: its header promises \(size) bytes of audio, the file holds \(available)")
            }
            offset += 8 + Int(size) + Int(size & 1)
        }
    }

    /// Throws `.damaged` naming the first sample that is NaN or infinite (channel and frame from 0).
    static func verifyFinite(_ channels: [[Float]], path: String) throws(AudioFileError) {
        for (channel, samples) in channels.enumerated() {
            if let frame = samples.firstIndex(where: { !$0.isFinite }) {
                throw .damaged(path: path, reason: "channel \(channel) frame \(frame) is NaN or infinite")
            }
        }
    }
}
