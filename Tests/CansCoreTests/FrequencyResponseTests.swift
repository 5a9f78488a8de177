import Testing
@testable import CansCore

@Suite struct FrequencyResponseTests {
    @Test func rejectsNonIncreasingFrequencies() {
        #expect(throws: ResponseValidationError.notIncreasing(index: 2, previousHz: 30, valueHz: 30)) {
            try FrequencyResponse(frequenciesHz: [20, 30, 30], magnitudesDB: [0, 0, 0])
        }
    }

    @Test func rejectsNaNAndNegativeFrequencies() {
        #expect(throws: ResponseValidationError.nonFiniteValue(index: 1, what: "magnitude")) {
            try FrequencyResponse(frequenciesHz: [20, 30], magnitudesDB: [0, .nan])
        }
        #expect(throws: ResponseValidationError.invalidFrequency(index: 0, valueHz: -5)) {
            try FrequencyResponse(frequenciesHz: [-5, 30], magnitudesDB: [0, 0])
        }
    }

    @Test func interpolatesInLogFrequencyAndHoldsEnds() throws {
        let response = try FrequencyResponse(frequenciesHz: [100, 1000, 10000], magnitudesDB: [0, 10, -10])
        #expect(abs(response.magnitudeDB(atHz: 316.227766) - 5) < 1e-6)
        #expect(response.magnitudeDB(atHz: 20) == 0)
        #expect(response.magnitudeDB(atHz: 20000) == -10)
        let resampled = response.resampled(toHz: [50, 316.227766, 3162.27766, 30000])
        #expect(abs(resampled.magnitudesDB[1] - 5) < 1e-6)
        #expect(abs(resampled.magnitudesDB[2] - 0) < 1e-6)
        #expect(resampled.magnitudesDB[0] == 0 && resampled.magnitudesDB[3] == -10)
    }

    @Test func autoEqGridMatchesAutoEq() {
        let grid = LogFrequencyGrid.autoEq
        #expect(grid.count == 695)
        #expect(grid[0] == 20)
        #expect(abs(grid[694] - 19955.54) < 0.01)
    }

    @Test func normalizesToZeroAtOneKilohertz() throws {
        let response = try FrequencyResponse(frequenciesHz: [100, 1000, 10000], magnitudesDB: [3, 7, 1])
        #expect(response.normalized().magnitudesDB == [-4, 0, -6])
    }
}
