import CansMonitor
import Foundation
import Testing

@Suite("Crossfeed")
struct CrossfeedTests {
    @Test("bs2b presets: low-frequency feed, cut frequency and mono level as published", arguments: [44_100.0, 48_000.0, 96_000.0])
    func presetsMatchPublishedValues(sampleRate: Double) {
        for preset in CrossfeedSettings.presets {
            let design = preset.design(sampleRate: sampleRate)
            // Feed level: the crossed path is `feedDB` below the direct path at low frequencies.
            let direct = design.directDB(atHz: 5, sampleRate: sampleRate)
            let crossed = design.crossedDB(atHz: 5, sampleRate: sampleRate)
            #expect(abs((direct - crossed) - preset.feedDB) < 0.1, "\(preset) feed \(direct - crossed)")
            // Cut frequency: the crossed path's low pass is 3 dB down at cutHz.
            let atCut = design.crossedDB(atHz: preset.cutHz, sampleRate: sampleRate) - crossed
            #expect(abs(atCut + 3.01) < 0.1, "\(preset) at cut \(atCut)")
            // A mono low-frequency signal keeps its level (direct + crossed in phase, 0 dB).
            let mono = 20 * log10(pow(10, direct / 20) + pow(10, crossed / 20))
            #expect(abs(mono) < 0.1, "\(preset) mono \(mono)")
        }
        #expect(CrossfeedSettings.presets.map(\.cutHz) == [700, 700, 650])
        #expect(CrossfeedSettings.presets.map(\.feedDB) == [4.5, 6.0, 9.5])
    }

    @Test("the running filter reproduces its design within 0.01 dB on both paths, with each kernel this processor runs",
          arguments: CrossfeedSettings.presets, ArithmeticKernel.runnable)
    func filterMatchesDesign(preset: CrossfeedSettings, kernel: ArithmeticKernel) {
        let rate = 48_000.0
        let design = preset.design(sampleRate: rate)
        var filter = CrossfeedFilter(design, kernel: kernel)
        let (left, right) = impulseResponses(count: 1 << 14) { filter.process($0) }
        for f in logFrequencies() {
            #expect(abs(magnitudeDB(of: left, atHz: f, sampleRate: rate) - design.directDB(atHz: f, sampleRate: rate)) < 0.01)
            #expect(abs(magnitudeDB(of: right, atHz: f, sampleRate: rate) - design.crossedDB(atHz: f, sampleRate: rate)) < 0.01)
        }
        // High frequencies stay on their own side: the crossed path is far below the direct one.
        #expect(magnitudeDB(of: left, atHz: 10_000, sampleRate: rate) - magnitudeDB(of: right, atHz: 10_000, sampleRate: rate) > 15)
    }

    @Test("custom values within bs2b's ranges; names and CUT:FEED parse; bad values are refused with the range")
    func parsing() throws {
        #expect(try CrossfeedSettings(parsing: "cmoy") == .chuMoy)
        #expect(try CrossfeedSettings(parsing: "JMEIER") == .janMeier)
        let custom = try CrossfeedSettings(parsing: "800:3")
        #expect(custom.cutHz == 800 && custom.feedDB == 3 && custom.presetName == nil)
        #expect(throws: MonitorError.self) { try CrossfeedSettings(parsing: "200:3") }
        #expect(throws: MonitorError.self) { try CrossfeedSettings(parsing: "700:20") }
        do {
            _ = try CrossfeedSettings(parsing: "loud")
            Issue.record("no error")
        } catch {
            #expect(error.description.contains("default, cmoy, jmeier"))
        }
    }
}
