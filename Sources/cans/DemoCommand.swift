import ArgumentParser
import CansCore

/// `cans demo`: the whole measurement job on the built-in example headphone, through the
/// simulated rig, so a newcomer sees what a session produces without a microphone. It is
/// `cans measure --simulate example --yes` with the example's name.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Measure the built-in example headphone through the simulated rig and write a session.",
        discussion: """
            Runs `cans measure --simulate example --yes`: a level check, then a sweep into each cup \
            of a simulated headphone (the project's own example response, with noise, latency, \
            harmonic distortion and a different bass leak on each re-seat) at every placement, \
            the checks, the averages, and a new folder <out>/<name>/<date-time>/ with the sweep, \
            every recording, the responses as AutoEq CSV and session.json. Existing folders are \
            never touched. Ends by writing the session's report (report.html in the folder) and \
            printing its path.
            """)

    @Option(help: "The folder that holds measurement sessions.")
    var out: String = "Measurements"

    @Option(help: "Placements (re-seats) per cup.")
    var reseats: Int = 3

    @Option(help: "Sweep length in samples (2^16 to 2^20).")
    var length: SampleCount = SampleCount(1 << 18)

    @Option(help: "Seed of the simulation's noise and fit variation.")
    var seed: UInt64 = 1

    func run() throws {
        let measure = try MeasureCommand.parse([
            "--name", ExampleHeadphone.name, "--simulate", "example", "--yes", "--reseats", "\(reseats)",
            "--length", "\(length.value)", "--out", out, "--seed", "\(seed)",
        ])
        try measure.validate()
        try reportingFailures {
            let folder = try measure.measure()
            let path = try ReportCommand.parse([folder]).writeReport()
            print("report: \(path)")
        }
    }
}
