import ArgumentParser
import CansAudio
import CansCore
import CansDSP
import CansFormats
import CansMeasure
import Foundation

/// `cans analyze`: a recording of a sweep in, a frequency response (AutoEq CSV) out.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Turn a recording of a cans sweep into a frequency response (AutoEq CSV).",
        discussion: """
            The recording may be longer than the sweep and start at any time before it, at the \
            sweep's sample rate. Prints the latency, peak level, noise floor, SNR and THD; a \
            clipped or silent recording is reported by name and exits with status 65.

            Given a session folder instead (made by `cans measure`), analyses its stored \
            recordings again, with other smoothing, calibration or gate, into a new folder \
            <session>/analysis-<date-time>/; the session itself is never changed.

            Examples:
              cans analyze --sweep sweep.wav --recording rec.wav --smoothing 1/12 -o response.csv
              cans analyze "Measurements/HD 600/2026-11-21_10-00-00" --smoothing 1/6 --mic-cal new.txt
            """)

    @Argument(help: "A session folder to analyse again (instead of --sweep and --recording).")
    var session: String?

    @Option(help: "The sweep WAV written by `cans sweep` (its .json beside it adds the harmonics).")
    var sweep: String?

    @Option(help: "The recording of the sweep (WAV, FLAC or AIFF).")
    var recording: String?

    @Option(name: .shortAndLong, help: "The AutoEq CSV to write (never overwritten without --force).")
    var output: String?

    @Option(help: "Microphone calibration file to subtract (miniDSP or REW style).")
    var micCal: String?

    @Option(help: "Rig (coupler or ear simulator) compensation file to subtract.")
    var rigCal: String?

    @Option(help: "Smoothing: none, 1/N (N = 1 to 48), variable or erb.")
    var smoothing: String = "none"

    @Option(help: "Channel of the recording that holds the microphone, from 1.")
    var channel: Int = 1

    @Option(help: "Milliseconds of impulse response kept after its onset (sets the lowest resolved frequency, about 1000 / ms Hz).")
    var gateMs: Double = 500

    @Flag(help: "Keep absolute levels (dB re the played level) instead of 0 dB at 1 kHz.")
    var absolute = false

    @Flag(help: "Overwrite the output file.")
    var force = false

    func validate() throws {
        guard channel >= 1 else { throw ValidationError("--channel counts from 1, got \(channel)") }
        do { _ = try Smoothing(parsing: smoothing) } catch { throw ValidationError("\(error)") }
        do { _ = try ImpulseResponseGate(rightSeconds: gateMs / 1000) } catch { throw ValidationError("--gate-ms \(gateMs): \(error)") }
        if session != nil {
            guard sweep == nil, recording == nil, output == nil else {
                throw ValidationError("give a session folder, or --sweep, --recording and --output; not both")
            }
        } else if sweep == nil || recording == nil || output == nil {
            throw ValidationError("give --sweep, --recording and --output (or a session folder)")
        }
    }

    func run() throws {
        if let session {
            return try reportingFailures { try reanalyse(session) }
        }
        // invariant: validate() ensured all three are present without a session
        guard let sweep, let recording, let output else { throw ExitCode(ExitStatus.usage) }
        try reportingFailures {
            let smoothingMethod = try Smoothing(parsing: smoothing)
            let played = try AudioFile.read(path: sweep)
            let sidecarPath = SweepSidecar.path(forAudio: sweep)
            let sidecar = FileManager.default.fileExists(atPath: sidecarPath) ? try SweepSidecar.read(path: sidecarPath) : nil
            if let sidecar, sidecar.sweep.sampleRate != played.sampleRate || sidecar.sweep.totalSamples != played.frameCount {
                throw CommandFailure(
                    message: "\(sidecarPath) describes a \(Int(sidecar.sweep.sampleRate)) Hz sweep of \(sidecar.sweep.totalSamples)"
                        + " samples but \(sweep) is \(Int(played.sampleRate)) Hz, \(played.frameCount) samples;"
                        + " regenerate both with `cans sweep`",
                    status: ExitStatus.badData)
            }
            if sidecar == nil {
                Terminal.note("note: no \(sidecarPath); analysing without harmonic distortion")
            }
            let recorded = try AudioFile.read(path: recording)
            guard recorded.sampleRate == played.sampleRate else {
                throw CommandFailure(
                    message: "\(recording) is at \(Int(recorded.sampleRate)) Hz but the sweep is at"
                        + " \(Int(played.sampleRate)) Hz; record at the sweep's rate (or make a sweep at"
                        + " \(Int(recorded.sampleRate)) Hz with `cans sweep --rate \(Int(recorded.sampleRate))`)",
                    status: ExitStatus.badData)
            }
            guard channel <= recorded.channelCount else {
                throw CommandFailure(
                    message: "\(recording) has \(recorded.channelCount) channel(s); --channel \(channel) does not exist",
                    status: ExitStatus.usage)
            }
            var options = AnalysisOptions()
            options.gate = try ImpulseResponseGate(rightSeconds: gateMs / 1000)
            let analyzer = try SweepAnalyzer(
                reference: played.channels[0].map(Double.init), sampleRate: played.sampleRate, sweep: sidecar?.sweep,
                options: options)
            let analysis = try analyzer.analyse(recorded.channels[channel - 1].map(Double.init))
            try TakeCheck.verify(analysis.levels, source: "\(recording) (channel \(channel))")

            var response = analysis.response
            for path in [micCal, rigCal].compactMap({ $0 }) {
                response = try MicCalibration.read(path: path).applied(to: response)
            }
            response = try response.smoothed(smoothingMethod)
            let levelAt1kHz = response.magnitudeDB(atHz: 1000)
            if !absolute { response = response.normalized() }
            try AtomicFile.write(AutoEqCSV.render(response), toPath: output, overwrite: force)

            print(AnalysisSummary.text(analysis, levelAt1kHzDB: levelAt1kHz))
            print("wrote \(output): \(response.count) points, smoothing \(smoothingMethod),"
                + (absolute ? " absolute levels" : " 0 dB at 1 kHz"))
        }
    }

    private func reanalyse(_ session: String) throws {
        let calibration = micCal == nil && rigCal == nil ? nil : try CalibrationSet(micPath: micCal, rigPath: rigCal)
        let settings = SessionReanalysis.Settings(
            smoothing: try Smoothing(parsing: smoothing), calibration: calibration,
            gate: try ImpulseResponseGate(rightSeconds: gateMs / 1000), software: CansVersion.string)
        let (folder, record) = try SessionReanalysis.run(sessionPath: session, settings: settings)
        for (cup, files) in record.takes.sorted(by: { $0.key < $1.key }) {
            print("\(cup): \(files.count) take(s) averaged")
        }
        for note in record.notes { print("note: \(note)") }
        print("wrote \(folder.path)/: " + record.responseFiles.joined(separator: ", ") + ", analysis.json")
    }
}
