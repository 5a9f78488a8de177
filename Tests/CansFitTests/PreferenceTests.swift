import CansCore
import Foundation
import Testing
@testable import CansFit

@Suite struct PreferenceTests {
    /// e(f) = 2 ln(f / 1 kHz): a pure slope of 2 dB per neper. Over-ear R40 points 50 Hz-10 kHz
    /// are 93 numbers; their e values have sample SD 2 * SD(ln f) and slope exactly 2.
    @Test func pureSlopeMatchesHandComputation() throws {
        let grid = LogFrequencyGrid.logarithmic(fromHz: 10, toHz: 30000, pointsPerOctave: 400)
        let error = try FrequencyResponse(frequenciesHz: grid, magnitudesDB: grid.map { 2 * log($0 / 1000) })
        let over = PreferenceScore(error: error, model: .overEar)
        let freqs = PreferenceScore.r40Frequencies(fromHz: 50, toHz: 10000)
        #expect(freqs.count == 93)
        let x = freqs.map { log($0) }
        let mean = x.reduce(0, +) / 93
        let sdX = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 92).squareRoot()
        #expect(abs(over.slope - 2) < 1e-4)
        #expect(abs(over.standardDeviationDB - 2 * sdX) < 1e-4)
        #expect(abs(over.score - (114.490443008238 - 12.62 * 2 * sdX - 15.5163857197367 * 2)) < 1e-3)
    }

    /// A +3 dB step above 1 kHz (a synthetic error, values worked out by hand): in-ear points
    /// 20 Hz-10 kHz number 109 (28 + 40 + 40 + 1), of which 41 (1 kHz...10 kHz) are at 3 dB;
    /// score.py gives 78.6911 for the same error.
    @Test func inEarStepMatchesHandComputation() throws {
        let freqs = PreferenceScore.r40Frequencies(fromHz: 20, toHz: 10000)
        #expect(freqs.count == 109)
        let grid = freqs
        let values = grid.map { $0 >= 1000 ? 3.0 : 0.0 }
        let error = try FrequencyResponse(frequenciesHz: grid, magnitudesDB: values)
        let s = PreferenceScore(error: error, model: .inEar)
        // 41 points at 3 dB out of 109: SD = 3 sqrt(41 * 68 / (109 * 108)).
        let sd = 3 * (41.0 * 68 / (109 * 108)).squareRoot()
        #expect(abs(s.standardDeviationDB - sd) < 1e-9)
        // AME over 40 Hz-10 kHz (97 points), e(500) = 0: 41 of them at 3 dB.
        #expect(abs(s.meanAbsoluteErrorDB! - 3.0 * 41 / 97) < 1e-9)
        let expected = 100.0795 - 8.5 * sd - 6.796 * abs(s.slope) - 3.475 * 3 * 41 / 97
        #expect(abs(s.score - 78.6911280617639) < 1e-6)
        #expect(abs(s.slope - 0.6727816641677873) < 1e-9)
        #expect(abs(s.score - expected) < 1e-9)
        #expect(s.slope > 0)
    }
}
