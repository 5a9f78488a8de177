import CansAudio
import CansCore
import CansDSP
import CansFormats
import Foundation
import Testing
@testable import CansMeasure

/// No path of a session (a new session, a take, a re-analysis) replaces a file of an existing
/// session.
@Suite struct SessionOverwriteTests {
    /// Every file under `folder` (relative path) with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files = [String: Data]()
        let walker = try #require(FileManager.default.enumerator(atPath: folder.path))
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// A complete one-cup, one-seat session in a new folder under `parent`.
    static func session(parent: URL) throws -> (SessionRecorder, [Take], SessionPlan, ExampleRig) {
        let sweep = try MeasurementRunnerTests.sweep()
        let plan = SessionPlan(sweep: sweep, cups: [SessionFaultTests.cup], reseats: 1)
        let example = ExampleRig(sampleRate: sweep.sampleRate, seed: 4)
        var rig = example.rig(sweep: sweep, cups: plan.cups)
        let folder = try SessionFolder.create(parent: parent.path, name: "kept", date: Date(timeIntervalSince1970: 1_800_000_000))
        let recorder = try SessionRecorder(
            folder: folder, plan: plan, headphone: "kept", rig: example.record,
            calibration: try CalibrationSet(micPath: nil, rigPath: nil), software: "test", date: Date())
        let takes = try MeasurementRunner.run(plan, rig: &rig, onTake: { try recorder.add($0) })
        try recorder.finish(try SessionResult(takes: takes, plan: plan))
        return (recorder, takes, plan, example)
    }

    @Test func aRecorderOnAnExistingSessionFolderRefusesAndChangesNothing() throws {
        let parent = try SessionFolderTests.temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let (recorder, _, plan, example) = try Self.session(parent: parent)
        let before = try Self.snapshot(recorder.folder.url)
        #expect(before.keys.sorted() == [
            "recordings/left-seat1.wav", "response-left.csv", "response.csv", "session.json", "sweep.json", "sweep.wav",
        ])
        let existing = SessionFolder(existing: recorder.folder.url)
        func startAnother() throws {
            _ = try SessionRecorder(
                folder: existing, plan: plan, headphone: "other", rig: example.record,
                calibration: try CalibrationSet(micPath: nil, rigPath: nil), software: "test", date: Date())
        }
        #expect(throws: AudioFileError.fileExists(path: existing.path("sweep.wav"))) { try startAnother() }
        // Without its sweep.wav the folder still holds sweep.json and session.json: refused at the first.
        try FileManager.default.removeItem(atPath: existing.path("sweep.wav"))
        do {
            try startAnother()
            Issue.record("a second session was started in a session folder")
        } catch let error as FileAccessError {
            #expect(error.reason == .alreadyExists && error.path == existing.path("sweep.json"))
        }
        // And without both, at session.json.
        try FileManager.default.removeItem(atPath: existing.path("sweep.wav"))
        try FileManager.default.removeItem(atPath: existing.path("sweep.json"))
        do {
            try startAnother()
            Issue.record("a second session was started in a session folder")
        } catch let error as FileAccessError {
            #expect(error.reason == .alreadyExists && error.path == existing.path("session.json"))
        }
        var after = try Self.snapshot(recorder.folder.url)
        // The new sweep files went where the old ones were removed; everything else is as it was.
        #expect(after.removeValue(forKey: "sweep.wav") != nil && after.removeValue(forKey: "sweep.json") != nil)
        var expected = before
        expected.removeValue(forKey: "sweep.wav")
        expected.removeValue(forKey: "sweep.json")
        #expect(after == expected)
    }

    @Test func aTakeWhoseRecordingExistsIsRefusedAndTheFirstKept() throws {
        let parent = try SessionFolderTests.temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let (recorder, takes, _, _) = try Self.session(parent: parent)
        let before = try Self.snapshot(recorder.folder.url)
        let louder = Take(
            cup: takes[0].cup, seat: takes[0].seat, attempt: takes[0].attempt,
            recording: AudioBuffer(sampleRate: 48_000, channels: [takes[0].recording.channels[0].map { $0 * 2 }]),
            analysis: takes[0].analysis, xruns: 0, problems: [])
        #expect(throws: AudioFileError.fileExists(path: recorder.folder.path("recordings/left-seat1.wav"))) {
            try recorder.add(louder)
        }
        #expect(try Self.snapshot(recorder.folder.url) == before)
        #expect(recorder.record.takes.count == 1)
    }

    @Test func reanalysisWritesANewFolderEachTimeAndNeverTouchesTheSession() throws {
        let parent = try SessionFolderTests.temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let (recorder, _, _, _) = try Self.session(parent: parent)
        let before = try Self.snapshot(recorder.folder.url)
        let settings = SessionReanalysis.Settings(smoothing: .none, calibration: nil, gate: nil, software: "test")
        let date = Date(timeIntervalSince1970: 1_800_000_100)
        let (first, _) = try SessionReanalysis.run(sessionPath: recorder.folder.url.path, settings: settings, date: date)
        let (second, _) = try SessionReanalysis.run(sessionPath: recorder.folder.url.path, settings: settings, date: date)
        #expect(second.lastPathComponent == first.lastPathComponent + "-2")
        let after = try Self.snapshot(recorder.folder.url)
        #expect(after.filter { !$0.key.hasPrefix("analysis-") } == before)
        #expect(after.keys.filter { $0.hasPrefix(first.lastPathComponent + "/") }.count == 3)
        #expect(after[first.lastPathComponent + "/response.csv"] == after[second.lastPathComponent + "/response.csv"])
    }

    @Test func aNameTakenByAFileGetsTheNextFolder() throws {
        let parent = try SessionFolderTests.temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try SessionFolder.create(parent: parent.path, name: "X", date: date)
        try FileManager.default.removeItem(at: first.url)
        try Data("mine".utf8).write(to: first.url)  // a user's file where the folder would go
        let second = try SessionFolder.create(parent: parent.path, name: "X", date: date)
        #expect(second.url.lastPathComponent == first.url.lastPathComponent + "-2")
        #expect(try Data(contentsOf: first.url) == Data("mine".utf8))
    }
}
