import CansCore
import CansDSP
import CansFit
import CansFormats
import Foundation
import Testing
@testable import CansExport

/// Profiles, sweep measurements and external tools shared by the FIR and PipeWire tests.
enum ExportTestSupport {
    static let sampleRate = 48_000.0

    static func filter(_ type: FilterType, _ hz: Double, _ db: Double, _ q: Double) -> Biquad {
        try! Biquad(type, frequencyHz: hz, gainDB: db, q: q)  // test constants
    }

    /// The preamp a fit would write: minus the cascade's largest gain, rounded down to 0.1 dB.
    static func channel(_ name: String, _ filters: [Biquad], headroomDB: Double = 0) -> ProfileEQ.Channel {
        let grid = LogFrequencyGrid.logarithmic(fromHz: 5, toHz: 23_999, pointsPerOctave: 96)
        let peak = max(0, filters.magnitudeDB(atHz: grid, sampleRate: sampleRate).max() ?? 0)
        return ProfileEQ.Channel(name: name, preampDB: -((peak * 10).rounded(.up) / 10) - headroomDB, filters: filters)
    }

    /// A mono EQ like a fit's: shelves with Q other than 1/sqrt(2) (0.5 and 0.6), a low bass boost
    /// with some Q, cuts and boosts across the band.
    static let mono = ProfileEQ(sampleRateHz: sampleRate, channels: [channel("all", [
        filter(.lowShelf, 105, 5.5, 0.5), filter(.peaking, 25, 3.0, 2.0), filter(.peaking, 180, -3.2, 1.2),
        filter(.peaking, 1200, 2.4, 2.0), filter(.peaking, 3400, -4.5, 3.5), filter(.peaking, 6200, 3.0, 4.0),
        filter(.highShelf, 10_000, -2.5, 0.6),
    ])])

    /// A per-channel EQ: the left ear with a steep (Q 0.4) low shelf, the right with a high shelf
    /// at Q 1.0 and another balance.
    static let perChannel = ProfileEQ(sampleRateHz: sampleRate, channels: [
        channel("L", [filter(.lowShelf, 90, 6.0, 0.4), filter(.peaking, 2800, -3.0, 2.5), filter(.peaking, 8000, 2.5, 3.0)]),
        channel("R", [filter(.peaking, 60, 2.0, 1.0), filter(.peaking, 4500, -5.0, 4.0), filter(.highShelf, 9000, 3.0, 1.0)],
                headroomDB: 0.5),
    ])

    /// A real profile, as `cans fit` makes it: a public measurement from ../shared/data (an
    /// over-ear headphone) fitted to the Harman over-ear 2018 target within AutoEq's limits, the
    /// values rounded as a profile holds them. nil (with the reason printed) when ../shared is absent.
    static func realProfile() throws -> (name: String, eq: ProfileEQ)? {
        let name = "AKG N700NC MK2"
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data/measurements/Antdroid/over-ear/\(name).csv").path
        guard FileManager.default.fileExists(atPath: path) else {
            print("../shared/data is absent: the real-measurement profile is left out")
            return nil
        }
        let response = try ResponseReader.read(path: path).response
        let request = FitRequest(target: try TargetCurve.builtIn(named: "harman-over-ear-2018"),
                                 limits: try FilterLimits.builtIn(named: "autoeq"), model: .overEar)
        let fit = try HeadphoneFitter.fit([ChannelInput(name: nil, response: response)], request: request)[0]
        return (name, ProfileEQ(sampleRateHz: sampleRate, channels: [channel("all", fit.filters.map { $0.rounded() })]))
    }

    /// The test profiles: mono, per-channel and (with ../shared) a real fit.
    static func profiles() throws -> [(label: String, eq: ProfileEQ)] {
        [("mono", mono), ("per-channel", perChannel)] + (try realProfile().map { [("fit of \($0.name)", $0.eq)] } ?? [])
    }

    /// Frequencies the consumers are checked on: 20 Hz to 20 kHz, 48 per octave.
    static let checkGridHz = LogFrequencyGrid.logarithmic(fromHz: 20, toHz: 20_000, pointsPerOctave: 48)

    /// The sweep the consumers play: 2^18 samples from 10 Hz, -12 dBFS, with `postSilenceSeconds`
    /// of silence after it for the system's tail.
    static func sweep(postSilenceSeconds: Double) -> SweepParameters {
        try! SweepParameters(sampleRate: sampleRate, sweepSamples: 1 << 18, postSilenceSeconds: postSilenceSeconds)  // valid constants
    }

    /// The magnitude (dB) of the system that turned the sweep into `recording`, on `gridHz`:
    /// deconvolved by cans (`SweepDeconvolver`), the impulse response cut from `before` samples
    /// before its peak to `after` samples after it (a digital system has no noise to gate out, so
    /// the cut is rectangular and long enough for the whole response and the tail of the sweep's
    /// 10 Hz band edge, two seconds), read by `ImpulseSpectrum`.
    /// The peak is looked for at every lag: a digital system has no harmonics at negative lags,
    /// and a consumer may advance its output (sox's `fir` takes out (taps - 1) / 2 samples).
    static func measuredDB(sweep: SweepParameters, recording: [Float], before: Int, after: Int, gridHz: [Double] = checkGridHz) -> [Double] {
        let circular = SweepDeconvolver(sweep: sweep).deconvolve(recording.map(Double.init))
        let size = circular.count
        var peak = 0
        for lag in 0..<size where abs(circular[lag]) > abs(circular[peak]) { peak = lag }
        let impulse = (-before..<after).map { circular[((peak + $0) % size + size) % size] }
        let spectrum = ImpulseSpectrum(impulse: impulse, onsetIndex: before, sampleRate: sweep.sampleRate)
        return gridHz.map(spectrum.magnitudeDB(atHz:))
    }

    /// Where `measured` is furthest from `designed`: the frequency and the difference.
    static func worst(_ measured: [Double], _ designed: [Double], gridHz: [Double] = checkGridHz) -> String {
        let index = measured.indices.max { abs(measured[$0] - designed[$0]) < abs(measured[$1] - designed[$1]) } ?? 0
        return "at \(Int(gridHz[index])) Hz: measured \(measured[index]) dB, profile \(designed[index]) dB"
    }

    /// The largest |a - b|.
    static func maximumDifference(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
    }

    // MARK: external tools

    /// .ci/run sets CANS_REQUIRE_TOOLS=1: a missing tool then fails the test instead of skipping it.
    static let toolsRequired = ProcessInfo.processInfo.environment["CANS_REQUIRE_TOOLS"] == "1"

    /// The full path of `name` on PATH, or nil.
    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `executable` with `arguments` and waits for it alone; returns its status and what it
    /// printed (standard output and error, through a file). posix_spawn and waitpid rather than
    /// Foundation's Process: start.sh leaves a daemon running, which inherits the descriptors
    /// Process watches for the child's end, so Process would wait for the daemon too.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("cans-run-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 2, 1)
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: executable]) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitStatus, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    /// A fresh folder under the system's temporary folder (short: PipeWire's socket lives inside).
    static func temporaryFolder(_ prefix: String) throws -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        return String(cString: made)
    }

    /// The golden file `Golden/name`; with CANS_UPDATE_GOLDEN=1 it is (re)written from `actual`.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        if ProcessInfo.processInfo.environment["CANS_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from Golden/\(name)", sourceLocation: sourceLocation)
    }
}
