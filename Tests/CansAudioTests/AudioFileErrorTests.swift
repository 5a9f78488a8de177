import CansAudio
import CansCore
import Foundation
import Testing

@Suite("Audio file errors")
struct AudioFileErrorTests {
    @Test("a missing file is .fileNotFound naming the path")
    func missingFile() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/nowhere.wav"
            let missing = AudioFileError.fileNotFound(path: path)
            #expect(throws: missing) { try AudioFile.read(path: path) }
            #expect(throws: missing) { try AudioFile.info(path: path) }
            #expect(AudioFileError.fileNotFound(path: path).description.contains(path))
        }
    }

    @Test("a text file named .wav is .notAudio with libsndfile's reason")
    func textFile() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/notes.wav"
            try Data("Frequency,Raw\n20,0.0\n100,1.5\n".utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: AudioFileError.self) { try AudioFile.read(path: path) }
            guard case let .notAudio(errorPath, reason)? = error else {
                Issue.record("expected .notAudio, got \(String(describing: error))")
                return
            }
            #expect(errorPath == path)
            #expect(reason == "Format not recognised.")  // libsndfile 1.2's sf_strerror text
            #expect(error?.description.contains(path) == true)
            #expect(error?.description.contains(reason) == true)
        }
    }

    @Test("a zero-length file is .emptyFile")
    func zeroLengthFile() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/cut-off.flac"
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            #expect(throws: AudioFileError.emptyFile(path: path)) { try AudioFile.read(path: path) }
        }
    }

    @Test("a directory is .notAudio")
    func directoryAsFile() throws {
        try withTemporaryDirectory { directory throws in
            #expect(throws: AudioFileError.notAudio(path: directory, reason: "it is a directory")) {
                try AudioFile.read(path: directory)
            }
        }
    }

    @Test("FLAC refuses 32-bit and float samples and writes nothing",
          arguments: [AudioSampleFormat.int32, .float32])
    func flacSampleFormats(sampleFormat: AudioSampleFormat) throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/wide.flac"
            let buffer = testSignal(sampleRate: 48000, channelCount: 2, frameCount: 480)
            let error = #expect(throws: AudioFileError.self) {
                try AudioFile.write(buffer, to: path, container: .flac, sampleFormat: sampleFormat)
            }
            guard case let .unsupportedCombination(errorPath, container, format, _)? = error else {
                Issue.record("expected .unsupportedCombination, got \(String(describing: error))")
                return
            }
            #expect(errorPath == path)
            #expect(container == .flac)
            #expect(format == sampleFormat)
            #expect(error?.description.contains("int16, int24") == true)
            #expect(try directoryListing(directory).isEmpty)
        }
    }

    @Test("FLAC refuses more than 8 channels")
    func flacChannels() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/many.flac"
            let buffer = testSignal(sampleRate: 48000, channelCount: 9, frameCount: 48)
            #expect(throws: AudioFileError.unsupportedCombination(
                path: path, container: .flac, sampleFormat: .int24,
                reason: "FLAC holds at most 8 channels, got 9")) {
                try AudioFile.write(buffer, to: path, container: .flac, sampleFormat: .int24)
            }
            #expect(try directoryListing(directory).isEmpty)
        }
    }

    @Test("libsndfile's own refusals become .unsupportedCombination with its reason")
    func libsndfileRefusal() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/fast.flac"
            // FLAC stores rates up to 655350 Hz; libsndfile checks, cans does not.
            let buffer = AudioBuffer(sampleRate: 1_000_000, channels: [[0.1, 0.2]])
            let error = #expect(throws: AudioFileError.self) {
                try AudioFile.write(buffer, to: path, container: .flac, sampleFormat: .int16)
            }
            guard case let .unsupportedCombination(errorPath, _, _, reason)? = error else {
                Issue.record("expected .unsupportedCombination, got \(String(describing: error))")
                return
            }
            #expect(errorPath == path)
            #expect(reason.contains("sample rate"))
            #expect(try directoryListing(directory).isEmpty)
        }
    }

    @Test("a buffer without channels is .emptyBuffer")
    func emptyBuffer() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/nothing.wav"
            #expect(throws: AudioFileError.emptyBuffer(path: path)) {
                try AudioFile.write(AudioBuffer(sampleRate: 48000, channels: []), to: path,
                                    container: .wav, sampleFormat: .int16)
            }
            #expect(try directoryListing(directory).isEmpty)
        }
    }

    @Test("NaN and infinity are refused with their position")
    func nonFinite() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/nan.wav"
            let buffer = AudioBuffer(sampleRate: 48000, channels: [[0, 0, 0], [0, 0, .nan]])
            #expect(throws: AudioFileError.nonFiniteSample(path: path, channel: 1, frame: 2)) {
                try AudioFile.write(buffer, to: path, container: .wav, sampleFormat: .float32)
            }
            #expect(try directoryListing(directory).isEmpty)
        }
    }

    @Test("a fractional sample rate is .unsupportedSampleRate")
    func fractionalRate() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/drift.wav"
            let buffer = AudioBuffer(sampleRate: 44100.5, channels: [[0, 0]])
            let expected = AudioFileError.unsupportedSampleRate(path: path, sampleRateHz: 44100.5)
            #expect(throws: expected) {
                try AudioFile.write(buffer, to: path, container: .wav, sampleFormat: .int16)
            }
        }
    }

    @Test("a missing directory is .directoryNotFound naming it")
    func missingDirectory() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/not-made-yet/take.wav"
            #expect(throws: AudioFileError.directoryNotFound(
                path: path, directory: directory + "/not-made-yet")) {
                try AudioFile.write(AudioBuffer(sampleRate: 48000, channels: [[0]]), to: path,
                                    container: .wav, sampleFormat: .int16)
            }
        }
    }
}
