import CansCore
import CansDSP
import Foundation
import Testing
@testable import CansFit

@Suite struct FitTests {
    static let grid = LogFrequencyGrid.autoEq
    static let flat = try! TargetCurve(name: "flat", source: "test",
                                       response: FrequencyResponse(validatedFrequenciesHz: [20, 20000], magnitudesDB: [0, 0]))

    static func response(_ filters: [Biquad], extra: (Double) -> Double = { _ in 0 }) -> FrequencyResponse {
        let eq = filters.magnitudeDB(atHz: grid, sampleRate: 48000)
        return FrequencyResponse(validatedFrequenciesHz: grid, magnitudesDB: zip(grid, eq).map { extra($0) + $1 })
    }

    @Test func knownFiltersAreFittedBack() throws {
        // The response is the inverse of a known AutoEq-style EQ: the fit must undo it.
        let known = [
            try Biquad(.lowShelf, frequencyHz: 105, gainDB: -5, q: 0.7),
            try Biquad(.highShelf, frequencyHz: 10000, gainDB: 3, q: 0.6),
            try Biquad(.peaking, frequencyHz: 250, gainDB: 3, q: 1.2),
            try Biquad(.peaking, frequencyHz: 2800, gainDB: -6, q: 2.5),
            try Biquad(.peaking, frequencyHz: 6000, gainDB: 4, q: 4),
        ]
        let response = Self.response(known)
        let limits = try FilterLimits.builtIn(named: "autoeq")
        let fits = try HeadphoneFitter.fit([ChannelInput(name: nil, response: response)],
                                           request: FitRequest(target: Self.flat, limits: limits, model: .overEar))
        #expect(fits[0].after.rms20HzTo20kHzDB < 0.1, "RMS after \(fits[0].after.rms20HzTo20kHzDB) dB")
        #expect(fits[0].before.rms20HzTo20kHzDB > 2)
    }

    @Test func limitsAreNeverExceeded() throws {
        var random = SeededRandom(seed: 4)
        for name in FilterLimits.builtInNames {
            let limits = try FilterLimits.builtIn(named: name)
            var config = FitConfiguration()
            config.maxBoostDB = 6
            for _ in 0..<4 {
                // Random bumps and dips up to +-15 dB, tilts, deep bass roll-offs.
                var bumps = [(Double, Double, Double)]()
                for _ in 0..<8 { bumps.append((20 * pow(1000, random.nextUniform()), 30 * random.nextUniform() - 15, 0.3 + 3 * random.nextUniform())) }
                let tilt = 2 * random.nextUniform() - 1
                let values = Self.grid.map { f in
                    bumps.reduce(tilt * log2(f / 1000)) { acc, b in acc + b.1 * exp(-pow(log2(f / b.0) * b.2, 2)) }
                }
                let response = FrequencyResponse(validatedFrequenciesHz: Self.grid, magnitudesDB: values)
                let fit = try PEQOptimizer.fit(response: response, target: Self.flat.response, limits: limits, configuration: config)
                #expect(fit.maxBoostDB <= 6 + 1e-9, "\(name): boost \(fit.maxBoostDB)")
                #expect(fit.preampDB <= -fit.maxBoostDB + 1e-9)
                for (filter, slot) in zip(fit.filters, limits.slots) {
                    #expect(slot.types.contains(filter.type), "\(name): type \(filter.type)")
                    #expect(filter.frequencyHz >= slot.frequencyHz.lowerBound - 0.5 && filter.frequencyHz <= slot.frequencyHz.upperBound + 0.5,
                            "\(name): \(filter.frequencyHz) Hz outside \(slot.frequencyHz)")
                    #expect(filter.q >= slot.q.lowerBound - 0.005 && filter.q <= slot.q.upperBound + 0.005, "\(name): Q \(filter.q)")
                    #expect(filter.gainDB >= slot.gainDB.lowerBound - 0.05 && filter.gainDB <= slot.gainDB.upperBound + 0.05, "\(name): gain \(filter.gainDB)")
                }
            }
        }
    }

    @Test func fixedBandsKeepTheirFrequencies() throws {
        let limits = try FilterLimits.builtIn(named: "graphic10")
        let response = Self.response([try Biquad(.peaking, frequencyHz: 3000, gainDB: 6, q: 1)], extra: { -2 * log2($0 / 1000) })
        let fit = try PEQOptimizer.fit(response: response, target: Self.flat.response, limits: limits, configuration: FitConfiguration())
        #expect(fit.filters.map(\.frequencyHz) == (0..<10).map { (31.25 * pow(2, Double($0))).rounded() })
        #expect(fit.filters.allSatisfy { $0.q == 1.41 && $0.type == .peaking })
        // The 2 kHz and 4 kHz bands cut the 3 kHz bump.
        #expect(fit.filters[6].gainDB < -1 && fit.filters[7].gainDB < -1)
    }

    @Test func leftRightImbalanceIsCorrected() throws {
        let base = Self.response([try Biquad(.peaking, frequencyHz: 2000, gainDB: 5, q: 1.5)])
        let left = base.withMagnitudes(base.magnitudesDB.map { $0 + 2 })
        for mode in ChannelMode.allCases {
            let fits = try HeadphoneFitter.fit(
                [ChannelInput(name: "L", response: left), ChannelInput(name: "R", response: base)],
                request: FitRequest(target: Self.flat, limits: try FilterLimits.builtIn(named: "autoeq"), channelMode: mode, model: .overEar))
            let levelDifference = fits[0].preampDB - fits[1].preampDB
            #expect(abs(levelDifference + 2) < 0.15, "\(mode): L-R preamp difference \(levelDifference) dB")
            #expect(abs(fits[0].balanceDB + 2) < 0.15 && fits[1].balanceDB == 0)
        }
    }

    @Test func matchingAHeadphoneToItselfGivesAnEmptyEQ() throws {
        let response = Self.response([try Biquad(.peaking, frequencyHz: 4000, gainDB: 7, q: 2)], extra: { 3 * sin(log2($0)) })
        let target = try TargetCurve(name: "itself", source: "test", response: response)
        let fits = try HeadphoneFitter.fit([ChannelInput(name: nil, response: response)],
                                           request: FitRequest(target: target, limits: try FilterLimits.builtIn(named: "generic"), model: .overEar))
        #expect(fits[0].filters.isEmpty, "\(fits[0].filters)")
        #expect(fits[0].preampDB == 0)
    }

    @Test func badInputIsRefused() throws {
        #expect(throws: FitError.self) { try FilterLimits.builtIn(named: "autoeq").limited(to: 0) }
        #expect(throws: FitError.self) { try FilterLimits.parse("PK 20-10000 0.5-2 3-6\n", path: "mine.txt") }
        #expect(throws: FitError.self) { try FilterLimits.parse("PK 20-x 0.5-2 -3-6\nXX 1 1 0\n", path: "mine.txt") }
        let narrow = FrequencyResponse(validatedFrequenciesHz: [100, 10000], magnitudesDB: [0, 0])
        #expect(throws: FitError.self) { try TargetCurve(name: "narrow", source: "test", response: narrow) }
        #expect(throws: FitError.self) {
            try HeadphoneFitter.fit([ChannelInput(name: nil, response: narrow)],
                                    request: FitRequest(target: Self.flat, limits: try FilterLimits.builtIn(named: "autoeq"), model: .overEar))
        }
    }

    @Test func theSameInputGivesTheSameFit() throws {
        let response = Self.response([try Biquad(.peaking, frequencyHz: 900, gainDB: -4, q: 0.8)], extra: { 0.5 * sin(3 * log2($0)) })
        let a = try PEQOptimizer.fit(response: response, target: Self.flat.response, limits: try FilterLimits.builtIn(named: "autoeq"), configuration: FitConfiguration())
        let b = try PEQOptimizer.fit(response: response, target: Self.flat.response, limits: try FilterLimits.builtIn(named: "autoeq"), configuration: FitConfiguration())
        #expect(a == b)
    }
}
