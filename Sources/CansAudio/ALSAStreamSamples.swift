// Conversion between interleaved Float (full scale +-1.0) and device bytes for the streaming
// loop, into buffers allocated beforehand (the audio loop allocates nothing). The same
// conventions as `ALSASampleFormat.encode/decode`: integers round to the nearest code and clip
// at full scale, Float is clipped to +-1.0.
extension ALSASampleFormat {
    /// Encodes `samples` (interleaved, any count) into `bytes` (at least samples.count * bytesPerSample).
    func encodeInterleaved(_ samples: UnsafeBufferPointer<Float>, into bytes: UnsafeMutableRawBufferPointer) {
        let width = bytesPerSample
        precondition(bytes.count >= samples.count * width, "invariant: room for the samples")
        let scale = Double(1 << (bitDepth - 1))
        let highest = scale - 1
        for (index, sample) in samples.enumerated() {
            let bits: UInt32
            if self == .float {
                bits = min(max(sample.isNaN ? 0 : sample, -1), 1).bitPattern
            } else {
                let value = sample.isNaN ? 0 : Double(sample)
                let code = Int32(min(max((value * scale).rounded(), -scale), highest))
                bits = UInt32(bitPattern: code)
            }
            var offset = index * width
            for byte in 0..<width {
                bytes[offset] = UInt8(truncatingIfNeeded: bits >> (8 * UInt32(byte)))
                offset += 1
            }
        }
    }

    /// Decodes `bytes` into `samples` (interleaved, samples.count values).
    func decodeInterleaved(_ bytes: UnsafeRawBufferPointer, into samples: UnsafeMutableBufferPointer<Float>) {
        let width = bytesPerSample
        precondition(bytes.count >= samples.count * width, "invariant: the samples are there")
        let scale = 1 / Double(1 << (bitDepth - 1))
        for index in samples.indices {
            var bits: UInt32 = 0
            let offset = index * width
            for byte in 0..<width { bits |= UInt32(bytes[offset + byte]) << (8 * UInt32(byte)) }
            switch self {
            case .float: samples[index] = Float(bitPattern: bits)
            case .s16: samples[index] = Float(Double(Int16(truncatingIfNeeded: bits)) * scale)
            case .s24, .s24Packed: samples[index] = Float(Double(Int32(bitPattern: bits << 8) >> 8) * scale)
            case .s32: samples[index] = Float(Double(Int32(bitPattern: bits)) * scale)
            }
        }
    }
}
