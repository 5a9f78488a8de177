import CansCore
import CansFit
import Foundation
import Testing
@testable import CansExport

@Suite struct PipeWireExportTests {
    typealias S = ExportTestSupport

    @Test func shelfRewriteIsTheCookbookShelfExactly() throws {
        let grid = LogFrequencyGrid.logarithmic(fromHz: 5, toHz: 21_900, pointsPerOctave: 48)
        for rate in [44_100.0, 48_000, 96_000] {
            for type in [FilterType.lowShelf, .highShelf] {
                for (hz, db, q) in [(90.0, 6.0, 0.4), (105, -4.5, 1.0), (9000, 3.0, 2.0), (10_000, -8.0, 0.5)] {
                    let shelf = S.filter(type, hz, db, q)
                    let parts = try PipeWireShelf.expanded(shelf, sampleRate: rate)
                    #expect(parts.count == 3)
                    #expect(parts[0].q == PipeWireShelf.fixedQ)
                    let difference = S.maximumDifference(parts.magnitudeDB(atHz: grid, sampleRate: rate),
                                                         [shelf].magnitudeDB(atHz: grid, sampleRate: rate))
                    #expect(difference < 1e-9, "\(type) \(hz) Hz \(db) dB Q \(q) at \(rate) Hz: \(difference) dB")
                }
            }
        }
        // A shelf already at 1/sqrt(2) (as written, 4 decimals) stays one filter.
        #expect(try PipeWireShelf.expanded(S.filter(.lowShelf, 105, 4, 0.7071), sampleRate: 48_000).count == 1)
    }

    @Test func writtenFileSoundsAsTheProfileOnEveryVersion() throws {
        for eq in [S.mono, S.perChannel] {
            for version in [PipeWireVersion.debian12, PipeWireVersion(1, 2, 7), PipeWireVersion(1, 4, 2), nil] {
                var options = PipeWireExportOptions(version: version)
                options.equalizerFilePath = "/home/user/.config/pipewire/eq.ParametricEQ.txt"
                let export = try PipeWireFilterChain.export(eq, options: options)
                // Rounding to the written decimals (Fc to whole Hz in the module's text) only.
                #expect(export.maximumDeviationDB < 0.03, "\(String(describing: version)): \(export.maximumDeviationDB) dB")
                #expect(export.preampsDB.allSatisfy { $0 <= 0 })
            }
        }
        // Without the rewrite, 0.3.65 would play the Q 0.4 shelf several tenths of a dB off.
        let naive = ProfileEQ.Channel(name: "L", preampDB: 0, filters: [S.filter(.lowShelf, 90, 6, 0.4)])
        let asRun = [S.filter(.lowShelf, 90, 6, PipeWireShelf.fixedQ)]
        let miss = S.maximumDifference(naive.magnitudeDB(atHz: S.checkGridHz, sampleRate: 48_000),
                                       asRun.magnitudeDB(atHz: S.checkGridHz, sampleRate: 48_000))
        #expect(miss > 0.5)
    }

    @Test func formFollowsTheVersion() throws {
        let path = "/home/user/.config/pipewire/eq.ParametricEQ.txt"
        func form(_ eq: ProfileEQ, _ version: PipeWireVersion?) throws -> PipeWireExport.Form {
            try PipeWireFilterChain.export(eq, options: .init(version: version, equalizerFilePath: path)).form
        }
        #expect(try form(S.mono, .debian12) == .builtinNodes)
        #expect(try form(S.mono, PipeWireVersion(1, 0, 5)) == .builtinNodes)
        #expect(try form(S.mono, PipeWireVersion(1, 0, 6)) == .parametricEqualizerModule)
        #expect(try form(S.mono, nil) == .builtinNodes)
        // The module applies one EQ to every channel: a per-channel EQ keeps the nodes.
        #expect(try form(S.perChannel, PipeWireVersion(1, 4, 2)) == .builtinNodes)
        // From 1.3.81 shelves keep their Q: no rewrite.
        let honoured = try PipeWireFilterChain.render(S.perChannel, options: .init(version: PipeWireVersion(1, 4, 2)))
        #expect(honoured.contains("label = bq_lowshelf control = { \"Freq\" = 90.00 \"Q\" = 0.4000"))
        let ignored = try PipeWireFilterChain.render(S.perChannel, options: .init(version: .debian12))
        #expect(ignored.contains("label = bq_lowshelf control = { \"Freq\" = 90.00 \"Q\" = 0.7071"))
    }

    @Test func aShelfTooBroadToRewriteIsAClearErrorNotACrash() throws {
        // Q 0.0005: the S = 1 rewrite would need peaks of 63 dB; PipeWire 1.3.81 keeps the Q as written.
        let broad = ProfileEQ(sampleRateHz: 48_000, channels: [
            ProfileEQ.Channel(name: "all", preampDB: -6, filters: [S.filter(.lowShelf, 105, 5, 0.0005)]),
        ])
        do {
            _ = try PipeWireFilterChain.export(broad, options: .init(version: .debian12))
            Issue.record("no error")
        } catch {
            #expect(error.problem.contains("Q 0.0005") && error.problem.contains("63.0 dB"), "\(error)")
            #expect(error.hint.contains("1.3.81"))
        }
        let honoured = try PipeWireFilterChain.export(
            broad, options: .init(version: PipeWireVersion(1, 4, 2), equalizerFilePath: "/home/user/.config/pipewire/eq.txt"))
        #expect(honoured.parametricEQ?.contains("Q 0.0005") == true, "\(honoured.parametricEQ ?? "")")
    }

    @Test func goldenFiles() throws {
        let path = "/home/user/.config/pipewire/cans/hd650.ParametricEQ.txt"
        try S.expectGolden(PipeWireFilterChain.render(S.mono, options: .init(version: .debian12, description: "HD 650 (cans)")),
                           "pipewire-mono-0.3.65.conf")
        try S.expectGolden(PipeWireFilterChain.render(S.perChannel, options: .init(version: .debian12, description: "HD 650 (cans)")),
                           "pipewire-per-channel-0.3.65.conf")
        try S.expectGolden(PipeWireFilterChain.render(S.perChannel, options: .init(version: PipeWireVersion(1, 4, 2), description: "HD 650 (cans)")),
                           "pipewire-per-channel-1.4.2.conf")
        for version in [PipeWireVersion(1, 0, 6), PipeWireVersion(1, 4, 2)] {
            let export = try PipeWireFilterChain.export(S.mono, options: .init(version: version, description: "HD 650 (cans)", equalizerFilePath: path))
            try S.expectGolden(export.dropIn, "pipewire-mono-module-\(version).conf")
            try S.expectGolden(export.parametricEQ ?? "", "pipewire-mono-module-\(version).ParametricEQ.txt")
        }
    }

    @Test func namesCannotBreakTheFile() throws {
        let name = "Käse \"HD 650\" #1 \\ {x}\nnext line = [y]"
        let text = try PipeWireFilterChain.render(S.mono, options: .init(version: .debian12, description: name))
        let quoted = "\"Käse \\\"HD 650\\\" #1 \\\\ {x}\\nnext line = [y]\""
        #expect(text.contains("node.description = \(quoted)\n"))
        #expect(text.contains("media.name       = \(quoted)\n"))
        #expect(text.contains("node.name   = \"effect_input.cans_k_se_hd_650_1_x_next_line_y\""))
        // Every line before the config is a comment: the newline in the name did not end one.
        let header = text.components(separatedBy: "context.modules")[0].split(separator: "\n")
        #expect(header.allSatisfy { $0.hasPrefix("#") })
        #expect(header.contains { $0.contains("Käse \"HD 650\" #1 \\ {x} next line = [y]") })
        #expect(PipeWireText.quoted("a\u{1}b") == "\"a\\u0001b\"")
    }

    @Test func preampIsComputedFromTheValuesAsWritten() throws {
        // A profile whose preamp leaves the boost above 0 dB gets a lower one in the file.
        let loud = ProfileEQ(sampleRateHz: 48_000, channels: [.init(name: "all", preampDB: 0, filters: [S.filter(.peaking, 1000, 4, 1.41)])])
        let export = try PipeWireFilterChain.export(loud, options: .init(version: .debian12))
        #expect(export.preampsDB == [-4, -4])
        #expect(export.dropIn.contains("name = preamp label = bq_highshelf control = { \"Freq\" = 0.00 \"Q\" = 0.7071 \"Gain\" = -4.00 }"))
        #expect(export.dropIn.contains("(written -4.00 dB so the cascade as written stays at or below 0 dB)"))
        // The profile's own (lower) preamp is kept as it is.
        let quiet = try PipeWireFilterChain.export(S.perChannel, options: .init(version: .debian12))
        #expect(quiet.preampsDB == S.perChannel.channels.map(\.preampDB))
    }

    @Test func clearErrors() throws {
        #expect(throws: PipeWireExportError.self) { try PipeWireFilterChain.export(S.mono, options: .init(version: PipeWireVersion(1, 2, 0))) }
        do {
            _ = try PipeWireFilterChain.export(S.mono, options: .init(version: PipeWireVersion(1, 2, 0), equalizerFilePath: "eq.txt"))
            Issue.record("a relative path was accepted")
        } catch {
            #expect(error.description.contains("(got \"eq.txt\")"))
        }
        let odd = ProfileEQ(sampleRateHz: 48_000, channels: [
            .init(name: "L", preampDB: -1, filters: [S.filter(.peaking, 100, 1, 1)]), .init(name: "C", preampDB: -2, filters: []),
        ])
        #expect(throws: PipeWireExportError.self) { try PipeWireFilterChain.export(odd) }
        #expect(throws: PipeWireExportError.self) { try PipeWireFilterChain.export(S.mono, options: .init(sampleRateHz: 16_000)) }
        #expect(try PipeWireVersion(parsing: "pipewire\nCompiled with libpipewire 0.3.65\nLinked with libpipewire 0.3.65") == .debian12)
        #expect(try PipeWireVersion(parsing: "1.2") == PipeWireVersion(1, 2, 0))
        for bad in ["", "abc", "1.x.3", "1.2.3.4", "-1.0"] {
            #expect(throws: PipeWireExportError.self) { try PipeWireVersion(parsing: bad) }
        }
    }

    @Test func writeRefusesToReplaceAndWritesBothFiles() throws {
        let folder = try S.temporaryFolder("cans-pw-write")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let conf = folder + "/hd650.conf"
        let export = try PipeWireFilterChain.write(S.mono, options: .init(version: PipeWireVersion(1, 2, 7)), toPath: conf)
        #expect(export.equalizerFilePath == folder + "/hd650.ParametricEQ.txt")
        #expect(try String(contentsOfFile: folder + "/hd650.ParametricEQ.txt", encoding: .utf8) == export.parametricEQ)
        #expect(try String(contentsOfFile: conf, encoding: .utf8) == export.dropIn)
        #expect(throws: (any Error).self) { try PipeWireFilterChain.write(S.mono, toPath: conf) }
        try PipeWireFilterChain.write(S.perChannel, options: .init(version: .debian12), toPath: conf, overwrite: true)
        #expect(try String(contentsOfFile: conf, encoding: .utf8).contains("inputs  = [ \"l_preamp:In\" \"r_preamp:In\" ]"))
    }
}
