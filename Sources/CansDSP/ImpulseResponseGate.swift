import Foundation

/// A time window around an impulse response's onset, with half-Hann tapers.
///
/// A headphone on a coupler has no room, so its impulse response is short: gating from a little
/// before the onset to some tens of milliseconds after removes noise and the harmonics' responses
/// without touching the headphone's own. The gate length sets the lowest frequency that is
/// resolved, about 1 / (left + right) Hz.
public struct ImpulseResponseGate: Sendable, Equatable, Codable {
    /// Seconds kept before the onset; the whole left part is a rising half-Hann taper.
    public let leftSeconds: Double
    /// Seconds kept from the onset on.
    public let rightSeconds: Double
    /// Fraction (0-1) of the right part, at its end, that is a falling half-Hann taper.
    public let rightTaperFraction: Double

    /// - Throws: `GateError` when a length is negative, not finite or the right part is zero.
    public init(leftSeconds: Double = 0.001, rightSeconds: Double = 0.5, rightTaperFraction: Double = 0.25) throws {
        guard leftSeconds.isFinite, leftSeconds >= 0, leftSeconds <= 1 else {
            throw GateError(problem: "left gate \(leftSeconds) s must be between 0 and 1 s")
        }
        guard rightSeconds.isFinite, rightSeconds > 0, rightSeconds <= 10 else {
            throw GateError(problem: "right gate \(rightSeconds) s must be above 0 and at most 10 s")
        }
        guard rightTaperFraction.isFinite, (0...1).contains(rightTaperFraction) else {
            throw GateError(problem: "taper fraction \(rightTaperFraction) must be between 0 and 1")
        }
        self.leftSeconds = leftSeconds
        self.rightSeconds = rightSeconds
        self.rightTaperFraction = rightTaperFraction
    }

    /// 1 ms before the onset, 500 ms after, the last quarter tapered: a coupler has no
    /// reflections to gate out, and this keeps 20 Hz within 0.02 dB of the truth for responses
    /// whose bass rings for a third of a second (sealed in-ears, bass-boosted closed backs).
    public static let headphone = try! ImpulseResponseGate()  // invariant: constant valid values

    /// Cuts the gated response out of a circular impulse response `circular`, around `onset`.
    /// The result starts `leftSamples` before the onset (wrapping at index 0), so its index
    /// `leftSamples(at:)` is the onset.
    public func apply(to circular: [Double], onset: Int, sampleRate: Double, maxRightSamples: Int? = nil) -> [Double] {
        let left = leftSamples(at: sampleRate)
        var right = Int((rightSeconds * sampleRate).rounded())
        if let maxRightSamples { right = max(1, min(right, maxRightSamples)) }
        right = min(right, circular.count - left)
        let taper = Int((Double(right) * rightTaperFraction).rounded())
        let size = circular.count
        var output = [Double](repeating: 0, count: left + right)
        for i in 0..<(left + right) {
            var index = (onset - left + i) % size
            if index < 0 { index += size }
            var weight = 1.0
            if i < left {
                weight = 0.5 * (1 - cos(Double.pi * Double(i) / Double(left)))
            } else {
                let fromEnd = left + right - 1 - i
                if fromEnd < taper { weight = 0.5 * (1 - cos(Double.pi * Double(fromEnd) / Double(taper))) }
            }
            output[i] = circular[index] * weight
        }
        return output
    }

    /// Samples before the onset at `sampleRate`.
    public func leftSamples(at sampleRate: Double) -> Int { Int((leftSeconds * sampleRate).rounded()) }
}

/// An impossible gate.
public struct GateError: Error, Equatable, Sendable, CustomStringConvertible {
    public let problem: String
    public var description: String { "invalid gate: \(problem)" }
}
