import Testing

/// The bad-input matrix of the commands that write or record sweeps, and of the device list:
/// sweep, analyze, measure, demo, devices. Devices that do not exist (hw:99) stand for a missing
/// sound card; `--simulate` runs need none.
@Suite struct BadInputMatrixAudioTests {
    static let sweepRows: [BadInput] = [
        BadInput("rate too low", ["sweep", "-o", "$out.wav", "--rate", "8000"], 64, names: ["8000"]),
        BadInput("huge rate", ["sweep", "-o", "$out.wav", "--rate", "1e300"], 64, names: ["1e+300"]),
        BadInput("NaN level", ["sweep", "-o", "$out.wav", "--level", "nan"], 64, names: ["nan"]),
        BadInput("level above full scale", ["sweep", "-o", "$out.wav", "--level", "6"], 64, names: ["6"]),
        BadInput("length not a number", ["sweep", "-o", "$out.wav", "--length", "2^x"], 64, names: ["2^x"]),
        BadInput("negative silence", ["sweep", "-o", "$out.wav", "--pre-silence=-1"], 64, names: ["-1"]),
        BadInput("no channels", ["sweep", "-o", "$out.wav", "--channels", "0"], 64, names: ["--channels"]),
        BadInput("output exists", ["sweep", "-o", "$exists.wav"], 74, names: ["$exists.wav", "--force"]),
        BadInput("description exists", ["sweep", "-o", "$sidecar.wav"], 74, names: ["$sidecar.json", "--force"]),
        BadInput("output under a file", ["sweep", "-o", "$file.txt/out.wav"], 74, names: ["$file.txt/out.wav"]),
        BadInput("output folder missing", ["sweep", "-o", "$nofolder/out.wav"], 74, names: ["$nofolder/out.wav"]),
    ]

    static func analyzing(_ kind: String, recording: String, _ status: Int32, names: [String], extra: [String] = []) -> BadInput {
        BadInput(kind, ["analyze", "--sweep", "$sweep.wav", "--recording", recording, "-o", "$out.csv"] + extra, status, names: names)
    }

    static let analyzeRows: [BadInput] = [
        analyzing("missing recording", recording: "$missing.wav", 66, names: ["$missing.wav"]),
        analyzing("recording is a directory", recording: "$dir.wav", 66, names: ["$dir.wav"]),
        analyzing("empty recording", recording: "$empty.wav", 65, names: ["$empty.wav"]),
        analyzing("text as recording", recording: "$text.wav", 65, names: ["$text.wav"]),
        analyzing("truncated recording", recording: "$truncated.wav", 65, names: ["$truncated.wav"]),
        analyzing("NaN in the recording", recording: "$nan.wav", 65, names: ["$nan.wav"]),
        analyzing("recording at another rate", recording: "$rec44.wav", 65, names: ["$rec44.wav", "44100"]),
        analyzing("output exists", recording: "$sweep.wav", 74, names: ["$exists.csv", "--force"], extra: ["-o", "$exists.csv"]),
        analyzing("output under a file", recording: "$sweep.wav", 74, names: ["$file.txt/out.csv"], extra: ["-o", "$file.txt/out.csv"]),
        analyzing("missing channel", recording: "$sweep.wav", 64, names: ["--channel 3"], extra: ["--channel", "3"]),
        analyzing("bad smoothing", recording: "$sweep.wav", 64, names: ["1/0"], extra: ["--smoothing", "1/0"]),
        analyzing("negative gate", recording: "$sweep.wav", 64, names: ["-5"], extra: ["--gate-ms=-5"]),
        analyzing("missing calibration", recording: "$sweep.wav", 66, names: ["$missing.txt"], extra: ["--mic-cal", "$missing.txt"]),
        analyzing("NaN calibration", recording: "$sweep.wav", 65, names: ["$nan.csv:30"], extra: ["--mic-cal", "$nan.csv"]),
        BadInput("missing sweep", ["analyze", "--sweep", "$missing.wav", "--recording", "$sweep.wav", "-o", "$out.csv"], 66,
                 names: ["$missing.wav"]),
        BadInput("missing session", ["analyze", "$missing"], 66, names: ["$missing"]),
        BadInput("a folder that is no session", ["analyze", "$notasession"], 66, names: ["$notasession"]),
        BadInput("session with a recording cut short", ["analyze", "$brokensession"], 65,
                 names: ["$brokensession/recordings/left-seat1.wav", "cut short"]),
    ]

    static let measureRows: [BadInput] = [
        BadInput("missing device", ["measure", "--name", "X", "--device", "hw:99", "--yes", "--out", "$M"], 69, names: ["hw:99"]),
        BadInput("unknown sample format", ["measure", "--name", "X", "--device", "hw:99", "--format", "S8", "--out", "$M"], 64,
                 names: ["S8"]),
        BadInput("simulated response missing", ["measure", "--name", "X", "--simulate", "$missing.csv", "--yes", "--out", "$M"], 66,
                 names: ["$missing.csv"]),
        BadInput("simulated response with NaN", ["measure", "--name", "X", "--simulate", "$nan.csv", "--yes", "--out", "$M"], 65,
                 names: ["$nan.csv:30"]),
        BadInput("missing calibration", ["measure", "--name", "X", "--simulate", "example", "--yes", "--mic-cal", "$missing.txt",
                                         "--out", "$M"], 66, names: ["$missing.txt"]),
        BadInput("unsorted calibration", ["measure", "--name", "X", "--simulate", "example", "--yes", "--rig-cal", "$unsorted.csv",
                                          "--out", "$M"], 65, names: ["$unsorted.csv:30"]),
        BadInput("no placements", ["measure", "--name", "X", "--simulate", "example", "--reseats", "0", "--out", "$M"], 64,
                 names: ["--reseats"]),
        BadInput("sweep too short", ["measure", "--name", "X", "--simulate", "example", "--length", "2^10", "--out", "$M"], 64,
                 names: ["--length"]),
        BadInput("rate too low", ["measure", "--name", "X", "--simulate", "example", "--yes", "--rate", "8000", "--out", "$M"], 64,
                 names: ["8000"]),
        BadInput("empty name", ["measure", "--name", " ", "--simulate", "example", "--out", "$M"], 64, names: ["--name"]),
        BadInput("sessions folder is a file", ["measure", "--name", "X", "--simulate", "example", "--yes", "--length", "2^16",
                                               "--reseats", "1", "--out", "$file.txt"], 74, names: ["$file.txt"]),
    ]

    static let demoRows: [BadInput] = [
        BadInput("sessions folder is a file", ["demo", "--out", "$file.txt", "--reseats", "1", "--length", "2^16"], 74, names: ["$file.txt"]),
        BadInput("no placements", ["demo", "--out", "$M", "--reseats", "0"], 64, names: ["--reseats"]),
        BadInput("sweep too long", ["demo", "--out", "$M", "--length", "2^24"], 64, names: ["--length"]),
    ]

    static let devicesRows: [BadInput] = [
        BadInput("missing device", ["devices", "hw:99"], 69, names: ["hw:99"]),
        BadInput("unknown option", ["devices", "--bogus"], 64, names: ["--bogus"]),
    ]

    @Test(arguments: sweepRows) func sweep(_ row: BadInput) throws { try BadInputMatrix.check(row) }
    @Test(arguments: analyzeRows) func analyze(_ row: BadInput) throws { try BadInputMatrix.check(row) }
    @Test(arguments: measureRows) func measure(_ row: BadInput) throws { try BadInputMatrix.check(row) }
    @Test(arguments: demoRows) func demo(_ row: BadInput) throws { try BadInputMatrix.check(row) }
    @Test(arguments: devicesRows) func devices(_ row: BadInput) throws { try BadInputMatrix.check(row) }
}
