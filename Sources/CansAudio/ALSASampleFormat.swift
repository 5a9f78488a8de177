/// The sample formats cans exchanges with ALSA devices (little-endian, signed or float), named as
/// ALSA names them (`aplay --dump-hw-params`, snd_pcm_format_name).
public enum ALSASampleFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// 16-bit integers in 2 bytes.
    case s16 = "S16_LE"
    /// 24-bit integers in the low 3 bytes of 4 (the usual form of 24-bit USB and PCI cards).
    case s24 = "S24_LE"
    /// 24-bit integers packed in 3 bytes.
    case s24Packed = "S24_3LE"
    /// 32-bit integers in 4 bytes.
    case s32 = "S32_LE"
    /// IEEE 754 32-bit float, full scale +-1.0.
    case float = "FLOAT_LE"

    /// The order in which cans picks a format when none is requested: the ones that carry the
    /// most of the device's resolution first. FLOAT and S32 hold a 24-bit converter exactly; a
    /// sound server (PulseAudio, PipeWire) mixes in float, so FLOAT skips one conversion there.
    public static let preferenceOrder: [ALSASampleFormat] = [.float, .s32, .s24, .s24Packed, .s16]

    /// Parses ALSA's names case-insensitively, with or without the `LE` ending: `S16_LE`, `s16`,
    /// `S24_3LE`, `s24_3`, `float`.
    public init?(name: String) {
        let upper = name.uppercased()
        guard let format = [upper, upper + "_LE", upper + "LE"].lazy.compactMap(ALSASampleFormat.init(rawValue:)).first
        else { return nil }
        self = format
    }

    public var description: String { rawValue }

    /// Bytes one sample takes in an interleaved frame.
    public var bytesPerSample: Int {
        switch self {
        case .s16: return 2
        case .s24Packed: return 3
        case .s24, .s32, .float: return 4
        }
    }

    /// Significant bits of one sample.
    public var bitDepth: Int {
        switch self {
        case .s16: return 16
        case .s24, .s24Packed: return 24
        case .s32, .float: return 32
        }
    }
}

// Conversion between planar Float (full scale +-1.0) and interleaved little-endian device bytes.
// Integers use the same convention as the audio files (`PCMQuantizer`): written as round(x 2^(b-1))
// clipped to [-2^(b-1), 2^(b-1) - 1], read back as code / 2^(b-1), so a round trip is exact for
// codes and off by at most half a step for floats inside full scale. FLOAT is clipped to +-1.0 too:
// what leaves for a device is never beyond its full scale.
extension ALSASampleFormat {
    /// `frameCount` frames of `channels` (planar, equal lengths) from frame `start`, interleaved
    /// into `destination` (at least frameCount * channels.count * bytesPerSample bytes).
    /// Samples must be finite (the rig checks before converting).
    func encode(
        _ channels: [[Float]], start: Int, frameCount: Int, into destination: UnsafeMutableRawBufferPointer
    ) {
        let channelCount = channels.count, width = bytesPerSample
        precondition(destination.count >= frameCount * channelCount * width, "invariant: room for the frames")
        let quantizer = self == .float ? nil : PCMQuantizer(bitDepth: bitDepth)
        for (channelIndex, channel) in channels.enumerated() {
            var offset = channelIndex * width
            let step = channelCount * width
            for frame in start..<(start + frameCount) {
                let sample = channel[frame]
                let bits: UInt32
                if let quantizer {
                    // The code at 32-bit scale, moved down to its width (arithmetic shift).
                    bits = UInt32(bitPattern: quantizer.code(sample) >> Int32(32 - bitDepth))
                } else {
                    bits = min(max(sample, -1), 1).bitPattern
                }
                destination.storeLittleEndian(bits, bytes: width, at: offset)
                offset += step
            }
        }
    }

    /// Interleaved device bytes back to planar Float: `frameCount` frames of `channelCount`.
    func decode(_ source: UnsafeRawBufferPointer, channelCount: Int, frameCount: Int) -> [[Float]] {
        let width = bytesPerSample
        precondition(source.count >= frameCount * channelCount * width, "invariant: the frames are there")
        let scale = Float(sign: .plus, exponent: -(bitDepth - 1), significand: 1)
        var channels = [[Float]]()
        channels.reserveCapacity(channelCount)
        for channelIndex in 0..<channelCount {
            var samples = [Float](repeating: 0, count: frameCount)
            var offset = channelIndex * width
            let step = channelCount * width
            for frame in 0..<frameCount {
                let bits = source.loadLittleEndian(bytes: width, at: offset)
                switch self {
                case .float:
                    samples[frame] = Float(bitPattern: bits)
                case .s16:
                    samples[frame] = Float(Int16(truncatingIfNeeded: bits)) * scale
                case .s24, .s24Packed:
                    // Sign-extend the low 24 bits (S24_LE leaves the top byte unspecified).
                    samples[frame] = Float(Int32(bitPattern: bits << 8) >> 8) * scale
                case .s32:
                    // Through Double: Float(Int32) would round before the scaling.
                    samples[frame] = Float(Double(Int32(bitPattern: bits)) / 2_147_483_648)
                }
                offset += step
            }
            channels.append(samples)
        }
        return channels
    }
}

extension UnsafeMutableRawBufferPointer {
    @inline(__always)
    fileprivate func storeLittleEndian(_ value: UInt32, bytes: Int, at offset: Int) {
        for index in 0..<bytes {
            self[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index)))
        }
    }
}

extension UnsafeRawBufferPointer {
    @inline(__always)
    fileprivate func loadLittleEndian(bytes: Int, at offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<bytes {
            value |= UInt32(self[offset + index]) << (8 * UInt32(index))
        }
        return value
    }
}
