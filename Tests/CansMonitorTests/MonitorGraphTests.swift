import CansDSP
import CansFit
import CansMonitor
import Foundation
import Testing

@Suite("Monitor graph")
struct MonitorGraphTests {
    static func profileA() throws -> MonitorProfile {
        try MonitorProfile(name: "A", left: .init(preampDB: -6.2, filters: [
            Biquad(.lowShelf, frequencyHz: 105, gainDB: 5.5, q: 0.7), Biquad(.peaking, frequencyHz: 2_900, gainDB: -3.1, q: 1.8),
            Biquad(.peaking, frequencyHz: 6_100, gainDB: 4.2, q: 3.5), Biquad(.highShelf, frequencyHz: 10_000, gainDB: -1.5, q: 0.7),
            Biquad(.peaking, frequencyHz: 35, gainDB: 2.0, q: 1.2),
        ]), right: .init(preampDB: -5.8, filters: [
            Biquad(.lowShelf, frequencyHz: 105, gainDB: 5.1, q: 0.7), Biquad(.peaking, frequencyHz: 3_100, gainDB: -2.5, q: 1.6),
        ]))
    }

    static func profileB() throws -> MonitorProfile {
        try MonitorProfile(name: "B", both: .init(preampDB: -1, filters: [
            Biquad(.highShelf, frequencyHz: 4_000, gainDB: -6, q: 0.7), Biquad(.peaking, frequencyHz: 200, gainDB: -4, q: 0.8),
        ]))
    }

    @Test("a sweep through the graph comes out with the profile's designed response within 0.01 dB, 20 Hz-20 kHz",
          arguments: [44_100.0, 48_000.0, 96_000.0])
    func reproducesDesignedResponse(sampleRate: Double) throws {
        let profile = try Self.profileA()
        var graph = try MonitorGraph(profiles: [profile], sampleRate: sampleRate, maximumFrames: 256)
        let sweep = ExponentialSweep.signal(try SweepParameters(sampleRate: sampleRate, sweepSamples: 1 << 17, levelDBFS: -12,
                                                                preSilenceSeconds: 0.1, postSilenceSeconds: 0.5))
        let output = graph.render(stereo(sweep), blockFrames: 256)
        for (ear, channel) in [(profile.left, \StereoFrame.x), (profile.right, \StereoFrame.y)] {
            var worst = 0.0
            for (f, db) in transferDB(input: sweep, output: output.map { $0[keyPath: channel] }, sampleRate: sampleRate, bandHz: 20...20_000) {
                let designed = ear.filters.magnitudeDB(atHz: [f], sampleRate: sampleRate)[0] + ear.preampDB
                worst = max(worst, abs(db - designed))
            }
            #expect(worst < 0.01, "worst deviation \(worst) dB")
        }
    }

    @Test("after level matching, pink noise through two profiles differs by less than 0.1 LU (unmatched: more than 2 LU)")
    func levelMatch() throws {
        let rate = 48_000.0
        let profiles = [try Self.profileA(), try Self.profileB()]
        // A different noise (seed, length) from the one the match was computed with.
        let noise = PinkNoise.stereo(frameCount: Int(15 * rate), sampleRate: rate, rmsDBFS: -24, seed: 4242)
        func loudness(levelMatch: Bool) throws -> [Double] {
            try (1...2).map { number in
                var graph = try MonitorGraph(profiles: profiles, sampleRate: rate, maximumFrames: 512, levelMatch: levelMatch)
                graph.apply(.profile(number))
                return try #require(Loudness.integrated(graph.render(noise, blockFrames: 512), sampleRate: rate))
            }
        }
        let matched = try loudness(levelMatch: true)
        let unmatched = try loudness(levelMatch: false)
        #expect(abs(matched[0] - matched[1]) < 0.1, "\(matched)")
        #expect(abs(unmatched[0] - unmatched[1]) > 2, "\(unmatched)")
        let offsets = try LevelMatch.offsetsDB(for: profiles, sampleRate: rate)
        #expect(offsets.max() == 0 && offsets.min()! < -2)
    }

    @Test("switching profile, crossfeed, band and preview mid-signal is click-free and settles on the new setting")
    func clickFreeSwitching() throws {
        let rate = 48_000.0
        var graph = try MonitorGraph(profiles: [try Self.profileA(), try Self.profileB()], sampleRate: rate, maximumFrames: 256)
        let tone = (0..<Int(2 * rate)).map { StereoFrame(0.3 * sin(2 * Double.pi * 440 * Double($0) / rate), 0.3 * sin(2 * Double.pi * 660 * Double($0) / rate)) }
        let commands: [(frame: Int, command: MonitorCommand)] = [
            (12_000, .profile(2)), (24_000, .toggleCrossfeed), (36_000, .band(.bass)), (48_000, .allBands), (60_000, .preview(.phone)),
            (72_000, .toggleMono), (84_000, .profile(1)),
        ]
        let output = graph.render(tone, blockFrames: 256, commands: commands)
        // A click is a step far beyond what a 660 Hz tone at this level moves between samples.
        let steepest = zip(output.dropFirst(), output).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max()!
        let toneStep = 0.3 * 2 * Double.pi * 660 / rate * 2  // twice the largest slope of the loudest partial
        #expect(steepest < toneStep, "largest step \(steepest)")
        #expect(graph.settings == MonitorSettings(profileIndex: 0, crossfeedOn: true, band: nil, mono: true, preview: .phone))
    }

    @Test("commands during a fade wait for it; the same commands at the same frames give the same samples")
    func deterministic() throws {
        let rate = 44_100.0
        let noise = PinkNoise.stereo(frameCount: 40_000, sampleRate: rate, seed: 8)
        let commands: [(frame: Int, command: MonitorCommand)] = [(1_000, .cycleBand), (1_100, .cycleBand), (9_000, .cyclePreview)]
        var first = try MonitorGraph(profiles: [try Self.profileB()], sampleRate: rate, maximumFrames: 128)
        var second = first
        let a = first.render(noise, blockFrames: 128, commands: commands)
        let b = second.render(noise, blockFrames: 128, commands: commands)
        #expect(a == b)
        #expect(first.settings.band == .bass && first.settings.preview == .phone)
    }

    @Test("the fused and the portable kernel give the same signal within 1e-12 through every stage, switches included")
    func kernelsAgree() throws {
        let kernels = ArithmeticKernel.runnable
        guard kernels.contains(.fused) else {
            // Nothing to compare on a processor without x86-64-v3: the portable kernel is the only one.
            #expect(ArithmeticKernel.available == .portable)
            return
        }
        let rate = 48_000.0
        let noise = PinkNoise.stereo(frameCount: 96_000, sampleRate: rate, rmsDBFS: -14, seed: 4)
        let commands: [(frame: Int, command: MonitorCommand)] = [
            (5_000, .toggleCrossfeed), (20_000, .profile(2)), (35_000, .band(.presence)), (50_000, .preview(.car)),
            (65_000, .allBands), (80_000, .toggleMono),
        ]
        let outputs = try kernels.map { kernel in
            var graph = try MonitorGraph(profiles: [try Self.profileA(), try Self.profileB()], sampleRate: rate,
                                         maximumFrames: 256, kernel: kernel)
            return graph.render(noise, blockFrames: 256, commands: commands)
        }
        let largest = zip(outputs[0], outputs[1]).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max()!
        #expect(largest < 1e-12, "largest difference \(largest)")
        #expect(largest > 0, "the two kernels differ in rounding, so they are not the same code")
    }

    @Test("NaN and infinite input samples become silence; the output stays finite and within the ceiling")
    func brokenInput() throws {
        var graph = try MonitorGraph(profiles: [try Self.profileA()], sampleRate: 48_000, maximumFrames: 256)
        var input = PinkNoise.stereo(frameCount: 4_800, sampleRate: 48_000, seed: 2)
        input[1_000] = StereoFrame(.nan, 0.1)
        input[2_000] = StereoFrame(0.1, -.infinity)
        let output = graph.render(input, blockFrames: 256)
        #expect(output.allSatisfy { $0.x.isFinite && $0.y.isFinite && abs($0.x) <= pow(10, -1.0 / 20) && abs($0.y) <= pow(10, -1.0 / 20) })
        #expect(output[4_000...].contains { $0.x != 0 })
    }

    @Test("a profile filter above the new Nyquist is a clear error; the same profile at its own rate is fine")
    func profileForAnotherRate() throws {
        let profile = try MonitorProfile(name: "hi-res", both: .init(preampDB: -1, filters: [Biquad(.peaking, frequencyHz: 30_000, gainDB: -3, q: 1)]))
        #expect(throws: MonitorError.self) { try MonitorGraph(profiles: [profile], sampleRate: 48_000) }
        _ = try MonitorGraph(profiles: [profile], sampleRate: 96_000)
    }

    @Test("script and key commands parse as documented")
    func commands() throws {
        #expect(try MonitorCommand(parsing: "profile 3") == .profile(3))
        #expect(try MonitorCommand(parsing: "band presence") == .band(.presence))
        #expect(try MonitorCommand(parsing: "preview off") == .noPreview)
        #expect(try MonitorCommand(parsing: "x") == .toggleCrossfeed)
        #expect(MonitorCommand(key: "0") == .allBands)
        #expect(throws: MonitorError.self) { try MonitorCommand(parsing: "profile 12") }
        #expect(throws: MonitorError.self) { try MonitorCommand(parsing: "louder") }
        var settings = MonitorSettings()
        for _ in 0..<8 { settings = settings.applying(.cycleBand, profileCount: 1) }
        #expect(settings.band == nil)
        settings = settings.applying(.cyclePreview, profileCount: 1).applying(.cyclePreview, profileCount: 1)
        #expect(settings.preview == .laptop)
    }
}
