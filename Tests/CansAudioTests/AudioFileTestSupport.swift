import CansAudio
import CansCore
import CansDSP
import Foundation
import Testing

/// Runs `body` with a fresh directory (system temporary directory + UUID), removed afterwards.
@discardableResult
func withTemporaryDirectory<Result>(_ body: (String) throws -> Result) throws -> Result {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("cans-audio-tests-" + UUID().uuidString, isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

/// Names in `directory`, hidden ones included, sorted.
func directoryListing(_ directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
}

/// Per channel: an exponential sine sweep (Farina 2000) starting at a different frequency on
/// each channel, plus uniform noise from a seeded generator, scaled to a peak of exactly `peak`.
func testSignal(
    sampleRate: Double, channelCount: Int, frameCount: Int, seed: UInt64 = 2024, peak: Float = 0.9
) -> AudioBuffer {
    var random = SeededRandom(seed: seed)
    let duration = Double(frameCount) / sampleRate
    let channels = (0..<channelCount).map { channel -> [Float] in
        let startHz = 60.0 * Double(channel + 1) + 17.0 * Double(channel * channel)
        let endHz = min(0.45 * sampleRate, 9000.0 + 1500.0 * Double(channel))
        let rate = log(endHz / startHz)
        var samples = (0..<frameCount).map { frame -> Float in
            let t = Double(frame) / sampleRate
            let phase = 2 * Double.pi * startHz * duration / rate * (exp(t / duration * rate) - 1)
            let noise = Double.random(in: -1...1, using: &random)
            return Float(0.8 * sin(phase + Double(channel)) + 0.2 * noise)
        }
        let maximum = samples.map(abs).max() ?? 1
        samples = samples.map { $0 / maximum * peak }
        return samples
    }
    return AudioBuffer(sampleRate: sampleRate, channels: channels)
}

/// The largest |a - b| over equal-length channels.
func maximumDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count)
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// One container and sample format, with the round-trip tolerance its quantisation allows.
struct FileFormat: Sendable, CustomTestStringConvertible {
    let container: AudioContainer
    let sampleFormat: AudioSampleFormat

    var fileExtension: String { container.rawValue }

    /// 16-bit: one step; 24-bit: one step plus 1 %; 32-bit integer and float: 1e-7.
    var tolerance: Float {
        switch sampleFormat {
        case .int16: return 1.0 / 32768
        case .int24: return 1.0 / 8_388_608 * 1.01
        case .int32, .float32: return 1e-7
        }
    }

    var testDescription: String { "\(container) \(sampleFormat)" }

    /// Every combination libsndfile writes: WAV and AIFF 16/24/32/float, FLAC 16/24.
    static let all: [FileFormat] = AudioContainer.allCases.flatMap { container in
        container.supportedSampleFormats.map { FileFormat(container: container, sampleFormat: $0) }
    }
}
