import CansCore
import Foundation
import Testing
@testable import CansAudio

/// Audio larger than `AudioFile.maximumSamples` is refused, from its header, before any sample
/// is read.
@Suite struct AudioFileLimitTests {
    /// A canonical 44-byte WAV header (RIFF, fmt PCM, data) claiming `dataBytes` of 16-bit audio.
    static func wavHeader(dataBytes: UInt32, channels: UInt16, sampleRate: UInt32) -> [UInt8] {
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        let blockAlign = channels * 2
        return Array("RIFF".utf8) + le32(36 + dataBytes) + Array("WAVEfmt ".utf8) + le32(16) + le16(1) + le16(channels)
            + le32(sampleRate) + le32(sampleRate * UInt32(blockAlign)) + le16(blockAlign) + le16(16)
            + Array("data".utf8) + le32(dataBytes)
    }

    @Test func aTwoGigabyteWAVIsRefusedFromItsHeader() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/long.wav"
            let dataBytes: UInt32 = 2_000_000_000  // 2 GB of 16-bit stereo: 500 million frames, 2.9 hours
            _ = FileManager.default.createFile(
                atPath: path, contents: Data(Self.wavHeader(dataBytes: dataBytes, channels: 2, sampleRate: 48_000)))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: 44 + UInt64(dataBytes))  // sparse: costs no disk
            try handle.close()
            #expect(try AudioFile.info(path: path).frameCount == 500_000_000)
            do {
                _ = try AudioFile.read(path: path)
                Issue.record("a 2 GB WAV was loaded")
            } catch let error as AudioFileError {
                #expect(error == .tooLong(path: path, frames: 500_000_000, channelCount: 2, maximumSamples: 1 << 28))
                #expect(error.description.hasPrefix("\(path): the audio is too long to load: 500000000 frames x 2 channel(s)"))
                #expect(error.description.contains("limit is 268435456 samples (1024 MiB"))
            }
        }
    }

    @Test func theLimitCountsFramesTimesChannelsExactly() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/short.wav"
            let buffer = testSignal(sampleRate: 48_000, channelCount: 2, frameCount: 1000)
            try AudioFile.write(buffer, to: path, container: .wav, sampleFormat: .float32)
            let (read, info) = try AudioFile.readWithInfo(path: path, maximumSamples: 2000)
            #expect(info.frameCount == 1000 && read.channels == buffer.channels)
            #expect(throws: AudioFileError.tooLong(path: path, frames: 1000, channelCount: 2, maximumSamples: 1999)) {
                _ = try AudioFile.readWithInfo(path: path, maximumSamples: 1999)
            }
        }
    }
}
