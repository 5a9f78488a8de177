import Testing

/// The bad-input matrix of the commands that read responses: fit, batch, plot, inspect.
@Suite struct BadInputMatrixResponseTests {
    /// The kinds of bad response file, as `(kind, file, what the message names)`.
    static let badResponses: [(String, String, String)] = [
        ("empty file", "empty.csv", "empty.csv"),
        ("only a header", "header.csv", "header.csv"),
        ("truncated", "truncated.csv", "truncated.csv:32"),
        ("wrong format (audio)", "audio.csv", "audio.csv"),
        ("NaN", "nan.csv", "nan.csv:30"),
        ("Inf", "inf.csv", "inf.csv:30"),
        ("huge level", "huge.csv", "huge.csv:30"),
        ("huge frequency", "hugefrequency.csv", "hugefrequency.csv:65"),
        ("unsorted frequencies", "unsorted.csv", "unsorted.csv:30"),
        ("duplicate frequencies", "duplicate.csv", "duplicate.csv:30"),
    ]

    static let fitRows: [BadInput] = [
        BadInput("missing file", ["fit", "$missing.csv", "-o", "$out.json"], 66, names: ["$missing.csv"]),
        BadInput("directory, not a session", ["fit", "$notasession", "-o", "$out.json"], 66, names: ["$notasession"]),
        BadInput("session with a NaN response", ["fit", "$brokensession", "-o", "$out.json"], 65,
                 names: ["$brokensession/response-left.csv:30"]),
        BadInput("output exists", ["fit", "$good.csv", "-o", "$exists.json"], 74, names: ["$exists.json", "--force"]),
        BadInput("EqualizerAPO output exists", ["fit", "$good.csv", "-o", "$out.json", "--apo", "$exists.txt"], 74, names: ["$exists.txt"]),
        BadInput("output under a file", ["fit", "$good.csv", "-o", "$file.txt/out.json"], 74, names: ["$file.txt/out.json"]),
        BadInput("output is a folder", ["fit", "$good.csv", "-o", "$dir.json"], 74, names: ["$dir.json"]),
        BadInput("output is a folder, forced", ["fit", "$good.csv", "-o", "$dir.json", "--force"], 74, names: ["$dir.json"]),
        BadInput("output folder missing", ["fit", "$good.csv", "-o", "$nofolder/out.json"], 74, names: ["$nofolder/out.json"]),
        BadInput("one output named twice", ["fit", "$good.csv", "-o", "$out.json", "--apo", "$out.json"], 64, names: ["$out.json"]),
        BadInput("no filters", ["fit", "$good.csv", "--filters", "0", "-o", "$out.json"], 64, names: ["0"]),
        BadInput("NaN boost", ["fit", "$good.csv", "--max-boost", "nan", "-o", "$out.json"], 64, names: ["nan"]),
        BadInput("huge sample rate", ["fit", "$good.csv", "--sample-rate", "1e300", "-o", "$out.json"], 64, names: ["1e+300"]),
        BadInput("unknown target", ["fit", "$good.csv", "--target", "nosuch", "-o", "$out.json"], 64, names: ["nosuch"]),
        BadInput("NaN in the target", ["fit", "$good.csv", "--target", "$nan.csv", "-o", "$out.json"], 65, names: ["$nan.csv:30"]),
        BadInput("bad limits file", ["fit", "$good.csv", "--limits", "$badlimits.txt", "-o", "$out.json"], 65, names: ["$badlimits.txt"]),
        BadInput("unknown export format", ["fit", "$good.csv", "-o", "$out.json", "--export", "bogus:$x.txt"], 64, names: ["bogus"]),
    ] + badResponses.map { BadInput($0.0, ["fit", "$\($0.1)", "-o", "$out.json"], 65, names: ["$\($0.2)"]) }

    static let batchRows: [BadInput] = [
        BadInput("missing folder", ["batch", "$missing", "-o", "$out"], 66, names: ["$missing"]),
        BadInput("a file, not a folder", ["batch", "$good.csv", "-o", "$out"], 66, names: ["$good.csv"]),
        BadInput("no responses", ["batch", "$notasession", "-o", "$out"], 66, names: ["$notasession"]),
        BadInput("output under a file", ["batch", "$session", "-o", "$file.txt/out"], 74, names: ["$file.txt/out"]),
        BadInput("only bad responses", ["batch", "$badset", "-o", "$out"], 65, names: ["nan.csv:30", "unsorted.csv:30"]),
        BadInput("no jobs", ["batch", "$session", "-o", "$out", "--jobs", "0"], 64, names: ["--jobs 0"]),
        BadInput("unknown target", ["batch", "$session", "-o", "$out", "--target", "nosuch"], 64, names: ["nosuch"]),
    ]

    static let plotRows: [BadInput] = [
        BadInput("missing file", ["plot", "$missing.csv", "-o", "$out.svg"], 66, names: ["$missing.csv"]),
        BadInput("directory", ["plot", "$dir.csv", "-o", "$out.svg"], 66, names: ["$dir.csv"]),
        BadInput("output exists", ["plot", "$good.csv", "-o", "$exists.svg"], 74, names: ["$exists.svg", "--force"]),
        BadInput("output under a file", ["plot", "$good.csv", "-o", "$file.txt/out.svg"], 74, names: ["$file.txt/out.svg"]),
        BadInput("unknown target", ["plot", "$good.csv", "--target", "nosuch", "-o", "$out.svg"], 64, names: ["nosuch"]),
        BadInput("no file", ["plot", "-o", "$out.svg"], 64, names: ["<files>"]),
    ] + badResponses.map { BadInput($0.0, ["plot", "$\($0.1)", "-o", "$out.svg"], 65, names: ["$\($0.2)"]) }

    static let inspectRows: [BadInput] = [
        BadInput("missing file", ["inspect", "$missing.csv"], 66, names: ["$missing.csv"]),
        BadInput("directory", ["inspect", "$dir.csv"], 66, names: ["$dir.csv"]),
        BadInput("NaN calibration", ["inspect", "--calibration", "$nan.csv"], 65, names: ["$nan.csv:30"]),
    ] + badResponses.map { BadInput($0.0, ["inspect", "$\($0.1)"], 65, names: ["$\($0.2)"]) }

    @Test(arguments: fitRows) func fit(_ row: BadInput) throws { try BadInputMatrix.check(row) }
    @Test(arguments: batchRows) func batch(_ row: BadInput) throws { try BadInputMatrix.check(row) }
    @Test(arguments: plotRows) func plot(_ row: BadInput) throws { try BadInputMatrix.check(row) }
    @Test(arguments: inspectRows) func inspect(_ row: BadInput) throws { try BadInputMatrix.check(row) }
}
