import ArgumentParser

/// The `cans` command: know your headphones.
@main
struct Cans: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cans",
        abstract: "Know your headphones: measure them through ALSA, fit correction EQ against a target, and listen through it.",
        version: CansVersion.string,
        subcommands: [
            SweepCommand.self, AnalyzeCommand.self, MeasureCommand.self, DevicesCommand.self, FitCommand.self,
            ExportCommand.self, BatchCommand.self, RenderCommand.self, LiveMonitorCommand.self, DemoCommand.self,
            InspectCommand.self, ReportCommand.self, PlotCommand.self,
        ])
}

/// The software version written into every file cans makes.
enum CansVersion {
    static let string = "0.1.0"
}
