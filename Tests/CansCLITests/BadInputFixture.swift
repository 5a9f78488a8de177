import Foundation

/// The inputs of the bad-input matrix, made once with the CLI itself and copied into each row's
/// own folder: a good response, profile, sweep and session, and one file per kind of bad input.
final class BadInputFixture: Sendable {
    static let shared = BadInputFixture()

    /// What a user had before running a command: must never change.
    static let userData = "user data, must stay as it is\n"

    private let folder: URL
    private let failure: String?

    /// Where the inputs are made; removed when the test process ends.
    private static let location = FileManager.default.temporaryDirectory.appendingPathComponent("cans-bad-input-\(UUID().uuidString)")

    private init() {
        folder = Self.location
        atexit { try? FileManager.default.removeItem(at: BadInputFixture.location) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Self.make(in: folder)
            failure = nil
        } catch {
            failure = "\(error)"
        }
    }

    /// Copies every input into `destination`.
    func copy(into destination: URL) throws {
        if let failure { throw FixtureFailure(reason: failure) }
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: destination.appendingPathComponent(name))
        }
    }

    struct FixtureFailure: Error, CustomStringConvertible {
        let reason: String
        var description: String { "the bad-input fixture could not be made: \(reason)" }
    }

    private static func make(in folder: URL) throws {
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        func write(_ text: String, _ name: String) throws { try text.write(toFile: path(name), atomically: true, encoding: .utf8) }
        func cans(_ arguments: [String]) throws {
            let result = try CLIRunner.run(arguments, in: folder)
            guard result.status == 0 else { throw FixtureFailure(reason: "cans \(arguments.joined(separator: " ")): \(result.standardError)") }
        }

        // Responses: 64 points, 20 Hz to 20 kHz, a gentle shape; then one file per defect.
        let frequencies = (0..<64).map { 20 * pow(1000, Double($0) / 63) }
        let rows = frequencies.map { String(format: "%.2f,%.2f", $0, 3 * sin(log10($0) * 2)) }
        try write("frequency,raw\n" + rows.joined(separator: "\n") + "\n", "good.csv")
        func variant(_ name: String, line: Int, _ replacement: String) throws {
            var lines = rows
            lines[line - 2] = replacement
            try write("frequency,raw\n" + lines.joined(separator: "\n") + "\n", name)
        }
        let frequency30 = String(format: "%.2f", frequencies[28])
        try variant("nan.csv", line: 30, frequency30 + ",nan")
        try variant("inf.csv", line: 30, frequency30 + ",inf")
        try variant("huge.csv", line: 30, frequency30 + ",1e300")
        try variant("hugefrequency.csv", line: 65, "1e300,0")
        try variant("unsorted.csv", line: 30, "30,0")
        try variant("duplicate.csv", line: 30, rows[27])
        try write("frequency,raw\n" + rows.prefix(30).joined(separator: "\n") + "\n2000,", "truncated.csv")
        try write("frequency,raw\n", "header.csv")
        try write("", "empty.csv")
        try write("", "empty.wav")
        try write("", "empty.json")
        try write("this is a note, not audio\n", "text.wav")
        try write("0 profile 1\n2 jump around\n", "badscript.txt")
        try write("bands: many\n", "badlimits.txt")
        try write("{\"kind\": \"something else\"}\n", "notprofile.json")
        for name in ["dir.csv", "dir.wav", "dir.json", "notasession", "badset", "badset/in-ear"] {
            try FileManager.default.createDirectory(atPath: path(name), withIntermediateDirectories: false)
        }
        try variant("badset/nan.csv", line: 30, frequency30 + ",nan")
        try variant("badset/in-ear/unsorted.csv", line: 30, "30,0")
        try write(userData, "file.txt")
        for name in ["exists.json", "exists.txt", "exists.wav", "exists.svg", "exists.html", "exists.csv", "sidecar.json"] {
            try write(userData, name)
        }

        // Audio: a short sweep, one at another rate, a cut one, a copy posing as CSV, one with a NaN.
        try cans(["sweep", "-o", path("sweep.wav"), "--length", "2^16", "--pre-silence", "0.1", "--post-silence", "0.2"])
        try cans(["sweep", "-o", path("rec44.wav"), "--rate", "44100", "--length", "2^16", "--pre-silence", "0.1", "--post-silence", "0.2"])
        try cans(["sweep", "-o", path("float.wav"), "--length", "2^16", "--format", "float32", "--pre-silence", "0.1", "--post-silence", "0.2"])
        let wav = try Data(contentsOf: URL(fileURLWithPath: path("sweep.wav")))
        try wav.prefix(2000).write(to: URL(fileURLWithPath: path("truncated.wav")))
        try wav.write(to: URL(fileURLWithPath: path("audio.csv")))
        var float = try Data(contentsOf: URL(fileURLWithPath: path("float.wav")))
        let dataChunk = try float.range(of: Data("data".utf8)).map { $0.upperBound + 4 }
            ?? { throw FixtureFailure(reason: "float.wav has no data chunk") }()
        float.replaceSubrange(dataChunk + 40_000..<dataChunk + 40_004, with: [0x00, 0x00, 0xC0, 0x7F])
        try float.write(to: URL(fileURLWithPath: path("nan.wav")))
        try FileManager.default.removeItem(atPath: path("float.wav"))
        try FileManager.default.removeItem(atPath: path("float.json"))

        // A profile, a cut one and one with an absurd gain.
        try cans(["fit", path("good.csv"), "-o", path("profile.json")])
        let profile = try String(contentsOfFile: path("profile.json"), encoding: .utf8)
        try write(String(profile.prefix(profile.count / 2)), "truncated.json")
        guard let gain = profile.range(of: #""gainDB" : -?[0-9.]+"#, options: .regularExpression) else {
            throw FixtureFailure(reason: "profile.json has no gainDB")
        }
        try write(profile.replacingCharacters(in: gain, with: "\"gainDB\" : 1e300"), "hugegain.json")
        guard let q = profile.range(of: #""q" : [0-9.]+"#, options: .regularExpression) else {
            throw FixtureFailure(reason: "profile.json has no q")
        }
        try write(profile.replacingCharacters(in: q, with: "\"q\" : 0"), "zeroq.json")
        guard let frequency = profile.range(of: #""frequencyHz" : [0-9.]+"#, options: .regularExpression) else {
            throw FixtureFailure(reason: "profile.json has no frequencyHz")
        }
        try write(profile.replacingCharacters(in: frequency, with: "\"frequencyHz\" : 0.004"), "subhertz.json")

        // A session (made by `cans demo`), under a fixed name.
        try cans(["demo", "--out", path("M"), "--reseats", "1", "--length", "2^16"])
        let parent = folder.appendingPathComponent("M/cans example headphone (simulated)")
        guard let dated = try FileManager.default.contentsOfDirectory(atPath: parent.path).first else {
            throw FixtureFailure(reason: "cans demo wrote no session")
        }
        try FileManager.default.moveItem(at: parent.appendingPathComponent(dated), to: folder.appendingPathComponent("session"))
        try FileManager.default.removeItem(atPath: path("M"))

        // A session with a recording cut short and a response holding NaN.
        try FileManager.default.copyItem(atPath: path("session"), toPath: path("brokensession"))
        let recording = path("brokensession/recordings/left-seat1.wav")
        try Data(contentsOf: URL(fileURLWithPath: recording)).prefix(4000).write(to: URL(fileURLWithPath: recording))
        let response = path("brokensession/response-left.csv")
        var lines = try String(contentsOfFile: response, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines[29] = lines[29].split(separator: ",").enumerated().map { $0.offset == 1 ? "nan" : String($0.element) }
            .joined(separator: ",")[...]
        try write(lines.joined(separator: "\n"), "brokensession/response-left.csv")
    }
}
