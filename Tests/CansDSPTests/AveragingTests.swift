import CansCore
import Foundation
import Testing
@testable import CansDSP

@Suite struct AveragingTests {
    static let grid: [Double] = [50, 100, 1000, 10000]

    static func constant(_ level: Double, on grid: [Double] = grid) -> FrequencyResponse {
        FrequencyResponse(validatedFrequenciesHz: grid, magnitudesDB: Array(repeating: level, count: grid.count))
    }

    @Test func twoResponsesGiveKnownMeansMedianAndSpread() throws {
        let responses = [Self.constant(0), Self.constant(10)]
        let dB = try AveragedResponse(averaging: responses, method: .decibels)
        let power = try AveragedResponse(averaging: responses, method: .power)
        let median = try AveragedResponse(averaging: responses, method: .median)
        for point in Self.grid.indices {
            #expect(abs(dB.response.magnitudesDB[point] - 5) < 1e-12)
            // 10 log10((10^0 + 10^1) / 2) = 10 log10(5.5) = 7.40363 dB.
            #expect(abs(power.response.magnitudesDB[point] - 10 * log10((1 + 10) / 2.0)) < 1e-12)
            #expect(abs(power.response.magnitudesDB[point] - 7.403627) < 1e-6)
            #expect(abs(median.response.magnitudesDB[point] - 5) < 1e-12)
            // Sample sd (n - 1): sqrt((25 + 25) / 1) = 7.0711 dB.
            #expect(abs(dB.standardDeviationDB[point] - 50.0.squareRoot()) < 1e-12)
            #expect(dB.minimumDB[point] == 0 && dB.maximumDB[point] == 10)
            // 95 %: 5 -+ 12.7062 * 7.0711 / sqrt 2 = 5 -+ 63.531.
            let interval = try #require(dB.meanConfidence95)
            #expect(abs(interval.upperDB[point] - (5 + 12.706204736 * 5)) < 1e-9)
            #expect(abs(interval.lowerDB[point] - (5 - 63.53102368)) < 1e-9)
        }
        #expect(power.meanDB == dB.meanDB && power.standardDeviationDB == dB.standardDeviationDB)
        #expect(dB.responseCount == 2 && power.method == .power)
    }

    @Test func threeAndFourResponsesPerFrequency() throws {
        let responses = [
            try FrequencyResponse(frequenciesHz: [100, 1000], magnitudesDB: [1, -3]),
            try FrequencyResponse(frequenciesHz: [100, 1000], magnitudesDB: [2, -3]),
            try FrequencyResponse(frequenciesHz: [100, 1000], magnitudesDB: [6, 3]),
        ]
        let dB = try AveragedResponse(averaging: responses)
        #expect(dB.response.magnitudesDB == [3, -1])
        // sd at 100 Hz: sqrt((4 + 1 + 9) / 2) = sqrt 7; at 1 kHz sqrt((4 + 4 + 16) / 2) = sqrt 12.
        #expect(abs(dB.standardDeviationDB[0] - 7.0.squareRoot()) < 1e-12)
        #expect(abs(dB.standardDeviationDB[1] - 12.0.squareRoot()) < 1e-12)
        let interval = try #require(dB.meanConfidence95)
        #expect(interval.tQuantile == 4.302652730)
        #expect(abs(interval.upperDB[0] - (3 + 4.302652730 * 7.0.squareRoot() / 3.0.squareRoot())) < 1e-12)
        #expect(try AveragedResponse(averaging: responses, method: .median).response.magnitudesDB == [2, -3])
        let power = try AveragedResponse(averaging: responses, method: .power).response.magnitudesDB
        #expect(abs(power[0] - 10 * log10((pow(10, 0.1) + pow(10, 0.2) + pow(10, 0.6)) / 3)) < 1e-12)
        let four = responses + [try FrequencyResponse(frequenciesHz: [100, 1000], magnitudesDB: [10, 0])]
        #expect(try AveragedResponse(averaging: four, method: .median).response.magnitudesDB == [4, -1.5])
    }

    @Test func oneResponseHasNoSpreadAndNoInterval() throws {
        let one = try FrequencyResponse(frequenciesHz: [100, 1000], magnitudesDB: [4, -2], phasesDegrees: [0, 5])
        for method in AveragingMethod.allCases {
            let average = try AveragedResponse(averaging: [one], method: method)
            #expect(abs(average.response.magnitudesDB[0] - 4) < 1e-12)
            #expect(abs(average.response.magnitudesDB[1] + 2) < 1e-12)
            #expect(average.standardDeviationDB == [0, 0])
            #expect(average.meanConfidence95 == nil)
            #expect(average.response.phasesDegrees == nil)
        }
    }

    @Test func mismatchedAxesThrowNamingTheResponse() {
        #expect(throws: AveragingError.noResponses) { try AveragedResponse(averaging: []) }
        let wrongCount = [Self.constant(0), Self.constant(1), Self.constant(2, on: [50, 100, 1000])]
        #expect(throws: AveragingError.pointCountMismatch(index: 2, expected: 4, got: 3)) {
            try AveragedResponse(averaging: wrongCount)
        }
        let wrongFrequency = [Self.constant(0), Self.constant(1, on: [50, 101, 1000, 10000])]
        #expect(throws: AveragingError.frequencyMismatch(index: 1, point: 1, expectedHz: 100, gotHz: 101)) {
            try AveragedResponse(averaging: wrongFrequency)
        }
        #expect(AveragingError.frequencyMismatch(index: 1, point: 1, expectedHz: 100, gotHz: 101).description
            .hasPrefix("response 2, point 2: 101.0 Hz where response 1 has 100.0 Hz"))
        // Rounding in a file round trip is not a mismatch.
        #expect(throws: Never.self) {
            let nudged = Self.constant(1, on: Self.grid.map { $0 * (1 + 1e-12) })
            _ = try AveragedResponse(averaging: [Self.constant(0), nudged])
        }
    }

    @Test func studentQuantilesFromTheTableThenNormal() {
        #expect(StudentT.quantile975(degreesOfFreedom: 1) == 12.706204736)
        #expect(StudentT.quantile975(degreesOfFreedom: 4) == 2.776445105)
        #expect(StudentT.quantile975(degreesOfFreedom: 30) == 2.042272456)
        #expect(StudentT.quantile975(degreesOfFreedom: 31) == 1.96)
        // The table decreases towards the normal quantile.
        let table = (1...30).map { StudentT.quantile975(degreesOfFreedom: $0) }
        #expect(zip(table, table.dropFirst()).allSatisfy { $0 > $1 } && table.last! > 1.96)
    }

    /// Five seats, seeded +-0.5 dB scatter; seat 3 leaks (-6 dB below 200 Hz).
    @Test func flagsTheSeatThatLeaksBass() throws {
        var generator = SeededRandom(seed: 42)
        let grid = LogFrequencyGrid.autoEq
        let seats = (0..<5).map { seat in
            FrequencyResponse(validatedFrequenciesHz: grid, magnitudesDB: grid.map { frequency in
                let scatter = Double(generator.next() % 1001) / 1000 - 0.5
                return scatter + (seat == 3 && frequency < 200 ? -6 : 0)
            })
        }
        let report = try OutlierReport(responses: seats)
        #expect(report.flaggedIndices == [3])
        #expect(report.rmsDeviationsDB[3] > 5 && report.rmsDeviationsDB[3] < 7)
        #expect(report.rmsDeviationsDB.enumerated().allSatisfy { $0.offset == 3 || $0.element < 1 })
        // Above 1 kHz nobody leaks.
        #expect(try OutlierReport(responses: seats, bandHz: 1000...10000).flaggedIndices.isEmpty)
        #expect(throws: AveragingError.invalidThreshold(0)) { try OutlierReport(responses: seats, thresholdDB: 0) }
        #expect(throws: AveragingError.noPointsInBand(lowHz: 1, highHz: 10)) {
            try OutlierReport(responses: seats, bandHz: 1...10)
        }
    }
}
