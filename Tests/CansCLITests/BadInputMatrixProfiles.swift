import Testing

/// The bad-input matrix of the commands that read profiles: export, report, render, monitor.
@Suite struct BadInputMatrixProfileTests {
    /// The kinds of bad profile, as `(kind, file, status, what the message names)`.
    static let badProfiles: [(String, String, Int32, String)] = [
        ("missing profile", "missing.json", 66, "missing.json"),
        ("directory", "dir.json", 66, "dir.json"),
        ("empty profile", "empty.json", 65, "empty.json"),
        ("truncated profile", "truncated.json", 65, "truncated.json"),
        ("wrong format (CSV)", "good.csv", 65, "good.csv"),
        ("not a profile", "notprofile.json", 65, "notprofile.json"),
        ("huge gain", "hugegain.json", 65, "hugegain.json"),
        ("zero Q", "zeroq.json", 65, "zeroq.json"),
        ("filter below 1 Hz", "subhertz.json", 65, "subhertz.json"),
    ]

    static let exportRows: [BadInput] = [
        BadInput("unknown format", ["export", "$profile.json", "--format", "bogus", "-o", "$out.txt"], 64, names: ["bogus"]),
        BadInput("output exists", ["export", "$profile.json", "--format", "equalizer-apo", "-o", "$exists.txt"], 74,
                 names: ["$exists.txt", "--force"]),
        BadInput("output under a file", ["export", "$profile.json", "--format", "equalizer-apo", "-o", "$file.txt/eq.txt"], 74,
                 names: ["$file.txt/eq.txt"]),
        BadInput("zero sample rate", ["export", "$profile.json", "--format", "camilladsp", "--sample-rate", "0", "-o", "$out.yml"], 64,
                 names: ["0"]),
        BadInput("no FIR taps", ["export", "$profile.json", "--format", "fir", "--fir-taps", "0", "-o", "$out.wav"], 64,
                 names: ["0 taps"]),
        // A shelf there once crashed the PipeWire export of releases that ignore shelf Q.
        BadInput("filter below 1 Hz, PipeWire", ["export", "$subhertz.json", "--format", "pipewire", "--pipewire-version", "0.3.65",
                                                 "-o", "$out.conf"], 65, names: ["$subhertz.json", "below 1 Hz"]),
        BadInput("unknown channel choice", ["export", "$profile.json", "--format", "sox", "--channels", "middle", "-o", "$out.sox"], 64,
                 names: ["middle"]),
    ] + badProfiles.map { BadInput($0.0, ["export", "$\($0.1)", "--format", "equalizer-apo", "-o", "$out.txt"], $0.2, names: ["$\($0.3)"]) }

    static let reportRows: [BadInput] = [
        BadInput("missing input", ["report", "$missing"], 66, names: ["$missing"]),
        BadInput("a folder that is no session", ["report", "$notasession", "-o", "$out.html"], 66, names: ["$notasession"]),
        BadInput("report exists", ["report", "$session"], 74, names: ["report.html", "--force"]),
        BadInput("output exists", ["report", "$profile.json", "-o", "$exists.html"], 74, names: ["$exists.html"]),
        BadInput("output under a file", ["report", "$profile.json", "-o", "$file.txt/r.html"], 74, names: ["$file.txt/r.html"]),
        BadInput("unknown target", ["report", "$session", "--target", "nosuch", "-o", "$out.html"], 64, names: ["nosuch"]),
        BadInput("session with a NaN response", ["report", "$brokensession", "-o", "$out.html"], 65,
                 names: ["$brokensession/response-left.csv:30"]),
        BadInput("NaN measurement", ["report", "$profile.json", "--measurement", "$nan.csv", "-o", "$out.html"], 65, names: ["$nan.csv:30"]),
    ] + badProfiles.dropFirst().map { BadInput($0.0, ["report", "$\($0.1)", "-o", "$out.html"], $0.2, names: ["$\($0.3)"]) }

    static let renderRows: [BadInput] = [
        BadInput("missing audio", ["render", "--profile", "$profile.json", "$missing.wav", "$out.wav"], 66, names: ["$missing.wav"]),
        BadInput("audio is a directory", ["render", "--profile", "$profile.json", "$dir.wav", "$out.wav"], 66, names: ["$dir.wav"]),
        BadInput("empty audio", ["render", "--profile", "$profile.json", "$empty.wav", "$out.wav"], 65, names: ["$empty.wav"]),
        BadInput("text as audio", ["render", "--profile", "$profile.json", "$text.wav", "$out.wav"], 65, names: ["$text.wav"]),
        BadInput("truncated audio", ["render", "--profile", "$profile.json", "$truncated.wav", "$out.wav"], 65, names: ["$truncated.wav"]),
        BadInput("NaN in the audio", ["render", "--profile", "$profile.json", "$nan.wav", "$out.wav"], 65, names: ["$nan.wav"]),
        BadInput("output exists", ["render", "--profile", "$profile.json", "$sweep.wav", "$exists.wav"], 74, names: ["$exists.wav", "--force"]),
        BadInput("output under a file", ["render", "--profile", "$profile.json", "$sweep.wav", "$file.txt/out.wav"], 74,
                 names: ["$file.txt/out.wav"]),
        BadInput("unknown output type", ["render", "--profile", "$profile.json", "$sweep.wav", "$out.mp3"], 64, names: ["$out.mp3"]),
        BadInput("ceiling above full scale", ["render", "--profile", "$profile.json", "--ceiling", "3", "$sweep.wav", "$out.wav"], 64,
                 names: ["3"]),
        BadInput("unknown crossfeed", ["render", "--profile", "$profile.json", "--crossfeed", "lots", "$sweep.wav", "$out.wav"], 64,
                 names: ["lots"]),
        BadInput("missing script", ["render", "--profile", "$profile.json", "--script", "$missing.txt", "$sweep.wav", "$out.wav"], 66,
                 names: ["$missing.txt"]),
        BadInput("bad script line", ["render", "--profile", "$profile.json", "--script", "$badscript.txt", "$sweep.wav", "$out.wav"], 65,
                 names: ["$badscript.txt:2"]),
        BadInput("tiny period", ["render", "--profile", "$profile.json", "--period", "1", "$sweep.wav", "$out.wav"], 64, names: ["--period"]),
    ] + badProfiles.map { BadInput($0.0, ["render", "--profile", "$\($0.1)", "$sweep.wav", "$out.wav"], $0.2, names: ["$\($0.3)"]) }

    /// The monitor opens ALSA devices that do not exist (hw:99): no sound card is needed.
    static let monitorRows: [BadInput] = [
        BadInput("missing capture device", ["monitor", "--profile", "$profile.json", "--input", "hw:99", "--output", "hw:98"], 69,
                 names: ["hw:9"]),
        BadInput("missing playback device", ["monitor", "--profile", "$profile.json", "--input", "$sweep.wav", "--output", "hw:98"], 69,
                 names: ["hw:98"]),
        BadInput("empty input file", ["monitor", "--profile", "$profile.json", "--input", "$empty.wav", "--output", "hw:98"], 65,
                 names: ["$empty.wav"]),
        BadInput("input is a directory", ["monitor", "--profile", "$profile.json", "--input", "$dir.wav", "--output", "hw:98"], 66,
                 names: ["$dir.wav"]),
        BadInput("no profile", ["monitor", "--input", "hw:99", "--output", "hw:98"], 64, names: ["--profile"]),
        BadInput("too few buffer periods", ["monitor", "--profile", "$profile.json", "--input", "hw:99", "--output", "hw:98",
                                            "--buffer-periods", "2"], 64, names: ["--buffer-periods"]),
        BadInput("bad script line", ["monitor", "--profile", "$profile.json", "--script", "$badscript.txt", "--input", "hw:99",
                                     "--output", "hw:98"], 65, names: ["$badscript.txt:2"]),
    ] + badProfiles.map {
        BadInput($0.0, ["monitor", "--profile", "$\($0.1)", "--input", "hw:99", "--output", "hw:98"], $0.2, names: ["$\($0.3)"])
    }

    @Test(arguments: exportRows) func export(_ row: BadInput) throws { try BadInputMatrix.check(row) }
    @Test(arguments: reportRows) func report(_ row: BadInput) throws { try BadInputMatrix.check(row) }
    @Test(arguments: renderRows) func render(_ row: BadInput) throws { try BadInputMatrix.check(row) }
    @Test(arguments: monitorRows) func monitor(_ row: BadInput) throws { try BadInputMatrix.check(row) }
}
