import Foundation
import Testing

/// A session measured with a calibrated microphone gives a profile that knows its SPL, so the
/// monitor can show dB SPL and the weekly dose.
struct FitSensitivityCLITests {
    @Test func aCalibratedSessionsProfileCarriesTheLouderCupsSPL() throws {
        let folder = try TemporaryFolder()
        let measured = try CLIRunner.run([
            "measure", "--name", "calibrated", "--simulate", "example", "--yes", "--reseats", "1", "--length", "2^16",
            "--mic-sensitivity", "-30", "--out", folder.path("M"),
        ])
        #expect(measured.status == 0, "\(measured.standardError)")
        let session = try #require(try MeasureCLITests.sessions(in: folder, name: "calibrated").first)
        let record = try MeasureCLITests.sessionJSON(session)
        let sensitivity = try #require(record["sensitivity"] as? [String: Any])
        let perCup = try #require(sensitivity["splAtFullScaleDB"] as? [String: Double])
        #expect(perCup.count == 2)
        let louder = try #require(perCup.values.max())
        // -30 dBFS for 94 dB SPL: a 0 dBFS sine plays at about 94 + 30 + the level the sweep needed.
        #expect(louder > 100 && louder < 140, "\(perCup)")

        let fitted = try CLIRunner.run(["fit", session.path, "--target", "harman-over-ear-2018", "-o", folder.path("p.json")])
        #expect(fitted.status == 0, "\(fitted.standardError)")
        #expect(fitted.standardOutput.contains(String(format: "calibrated: %.1f dB SPL at 0 dBFS", louder)))
        let profile = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path("p.json")))) as? [String: Any])
        let written = try #require(profile["splAtFullScaleDB"] as? Double)
        #expect(abs(written - louder) < 1e-9)

        // A response file alone has no calibration: no SPL in its profile.
        let left = session.appendingPathComponent("response-left.csv").path
        #expect(try CLIRunner.run(["fit", left, "--target", "harman-over-ear-2018", "-o", folder.path("q.json")]).status == 0)
        let plain = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.path("q.json")))) as? [String: Any])
        #expect(plain["splAtFullScaleDB"] == nil)
    }
}
