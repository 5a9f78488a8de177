/// A magnitude (and optionally phase) response sampled at strictly increasing frequencies.
///
/// The one value type every stage passes around: measurement analysis produces it, smoothing and
/// averaging transform it, the file formats read and write it. It is validated once, at
/// construction, so later stages never meet NaN, an empty response or a frequency going backwards.
public struct FrequencyResponse: Sendable, Equatable {
    /// Frequencies in Hz, finite, positive and strictly increasing.
    public let frequenciesHz: [Double]
    /// Magnitudes in dB, one per frequency, finite.
    public let magnitudesDB: [Double]
    /// Phases in degrees, one per frequency, or `nil` when the source has none.
    public let phasesDegrees: [Double]?

    /// Creates a validated response.
    /// - Throws: `ResponseValidationError` naming the first offending index and value.
    public init(frequenciesHz: [Double], magnitudesDB: [Double], phasesDegrees: [Double]? = nil) throws {
        guard !frequenciesHz.isEmpty else { throw ResponseValidationError.empty }
        guard magnitudesDB.count == frequenciesHz.count else {
            throw ResponseValidationError.countMismatch(
                frequencies: frequenciesHz.count, values: magnitudesDB.count, what: "magnitudes")
        }
        if let phasesDegrees, phasesDegrees.count != frequenciesHz.count {
            throw ResponseValidationError.countMismatch(
                frequencies: frequenciesHz.count, values: phasesDegrees.count, what: "phases")
        }
        for (index, frequency) in frequenciesHz.enumerated() {
            guard frequency.isFinite, frequency > 0 else {
                throw ResponseValidationError.invalidFrequency(index: index, valueHz: frequency)
            }
            if index > 0, frequency <= frequenciesHz[index - 1] {
                throw ResponseValidationError.notIncreasing(
                    index: index, previousHz: frequenciesHz[index - 1], valueHz: frequency)
            }
        }
        for (index, value) in magnitudesDB.enumerated() where !value.isFinite {
            throw ResponseValidationError.nonFiniteValue(index: index, what: "magnitude")
        }
        for (index, value) in (phasesDegrees ?? []).enumerated() where !value.isFinite {
            throw ResponseValidationError.nonFiniteValue(index: index, what: "phase")
        }
        self.frequenciesHz = frequenciesHz
        self.magnitudesDB = magnitudesDB
        self.phasesDegrees = phasesDegrees
    }

    /// Builds a response from values that are valid by construction (the DSP stages' output).
    /// Used internally by transformations that keep the frequency axis of a validated response.
    public init(validatedFrequenciesHz: [Double], magnitudesDB: [Double], phasesDegrees: [Double]? = nil) {
        precondition(validatedFrequenciesHz.count == magnitudesDB.count, "invariant: equal counts")
        self.frequenciesHz = validatedFrequenciesHz
        self.magnitudesDB = magnitudesDB
        self.phasesDegrees = phasesDegrees
    }

    /// Number of points.
    public var count: Int { frequenciesHz.count }

    /// The same frequencies with new magnitudes (phase dropped: it no longer belongs to them).
    public func withMagnitudes(_ newMagnitudesDB: [Double]) -> FrequencyResponse {
        FrequencyResponse(validatedFrequenciesHz: frequenciesHz, magnitudesDB: newMagnitudesDB)
    }
}

/// Why a set of numbers is not a valid frequency response.
public enum ResponseValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case countMismatch(frequencies: Int, values: Int, what: String)
    case invalidFrequency(index: Int, valueHz: Double)
    case notIncreasing(index: Int, previousHz: Double, valueHz: Double)
    case nonFiniteValue(index: Int, what: String)

    public var description: String {
        switch self {
        case .empty:
            return "the response has no points; at least one frequency is needed"
        case let .countMismatch(frequencies, values, what):
            return "\(frequencies) frequencies but \(values) \(what); each frequency needs one value"
        case let .invalidFrequency(index, valueHz):
            return "point \(index + 1): frequency \(valueHz) Hz must be a finite number above 0"
        case let .notIncreasing(index, previousHz, valueHz):
            return "point \(index + 1): frequency \(valueHz) Hz does not increase (previous \(previousHz) Hz);"
                + " sort the rows by frequency and remove duplicates"
        case let .nonFiniteValue(index, what):
            return "point \(index + 1): the \(what) is not a finite number"
        }
    }
}
