import ArgumentParser
import CansAudio
import CansCore
import CansDSP
import CansFormats
import CansMeasure
import Foundation

/// `cans measure`: one measurement session of a headphone on a coupler or ear simulator.
struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Measure a headphone: level check, sweeps into each cup at every placement, averages.",
        discussion: """
            Checks the level, then plays the sweep into each cup (--channels) at each placement \
            (--reseats; you are asked to re-seat the headphone in between unless --yes), checks \
            every take (clipping, no signal, xruns, latency drift), averages the placements and \
            writes a new folder <out>/<name>/<date-time>/ (never an existing one). Takes are \
            stored as they are made: Ctrl-C keeps them, with a session.json that says so.

            Examples:
              cans measure --name "Sennheiser HD 600" --device hw:1 --mic-channel 1 --reseats 5
              cans measure --name "HD 600 on a head" --device hw:1 --mic-channels 1,2 --mic-cal ears.txt
              cans measure --name demo --simulate example --yes
            """)

    @Option(help: "The headphone's name (the session folder is named after it).")
    var name: String

    @Option(help: "Measure through a simulated rig instead of a sound card: `example` or an AutoEq CSV to play through.")
    var simulate: String?

    @OptionGroup var devices: DeviceOptions

    @Option(help: "Cups to measure, in order: left, right or left,right.")
    var channels: String = "left,right"

    @Option(help: "The input (from 1) of a single microphone that hears every cup in turn.")
    var micChannel: Int?

    @Option(help: "One input (from 1) per cup, for a head simulator with a microphone in each ear: 1,2.")
    var micChannels: String?

    @Option(help: "Placements per cup (1-20).")
    var reseats: Int = 5

    @Option(help: "Sample rate in Hz.")
    var rate: Double = 48_000

    @Option(help: "Sweep length in samples (2^16 to 2^20).")
    var length: SampleCount = SampleCount(1 << 18)

    @Option(parsing: .unconditional, help: "Sweep peak level in dBFS (a negative number: --level -12).")
    var level: Double = -12

    @Option(help: "Microphone calibration file (miniDSP or REW style).")
    var micCal: String?

    @Option(help: "Rig (coupler or ear simulator) compensation file.")
    var rigCal: String?

    @Option(parsing: .unconditional, help: "The microphone's RMS level in dBFS at 94 dB SPL (1 Pa, 1 kHz), to record the headphone's SPL.")
    var micSensitivity: Double?

    @Flag(help: "Skip the level check.")
    var noLevelCheck = false

    @Flag(name: .shortAndLong, help: "Do not ask before each placement: measure them back to back.")
    var yes = false

    @Option(help: "The folder of sessions.")
    var out: String = "Measurements"

    @Option(help: "Seed of a simulation's noise and fit variation.")
    var seed: UInt64 = 1

    func validate() throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name must not be empty") }
        guard (1...20).contains(reseats) else { throw ValidationError("--reseats must be 1 to 20, got \(reseats)") }
        guard (1 << 16...1 << 20).contains(length.value) else {
            throw ValidationError("--length must be 2^16 to 2^20, got \(length.value)")
        }
        _ = try cupNames()
        _ = try inputChannels(cupCount: try cupNames().count)
        if simulate != nil, devices.isGiven {
            throw ValidationError("--simulate and a device option exclude each other")
        }
    }

    func cupNames() throws -> [String] {
        let names = channels.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !names.isEmpty, names.allSatisfy({ $0 == "left" || $0 == "right" }), Set(names).count == names.count else {
            throw ValidationError("--channels takes left, right or left,right; got \"\(channels)\"")
        }
        return names
    }

    /// 0-based input per cup.
    func inputChannels(cupCount: Int) throws -> [Int] {
        if let micChannels {
            guard micChannel == nil else { throw ValidationError("give --mic-channel or --mic-channels, not both") }
            let values = micChannels.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == cupCount, values.allSatisfy({ ($0 ?? 0) >= 1 }) else {
                throw ValidationError("--mic-channels needs one input from 1 per cup (\(cupCount)); got \"\(micChannels)\"")
            }
            return values.map { $0! - 1 }  // invariant: checked just above
        }
        let single = micChannel ?? 1
        guard single >= 1 else { throw ValidationError("--mic-channel counts from 1, got \(single)") }
        return Array(repeating: single - 1, count: cupCount)
    }

    func run() throws {
        try reportingFailures { _ = try measure() }
    }

    /// Runs the session; returns its folder.
    func measure() throws -> String {
        Interruption.install()
        let names = try cupNames()
        let inputs = try inputChannels(cupCount: names.count)
        let cups = zip(names, inputs).map { name, input in
            SessionPlan.Cup(name: name, outputChannel: name == "left" ? 0 : 1, inputChannel: input)
        }
        let sweep = try SweepParameters(sampleRate: rate, sweepSamples: length.value, levelDBFS: level)
        let settings = MeasurementSession.Settings(
            headphone: name, plan: SessionPlan(sweep: sweep, cups: cups, reseats: reseats),
            calibration: try CalibrationSet(micPath: micCal, rigPath: rigCal), micDBFSAt94DBSPL: micSensitivity,
            checkLevel: !noLevelCheck, parentFolder: out, software: CansVersion.string)
        let prompt = SeatPrompt(reseats: reseats, enabled: !yes)
        if let simulate {
            let simulation = try SimulationSetup(simulate, sampleRate: rate, sweep: sweep, cups: cups, seed: seed)
            var rig = simulation.rig
            return try SessionCommandRunner.run(settings, rig: &rig, rigRecord: simulation.record) { seat, rig in
                try prompt.ask(seat: seat)
                simulation.reseat(seat, &rig)
            }
        } else {
            var rig = try devices.openRig(
                sampleRate: rate, outputChannels: 2, inputChannels: (inputs.max() ?? 0) + 1)
            return try SessionCommandRunner.run(settings, rig: &rig, rigRecord: devices.record(rig)) { seat, _ in
                try prompt.ask(seat: seat)
            }
        }
    }
}

/// Runs a session for the CLI: progress on standard error, the summary on standard output,
/// Ctrl-C turned into an honest `interrupted` session and exit status 130.
enum SessionCommandRunner {
    static func run<Rig: AudioRig>(
        _ settings: MeasurementSession.Settings, rig: inout Rig, rigRecord: SessionRecord.RigRecord,
        prepareSeat: (Int, inout Rig) throws -> Void
    ) throws -> String {
        let display = ProgressDisplay(total: settings.plan.cups.count * settings.plan.reseats, label: "measuring")
        var folder: String?
        do {
            let (recorder, _) = try MeasurementSession.run(
                settings, rig: &rig, rigRecord: rigRecord, prepareSeat: prepareSeat,
                isCancelled: { Interruption.isRequested }, progress: display.show,
                started: { folder = $0.folder.url.path })
            display.finish()
            print(SessionSummary.text(recorder.record, folder: recorder.folder.url.path))
            return recorder.folder.url.path
        } catch SessionError.interrupted {
            display.finish()
            Terminal.error("interrupted: " + (folder.map { "the takes made so far are in \($0)/ (session.json says interrupted)" } ?? "nothing was recorded"))
            throw ExitCode(Interruption.exitStatus)
        } catch {
            display.finish()
            if let folder {
                let (message, status) = midSessionFailure(error)
                throw CommandFailure(
                    message: "\(message) (the takes made so far are in \(folder)/, session.json says failed)", status: status)
            }
            throw error
        }
    }
}

/// The message and status of an error that stopped a session part way. A stream that fails
/// once the takes have begun (the device unplugged, its sound server gone) is a device that
/// became unavailable: 69, as `cans monitor` reports it.
func midSessionFailure(_ error: Error) -> (String, Int32) {
    switch error as? ALSAError {
    case .system?, .timeout?:
        return ("the device stopped during a take: \(error); check that it is still connected (or its sound server"
            + " running) and measure again", ExitStatus.unavailable)
    default:
        return describe(error)
    }
}

/// Asks the user to (re-)seat the headphone before each placement, unless --yes.
struct SeatPrompt {
    let reseats: Int
    let enabled: Bool

    func ask(seat: Int) throws {
        guard enabled else { return }
        let text = seat == 1
            ? "Put the headphone on the rig, then press Enter (Ctrl-C stops): "
            : "Re-seat the headphone (placement \(seat) of \(reseats)), then press Enter (Ctrl-C stops): "
        // From the second placement on, the progress bar is on the terminal's last line: the
        // question starts a line of its own.
        let breakLine = seat > 1 && isatty(STDERR_FILENO) != 0 ? "\n" : ""
        FileHandle.standardError.write(Data((breakLine + text).utf8))
        guard readLine() != nil else {
            if Interruption.isRequested { throw SessionError.interrupted }
            throw CommandFailure(
                message: "no answer on standard input; pass --yes to measure the placements back to back",
                status: ExitStatus.usage)
        }
        if Interruption.isRequested { throw SessionError.interrupted }
    }
}

/// What `cans measure` and `cans demo` print when a session is done.
enum SessionSummary {
    static func text(_ record: SessionRecord, folder: String) -> String {
        var lines = ["measured \(record.headphone): \(record.results.count) cup(s) x \(record.reseats) placement(s)"]
        for result in record.results {
            let takes = record.takes.filter { $0.cup == result.cup.name }
            let accepted = takes.filter(\.accepted)
            let first = accepted.first ?? takes[0]
            lines.append(String(
                format: "  %@: %d/%d takes accepted, latency %.2f ms, SNR %.1f dB, THD %.3f %% at 1 kHz,"
                    + " placement spread up to %.2f dB (at %.0f Hz)",
                result.cup.name, accepted.count, takes.count, Double(first.latencySamples) / record.sweep.sampleRate * 1000,
                first.snrDB ?? .nan, first.thdPercentAt1kHz ?? .nan, result.maximumSpreadDB, result.maximumSpreadHz))
        }
        if let sensitivity = record.sensitivity {
            for (cup, spl) in sensitivity.splAtFullScaleDB.sorted(by: { $0.key < $1.key }) {
                lines.append(String(format: "  %@: %.1f dB SPL at 1 kHz for a 0 dBFS sine", cup, spl))
            }
        }
        for warning in record.warnings { lines.append("  warning: \(warning)") }
        lines.append("wrote \(folder)/")
        lines.append("  " + (record.results.map(\.responseFile) + ["response.csv"]).joined(separator: ", ")
            + " (AutoEq CSV), session.json, sweep.wav, sweep.json, recordings/")
        return lines.joined(separator: "\n")
    }
}
