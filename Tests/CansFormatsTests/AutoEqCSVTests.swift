import Foundation
import Testing
import CansCore
@testable import CansFormats

@Suite struct AutoEqCSVTests {
    @Test func readsRawColumn() throws {
        let text = "frequency,raw\n20.00,-2.53\n20.20,-2.47\n1000.00,0.00\n19955.54,-32.31\n"
        let response = try AutoEqCSV.parse(text, name: "a.csv")
        #expect(response.frequenciesHz == [20, 20.2, 1000, 19955.54])
        #expect(response.magnitudesDB == [-2.53, -2.47, 0, -32.31])
        #expect(response.phasesDegrees == nil)
    }

    @Test func readsRawAmongManyColumnsAndOtherColumnsByName() throws {
        let text = """
            frequency,smoothed,raw,error,target
            20.00,0.82,0.81,-8.06,8.87
            1000.00,0.89,0.89,-7.98,8.87
            20000.00,0.95,0.95,-7.91,
            """
        let raw = try AutoEqCSV.parse(text, name: "wide.csv")
        #expect(raw.magnitudesDB == [0.81, 0.89, 0.95])
        let error = try AutoEqCSV.parse(text, name: "wide.csv", column: "ERROR")
        #expect(error.magnitudesDB == [-8.06, -7.98, -7.91])
        // An empty cell in a column that is not read is fine; in the column read, it is reported.
        let thrown = try #require(throws: FileFormatError.self) {
            try AutoEqCSV.parse(text, name: "wide.csv", column: "target")
        }
        #expect(thrown.line == 4 && thrown.problem.contains("column 5 (target) is empty"))
        let missing = try #require(throws: FileFormatError.self) {
            try AutoEqCSV.parse(text, name: "wide.csv", column: "equalization")
        }
        #expect(missing.line == 1 && missing.problem.contains("equalization"))
        #expect(missing.hint?.contains("frequency, smoothed, raw, error, target") == true)
    }

    @Test func readsFirstValueColumnWithoutRaw() throws {
        let response = try AutoEqCSV.parse("frequency,target\n20,5.5\n40,4.5\n", name: "t.csv")
        #expect(response.magnitudesDB == [5.5, 4.5])
    }

    @Test func findsTheFrequencyColumnByName() throws {
        let text = "error,frequency,raw\n0,20,0.5\n-1,1000,3\n1,20000,0\n"
        #expect(ResponseFormat.detect(text: text, name: "x.csv") == .autoEqCSV)
        let response = try AutoEqCSV.parse(text, name: "x.csv")
        #expect(response.frequenciesHz == [20, 1000, 20000] && response.magnitudesDB == [0.5, 3, 0])
    }

    @Test func rejectsHeaderWithoutFrequency() throws {
        let error = try #require(throws: FileFormatError.self) {
            try AutoEqCSV.parse("\nfreq,raw\n20,1\n", name: "h.csv")
        }
        #expect(error.path == "h.csv" && error.line == 2 && error.problem.contains("freq,raw"))
    }

    @Test func rendersGoldenText() {
        let response = FrequencyResponse(
            validatedFrequenciesHz: [20, 20.2, 1000, 19955.5432], magnitudesDB: [-0.001, 3.14159, -12.345, 2.675])
        let text = AutoEqCSV.render(
            response, extraColumns: [.init(name: "target", values: [1, -0.004, .nan, 10.5])])
        #expect(text == """
            frequency,raw,target
            20.00,0.00,1.00
            20.20,3.14,0.00
            1000.00,-12.35,
            19955.54,2.67,10.50

            """)
    }

    @Test func neverWritesNegativeZeroAndRoundsLikePrintf() {
        #expect(FixedDecimal.twoDecimals(-0.0) == "0.00")
        #expect(FixedDecimal.twoDecimals(-0.004999) == "0.00")
        #expect(FixedDecimal.twoDecimals(-0.005000001) == "-0.01")
        #expect(FixedDecimal.twoDecimals(0.125) == "0.12")  // exact tie: to even, as printf
        #expect(FixedDecimal.twoDecimals(0.375) == "0.38")
        #expect(FixedDecimal.twoDecimals(2.675) == "2.67")  // the double is 2.67499999...
        #expect(FixedDecimal.twoDecimals(-12.345) == "-12.35")  // the double is -12.34500000...06
        #expect(FixedDecimal.twoDecimals(-1234567.891) == "-1234567.89")
        // Agreement with %.2f over many seeded random values, ties included.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            let value = state % 3 == 0 ? (unit * 2000).rounded() / 8 - 125 : unit * 40000 - 20000
            let expected = String(format: "%.2f", value)
            #expect(FixedDecimal.twoDecimals(value) == (expected == "-0.00" ? "0.00" : expected), "value \(value)")
        }
    }

    @Test func roundTripsThroughTextWithinHalfAHundredth() throws {
        let grid = LogFrequencyGrid.autoEq
        let levels = grid.map { 6 * sin(log($0) * 1.7) - 0.0123 * log2($0 / 1000) * 3 }
        let response = try FrequencyResponse(frequenciesHz: grid, magnitudesDB: levels)
        let text = AutoEqCSV.render(response)
        let parsed = try AutoEqCSV.parse(text, name: "roundtrip.csv")
        #expect(parsed.count == 695)
        #expect(allClose(parsed.frequenciesHz, grid, tolerance: 0.005))
        #expect(allClose(parsed.magnitudesDB, levels, tolerance: 0.005))
        // Rendering the parsed values again gives the same bytes.
        #expect(AutoEqCSV.render(parsed) == text)
        #expect(text.hasSuffix("\n") && !text.contains("-0.00") && !text.contains("\r"))
    }
}
