import CansAudio
import Foundation
import Testing

/// `cans export --format pipewire|fir` run as a user runs them (what the files do is proved by the
/// real PipeWire daemon and sox in CansExportTests; here: the command, its options and errors).
@Suite struct ExportPipeWireFIRCLITests {
    @Test func pipewireWritesTheBuiltinFormOrTheModuleFormByVersion() throws {
        let folder = try TemporaryFolder()
        let response = try ExportCLITests.writeResponse(in: folder)
        #expect(try CLIRunner.run(["fit", response, "-o", folder.path("p.json")]).status == 0)
        let builtin = try CLIRunner.run(["export", folder.path("p.json"), "--format", "pipewire", "-o", folder.path("eq.conf")])
        #expect(builtin.status == 0, "\(builtin.standardError)")
        let text = try String(contentsOfFile: folder.path("eq.conf"), encoding: .utf8)
        #expect(text.contains("libpipewire-module-filter-chain") && text.contains("bq_peaking"))
        // PipeWire 1.2 has the parametric-equalizer module: the drop-in names a ParametricEQ.txt beside it.
        let module = try CLIRunner.run(["export", folder.path("p.json"), "--format", "pipewire", "--pipewire-version", "1.2.0",
                                        "-o", folder.path("module.conf")])
        #expect(module.status == 0, "\(module.standardError)")
        let dropIn = try String(contentsOfFile: folder.path("module.conf"), encoding: .utf8)
        #expect(dropIn.contains("libpipewire-module-parametric-equalizer"))
        #expect(dropIn.contains(folder.path("module.ParametricEQ.txt")))
        let equalizer = try String(contentsOfFile: folder.path("module.ParametricEQ.txt"), encoding: .utf8)
        #expect(equalizer.hasPrefix("Preamp: -") && equalizer.contains("Filter 1: ON "))
        // An existing file is left alone without --force; a version that is not one is a usage error.
        let again = try CLIRunner.run(["export", folder.path("p.json"), "--format", "pipewire", "-o", folder.path("eq.conf")])
        #expect(again.status != 0)
        #expect(try String(contentsOfFile: folder.path("eq.conf"), encoding: .utf8) == text)
        let badVersion = try CLIRunner.run(["export", folder.path("p.json"), "--format", "pipewire", "--pipewire-version", "one",
                                            "-o", folder.path("x.conf")])
        #expect(badVersion.status == 64 && !FileManager.default.fileExists(atPath: folder.path("x.conf")))
    }

    @Test func firWritesOneChannelPerEarAtTheRateAsked() throws {
        let folder = try TemporaryFolder()
        try ExportCLITests.perEarProfile(at: folder.path("ears.json"))
        let result = try CLIRunner.run(["export", folder.path("ears.json"), "--format", "fir", "--sample-rate", "44100",
                                        "--fir-phase", "linear", "-o", folder.path("ir.wav")])
        #expect(result.status == 0, "\(result.standardError)")
        let wav = try AudioFile.read(path: folder.path("ir.wav"))
        #expect(wav.sampleRate == 44_100 && wav.channels.count == 2)
        // Linear phase: an odd length, the peak in the middle.
        let left = wav.channels[0]
        #expect(left.count % 2 == 1)
        let peak = left.indices.max { abs(left[$0]) < abs(left[$1]) }!
        #expect(peak == left.count / 2)
        let bad = try CLIRunner.run(["export", folder.path("ears.json"), "--format", "fir", "--fir-phase", "mixed", "-o", folder.path("x.wav")])
        #expect(bad.status == 64 && !FileManager.default.fileExists(atPath: folder.path("x.wav")))
    }
}
