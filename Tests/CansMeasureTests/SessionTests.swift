import CansAudio
import CansCore
import CansDSP
import CansFormats
import Foundation
import Testing
@testable import CansMeasure

@Suite struct SessionFolderTests {
    static func temporaryParent() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cans-measure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aNewFolderEveryTimeNeverAnExistingOne() throws {
        let parent = try Self.temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try SessionFolder.create(parent: parent.path, name: "HD 600", date: date)
        try "one".write(toFile: first.path("a.txt"), atomically: true, encoding: .utf8)
        let second = try SessionFolder.create(parent: parent.path, name: "HD 600", date: date)
        #expect(second.url.lastPathComponent == first.url.lastPathComponent + "-2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: second.url.path).isEmpty)
        #expect(try String(contentsOf: first.url.appendingPathComponent("a.txt"), encoding: .utf8) == "one")
        let slash = try SessionFolder.create(parent: parent.path, name: "A/B", date: date)
        #expect(slash.url.deletingLastPathComponent().lastPathComponent == "A-B")
    }

    @Test func anUnwritableParentIsATypedError() {
        #expect(throws: SessionFolderError.self) {
            try SessionFolder.create(parent: "/proc/cans-cannot-exist", name: "x", date: Date())
        }
    }
}

@Suite struct SweepSidecarTests {
    @Test func pathsAndRoundTrip() throws {
        #expect(SweepSidecar.path(forAudio: "/a/sweep.wav") == "/a/sweep.json")
        #expect(SweepSidecar.path(forAudio: "/a/sweep.json") == "/a/sweep.json.json")
        let sweep = try SweepParameters(sampleRate: 96_000, requestedStartHz: 5, sweepSamples: 1 << 17)
        let sidecar = SweepSidecar(software: "test", audioFile: "sweep.wav", requestedStartHz: 5, sweep: sweep)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cans-sidecar-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try AtomicFile.write(try sidecar.encoded(), toPath: file)
        #expect(try SweepSidecar.read(path: file) == sidecar)
    }

    @Test func aForeignOrBrokenFileIsABadDataErrorNamingIt() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cans-sidecar-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "{\"kind\": \"something else\"}".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: FileFormatError.self) { try SweepSidecar.read(path: file) }
        do {
            _ = try SweepSidecar.read(path: file)
        } catch let error as FileFormatError {
            #expect(error.path == file)
        }
    }
}

@Suite struct MeasurementRunnerTests {
    static func sweep() throws -> SweepParameters {
        try SweepParameters(sampleRate: 48_000, sweepSamples: 1 << 16, preSilenceSeconds: 0.1, postSilenceSeconds: 0.2)
    }

    @Test func everyCupAndSeatIsMeasuredAndAveragedWithItsSpread() throws {
        let sweep = try Self.sweep()
        let plan = SessionPlan.stereoHeadphone(sweep: sweep, reseats: 3)
        let example = ExampleRig(sampleRate: sweep.sampleRate, seed: 5)
        var rig = example.rig(sweep: sweep, cups: plan.cups)
        var progress = [SessionProgress]()
        let takes = try MeasurementRunner.run(
            plan, rig: &rig, prepareSeat: { seat, rig in example.reseat(seat, &rig) }, progress: { progress.append($0) })
        #expect(takes.count == 6)
        #expect(progress.count == 12)  // before and after each take
        #expect(progress.last?.takeNumber == 6 && progress.last?.cup == "right" && progress.last?.peakDBFS != nil)
        #expect(progress.last.map { abs($0.secondsLeft) < 1e-9 } == true)
        #expect(takes.allSatisfy { $0.problems.isEmpty && $0.analysis.latencySamples == 336 })
        let result = try SessionResult(takes: takes, plan: plan)
        #expect(result.cups.map(\.cup.name) == ["left", "right"])
        let left = result.cups[0].average
        // The seats leak different amounts of bass: spread at 20 Hz, none at 1 kHz.
        let at20 = left.standardDeviationDB[0]
        let at1k = left.standardDeviationDB[LogFrequencyGrid.autoEq.firstIndex { $0 >= 1000 }!]
        #expect(at20 > 0.1)
        #expect(at1k < 0.05)
        // The average is the example headphone within the leak (a dip at 7 kHz, peak near 2.9 kHz).
        let response = left.response.normalized()
        let truth = ExampleHeadphone.response()
        for frequency in [200.0, 1000, 2900, 5000] {
            #expect(abs(response.magnitudeDB(atHz: frequency) - truth.magnitudeDB(atHz: frequency)) < 0.3, "\(frequency) Hz")
        }
    }

    @Test func aClippedTakeStopsTheSessionAndIsNeverAveraged() throws {
        let sweep = try Self.sweep()
        let plan = SessionPlan(sweep: sweep, cups: [.init(name: "left", outputChannel: 0, inputChannel: 0)], reseats: 2)
        var rig = SimulatedRig(
            sampleRate: sweep.sampleRate, outputChannelCount: 1, inputChannelCount: 1,
            paths: [.init(output: 0, input: 0, impulseResponse: [10])])  // +20 dB into a -12 dBFS sweep
        var seen = [Take]()
        do {
            _ = try MeasurementRunner.run(plan, rig: &rig, onTake: { seen.append($0) })
            Issue.record("a clipped take must stop the session")
        } catch let SessionError.takeFailed(problem) {
            guard case .clipped = problem else { Issue.record("expected clipping, got \(problem)"); return }
        }
        // Stored (for the record) but never averaged: clipping needs the user, so no retry.
        #expect(seen.count == 1 && seen[0].problems.count == 1)
        #expect(throws: SessionError.self) { try SessionResult(takes: seen, plan: plan) }
    }

    @Test func silenceIsRejected() {
        let levels = RecordingLevels(recording: [Double](repeating: 1e-6, count: 20_000), noise: 0..<5000, signal: 5000..<20_000)
        let problems = TakeCheck.problems(levels, source: "left cup, seat 1")
        #expect(problems.count == 1)
        #expect(problems.first?.description.hasPrefix("left cup, seat 1 is silent") == true)
    }

    @Test func theRecorderKeepsSessionJSONHonestAtEveryStep() throws {
        let sweep = try Self.sweep()
        let plan = SessionPlan.stereoHeadphone(sweep: sweep, reseats: 1)
        let example = ExampleRig(sampleRate: sweep.sampleRate, seed: 9)
        var rig = example.rig(sweep: sweep, cups: plan.cups)
        let parent = try SessionFolderTests.temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = try SessionFolder.create(parent: parent.path, name: "example", date: Date())
        let recorder = try SessionRecorder(
            folder: folder, plan: plan, headphone: "example", rig: example.record,
            calibration: try CalibrationSet(micPath: nil, rigPath: nil), software: "test", date: Date())
        func stored() throws -> SessionRecord {
            try JSONDecoder().decode(SessionRecord.self, from: Data(contentsOf: folder.url.appendingPathComponent("session.json")))
        }
        #expect(try stored().status == .incomplete)
        var seen = [Int]()
        let takes = try MeasurementRunner.run(plan, rig: &rig, onTake: { take in
            try recorder.add(take)
            seen.append(try stored().takes.count)
        })
        #expect(seen == [1, 2])
        #expect(try stored().status == .incomplete)
        try recorder.finish(try SessionResult(takes: takes, plan: plan), micDBFSAt94DBSPL: -30)
        let final = try stored()
        #expect(final.status == .complete)
        #expect(final.results.count == 2)
        #expect(final.sensitivity?.splAtFullScaleDB["left"] != nil)
        let combined = try AutoEqCSV.read(path: folder.path("response.csv"))
        #expect(combined.count == 695)
        let recording = try AudioFile.read(path: folder.path("recordings/left-seat1.wav"))
        #expect(recording.channels[0] == takes[0].recording.channels[0])  // float WAV keeps it bit for bit
        #expect(final.sweep == sweep)

        recorder.stop(.interrupted, detail: "test")
        #expect(try stored().status == .interrupted && stored().statusDetail == "test")
    }
}

@Suite struct SHA256Tests {
    /// FIPS 180-4 examples (NIST CSRC "SHA-256" example values).
    @Test func knownDigests() {
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: [UInt8](repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite struct DropoutTests {
    /// A gap of digital silence in the middle of the sweep (a sound server that missed its
    /// deadline) is caught and retried, where an intact recording passes.
    @Test func aGapInTheSweepIsADropoutAndAnIntactTakeIsNot() throws {
        let sweep = try SweepParameters(sampleRate: 48_000, sweepSamples: 1 << 16, preSilenceSeconds: 0.1, postSilenceSeconds: 0.2)
        let analyzer = SweepAnalyzer(sweep: sweep)
        var recording = ExponentialSweep.signal(sweep).map { $0 * 0.5 } + [Double](repeating: 0, count: 4800)
        let intact = try analyzer.analyse(recording)
        #expect(TakeCheck.problems(intact.levels, source: "take").isEmpty)
        #expect(intact.levels.longestZeroRunInSignal < TakeCheck.dropoutSamples)
        let middle = sweep.preSilenceSamples + sweep.sweepSamples / 2
        for i in middle..<(middle + 200) { recording[i] = 0 }
        let broken = try analyzer.analyse(recording)
        let problems = TakeCheck.problems(broken.levels, source: "take")
        #expect(problems.count == 1 && problems[0].isTransient)
        #expect(problems.first?.description.contains("200 samples of digital silence") == true)
    }
}
