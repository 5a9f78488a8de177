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

    @Test func aFolderAppearsOnlyWhenCommittedAndNeverReplacesAnother() throws {
        let parent = try Self.temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try SessionFolder(parent: parent.path, name: "HD 600", date: date)
        try "one".write(toFile: first.path("a.txt"), atomically: true, encoding: .utf8)
        #expect(!FileManager.default.fileExists(atPath: first.intendedURL.path))
        let firstURL = try first.commit()
        #expect(firstURL == first.intendedURL)

        let second = try SessionFolder(parent: parent.path, name: "HD 600", date: date)
        try "two".write(toFile: second.path("a.txt"), atomically: true, encoding: .utf8)
        let secondURL = try second.commit()
        #expect(secondURL.lastPathComponent == first.intendedURL.lastPathComponent + "-2")
        #expect(try String(contentsOf: firstURL.appendingPathComponent("a.txt"), encoding: .utf8) == "one")
        #expect(try String(contentsOf: secondURL.appendingPathComponent("a.txt"), encoding: .utf8) == "two")
    }

    @Test func aDiscardedFolderLeavesNothing() throws {
        let parent = try Self.temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = try SessionFolder(parent: parent.path, name: "x/y", date: Date())
        try "z".write(toFile: folder.path("z.txt"), atomically: true, encoding: .utf8)
        folder.discard()
        let left = try FileManager.default.contentsOfDirectory(atPath: parent.appendingPathComponent("x-y").path)
        #expect(left.isEmpty)
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
        var rig = example.rig(sweep: sweep)
        var lines = [String]()
        let takes = try MeasurementRunner.run(
            plan, rig: &rig, prepareSeat: { seat, rig in example.reseat(seat, &rig) }, progress: { lines.append($0) })
        #expect(takes.count == 6)
        #expect(lines.last == "take 6 of 6: right cup, seat 3")
        #expect(takes.allSatisfy { $0.problems.isEmpty && $0.analysis.latencySamples == 336 })
        let result = try SessionResult(takes: takes, plan: plan)
        #expect(result.cups.map(\.name) == ["left", "right"])
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

    @Test func clippedTakesAreRejectedAndASessionWithNoGoodTakeFails() throws {
        let sweep = try Self.sweep()
        let plan = SessionPlan(sweep: sweep, cups: [.init(name: "left", outputChannel: 0, inputChannel: 0)], reseats: 2)
        var rig = SimulatedRig(
            sampleRate: sweep.sampleRate, outputChannelCount: 1, inputChannelCount: 1,
            paths: [.init(output: 0, input: 0, impulseResponse: [10])])  // +20 dB into a -12 dBFS sweep
        let takes = try MeasurementRunner.run(plan, rig: &rig)
        #expect(takes.count == 2)
        #expect(takes.allSatisfy { take in
            if case .clipped = take.problems.first { return true } else { return false }
        })
        #expect(throws: SessionError.self) { try SessionResult(takes: takes, plan: plan) }
    }

    @Test func silenceIsRejected() {
        let levels = RecordingLevels(recording: [Double](repeating: 1e-6, count: 20_000), noise: 0..<5000, signal: 5000..<20_000)
        let problems = TakeCheck.problems(levels, source: "left cup, seat 1")
        #expect(problems.count == 1)
        #expect(problems.first?.description.hasPrefix("left cup, seat 1 is silent") == true)
    }

    @Test func writtenSessionHoldsEveryFileAndReadsBack() throws {
        let sweep = try Self.sweep()
        let plan = SessionPlan.stereoHeadphone(sweep: sweep, reseats: 1)
        let example = ExampleRig(sampleRate: sweep.sampleRate, seed: 9)
        var rig = example.rig(sweep: sweep)
        let takes = try MeasurementRunner.run(plan, rig: &rig)
        let result = try SessionResult(takes: takes, plan: plan)
        let parent = try SessionFolderTests.temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = try SessionFolder(parent: parent.path, name: "example", date: Date())
        let record = try SessionWriter.write(
            result, plan: plan, headphone: "example", rig: example.record, software: "test", date: Date(), into: folder)
        let final = try folder.commit()
        #expect(record.cups.count == 2 && record.cups[0].takes.count == 1)
        let combined = try AutoEqCSV.read(path: final.appendingPathComponent("response.csv").path)
        #expect(combined.count == 695)
        let recording = try AudioFile.read(path: final.appendingPathComponent("recordings/left-seat1.wav").path)
        #expect(recording.channels[0] == takes[0].recording.channels[0])  // float WAV keeps it bit for bit
        let data = try Data(contentsOf: final.appendingPathComponent("session.json"))
        let decoded = try JSONDecoder().decode(SessionRecord.self, from: data)
        #expect(decoded.sweep == sweep)
        #expect(decoded.cups[1].cup.name == "right")
    }
}
