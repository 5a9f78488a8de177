import CansCore
import Foundation

/// How several responses (re-seats, repeats) are combined at each frequency.
public enum AveragingMethod: String, Sendable, CaseIterable {
    /// The arithmetic mean of the dB values.
    case decibels
    /// 10 log10 of the mean of the powers 10^(dB/10): louder responses weigh more, so a seat that
    /// leaks bass pulls the average down less than in `decibels`.
    case power
    /// The median of the dB values (the mean of the two middle ones for an even count): one
    /// outlying seat does not move it.
    case median
}

/// Several responses on one frequency axis combined into one, with the spread at each frequency.
///
/// The spread is always that of the dB values, whatever `method` produced `response`:
/// the sample standard deviation (n - 1 in the denominator, 0 for one response), the smallest and
/// largest value, and a 95 % confidence interval of the dB mean.
public struct AveragedResponse: Sendable, Equatable {
    /// A two-sided interval in dB at each frequency.
    public struct Interval: Sendable, Equatable {
        /// Lower bounds in dB, one per frequency.
        public let lowerDB: [Double]
        /// Upper bounds in dB, one per frequency.
        public let upperDB: [Double]
        /// The Student t quantile the half-width was computed with.
        public let tQuantile: Double
    }

    /// How `response` was combined.
    public let method: AveragingMethod
    /// Number of responses combined, >= 1.
    public let responseCount: Int
    /// The combined response on the common frequency axis; no phase.
    public let response: FrequencyResponse
    /// The dB mean at each frequency (equal to `response` for `.decibels`).
    public let meanDB: [Double]
    /// The sample standard deviation of the dB values (ddof = 1) at each frequency; 0 for one
    /// response.
    public let standardDeviationDB: [Double]
    /// The smallest dB value at each frequency.
    public let minimumDB: [Double]
    /// The largest dB value at each frequency.
    public let maximumDB: [Double]
    /// The 95 % confidence interval of the dB mean: meanDB -+ t(0.975, n - 1) * sd / sqrt(n)
    /// (Student 1908), with t from `StudentT.quantile975(degreesOfFreedom:)`. It treats the seats
    /// as independent draws with normally distributed dB values; it says how well the mean level is
    /// known, not where a further seat will land (that interval is sqrt(n + 1) times wider). It is
    /// centred on the dB mean also for `.power` and `.median`, for which no such simple formula
    /// exists. `nil` for one response: one seat says nothing about the spread.
    public let meanConfidence95: Interval?

    /// Combines `responses` point by point.
    /// - Parameters:
    ///   - responses: at least one response, all on the same frequencies (relative tolerance 1e-9,
    ///     so a grid written to a file with 10 significant digits and read back still matches);
    ///     resample onto one grid first (`FrequencyResponse.resampled(toHz:)`) when they differ.
    ///   - method: how the combined response is formed; the spread is the same for all methods.
    /// - Throws: `AveragingError.noResponses`, `.pointCountMismatch` or `.frequencyMismatch`, the
    ///   latter two naming the first response (0-based index) that differs from response 0.
    public init(averaging responses: [FrequencyResponse], method: AveragingMethod = .decibels) throws(AveragingError) {
        try AveragingError.checkCommonAxis(responses)
        let count = responses.count, points = responses[0].count
        var mean = [Double](repeating: 0, count: points)
        var deviation = mean, minimum = mean, maximum = mean, combined = mean
        var column = [Double](repeating: 0, count: count)
        for point in 0..<points {
            for (index, response) in responses.enumerated() { column[index] = response.magnitudesDB[point] }
            let average = column.reduce(0, +) / Double(count)
            mean[point] = average
            // Two-pass variance: no cancellation for large levels with a small spread.
            let squares = column.reduce(0) { $0 + ($1 - average) * ($1 - average) }
            deviation[point] = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
            minimum[point] = column.min()!
            maximum[point] = column.max()!
            switch method {
            case .decibels:
                combined[point] = average
            case .power:
                // Relative to the largest value so no power overflows or underflows.
                let top = maximum[point]
                let power = column.reduce(0) { $0 + Decibels.toPower($1 - top) } / Double(count)
                combined[point] = top + Decibels.fromPower(power)
            case .median:
                combined[point] = Self.median(column)
            }
        }
        self.method = method
        responseCount = count
        response = FrequencyResponse(validatedFrequenciesHz: responses[0].frequenciesHz, magnitudesDB: combined)
        meanDB = mean
        standardDeviationDB = deviation
        minimumDB = minimum
        maximumDB = maximum
        if count > 1 {
            let t = StudentT.quantile975(degreesOfFreedom: count - 1)
            let scale = t / Double(count).squareRoot()
            meanConfidence95 = Interval(
                lowerDB: zip(mean, deviation).map { $0 - scale * $1 },
                upperDB: zip(mean, deviation).map { $0 + scale * $1 },
                tQuantile: t)
        } else {
            meanConfidence95 = nil
        }
    }

    /// The median of a non-empty array (mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle])
    }
}

/// Why responses cannot be averaged (or compared for outliers).
public enum AveragingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The list of responses is empty.
    case noResponses
    /// Response `index` (0-based) has a different number of points than response 0.
    case pointCountMismatch(index: Int, expected: Int, got: Int)
    /// Response `index` (0-based) has another frequency at point `point` (0-based) than response 0.
    case frequencyMismatch(index: Int, point: Int, expectedHz: Double, gotHz: Double)
    /// The outlier band holds no frequency of the responses.
    case noPointsInBand(lowHz: Double, highHz: Double)
    /// The outlier threshold is not a positive number.
    case invalidThreshold(Double)

    public var description: String {
        let hint = "; resample every response onto one frequency grid first"
        switch self {
        case .noResponses:
            return "no responses to average; at least one is needed"
        case let .pointCountMismatch(index, expected, got):
            return "response \(index + 1) has \(got) points but response 1 has \(expected)" + hint
        case let .frequencyMismatch(index, point, expectedHz, gotHz):
            return "response \(index + 1), point \(point + 1): \(gotHz) Hz where response 1 has"
                + " \(expectedHz) Hz" + hint
        case let .noPointsInBand(lowHz, highHz):
            return "no frequency of the responses lies in the band \(lowHz)-\(highHz) Hz; choose a band"
                + " inside the measured range"
        case let .invalidThreshold(value):
            return "outlier threshold \(value) dB must be a number above 0; 2-3 dB is typical for bass leak"
        }
    }

    /// Throws unless there is at least one response and all share response 0's frequencies (each
    /// within a relative 1e-9).
    static func checkCommonAxis(_ responses: [FrequencyResponse]) throws(AveragingError) {
        guard let reference = responses.first else { throw .noResponses }
        for (index, response) in responses.enumerated().dropFirst() {
            guard response.count == reference.count else {
                throw .pointCountMismatch(index: index, expected: reference.count, got: response.count)
            }
            for (point, (expected, got)) in zip(reference.frequenciesHz, response.frequenciesHz).enumerated()
            where abs(got - expected) > 1e-9 * expected {
                throw .frequencyMismatch(index: index, point: point, expectedHz: expected, gotHz: got)
            }
        }
    }
}
