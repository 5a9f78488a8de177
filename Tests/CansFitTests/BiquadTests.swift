import CansCore
import CansDSP
import Foundation
import Testing
@testable import CansFit

@Suite struct BiquadTests {
    /// Direct evaluation of H(e^jw) from the cookbook coefficients, as score.py does.
    static func directDB(_ filter: Biquad, _ f: Double, _ fs: Double) -> Double {
        let (b, a) = filter.coefficients(sampleRate: fs)
        let w = 2 * Double.pi * f / fs
        func mag2(_ c0: Double, _ c1: Double, _ c2: Double) -> Double {
            let re = c0 + c1 * cos(w) + c2 * cos(2 * w), im = -(c1 * sin(w) + c2 * sin(2 * w))
            return re * re + im * im
        }
        return 10 * log10(mag2(b.0, b.1, b.2) / mag2(a.0, a.1, a.2))
    }

    @Test func knownValuesAtCentre() throws {
        // A peaking filter reaches its gain at f0; a cookbook shelf is at half its gain at f0.
        let pk = try Biquad(.peaking, frequencyHz: 1000, gainDB: 6, q: 1.41)
        #expect(abs(pk.magnitudeDB(atHz: 1000, sampleRate: 48000) - 6) < 1e-9)
        let ls = try Biquad(.lowShelf, frequencyHz: 105, gainDB: 8, q: 0.7)
        #expect(abs(ls.magnitudeDB(atHz: 105, sampleRate: 48000) - 4) < 1e-6)
        #expect(abs(ls.magnitudeDB(atHz: 10, sampleRate: 48000) - 8) < 0.1)
        let hs = try Biquad(.highShelf, frequencyHz: 10000, gainDB: -6, q: 0.7)
        #expect(abs(hs.magnitudeDB(atHz: 10000, sampleRate: 48000) + 3) < 1e-6)
        #expect(abs(hs.magnitudeDB(atHz: 100, sampleRate: 48000)) < 0.01)
    }

    @Test func safeFormMatchesDirectEvaluation() throws {
        for type in FilterType.allCases {
            for (f0, g, q) in [(31.0, 9.0, 0.5), (1000, -7, 3), (9000, 4, 0.7), (15000, -12, 1.2)] {
                let filter = try Biquad(type, frequencyHz: f0, gainDB: g, q: q)
                for f in [20.0, 100, 997, 5000, 19000] {
                    for fs in [44100.0, 48000, 96000] {
                        let a = filter.magnitudeDB(atHz: f, sampleRate: fs), b = Self.directDB(filter, f, fs)
                        #expect(abs(a - b) < 1e-6, "\(type) \(f0) Hz at \(f) Hz, \(fs): \(a) vs \(b)")
                    }
                }
            }
        }
    }

    @Test func derivativesMatchFiniteDifferences() {
        let grid = [20.0, 80, 300, 1000, 4000, 12000, 19000]
        let phi = grid.map { BiquadCoefficients.phi(frequencyHz: $0, sampleRate: 48000) }
        let problem = FitProblem(phi: phi, errorDB: Array(repeating: 0, count: grid.count), weights: Array(repeating: 1, count: grid.count),
                                 fitCount: grid.count, baseEQ: Array(repeating: 0, count: grid.count), sampleRate: 48000,
                                 boostLimitDB: 100, boostWeight: 0, steepnessLimit: 1000, steepnessWeight: 0)
        let slot = try! FilterSlot(types: [.peaking], frequencyHz: 10...20000, q: 0.1...10, gainDB: -20...20)
        for type in FilterType.allCases {
            let state = FilterState(type: type, slot: slot, frequencyHz: 700, q: 0.9, gainDB: 5, nyquistHz: 24000)
            let (_, jac) = problem.evaluate([state], gradient: true)
            for p in 0..<3 {
                var up = state, down = state
                up.values[p] += 1e-6
                down.values[p] -= 1e-6
                let eu = problem.evaluate([up], gradient: false).eq, ed = problem.evaluate([down], gradient: false).eq
                for k in grid.indices {
                    let numeric = (eu[k] - ed[k]) / 2e-6
                    #expect(abs(numeric - jac[p * grid.count + k]) < 1e-5 * max(1, abs(numeric)), "\(type) p\(p) at \(grid[k]) Hz")
                }
            }
        }
    }

    @Test func invalidParametersAreRefused() {
        #expect(throws: FitError.self) { try Biquad(.peaking, frequencyHz: .nan, gainDB: 0, q: 1) }
        #expect(throws: FitError.self) { try Biquad(.peaking, frequencyHz: 100, gainDB: 0, q: 0) }
        #expect(throws: FitError.self) { try Biquad(.lowShelf, frequencyHz: 100, gainDB: .infinity, q: 1) }
    }
}

/// The coarse-to-fine search of `PEQOptimizer.maxBoost` against every point of the dense grid.
@Suite struct MaxBoostTests {
    @Test func coarseToFineFindsTheLargestOfEveryDensePoint() throws {
        var random = SeededRandom(seed: 31)
        func uniform(_ range: ClosedRange<Double>) -> Double { range.lowerBound + (range.upperBound - range.lowerBound) * random.nextUniform() }
        for trial in 0..<300 {
            let count = 1 + trial % 10
            let filters = try (0..<count).map { index -> Biquad in
                let type: FilterType = index == 0 ? .lowShelf : (index == 1 ? .highShelf : .peaking)
                // Wide and very narrow filters, boosts and cuts, near the ends of the range too.
                return try Biquad(type, frequencyHz: exp(uniform(log(15)...log(23_000))), gainDB: uniform(-15...15),
                                  q: exp(uniform(log(0.3)...log(20))))
            }
            for rate in [44_100.0, 48_000] {
                let centres = filters.map(\.frequencyHz).filter { $0 >= 20 && $0 <= 20_000 }
                let brute = filters.magnitudeDB(atHz: PEQOptimizer.denseGrid + centres, sampleRate: rate).max()!
                let fast = PEQOptimizer.maxBoost(filters, sampleRate: rate)
                #expect(abs(fast - brute) < 1e-9, "trial \(trial) at \(rate) Hz: \(fast) against \(brute)")
            }
        }
    }
}
