import CansAudio
import CansCore
import CansDSP
import CansFit
import Foundation
import Testing
@testable import CansExport

@Suite struct FIRExportTests {
    typealias S = ExportTestSupport

    @Test func minimumPhaseIsTheCascadeWithinATruncationErrorOfAHundredthOfADB() throws {
        for eq in [S.mono, S.perChannel] {
            let fir = try FIRExport.design(eq)
            #expect(fir.phase == .minimum && fir.delaySamples == 0)
            #expect(fir.truncationErrorDB <= FIRExport.targetErrorDB, "\(fir.truncationErrorDB) dB")
            #expect(fir.peakGainDB <= 0)
            #expect(fir.impulseResponses.count == 2 && fir.impulseResponses.allSatisfy { $0.count == fir.taps })
            #expect(fir.channelNames == ["L", "R"])
            // The shortest power of two from 4096 that meets the target: half as many would not.
            if fir.taps > 4096 {
                let shorter = try FIRExport.design(eq, options: .init(taps: fir.taps / 2))
                #expect(shorter.truncationErrorDB > FIRExport.targetErrorDB)
            }
            print("fir minimum \(eq.channels.count) channel(s): \(fir.taps) taps, error \(fir.truncationErrorDB) dB, worst-case peak \(fir.worstCasePeakDB) dB")
        }
        #expect(try FIRExport.design(S.mono).impulseResponses[0] == FIRExport.design(S.mono).impulseResponses[1])
    }

    @Test func minimumPhaseAgreesWithTheCepstrum() throws {
        // CansDSP's homomorphic minimum phase of the designed magnitude gives the same taps.
        let channel = S.mono.channels[0]
        let fir = try FIRExport.design(S.mono)
        let grid = LogFrequencyGrid.logarithmic(fromHz: 1, toHz: 23_999, pointsPerOctave: 192)
        let response = try FrequencyResponse(frequenciesHz: grid, magnitudesDB: channel.magnitudeDB(atHz: grid, sampleRate: 48_000))
        let cepstral = MinimumPhase.impulseResponse(magnitude: response, sampleRate: 48_000, length: 2048, transformSize: 1 << 20)
        let ours = fir.impulseResponses[0].prefix(1024).map(Double.init)
        let peak = ours.map(abs).max() ?? 1
        let worst = zip(ours, cepstral).map { abs($0 - $1) }.max() ?? 1
        #expect(worst / peak < 1e-3, "largest tap difference \(worst / peak) of the peak")
    }

    @Test func linearPhaseIsSymmetricOddAndDelayedByHalf() throws {
        let fir = try FIRExport.design(S.perChannel, options: .init(phase: .linear))
        #expect(fir.taps % 2 == 1 && fir.delaySamples == (fir.taps - 1) / 2)
        #expect(fir.truncationErrorDB <= FIRExport.targetErrorDB, "\(fir.truncationErrorDB) dB")
        #expect(fir.peakGainDB <= 0)
        for taps in fir.impulseResponses {
            #expect((0..<fir.taps).allSatisfy { taps[$0] == taps[fir.taps - 1 - $0] })
            #expect(taps.indices.max { abs(taps[$0]) < abs(taps[$1]) } == fir.delaySamples)
        }
        #expect(throws: FIRExportError.self) { try FIRExport.design(S.mono, options: .init(phase: .linear, taps: 4096)) }
    }

    @Test func anyRateDesignsTheBiquadsAtThatRate() throws {
        for rate in [44_100.0, 96_000] {
            let fir = try FIRExport.design(S.mono, options: .init(sampleRateHz: rate))
            #expect(fir.sampleRateHz == rate && fir.truncationErrorDB <= FIRExport.targetErrorDB)
            // Checked against the design at that rate, not at the profile's 48 kHz.
            let spectrum = ImpulseSpectrum(impulse: fir.impulseResponses[0].map(Double.init), onsetIndex: 0, sampleRate: rate)
            let designed = S.mono.channels[0].magnitudeDB(atHz: [16_000, 19_000], sampleRate: rate)
            #expect(abs(spectrum.magnitudeDB(atHz: 19_000) - designed[1]) < 0.02)
        }
        #expect(throws: FIRExportError.self) { try FIRExport.design(S.mono, options: .init(sampleRateHz: 16_000)) }
        #expect(throws: FIRExportError.self) { try FIRExport.design(S.mono, options: .init(sampleRateHz: 44_100.5)) }
        #expect(throws: FIRExportError.self) { try FIRExport.design(S.mono, options: .init(taps: 8)) }
    }

    @Test func neverClips() throws {
        // A profile whose preamp leaves +3 dB: the FIR is scaled to 0 dB at its loudest.
        let loud = ProfileEQ(sampleRateHz: 48_000, channels: [.init(name: "all", preampDB: 0, filters: [S.filter(.peaking, 1000, 3, 2)])])
        let fir = try FIRExport.design(loud)
        #expect(fir.peakGainDB == 0)
        let spectrum = ImpulseSpectrum(impulse: fir.impulseResponses[0].map(Double.init), onsetIndex: 0, sampleRate: 48_000)
        #expect(abs(spectrum.magnitudeDB(atHz: 1000)) < 0.01)
    }

    @Test func wavHeaderAndCheckedValues() throws {
        let folder = try S.temporaryFolder("cans-fir")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var facts = ""
        for (label, eq, options) in [("mono-minimum", S.mono, FIRExportOptions()),
                                     ("per-channel-linear-44100", S.perChannel, FIRExportOptions(phase: .linear, sampleRateHz: 44_100))] {
            let path = folder + "/\(label).wav"
            let fir = try FIRExport.write(eq, options: options, toPath: path)
            let (buffer, info) = try AudioFile.readWithInfo(path: path)
            #expect(buffer.channels == fir.impulseResponses)
            facts += "\(label): \(info.formatDescription), \(Int(info.sampleRate)) Hz, \(info.channelCount) channels, \(info.frameCount) frames\n"
            #expect(info.container == .wav && info.sampleFormat == .float32)
            for (name, taps) in zip(fir.channelNames, buffer.channels) {
                let centre = fir.delaySamples
                let values = (centre..<(centre + 3)).map { PipeWireText.number(Double(taps[$0]), 6) }
                facts += "  \(name): taps[\(centre)...] \(values.joined(separator: " ")), sum \(PipeWireText.number(Double(taps.reduce(0, +)), 6))\n"
            }
            #expect(throws: AudioFileError.self) { try FIRExport.write(eq, options: options, toPath: path) }
        }
        // The first tap of the minimum-phase filter is the preamp times each section's b0 / a0.
        let first = S.mono.channels[0].filters.reduce(Decibels.toAmplitude(S.mono.channels[0].preampDB)) { product, filter in
            let (b, a) = filter.coefficients(sampleRate: 48_000)
            return product * b.0 / a.0
        }
        #expect(abs(Double(try FIRExport.design(S.mono).impulseResponses[0][0]) - first) < 1e-6)
        try S.expectGolden(facts, "fir-header-facts.txt")
    }

    @Test func soxConvolvesTheExportAsTheProfileSays() throws {
        guard let sox = S.executable("sox") else {
            if S.toolsRequired { Issue.record("CANS_REQUIRE_TOOLS=1 but sox is not installed (scripts/install-deps.sh)") } else {
                print("skipped: sox is not installed (scripts/install-deps.sh installs it): the sox FIR test")
            }
            return
        }
        let folder = try S.temporaryFolder("cans-fir-sox")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for phase in FIRPhase.allCases {
            for (label, eq) in try S.profiles() {
                let path = folder + "/\(label)-\(phase).wav"
                let fir = try FIRExport.write(eq, options: .init(phase: phase), toPath: path)
                let sweep = S.sweep(postSilenceSeconds: Double(fir.taps) / 48_000 + 2.5)
                let input = folder + "/sweep-\(label)-\(phase).wav"
                try AudioFile.write(AudioBuffer(sampleRate: 48_000, channels: [ExponentialSweep.signal(sweep).map(Float.init)]),
                                    to: input, container: .wav, sampleFormat: .float32)
                // The taps sox reads are the ones in the WAV, read back through libsndfile.
                let written = try AudioFile.read(path: path)
                for (index, taps) in written.channels.enumerated() {
                    let coefficients = folder + "/taps-\(label)-\(phase)-\(index).txt"
                    try taps.map { String($0) }.joined(separator: "\n").write(toFile: coefficients, atomically: true, encoding: .utf8)
                    let output = folder + "/out-\(label)-\(phase)-\(index).wav"
                    let ran = try S.run(sox, [input, "-e", "floating-point", "-b", "32", output, "fir", coefficients])
                    try #require(ran.status == 0, "sox failed: \(ran.output)")
                    let recording = try AudioFile.read(path: output).channels[0]
                    let measured = S.measuredDB(sweep: sweep, recording: recording, before: fir.delaySamples + 64, after: fir.taps + 96_000)
                    let designed = eq.channels[eq.isSameOnEveryChannel ? 0 : index].magnitudeDB(atHz: S.checkGridHz, sampleRate: 48_000)
                    let deviation = S.maximumDifference(measured, designed)
                    print("sox fir \(phase) \(label) channel \(index) (\(fir.taps) taps): max |measured - profile| \(deviation) dB over 20 Hz-20 kHz, \(S.worst(measured, designed))")
                    #expect(deviation <= 0.2, "\(phase) \(label) channel \(index): \(deviation) dB")
                }
            }
        }
    }
}
