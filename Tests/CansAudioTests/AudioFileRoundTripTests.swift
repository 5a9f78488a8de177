import CansAudio
import CansCore
import Foundation
import Testing

@Suite("Audio file round trips")
struct AudioFileRoundTripTests {
    struct Layout: Sendable, CustomTestStringConvertible {
        let sampleRate: Double
        let channelCount: Int
        var testDescription: String { "\(Int(sampleRate)) Hz, \(channelCount) ch" }
    }

    static let layouts: [Layout] = [22050.0, 44100, 48000, 96000, 192000].flatMap { rate in
        [1, 2, 6].map { Layout(sampleRate: rate, channelCount: $0) }
    }

    @Test("a sweep plus noise reads back within the format's quantisation",
          arguments: FileFormat.all, layouts)
    func roundTrip(format: FileFormat, layout: Layout) throws {
        // 100 ms at every rate.
        let frameCount = Int(layout.sampleRate) / 10
        let original = testSignal(sampleRate: layout.sampleRate, channelCount: layout.channelCount,
                                  frameCount: frameCount)
        // The premise of the channel check below: channels differ by far more than a step.
        for channel in 1..<max(original.channelCount, 1) {
            let difference = maximumDifference(original.channels[channel - 1],
                                               original.channels[channel])
            #expect(difference > 0.1)
        }
        try withTemporaryDirectory { directory throws in
            let path = directory + "/signal." + format.fileExtension
            let report = try AudioFile.write(original, to: path, container: format.container,
                                             sampleFormat: format.sampleFormat)
            #expect(report.clippedSampleCount == 0)
            #expect(report.path == path)

            let (buffer, info) = try AudioFile.readWithInfo(path: path)
            #expect(buffer.sampleRate == layout.sampleRate)
            #expect(buffer.channelCount == layout.channelCount)
            #expect(buffer.frameCount == frameCount)
            #expect(info.container == format.container)
            #expect(info.sampleFormat == format.sampleFormat)
            #expect(info.frameCount == frameCount)
            #expect(report.info == info)
            // Channel by channel, so a swapped or shifted channel fails.
            for channel in 0..<min(buffer.channelCount, original.channelCount) {
                let error = maximumDifference(buffer.channels[channel], original.channels[channel])
                #expect(error <= format.tolerance, "channel \(channel): error \(error)")
            }
        }
    }

    @Test("tiny files keep their exact frame count", arguments: FileFormat.all)
    func tinyFiles(format: FileFormat) throws {
        try withTemporaryDirectory { directory throws in
            for (channelCount, frameCount) in [(1, 0), (2, 1), (2, 3), (6, 1), (1, 5)] {
                let original = testSignal(sampleRate: 48000, channelCount: channelCount,
                                          frameCount: frameCount)
                let path = directory + "/tiny-\(channelCount)-\(frameCount)." + format.fileExtension
                try AudioFile.write(original, to: path, container: format.container,
                                    sampleFormat: format.sampleFormat)
                let buffer = try AudioFile.read(path: path)
                #expect(buffer.channelCount == channelCount)
                #expect(buffer.frameCount == frameCount, "\(channelCount) ch, \(frameCount) frames")
                #expect(try AudioFile.info(path: path).frameCount == frameCount)
            }
        }
    }

    @Test("info(path:) reports the header without reading the audio")
    func infoOnly() throws {
        try withTemporaryDirectory { directory throws in
            let path = directory + "/stereo.flac"
            try AudioFile.write(testSignal(sampleRate: 96000, channelCount: 2, frameCount: 9600),
                                to: path, container: .flac, sampleFormat: .int24)
            let info = try AudioFile.info(path: path)
            #expect(info.container == .flac)
            #expect(info.sampleFormat == .int24)
            #expect(info.sampleRate == 96000)
            #expect(info.channelCount == 2)
            #expect(info.frameCount == 9600)
            #expect(info.durationSeconds == 0.1)
            #expect(info.formatDescription.contains("FLAC"))
            #expect(info.formatDescription.contains("24 bit"))
        }
    }
}
