import CansCore

/// Which of several responses (re-seats) stray from the others in a band: a seat with a leak
/// loses bass, a badly placed one gains a treble notch.
///
/// Per response, the RMS of its difference from the point-by-point median of all responses over
/// the points inside `bandHz`; a response is flagged when that exceeds `thresholdDB`. The median
/// is the reference because one leaky seat does not move it (it would pull a mean towards
/// itself). Each point counts once, so on a log-spaced grid the RMS weighs each octave alike.
/// It needs three or more responses to mean anything: with two the median is their mean and both
/// deviate by the same amount, so both or neither are flagged.
public struct OutlierReport: Sendable, Equatable {
    /// The band the deviations were taken over, in Hz.
    public let bandHz: ClosedRange<Double>
    /// The threshold in dB (RMS) above which a response is flagged.
    public let thresholdDB: Double
    /// Per response (in input order), its RMS deviation from the median in the band, in dB.
    public let rmsDeviationsDB: [Double]
    /// The 0-based indices of the responses whose deviation exceeds `thresholdDB`, increasing.
    public let flaggedIndices: [Int]

    /// Compares `responses` in `bandHz`.
    /// - Parameters:
    ///   - responses: at least one response, all on the same frequencies (as for
    ///     `AveragedResponse(averaging:method:)`).
    ///   - bandHz: the band to compare, in Hz; 20...200 (the default) looks for bass leak.
    ///   - thresholdDB: RMS deviation in dB above which a response is flagged, > 0. The default
    ///     of 3 dB is a starting point, not a standard: re-seats of a well-sealed headphone
    ///     usually agree within 1-2 dB in the bass, a leak costs several dB.
    /// - Throws: `AveragingError` when the axes differ, no point lies in the band or the
    ///   threshold is not positive.
    public init(
        responses: [FrequencyResponse], bandHz: ClosedRange<Double> = 20...200, thresholdDB: Double = 3
    ) throws(AveragingError) {
        try AveragingError.checkCommonAxis(responses)
        guard thresholdDB.isFinite, thresholdDB > 0 else { throw .invalidThreshold(thresholdDB) }
        let points = responses[0].frequenciesHz.indices.filter { bandHz.contains(responses[0].frequenciesHz[$0]) }
        guard !points.isEmpty else { throw .noPointsInBand(lowHz: bandHz.lowerBound, highHz: bandHz.upperBound) }
        var squares = [Double](repeating: 0, count: responses.count)
        for point in points {
            let median = AveragedResponse.median(responses.map { $0.magnitudesDB[point] })
            for (index, response) in responses.enumerated() {
                let difference = response.magnitudesDB[point] - median
                squares[index] += difference * difference
            }
        }
        let deviations = squares.map { ($0 / Double(points.count)).squareRoot() }
        self.bandHz = bandHz
        self.thresholdDB = thresholdDB
        rmsDeviationsDB = deviations
        flaggedIndices = deviations.indices.filter { deviations[$0] > thresholdDB }
    }
}
