import CansAudio
import CansCore
import CansDSP
import CansFit
import CansFormats
import Foundation
import Testing
@testable import CansExport

/// The real consumer: the exported sox chain applied to a sweep by `sox`, the result analysed by
/// cans' sweep deconvolution, compared with the profile's designed response (preamp + filters).
@Suite struct SoxConsumerTests {
    static let sox = ExternalTool.find("sox")
    static let sampleRate = 48_000.0

    /// Runs `effects` over a stereo sweep with sox and returns each channel's measured response.
    static func measureThroughSox(_ effects: String) throws -> [FrequencyResponse] {
        let sox = try #require(Self.sox, "sox is not installed (Debian package sox; scripts/install-deps.sh installs it)")
        let sweep = try SweepParameters(sampleRate: sampleRate, sweepSamples: 1 << 18)
        let signal = ExponentialSweep.signal(sweep).map(Float.init)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cans-sox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("sweep in.wav").path, output = folder.appendingPathComponent("sweep out.wav").path
        try AudioFile.write(AudioBuffer(sampleRate: sampleRate, channels: [signal, signal]), to: input, container: .wav, sampleFormat: .float32)
        // As a shell would split `$(cat profile.sox)`: on spaces, the line's own words.
        let words = effects.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        let run = try ExternalTool.run(sox, ["-D", input, "-e", "floating-point", "-b", "32", output] + words)
        #expect(run.status == 0, "sox failed: \(run.standardError)")
        #expect(!run.standardError.contains("clipped"), "sox clipped: \(run.standardError)")
        let recorded = try AudioFile.read(path: output)
        let analyzer = SweepAnalyzer(sweep: sweep)
        return try recorded.channels.map { try analyzer.analyse($0.map(Double.init)).response }
    }

    /// The largest |measured - designed| over 20 Hz-20 kHz, dB, and where.
    static func worstError(_ measured: FrequencyResponse, _ designed: ProfileEQ.Channel) -> (db: Double, hz: Double) {
        var worst = (db: 0.0, hz: 0.0)
        for (f, value) in zip(measured.frequenciesHz, measured.magnitudesDB) where f >= 20 && f <= 20_000 {
            let error = abs(value - designed.magnitudeDB(atHz: [f], sampleRate: sampleRate)[0])
            if error > worst.db { worst = (error, f) }
        }
        return worst
    }

    static var enabled: Bool { sox != nil || ExternalTool.required }
    static let skipReason: Comment = "sox is not installed: the sox consumer tests skip (CANS_REQUIRE_TOOLS=1 makes them fail)"

    @Test(.enabled(if: enabled, skipReason))
    func monoProfileThroughSoxMatchesDesignWithinATenthOfADecibel() throws {
        let profile = try ExportFixtures.prepared(ExportFixtures.mono)
        let measured = try Self.measureThroughSox(try #require(try ExportFormat.sox.render(profile).text))
        for channel in measured {
            let worst = Self.worstError(channel, profile.eq.channels[0])
            #expect(worst.db <= 0.1, "worst error \(worst.db) dB at \(worst.hz) Hz")
        }
    }

    @Test(.enabled(if: enabled, skipReason))
    func perEarBalanceThroughSoxRemixMatchesEachEar() throws {
        let profile = try ExportFixtures.prepared(ExportFixtures.balanced)
        #expect(profile.eq.channels.map(\.name) == ["L", "R"])
        let measured = try Self.measureThroughSox(try #require(try ExportFormat.sox.render(profile).text))
        for (channel, designed) in zip(measured, profile.eq.channels) {
            let worst = Self.worstError(channel, designed)
            #expect(worst.db <= 0.1, "\(designed.name): worst error \(worst.db) dB at \(worst.hz) Hz")
        }
        // The ears really differ by the balance (0.8 dB), so the remix is doing its job.
        let level = { (r: FrequencyResponse) in r.magnitudesDB[r.frequenciesHz.firstIndex { $0 >= 1000 }!] }
        #expect(abs(level(measured[1]) - level(measured[0]) - 0.8) < 0.02)
    }

    @Test(.enabled(if: enabled, skipReason))
    func perEarProfileExportedForOneEarMatchesThatEar() throws {
        let ears = try ExportFixtures.prepared(ExportFixtures.perChannel).eq.channels
        for (selection, ear) in zip([ExportOptions.ChannelSelection.left, .right], ears) {
            let profile = try ExportFixtures.prepared(ExportFixtures.perChannel) { $0.channels = selection }
            #expect(profile.eq.channels[0].filters == ear.filters)
            let measured = try Self.measureThroughSox(try #require(try ExportFormat.sox.render(profile).text))
            for channel in measured {
                let worst = Self.worstError(channel, ear)
                #expect(worst.db <= 0.1, "\(ear.name): worst error \(worst.db) dB at \(worst.hz) Hz")
            }
        }
    }

    @Test func differentFiltersPerEarAreRefusedWithWhatToDo() throws {
        let profile = try ExportFixtures.prepared(ExportFixtures.perChannel)
        #expect {
            try ExportFormat.sox.render(profile)
        } throws: { error in
            "\(error)".contains("different filters for L and R") && "\(error)".contains("--channels L")
        }
    }
}
