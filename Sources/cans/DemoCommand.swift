import ArgumentParser
import CansAudio
import CansCore
import CansDSP
import CansMeasure
import Foundation

/// `cans demo`: the whole measurement job on the built-in example headphone, through the
/// simulated rig, so a newcomer sees what a session produces without a microphone.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Measure the built-in example headphone through the simulated rig and write a session.",
        discussion: """
            Plays a sweep into each cup of a simulated headphone (the project's own example \
            response, with noise, latency, harmonic distortion and a different bass leak on each \
            re-seat), analyses every take, averages the re-seats, and writes a new folder \
            <out>/<name>/<date-time>/ with the sweep, every recording, the responses as AutoEq \
            CSV and session.json. Existing folders are never touched.
            """)

    @Option(help: "The folder that holds measurement sessions.")
    var out: String = "Measurements"

    @Option(help: "Placements (re-seats) per cup.")
    var reseats: Int = 3

    @Option(help: "Sweep length in samples (2^16 to 2^20).")
    var length: SampleCount = SampleCount(1 << 18)

    @Option(help: "Seed of the simulation's noise and fit variation.")
    var seed: UInt64 = 1

    func validate() throws {
        guard (1...20).contains(reseats) else { throw ValidationError("--reseats must be 1 to 20, got \(reseats)") }
        guard (1 << 16...1 << 20).contains(length.value) else {
            throw ValidationError("--length must be 2^16 to 2^20, got \(length.value)")
        }
    }

    func run() throws {
        try reportingFailures {
            let sweep = try SweepParameters(sampleRate: 48_000, sweepSamples: length.value)
            let plan = SessionPlan.stereoHeadphone(sweep: sweep, reseats: reseats)
            let example = ExampleRig(sampleRate: sweep.sampleRate, seed: seed)
            var rig = example.rig(sweep: sweep)
            let takes = try MeasurementRunner.run(
                plan, rig: &rig, prepareSeat: { seat, rig in example.reseat(seat, &rig) },
                progress: { Terminal.note($0) })
            let result = try SessionResult(takes: takes, plan: plan)
            let date = Date()
            let folder = try SessionFolder(parent: out, name: ExampleHeadphone.name, date: date)
            let record: SessionRecord
            let final: URL
            do {
                record = try SessionWriter.write(
                    result, plan: plan, headphone: ExampleHeadphone.name, rig: example.record,
                    software: CansVersion.string, date: date, into: folder)
                final = try folder.commit()
            } catch {
                folder.discard()
                throw error
            }
            print(DemoSummary.text(record, result: result, folder: final.path))
        }
    }
}

/// What `cans demo` prints when it is done.
enum DemoSummary {
    static func text(_ record: SessionRecord, result: SessionResult, folder: String) -> String {
        var lines = ["measured \(record.headphone): \(record.cups.count) cups x \(record.reseats) placements"]
        for cup in record.cups {
            let accepted = cup.takes.filter(\.accepted).count
            let first = cup.takes[0]
            lines.append(String(
                format: "  %@: %d/%d takes accepted, latency %.2f ms, SNR %.1f dB, THD %.3f %% at 1 kHz,"
                    + " placement spread up to %.2f dB (at %.0f Hz)",
                cup.cup.name, accepted, cup.takes.count, Double(first.latencySamples) / record.sweep.sampleRate * 1000,
                first.snrDB ?? .nan, first.thdPercentAt1kHz ?? .nan, cup.maximumSpreadDB, cup.maximumSpreadHz))
        }
        lines.append("wrote \(folder)/")
        lines.append("  response.csv, response-left.csv, response-right.csv (AutoEq CSV), session.json,"
            + " sweep.wav, sweep.json, recordings/")
        return lines.joined(separator: "\n")
    }
}
