import CansCore
import CansFit
import Foundation
import Testing
@testable import CansReport

@Suite struct BandSummaryTests {
    static let target = try! TargetCurve.builtIn(named: "harman-over-ear-2018").response

    /// The target plus `deviation(f)` dB, on AutoEq's grid.
    static func response(_ deviation: (Double) -> Double) -> FrequencyResponse {
        let grid = LogFrequencyGrid.autoEq
        let base = target.resampled(toHz: grid).magnitudesDB
        return FrequencyResponse(validatedFrequenciesHz: grid, magnitudesDB: zip(grid, base).map { $1 + deviation($0) })
    }

    static func entry(_ summary: BandSummary, _ name: String) -> BandSummary.Entry {
        summary.entries.first { $0.band.name == name }!
    }

    @Test func knownDeviationsAreStatedWithTheirSignAndSize() {
        // +4 dB over the bass band, -3 dB over the presence band, the target elsewhere.
        let headphone = Self.response { f in (100..<300).contains(f) ? 4 : (5_000..<10_000).contains(f) ? -3 : 0 }
        let summary = BandSummary(response: headphone, target: Self.target)
        // Grid points exactly inside the band carry the step; the 48-per-octave summary grid
        // interpolates across the edges, so allow a quarter dB.
        #expect(abs(Self.entry(summary, "Bass").deviationDB - 4) < 0.25)
        #expect(abs(Self.entry(summary, "Presence").deviationDB - -3) < 0.25)
        for other in ["Sub", "Low mids", "Mids", "Upper mids", "Air"] {
            #expect(abs(Self.entry(summary, other).deviationDB) < 0.25, "\(other)")
        }
        let sentences = summary.sentences()
        let bass = sentences.first { $0.hasPrefix("Bass") }!
        #expect(bass.contains("+4.0 dB") || bass.contains("+3.9 dB"), "\(bass)")
        #expect(bass.contains("clearly more than the target"))
        #expect(bass.contains("bass-light"))
        let presence = sentences.first { $0.hasPrefix("Presence") }!
        #expect(presence.contains("-3.0 dB") || presence.contains("-2.9 dB"), "\(presence)")
        #expect(presence.contains("less than the target"))
        #expect(presence.contains("bright"))
        #expect(sentences.first { $0.hasPrefix("Mids") }!.contains("close to the target"))
    }

    @Test func smoothDeviationsAndALevelOffsetGiveTheSameAnswer() {
        // A bass hump peaking at +4 dB at 173 Hz (the bass band's log centre) and a presence dip
        // of -3 dB, each a raised cosine one octave wide either side, all 6 dB louder overall:
        // the level match over 500 Hz-2 kHz removes the offset.
        func bump(_ f: Double, centre: Double, gain: Double) -> Double {
            let octaves = abs(log2(f / centre))
            return octaves < 1 ? gain * (0.5 + 0.5 * cos(Double.pi * octaves)) : 0
        }
        let headphone = Self.response { f in 6 + bump(f, centre: 173.2, gain: 4) + bump(f, centre: 7_071, gain: -3) }
        let summary = BandSummary(response: headphone, target: Self.target)
        let bass = Self.entry(summary, "Bass"), presence = Self.entry(summary, "Presence")
        // The bass band spans +-0.79 octaves of the hump: mean 4 * (0.5 + 0.5 sin(0.79 pi) / (0.79 pi)) = 2.49 dB;
        // the presence band +-0.5 octaves of the dip: -3 * (0.5 + 0.5 sin(0.5 pi) / (0.5 pi)) = -2.45 dB.
        #expect(abs(bass.deviationDB - 2.49) < 0.1, "\(bass)")
        #expect(abs(bass.peakDB - 4) < 0.05 && abs(bass.peakHz - 173.2) / 173.2 < 0.02)
        #expect(abs(presence.deviationDB - -2.45) < 0.1, "\(presence)")
        #expect(abs(presence.peakDB - -3) < 0.05)
        #expect(abs(Self.entry(summary, "Mids").deviationDB) < 0.3)
    }

    @Test func theTargetAgainstItselfIsNeutralEverywhere() {
        let summary = BandSummary(response: Self.target, target: Self.target)
        #expect(summary.entries.count == 7)
        #expect(summary.entries.allSatisfy { abs($0.deviationDB) < 1e-9 })
        #expect(summary.sentences().allSatisfy { $0.contains("close to the target") && $0.contains("0.0 dB") && !$0.contains("-0.0") })
    }

    @Test func strengthWords() {
        #expect(BandSummary.strength(0.5) == "close to the target")
        #expect(BandSummary.strength(-2) == "slightly")
        #expect(BandSummary.strength(4) == "clearly")
        #expect(BandSummary.strength(-7) == "strongly")
    }
}
