import ArgumentParser
import CansExport
import CansFit
import CansFormats
import CansMonitor
import Foundation

/// What `cans render` and `cans monitor` share: the listening aids at the start, the limiter, the
/// level match and the command script.
struct ListeningOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Crossfeed on from the start: default, cmoy, jmeier, or CUT:FEED such as 700:4.5 (Hz:dB).",
                               valueName: "setting"))
    var crossfeed: String?

    @Option(help: "Solo one band from the start: sub, bass, low-mids, mids, upper-mids, presence, air.")
    var band: String?

    @Flag(help: "Mono from the start (both ears get (L+R)/2).")
    var mono = false

    @Option(help: "Translation preview from the start: phone, laptop, earbuds, car.")
    var preview: String?

    @Option(parsing: .unconditional, help: "Limiter ceiling in dBFS (-20 to 0); no sample goes above it.")
    var ceiling: Double = -1

    @Flag(help: "Do not level-match the profiles (by default they are made equally loud, BS.1770 on pink noise).")
    var noLevelMatch = false

    @Option(help: "A timed list of commands (seconds, command a line: `5 profile 2`, `10 band bass`, `12 crossfeed`).")
    var script: String?

    /// The crossfeed `x` switches on, and whether it is on at the start.
    func crossfeedSetting() throws -> (CrossfeedSettings, Bool) {
        guard let crossfeed else { return (.bs2bDefault, false) }
        return (try CrossfeedSettings(parsing: crossfeed), true)
    }

    /// The settings at the start for `profileIndex`.
    func startSettings(profileIndex: Int) throws -> MonitorSettings {
        MonitorSettings(profileIndex: profileIndex, crossfeedOn: try crossfeedSetting().1,
                        band: try band.map { try ListeningBand(parsing: $0) }, mono: mono,
                        preview: try preview.map { try TranslationPreview(parsing: $0) })
    }

    /// The script's commands, if any.
    func loadScript() throws -> MonitorScript? {
        guard let script else { return nil }
        return try MonitorScript(parsing: try readTextFile(script, what: "script"), path: script)
    }

    /// The graph for `profiles` at `sampleRate`.
    func makeGraph(profiles: [MonitorProfile], profileIndex: Int, sampleRate: Double, maximumFrames: Int) throws -> MonitorGraph {
        try MonitorGraph(profiles: profiles, sampleRate: sampleRate, maximumFrames: maximumFrames,
                         crossfeed: try crossfeedSetting().0, levelMatch: !noLevelMatch, ceilingDB: ceiling,
                         settings: try startSettings(profileIndex: profileIndex))
    }
}

/// Reads a whole text file, with a message that names it when it cannot.
func readTextFile(_ path: String, what: String) throws -> String {
    guard FileManager.default.fileExists(atPath: path) else {
        throw CommandFailure(message: "\(what) \(path) does not exist", status: ExitStatus.noInput)
    }
    guard !isDirectory(path) else {
        throw CommandFailure(message: "\(what) \(path) is a folder; give the file", status: ExitStatus.noInput)
    }
    do {
        return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        throw CommandFailure(message: "cannot read \(what) \(path): \(error.localizedDescription)", status: ExitStatus.ioError)
    }
}

/// A `cans fit` profile as the monitor plays it.
func loadMonitorProfile(_ path: String) throws -> MonitorProfile {
    let document = try ProfileDocument.parse(try readTextFile(path, what: "profile"), path: path)
    let eq = try ProfileEQ(document, path: path)
    var name = URL(fileURLWithPath: path).lastPathComponent
    for suffix in [".profile.json", ".json"] where name.hasSuffix(suffix) {
        name = String(name.dropLast(suffix.count))
        break
    }
    func channel(_ c: ProfileEQ.Channel) -> MonitorProfile.Channel { .init(preampDB: c.preampDB, filters: c.filters) }
    let spl = document.splAtFullScaleDB
    if let spl, !(spl.isFinite && (60...160).contains(spl)) {
        throw FileFormatError(path: path, problem: "splAtFullScaleDB \(spl) is not a plausible sensitivity",
                              hint: "give the dB SPL a full-scale sine makes at the ear, 60 to 160, or leave it out")
    }
    if eq.channels.count == 1 { return MonitorProfile(name: name, both: channel(eq.channels[0]), splAtFullScaleDB: spl) }
    guard let left = eq.channels.first(where: { $0.name == "L" }), let right = eq.channels.first(where: { $0.name == "R" }) else {
        throw FileFormatError(path: path, problem: "channels \(eq.channels.map(\.name)) are not one channel or L and R",
                              hint: "write it again with `cans fit`")
    }
    return MonitorProfile(name: name, left: channel(left), right: channel(right), splAtFullScaleDB: spl)
}

extension MonitorError {
    /// Bad settings are usage errors; a bad script or a profile for another rate is bad data.
    var exitStatus: Int32 {
        switch self {
        case .invalidSetting: return ExitStatus.usage
        case .profileNotDesignable, .badScript: return ExitStatus.badData
        }
    }
}
