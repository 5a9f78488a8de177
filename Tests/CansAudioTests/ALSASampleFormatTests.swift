import CansDSP
import Testing
@testable import CansAudio

/// The conversions between planar Float and the bytes ALSA devices take, without a device.
@Suite("ALSA sample formats")
struct ALSASampleFormatTests {
    static func encode(_ channels: [[Float]], as format: ALSASampleFormat) -> [UInt8] {
        let frames = channels.first?.count ?? 0
        var bytes = [UInt8](repeating: 0xAA, count: frames * channels.count * format.bytesPerSample)
        bytes.withUnsafeMutableBytes { format.encode(channels, start: 0, frameCount: frames, into: $0) }
        return bytes
    }

    static func decode(_ bytes: [UInt8], as format: ALSASampleFormat, channels: Int) -> [[Float]] {
        let frames = bytes.count / (channels * format.bytesPerSample)
        return bytes.withUnsafeBytes { format.decode($0, channelCount: channels, frameCount: frames) }
    }

    @Test("names parse with or without LE, in any case")
    func names() {
        #expect(ALSASampleFormat(name: "S16_LE") == .s16)
        #expect(ALSASampleFormat(name: "s16") == .s16)
        #expect(ALSASampleFormat(name: "S24_3LE") == .s24Packed)
        #expect(ALSASampleFormat(name: "s24_3") == .s24Packed)
        #expect(ALSASampleFormat(name: "s24") == .s24)
        #expect(ALSASampleFormat(name: "float") == .float)
        #expect(ALSASampleFormat(name: "FLOAT_LE") == .float)
        #expect(ALSASampleFormat(name: "S32_BE") == nil)
        #expect(ALSASampleFormat(name: "U8") == nil)
        #expect(ALSASampleFormat.preferenceOrder == [.float, .s32, .s24, .s24Packed, .s16])
        #expect(ALSASampleFormat.allCases.map(\.bytesPerSample) == [2, 4, 3, 4, 4])
    }

    @Test("known values: scaled by 2^(bits-1), little-endian, clipped at full scale")
    func knownCodes() {
        // 0.5, -1, full scale and beyond, and the smallest negative step.
        let s16 = Self.encode([[0.5, -1, 1, 2, -1.0 / 32_768]], as: .s16)
        #expect(s16 == [0x00, 0x40, 0x00, 0x80, 0xFF, 0x7F, 0xFF, 0x7F, 0xFF, 0xFF])
        let s24 = Self.encode([[0.5, -1.0 / 8_388_608, -3]], as: .s24)
        #expect(s24 == [0x00, 0x00, 0x40, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x80, 0xFF])
        let packed = Self.encode([[0.5, -1.0 / 8_388_608, 1]], as: .s24Packed)
        #expect(packed == [0x00, 0x00, 0x40, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        let s32 = Self.encode([[0.5, -1, 1]], as: .s32)
        #expect(s32 == [0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0xFF, 0x7F])
        let float = Self.encode([[0.25, 1.5, -7]], as: .float)
        #expect(Self.decode(float, as: .float, channels: 1) == [[0.25, 1, -1]])
        #expect(Array(float[0..<4]) == [0x00, 0x00, 0x80, 0x3E])  // 0.25f
    }

    @Test("frames are interleaved channel by channel, and read back into the same channels")
    func interleaving() {
        let channels: [[Float]] = [[0.5, -0.5], [0.25, -0.25], [0, 0.125]]
        let bytes = Self.encode(channels, as: .s16)
        #expect(bytes == [0x00, 0x40, 0x00, 0x20, 0x00, 0x00, 0x00, 0xC0, 0x00, 0xE0, 0x00, 0x10])
        #expect(Self.decode(bytes, as: .s16, channels: 3) == channels)
    }

    @Test("S24_LE ignores the unused top byte when reading")
    func s24TopByte() {
        let bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x40, 0x7F]
        #expect(Self.decode(bytes, as: .s24, channels: 1) == [[-1.0 / 8_388_608, 0.5]])
    }

    /// Float holds 24 bits exactly, so every S16 and S24 code comes back; S32 keeps its top 24.
    @Test("S16 and S24 codes survive decode then encode unchanged", arguments: [ALSASampleFormat.s16, .s24, .s24Packed])
    func codeRoundTrip(format: ALSASampleFormat) {
        var random = SeededRandom(seed: 61_260)
        let width = format.bytesPerSample
        var bytes = [UInt8]()
        for _ in 0..<4_000 {
            let value = UInt32(truncatingIfNeeded: random.next())
            for index in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(index)))) }
            // S24_LE: cans writes the sign into the unused top byte.
            if format == .s24 { bytes[bytes.count - 1] = bytes[bytes.count - 2] & 0x80 == 0 ? 0x00 : 0xFF }
        }
        let extremes: [ALSASampleFormat: [UInt8]] = [
            .s16: [0x00, 0x80, 0xFF, 0x7F],
            .s24: [0x00, 0x00, 0x80, 0xFF, 0xFF, 0xFF, 0x7F, 0x00],
            .s24Packed: [0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F],
        ]
        bytes += extremes[format] ?? []
        let decoded = Self.decode(bytes, as: format, channels: 2)
        #expect(Self.encode(decoded, as: format) == bytes)
        #expect(decoded.joined().min() == -1)
    }

    @Test("floats come back within half a step", arguments: [ALSASampleFormat.s16, .s24, .s24Packed, .s32, .float])
    func floatRoundTrip(format: ALSASampleFormat) {
        var random = SeededRandom(seed: 2_015)
        let samples = (0..<10_000).map { _ in Float(random.nextUniform() * 2 - 1) }
        let decoded = Self.decode(Self.encode([samples], as: format), as: format, channels: 1)[0]
        let step = format == .float ? 0 : Double(sign: .plus, exponent: -(format.bitDepth - 1), significand: 1)
        let worst = zip(samples, decoded).map { abs(Double($0) - Double($1)) }.max() ?? 0
        // Half a step, and Float's own rounding of the 24- and 32-bit codes.
        #expect(worst <= step / 2 + Double(Float.ulpOfOne) / 2)
    }
}
