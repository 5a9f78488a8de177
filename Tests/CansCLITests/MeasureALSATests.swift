import CansFormats
import Foundation
import Testing

/// `cans measure` through real ALSA: the software loopback of ../shared/tools/loopback, one
/// private instance per setting. Serialized: the machine has two cores and the daemons run in
/// real time.
@Suite(.serialized, .enabled(if: LoopbackInstance.canRun, "\(LoopbackInstance.unavailableReason ?? "")"))
struct MeasureALSATests {
    static func measure(_ arguments: [String], loopback: LoopbackInstance, out folder: TemporaryFolder) throws
        -> CLIRunner.Result
    {
        try CLIRunner.run(
            ["measure", "--yes", "--length", "2^16", "--out", folder.path("M")] + arguments,
            environment: loopback.environment)
    }

    static func session(in folder: TemporaryFolder, name: String) throws -> URL {
        try #require(latestSession(in: folder, name: name))
    }

    static func latestSession(in folder: TemporaryFolder, name: String) -> URL? {
        let parent = folder.url.appendingPathComponent("M").appendingPathComponent(name)
        let sessions = (try? FileManager.default.contentsOfDirectory(atPath: parent.path))?.sorted() ?? []
        return sessions.last.map { parent.appendingPathComponent($0) }
    }

    /// RBJ peaking biquad with the bandwidth in octaves, as SWH singlePara computes it (the
    /// loopback README gives the formula).
    static func peakingDB(atHz f: Double, gainDB: Double, centreHz: Double, octaves: Double, rate: Double) -> Double {
        let w0 = 2 * Double.pi * centreHz / rate
        let a = pow(10, gainDB / 40)
        let alpha = sin(w0) * sinh(log(2.0) / 2 * octaves * w0 / sin(w0))
        let b = [1 + alpha * a, -2 * cos(w0), 1 - alpha * a]
        let den = [1 + alpha / a, -2 * cos(w0), 1 - alpha / a]
        let w = 2 * Double.pi * f / rate
        func magnitude(_ c: [Double]) -> Double {
            let re = c[0] + c[1] * cos(-w) + c[2] * cos(-2 * w)
            let im = c[1] * sin(-w) + c[2] * sin(-2 * w)
            return (re * re + im * im).squareRoot()
        }
        return 20 * log10(magnitude(b) / magnitude(den))
    }

    @Test func throughTheLoopbackTheResponseIsFlatAndTheLatencyStableOrReported() throws {
        let loopback = try LoopbackInstance()
        let folder = try TemporaryFolder()
        let result = try Self.measure(
            ["--name", "flat", "--device", "loopback", "--mic-channels", "1,2", "--reseats", "5"], loopback: loopback, out: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let session = try Self.session(in: folder, name: "flat")
        for cup in ["left", "right"] {
            let response = try AutoEqCSV.read(path: session.appendingPathComponent("response-\(cup).csv").path)
            let worst = response.magnitudesDB.map(abs).max() ?? 99
            #expect(worst <= 0.05, "\(cup): \(worst) dB from flat")
        }
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: session.appendingPathComponent("session.json"))) as? [String: Any])
        #expect(json["status"] as? String == "complete")
        let rig = try #require(json["rig"] as? [String: Any])
        #expect(rig["simulated"] as? Bool == false && rig["playbackDevice"] as? String == "loopback")
        let results = try #require(json["results"] as? [[String: Any]])
        let warnings = json["warnings"] as? [String] ?? []
        for cupResult in results {
            let latencies = try #require(cupResult["latenciesSamples"] as? [Int])
            #expect(latencies.count == 5)
            let spread = (latencies.max() ?? 0) - (latencies.min() ?? 0)
            // Stable, or reported: the pulse plugin may start playback a server block late.
            #expect(spread <= 1 || warnings.contains { $0.contains("latency moved") }, "latencies \(latencies)")
        }
    }

    @Test(arguments: ["6,1000,1", "-5,3000,0.5", "9,150,2"])
    func throughTheFilterTheResponseIsTheFilters(eq: String) throws {
        let loopback = try LoopbackInstance(eq: eq)
        let folder = try TemporaryFolder()
        let result = try Self.measure(
            ["--name", "eq", "--device", "loopback_eq", "--mic-channels", "1,2", "--reseats", "1", "--level", "-20"],
            loopback: loopback, out: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let parts = eq.split(separator: ",").compactMap { Double($0) }
        let expected = { (f: Double) in
            Self.peakingDB(atHz: f, gainDB: parts[0], centreHz: parts[1], octaves: parts[2], rate: 48_000)
                - Self.peakingDB(atHz: 1000, gainDB: parts[0], centreHz: parts[1], octaves: parts[2], rate: 48_000)
        }
        let response = try AutoEqCSV.read(path: try Self.session(in: folder, name: "eq").appendingPathComponent("response-left.csv").path)
        var worst = 0.0
        for (f, measured) in zip(response.frequenciesHz, response.magnitudesDB) {
            worst = max(worst, abs(measured - expected(f)))
        }
        #expect(worst <= 0.1, "EQ \(eq): worst \(worst) dB")
    }

    @Test(arguments: [44_100, 96_000])
    func atOtherRatesTheResponseIsFlat(rate: Int) throws {
        let loopback = try LoopbackInstance(rate: rate)
        let folder = try TemporaryFolder()
        let result = try Self.measure(
            ["--name", "rate", "--device", "loopback", "--rate", "\(rate)", "--mic-channels", "1,2", "--reseats", "1"],
            loopback: loopback, out: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let response = try AutoEqCSV.read(path: try Self.session(in: folder, name: "rate").appendingPathComponent("response-left.csv").path)
        let worst = response.magnitudesDB.map(abs).max() ?? 99
        #expect(worst <= 0.05, "\(rate) Hz: \(worst) dB from flat")
    }

    @Test func devicesThatFailSayWhyAndLeaveNothing() throws {
        let loopback = try LoopbackInstance()
        let folder = try TemporaryFolder()
        let missing = try Self.measure(["--name", "x", "--device", "no_such_device"], loopback: loopback, out: folder)
        #expect(missing.status == 69)
        #expect(missing.standardError.contains("no_such_device") && missing.standardError.contains("cans devices"))
        // Play on the loopback, record a device that hears nothing.
        let silent = try Self.measure(
            ["--name", "x", "--playback-device", "loopback", "--capture-device", "null"], loopback: loopback, out: folder)
        #expect(silent.status == 65)
        #expect(silent.standardError.contains("is silent"))
        let clipped = try Self.measure(
            ["--name", "x", "--device", "loopback", "--mic-channels", "1,2", "--level", "0"], loopback: loopback, out: folder)
        #expect(clipped.status == 65)
        #expect(clipped.standardError.contains("too loud") && clipped.standardError.contains("--level"))
        let format = try Self.measure(["--name", "x", "--device", "loopback", "--format", "S20"], loopback: loopback, out: folder)
        #expect(format.status == 64)
        #expect(!FileManager.default.fileExists(atPath: folder.path("M")))
    }

    /// `cans measure` started in the background with `arguments`; standard error goes to a file.
    static func startMeasuring(_ arguments: [String], loopback: LoopbackInstance, out folder: TemporaryFolder) throws
        -> (process: Process, errorFile: URL)
    {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["measure", "--yes", "--out", folder.path("M")] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(loopback.environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        let errorFile = folder.url.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        return (process, errorFile)
    }

    /// Waits (up to 60 s) until the session `name` has stored a take; returns the takes stored.
    static func waitForFirstTake(in folder: TemporaryFolder, name: String) -> Int {
        var stored = 0, waited = 0
        while stored == 0 && waited < 600 {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 1
            if let session = latestSession(in: folder, name: name),
               let data = try? Data(contentsOf: session.appendingPathComponent("session.json")),
               let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
                stored = (json["takes"] as? [Any])?.count ?? 0
            }
        }
        return stored
    }

    @Test func ctrlCMidTakeKeepsTheTakesAndSaysSo() throws {
        let loopback = try LoopbackInstance()
        let folder = try TemporaryFolder()
        let (process, errorFile) = try Self.startMeasuring(
            ["--name", "stop", "--device", "loopback", "--mic-channels", "1,2", "--reseats", "3", "--length", "2^17"],
            loopback: loopback, out: folder)
        let stored = Self.waitForFirstTake(in: folder, name: "stop")
        #expect(stored == 1, "\((try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")")
        Thread.sleep(forTimeInterval: 1)  // well inside the second take
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "\((try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")")
        let session = try Self.session(in: folder, name: "stop")
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: session.appendingPathComponent("session.json"))) as? [String: Any])
        #expect(json["status"] as? String == "interrupted")
        let stoppedBy = json["stoppedBy"] as? [String: Any]
        #expect(stoppedBy?["kind"] as? String == "interrupted" && stoppedBy?["takeStored"] as? Bool == false)
        #expect((json["takes"] as? [Any])?.count == 1)
        #expect(FileManager.default.fileExists(atPath: session.appendingPathComponent("recordings/left-seat1.wav").path))
    }
}
