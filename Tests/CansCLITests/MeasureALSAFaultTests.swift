import Foundation
import Testing

/// Faults of a real measurement through the ALSA loopback: the sound server stopped mid-take,
/// a capture device that delivers nothing but zeros. Part of `MeasureALSATests` (serialized, run
/// on its own by .ci/run).
extension MeasureALSATests {
    static func sessionJSON(_ session: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: session.appendingPathComponent("session.json"))) as? [String: Any])
    }

    @Test func aDeviceThatVanishesMidTakeFailsTheSessionWithExit69AndKeepsTheTakesBefore() throws {
        let loopback = try LoopbackInstance()
        let folder = try TemporaryFolder()
        let (process, errorFile) = try Self.startMeasuring(
            ["--name", "vanish", "--device", "loopback", "--mic-channels", "1,2", "--reseats", "3", "--no-level-check",
             "--length", "2^17"],
            loopback: loopback, out: folder)
        let stored = Self.waitForFirstTake(in: folder, name: "vanish")
        #expect(stored == 1, "\((try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")")
        Thread.sleep(forTimeInterval: 1)  // inside the second take (2.7 s of sweep)
        try loopback.stopServer()
        process.waitUntilExit()
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 69, "\(errors)")
        #expect(errors.contains("the device stopped during a take") && errors.contains("'loopback'"), "\(errors)")
        let session = try Self.session(in: folder, name: "vanish")
        let json = try Self.sessionJSON(session)
        #expect(json["status"] as? String == "failed")
        let stoppedBy = try #require(json["stoppedBy"] as? [String: Any])
        #expect(stoppedBy["kind"] as? String == "device" && stoppedBy["takeStored"] as? Bool == false)
        #expect(stoppedBy["cup"] as? String == "right" && stoppedBy["seat"] as? Int == 1)
        let takes = try #require(json["takes"] as? [[String: Any]])
        #expect(takes.count == 1 && takes[0]["accepted"] as? Bool == true)
        let recording = session.appendingPathComponent("recordings/left-seat1.wav")
        let size = (try? FileManager.default.attributesOfItem(atPath: recording.path)[.size] as? Int) ?? 0
        #expect(size > 4 * (1 << 17))  // one float channel of the whole capture
        #expect(!FileManager.default.fileExists(atPath: session.appendingPathComponent("response.csv").path))
    }

    @Test func aCaptureThatDeliversOnlyZerosFailsTheSessionAsStuckWithExit65() throws {
        let loopback = try LoopbackInstance()
        let folder = try TemporaryFolder()
        // Play on the loopback, record ALSA's null device: every sample 0, as a dead input gives.
        let result = try Self.measure(
            ["--name", "stuck", "--playback-device", "loopback", "--capture-device", "null", "--mic-channels", "1,2",
             "--reseats", "2", "--no-level-check"],
            loopback: loopback, out: folder)
        #expect(result.status == 65, "\(result.standardError)")
        #expect(result.standardError.contains("the capture is stuck, every sample is 0.0"), "\(result.standardError)")
        let json = try Self.sessionJSON(try Self.session(in: folder, name: "stuck"))
        #expect(json["status"] as? String == "failed")
        #expect((json["stoppedBy"] as? [String: Any])?["kind"] as? String == "stuck")
        let takes = try #require(json["takes"] as? [[String: Any]])
        #expect(takes.count == 1 && takes[0]["accepted"] as? Bool == false)
        #expect(takes[0]["problemKinds"] as? [String] == ["stuck"])
    }
}
