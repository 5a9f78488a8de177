import CansAudio
import CansCore
import Foundation
import Testing

@Suite("Writing audio files")
struct AudioFileWriteTests {
    static let integerFormats = FileFormat.all.filter { $0.sampleFormat.isInteger }
    static let floatFormats = FileFormat.all.filter { !$0.sampleFormat.isInteger }

    @Test("integer formats clip beyond full scale and count the clipped samples",
          arguments: integerFormats)
    func clipping(format: FileFormat) throws {
        let samples: [Float] = [1.5, -1.2, 0.5, 1.0, -1.0, 2.0, 0.25, -0.75]
        let step = Float(1) / Float(1 << (format.sampleFormat.bitDepth - 1))
        let largest = 1 - step  // the largest code, one step below +1.0
        let expected: [Float] = [largest, -1, 0.5, largest, -1, largest, 0.25, -0.75]
        try withTemporaryDirectory { directory throws in
            let path = directory + "/clipped." + format.fileExtension
            let report = try AudioFile.write(
                AudioBuffer(sampleRate: 48000, channels: [samples]), to: path,
                container: format.container, sampleFormat: format.sampleFormat)
            #expect(report.clippedSampleCount == 3)
            let buffer = try AudioFile.read(path: path)
            #expect(maximumDifference(buffer.channels[0], expected) <= format.tolerance)
        }
    }

    @Test("float formats keep values beyond full scale", arguments: floatFormats)
    func floatKeepsOverload(format: FileFormat) throws {
        let samples: [Float] = [1.5, -3.25, 0.5, 1.0, 1e-30, -0.0, 100]
        try withTemporaryDirectory { directory throws in
            let path = directory + "/loud." + format.fileExtension
            let report = try AudioFile.write(
                AudioBuffer(sampleRate: 44100, channels: [samples, samples.reversed()]), to: path,
                container: format.container, sampleFormat: .float32)
            #expect(report.clippedSampleCount == 0)
            let buffer = try AudioFile.read(path: path)
            #expect(buffer.channels == [samples, samples.reversed()])
        }
    }

    /// libsndfile's own float-to-24-bit path truncates; cans must round to the nearest step.
    @Test("integer formats round to the nearest step", arguments: integerFormats)
    func rounding(format: FileFormat) throws {
        let bits = format.sampleFormat.bitDepth
        guard bits <= 24 else { return }  // 32-bit steps are finer than float resolution here
        let step = Float(1) / Float(1 << (bits - 1))
        let codes: [(written: Float, expected: Float)] = [
            (1000.75, 1001), (-1000.75, -1001), (1000.25, 1000), (-1000.25, -1000),
            (1000.5, 1000), (1001.5, 1002), (0.75, 1), (-0.75, -1),
        ]
        try withTemporaryDirectory { directory throws in
            let path = directory + "/rounding." + format.fileExtension
            try AudioFile.write(
                AudioBuffer(sampleRate: 48000, channels: [codes.map { $0.written * step }]),
                to: path, container: format.container, sampleFormat: format.sampleFormat)
            let read = try AudioFile.read(path: path).channels[0].map { $0 / step }
            #expect(read == codes.map(\.expected))
        }
    }

    @Test("the same input gives the same bytes", arguments: FileFormat.all)
    func deterministic(format: FileFormat) throws {
        let buffer = testSignal(sampleRate: 48000, channelCount: 2, frameCount: 4800, peak: 1.2)
        try withTemporaryDirectory { directory throws in
            let first = directory + "/first." + format.fileExtension
            let second = directory + "/second." + format.fileExtension
            try AudioFile.write(buffer, to: first, container: format.container,
                                sampleFormat: format.sampleFormat)
            try AudioFile.write(buffer, to: second, container: format.container,
                                sampleFormat: format.sampleFormat)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
            #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: second))))
            // Two writes within a second would match even with a clock in the file, so check
            // the one place libsndfile puts one: the PEAK chunk's time stamp (after the version).
            if let peak = bytes.firstRange(of: Data("PEAK".utf8)) {
                let stamp = peak.lowerBound + 12
                #expect(bytes[stamp..<stamp + 4].allSatisfy { $0 == 0 })
            }
            // No INFO strings (software name, creation date).
            #expect(bytes.firstRange(of: Data("LIST".utf8)) == nil)
        }
    }

    @Test("float WAV and AIFF keep a PEAK chunk with the peak value", arguments: floatFormats)
    func peakChunkKept(format: FileFormat) throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/peak." + format.fileExtension
            try AudioFile.write(AudioBuffer(sampleRate: 48000, channels: [[0.1, -1.5, 0.2]]),
                                to: path, container: format.container, sampleFormat: .float32)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let peak = try #require(bytes.firstRange(of: Data("PEAK".utf8)))
            // version, time stamp, then channel 0's peak as a float in the file's byte order.
            let valueBytes = Array(bytes[peak.lowerBound + 16..<peak.lowerBound + 20])
            let bits = format.container == .wav
                ? valueBytes.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                : valueBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(Float(bitPattern: bits) == 1.5)
        }
    }

    @Test("an existing file is kept unless overwrite is true")
    func overwriteRules() throws {
        let old = testSignal(sampleRate: 48000, channelCount: 1, frameCount: 480, seed: 1)
        let new = testSignal(sampleRate: 48000, channelCount: 2, frameCount: 960, seed: 2)
        try withTemporaryDirectory { directory throws in
            let path = directory + "/take.wav"
            try AudioFile.write(old, to: path, container: .wav, sampleFormat: .float32)
            let oldBytes = try Data(contentsOf: URL(fileURLWithPath: path))

            #expect(throws: AudioFileError.fileExists(path: path)) {
                try AudioFile.write(new, to: path, container: .wav, sampleFormat: .float32)
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == oldBytes)
            #expect(try directoryListing(directory) == ["take.wav"])

            try AudioFile.write(new, to: path, container: .wav, sampleFormat: .float32,
                                overwrite: true)
            #expect(try AudioFile.read(path: path) == new)
            #expect(try directoryListing(directory) == ["take.wav"])
        }
    }
}
