import CansCore
import Foundation
import Testing
@testable import CansDSP

@Suite struct SmoothingTests {
    typealias Support = SmoothingTestSupport

    static let allSmoothings: [Smoothing] = Smoothing.octaveFractions.map { .fractionalOctave($0) } + [.variable, .erb]

    @Test(arguments: [SmoothingAverage.power, .decibels])
    func flatResponseComesBackUnchanged(averaging: SmoothingAverage) throws {
        let grids = [
            LogFrequencyGrid.autoEq,
            LogFrequencyGrid.logarithmic(fromHz: 20, toHz: 20000, pointsPerOctave: 96),
        ]
        for grid in grids {
            for level in [-37.5, 0, 94.3] {
                let flat = try FrequencyResponse(
                    frequenciesHz: grid, magnitudesDB: Array(repeating: level, count: grid.count))
                for smoothing in Self.allSmoothings {
                    let smoothed = try flat.smoothed(smoothing, averaging: averaging)
                    let worst = smoothed.magnitudesDB.map { abs($0 - level) }.max()!
                    #expect(worst <= 1e-9, "\(smoothing) at \(level) dB on \(grid.count) points: off by \(worst) dB")
                }
            }
        }
    }

    /// One point at +20 dB on a 0 dB line, 1/96-octave grid with a point at 1 kHz. Between points
    /// the curve is linear in dB against log2 f, so the spike is a triangle of height 20 dB over
    /// (-h, h), h = 1/96 octave. A 1/3-octave window (half-width w = 1/6 octave) at x touches it iff
    /// |x| < w + h, i.e. at grid points k with |k| <= 16. At 1 kHz the whole triangle is inside:
    /// - in dB the mean rises by the triangle's area over the window's width:
    ///   20 * h / (2 w) = 20 * (1/96) / (1/3) = 0.625 dB;
    /// - in power p = 100^(1 - |x|/h) on the triangle, whose integral is 2h * 99 / ln 100, so the
    ///   mean power is 1 + (h / w) * (99 / ln 100 - 1) = 1 + (1/16) * (99 / ln 100 - 1), +3.581440 dB.
    @Test(arguments: [SmoothingAverage.power, .decibels])
    func thirdOctaveOfASingleSpikeIsRaisedOverExactlyTheExpectedWidth(averaging: SmoothingAverage) throws {
        let grid = Support.ninetySixthOctaveGrid(fromK: -541, toK: 414)  // 20.03 Hz ... 19.9 kHz
        let spike = grid.firstIndex(of: 1000)!
        var magnitudes = Array(repeating: 0.0, count: grid.count)
        magnitudes[spike] = 20
        let smoothed = try FrequencyResponse(frequenciesHz: grid, magnitudesDB: magnitudes)
            .smoothed(octaveFraction: 3, averaging: averaging)
        for (index, value) in smoothed.magnitudesDB.enumerated() {
            let k = index - spike
            if abs(k) <= 16 {
                #expect(value > 1e-6, "k = \(k) should be raised, got \(value) dB")
            } else {
                #expect(abs(value) <= 1e-9, "k = \(k) should be unchanged, got \(value) dB")
            }
        }
        let h: Double = 1.0 / 96, w: Double = 1.0 / 6
        let triangleMeanPower: Double = 99 / log(100.0)  // mean of 100^s over s in [0, 1]
        let dBRise: Double = 20 * h / (2 * w)
        let powerRise: Double = 10 * log10(1 + (h / w) * (triangleMeanPower - 1))
        let expected = averaging == .decibels ? dBRise : powerRise
        #expect(abs(smoothed.magnitudesDB[spike] - expected) < 1e-9)
        let rounded: Double = averaging == .decibels ? 0.625 : 3.581440
        #expect(abs(expected - rounded) < 1e-5)
        // Half the triangle at the window's edge (k = 16): half the excess area.
        let halfDBRise: Double = dBRise / 2
        let halfPowerRise: Double = 10 * log10(1 + (h / w) * (triangleMeanPower - 1) / 2)
        let halfExpected = averaging == .decibels ? halfDBRise : halfPowerRise
        #expect(abs(smoothed.magnitudesDB[spike + 16] - halfExpected) < 1e-9)
        #expect(abs(smoothed.magnitudesDB[spike - 16] - halfExpected) < 1e-9)
    }

    @Test func bandwidthsMatchTheirDefinitions() {
        // REW's anchors: 1/48 octave at (and below) 100 Hz, 1/6 at 1 kHz, 1/3 at (and above) 10 kHz.
        #expect(Smoothing.variable.bandwidthOctaves(atHz: 100) == 1.0 / 48)
        #expect(abs(Smoothing.variable.bandwidthOctaves(atHz: 1000) - 1.0 / 6) < 1e-12)
        #expect(Smoothing.variable.bandwidthOctaves(atHz: 10000) == 1.0 / 3)
        #expect(Smoothing.variable.bandwidthOctaves(atHz: 20) == 1.0 / 48)
        #expect(Smoothing.variable.bandwidthOctaves(atHz: 20000) == 1.0 / 3)
        // Between the anchors: x8 per decade below 1 kHz, x2 per decade above.
        let at316: Double = Smoothing.variable.bandwidthOctaves(atHz: 100 * 10.0.squareRoot())
        let at3162: Double = Smoothing.variable.bandwidthOctaves(atHz: 1000 * 10.0.squareRoot())
        #expect(abs(at316 - 8.0.squareRoot() / 48) < 1e-12)  // 1/16.97 octave
        #expect(abs(at3162 - 2.0.squareRoot() / 6) < 1e-12)  // 1/4.24 octave
        // Never narrower than 1/48 nor wider than 1/3, never decreasing.
        var previous = 0.0
        for frequency in LogFrequencyGrid.autoEq {
            let width = Smoothing.variable.bandwidthOctaves(atHz: frequency)
            #expect(width >= previous - 1e-15 && width >= 1.0 / 48 && width <= 1.0 / 3)
            previous = width
        }
        // ERB = 24.7 (4.37 f/kHz + 1) Hz: 35.4939 Hz at 100 Hz, 132.639 at 1 kHz, 1104.09 at 10 kHz.
        #expect(abs(Smoothing.equivalentRectangularBandwidthHz(atHz: 100) - 35.4939) < 1e-9)
        #expect(abs(Smoothing.equivalentRectangularBandwidthHz(atHz: 1000) - 132.639) < 1e-9)
        #expect(abs(Smoothing.equivalentRectangularBandwidthHz(atHz: 10000) - 1104.09) < 1e-9)
        let erbWindow = Smoothing.erb.windowHz(atHz: 1000)
        #expect(abs(erbWindow.lowHz - (1000 - 132.639 / 2)) < 1e-9)
        #expect(abs(erbWindow.highHz - (1000 + 132.639 / 2)) < 1e-9)
        #expect(abs(Smoothing.erb.bandwidthOctaves(atHz: 1000) - log2(1066.3195 / 933.6805)) < 1e-12)
        #expect(Smoothing.erb.windowHz(atHz: 10).lowHz == Smoothing.erbLowestEdgeHz)
        #expect(Smoothing.fractionalOctave(12).bandwidthOctaves(atHz: 440) == 1.0 / 12)
    }

    /// On a 1/96-octave grid with exact points at 100 Hz and 10 kHz (so not uniform in log f), the
    /// smoothed value at 100 Hz, 1 kHz and 10 kHz equals the window average computed directly
    /// from the definitions: the window from the anchors / the ERB formula, the average by
    /// Simpson's rule over the curve the response stands for (`magnitudeDB(atHz:)`).
    @Test(arguments: [SmoothingAverage.power, .decibels])
    func variableAndERBEqualTheDirectWindowAverage(averaging: SmoothingAverage) throws {
        let grid = (Support.ninetySixthOctaveGrid(fromK: -637, toK: 510) + [100, 10000]).sorted()
        let inPower = averaging == .power
        // A slope of 3 dB/octave (exact between points) and a curvy analytic shape.
        let slope = try FrequencyResponse(
            frequenciesHz: grid, magnitudesDB: grid.map { 75 + 3 * log2($0 / 1000) })
        let curvy = try FrequencyResponse(
            frequenciesHz: grid,
            magnitudesDB: grid.map { 80 + 6 * sin(2 * .pi * log2($0 / 20) / 1.3) + 4 * cos(7 * log2($0 / 20)) })
        for frequency in [100.0, 1000, 10000] {
            let index = grid.firstIndex(of: frequency)!
            let variableHalf = exp2(0.5 * [100.0: 1.0 / 48, 1000: 1.0 / 6, 10000: 1.0 / 3][frequency]!)
            let erbHalf = 24.7 * (4.37 * frequency / 1000 + 1) / 2
            let windows: [(Smoothing, Double, Double)] = [
                (.variable, frequency / variableHalf, frequency * variableHalf),
                (.erb, frequency - erbHalf, frequency + erbHalf),
            ]
            for (smoothing, lowHz, highHz) in windows {
                for response in [slope, curvy] {
                    let smoothed = try response.smoothed(smoothing, averaging: averaging).magnitudesDB[index]
                    let direct = Support.windowAverageDB(lowHz: lowHz, highHz: highHz, inPower: inPower) {
                        response.magnitudeDB(atHz: exp2($0))
                    }
                    #expect(abs(smoothed - direct) < 1e-6, "\(smoothing) at \(frequency) Hz: \(smoothed) vs \(direct)")
                }
            }
            // In dB a window symmetric in log f returns the slope's value at its centre.
            if averaging == .decibels {
                let smoothed = try slope.smoothed(.variable, averaging: .decibels).magnitudesDB[index]
                #expect(abs(smoothed - (75 + 3 * log2(frequency / 1000))) < 1e-9)
            }
        }
    }

    @Test(arguments: [SmoothingAverage.power, .decibels])
    func resultsDoNotDependOnGridDensity(averaging: SmoothingAverage) throws {
        func shape(_ frequency: Double) -> Double {
            let octaves = log2(frequency / 20)
            return 80 + 5 * sin(2 * .pi * octaves / 1.7) + 3 * cos(2 * .pi * octaves / 0.9 + 0.3) - 0.8 * octaves
        }
        let coarse = LogFrequencyGrid.autoEq
        let dense = (0...(694 * 4)).map { 20 * pow(1.01, Double($0) / 4) }
        let coarseResponse = try FrequencyResponse(frequenciesHz: coarse, magnitudesDB: coarse.map(shape))
        let denseResponse = try FrequencyResponse(frequenciesHz: dense, magnitudesDB: dense.map(shape))
        let smoothings: [Smoothing] = [
            .fractionalOctave(3), .fractionalOctave(12), .fractionalOctave(48), .variable, .erb,
        ]
        for smoothing in smoothings {
            let a = try coarseResponse.smoothed(smoothing, averaging: averaging).magnitudesDB
            let b = try denseResponse.smoothed(smoothing, averaging: averaging).magnitudesDB
            let worst = coarse.indices.map { abs(a[$0] - b[4 * $0]) }.max()!
            #expect(worst < 0.01, "\(smoothing): grids differ by up to \(worst) dB")
        }
    }

    /// A window that runs off the data is averaged over the part that exists: at the first point
    /// of a dB slope, a 1/3-octave window covers [x0, x0 + 1/6], whose mean is the value 1/12
    /// octave up; the last point mirrors it.
    @Test func windowsAreTruncatedAtTheEndsOfTheData() throws {
        let grid = LogFrequencyGrid.autoEq
        let response = try FrequencyResponse(frequenciesHz: grid, magnitudesDB: grid.map { 2 * log2($0 / 20) })
        let smoothed = try response.smoothed(octaveFraction: 3, averaging: .decibels).magnitudesDB
        #expect(abs(smoothed[0] - 2 * (1.0 / 12)) < 1e-9)
        let lastOctave: Double = log2(grid[grid.count - 1] / 20)
        let lastExpected: Double = 2 * (lastOctave - 1.0 / 12)
        #expect(abs(smoothed[grid.count - 1] - lastExpected) < 1e-9)
        #expect(abs(smoothed[347] - response.magnitudesDB[347]) < 1e-9)
    }

    @Test func customWindowsMatchTheBuiltInsAndMayShrink() throws {
        let grid = LogFrequencyGrid.autoEq
        let response = try FrequencyResponse(
            frequenciesHz: grid, magnitudesDB: grid.map { 70 + 8 * sin(3 * log2($0)) })
        let builtIn = try response.smoothed(octaveFraction: 6)
        let custom = try response.smoothed { (lowHz: $0 * exp2(-1.0 / 12), highHz: $0 * exp2(1.0 / 12)) }
        for (a, b) in zip(builtIn.magnitudesDB, custom.magnitudesDB) { #expect(abs(a - b) < 1e-9) }
        // Widths alternating between 1/2 and 1/48 octave: the low edge steps back every other
        // point; the average is still the direct one.
        let alternating = try response.smoothed(averaging: .decibels) { frequency in
            let index = grid.firstIndex(of: frequency)!
            let half = exp2(index % 2 == 0 ? 0.25 : 1.0 / 96)
            return (frequency / half, frequency * half)
        }
        for index in [100, 101, 400, 401] {
            let half = exp2(index % 2 == 0 ? 0.25 : 1.0 / 96)
            let (lowHz, highHz) = (grid[index] / half, grid[index] * half)
            let direct = Support.windowAverageDB(lowHz: lowHz, highHz: highHz, inPower: false) {
                response.magnitudeDB(atHz: exp2($0))
            }
            #expect(abs(alternating.magnitudesDB[index] - direct) < 1e-6)
        }
        #expect(throws: SmoothingError.invalidWindow(atHz: 20, lowHz: 30, highHz: 10)) {
            try response.smoothed { _ in (lowHz: 30, highHz: 10) }
        }
    }

    /// Power averaging keeps its digits in a window far below the loudest part of the response
    /// (here the -400 dB floor a zero power becomes).
    @Test func powerAveragingSurvivesAHugeDynamicRange() throws {
        let grid = LogFrequencyGrid.autoEq
        let response = try FrequencyResponse(
            frequenciesHz: grid, magnitudesDB: grid.map { $0 < 1000 ? 100 : -400 })
        let smoothed = try response.smoothed(octaveFraction: 12).magnitudesDB
        #expect(abs(smoothed[0] - 100) < 1e-9)
        #expect(abs(smoothed[694] + 400) < 1e-9)
        #expect(smoothed.allSatisfy { $0.isFinite && $0 >= -400 - 1e-9 && $0 <= 100 + 1e-9 })
    }

    @Test func noneKeepsTheResponseAndOtherMethodsDropPhase() throws {
        let response = try FrequencyResponse(
            frequenciesHz: [100, 200, 400], magnitudesDB: [1, 2, 3], phasesDegrees: [0, -10, -20])
        #expect(try response.smoothed(.none) == response)
        #expect(try response.smoothed(.erb).phasesDegrees == nil)
        let single = try FrequencyResponse(frequenciesHz: [1000], magnitudesDB: [7])
        #expect(try single.smoothed(.variable).magnitudesDB == [7])
    }

    @Test func parsesTheCLISpellingsAndRoundTrips() throws {
        #expect(try Smoothing(parsing: "none") == .none)
        #expect(try Smoothing(parsing: "1/12") == .fractionalOctave(12))
        #expect(try Smoothing(parsing: " Variable ") == .variable)
        #expect(try Smoothing(parsing: "ERB") == .erb)
        for smoothing in Self.allSmoothings + [.none] {
            #expect(try Smoothing(parsing: smoothing.description) == smoothing)
        }
    }

    @Test func rejectsBadSpellingsAndFractionsWithActionableMessages() throws {
        #expect(throws: SmoothingError.octaveFractionOutOfRange(0)) { try Smoothing(parsing: "1/0") }
        #expect(throws: SmoothingError.octaveFractionOutOfRange(49)) { try Smoothing(parsing: "1/49") }
        for text in ["1/3.5", "third", "", "2/3", "1/", "1/-3x"] {
            #expect(throws: SmoothingError.unrecognized(text)) { try Smoothing(parsing: text) }
        }
        let response = try FrequencyResponse(frequenciesHz: [100, 200], magnitudesDB: [0, 0])
        #expect(throws: SmoothingError.octaveFractionOutOfRange(96)) { try response.smoothed(octaveFraction: 96) }
        let range = SmoothingError.octaveFractionOutOfRange(49).description
        #expect(range.contains("49") && range.contains("1...48"))
        let unknown = SmoothingError.unrecognized("third").description
        #expect(unknown.contains("\"third\"") && unknown.contains("1/N") && unknown.contains("variable")
            && unknown.contains("erb") && unknown.contains("none"))
    }
}
