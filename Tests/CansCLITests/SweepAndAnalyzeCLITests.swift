import CansAudio
import CansCore
import CansDSP
import CansFormats
import Foundation
import Testing

/// `cans sweep` and `cans analyze` run as a user runs them.
@Suite struct SweepAndAnalyzeCLITests {
    /// Writes a sweep with the CLI, "records" it through the simulated rig with `gain`, and
    /// returns the sweep's and the recording's paths.
    static func makeRecording(in folder: TemporaryFolder, gain: Double, noiseDBFS: Double? = -90) throws -> (String, String) {
        let sweepPath = folder.path("sweep.wav")
        let result = try CLIRunner.run(["sweep", "-o", sweepPath, "--length", "2^16", "--pre-silence", "0.2", "--post-silence", "0.3"])
        #expect(result.status == 0, "\(result.standardError)")
        let played = try AudioFile.read(path: sweepPath)
        var rig = SimulatedRig(
            sampleRate: played.sampleRate, outputChannelCount: 1, inputChannelCount: 1,
            paths: [.init(output: 0, input: 0, impulseResponse: [gain])], latencySamples: 1234, noiseDBFS: noiseDBFS, seed: 7)
        // A recording that starts 0.1 s before the playback and runs 0.3 s past it.
        let recorded = try rig.playAndRecord(played, captureFrameCount: played.frameCount + 14_400)
        let lead = [Float](repeating: 0, count: 4800)
        let recordingPath = folder.path("recording.wav")
        try AudioFile.write(
            AudioBuffer(sampleRate: played.sampleRate, channels: [lead + recorded.channels[0]]), to: recordingPath,
            container: .wav, sampleFormat: .float32)
        return (sweepPath, recordingPath)
    }

    @Test func sweepWritesTheWavAndItsDescriptionAndNeverOverwrites() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("s.wav")
        let first = try CLIRunner.run(["sweep", "-o", path, "--rate", "44100", "--length", "65536", "--level", "-6"])
        #expect(first.status == 0)
        let info = try AudioFile.info(path: path)
        #expect(info.sampleRate == 44_100)
        #expect(info.frameCount == 65_536 + 22_050 + 44_100)
        let sidecar = try String(contentsOfFile: folder.path("s.json"), encoding: .utf8)
        #expect(sidecar.contains("\"kind\" : \"cans-sweep\""))
        #expect(sidecar.contains("\"endHz\" : 22050"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let second = try CLIRunner.run(["sweep", "-o", path, "--level", "-3"])
        #expect(second.status == 74)
        #expect(second.standardError.contains("already exists"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let forced = try CLIRunner.run(["sweep", "-o", path, "--level", "-3", "--force"])
        #expect(forced.status == 0)
    }

    @Test func badSweepOptionsAreUsageErrorsNamingTheValue() throws {
        let folder = try TemporaryFolder()
        let rate = try CLIRunner.run(["sweep", "-o", folder.path("x.wav"), "--rate", "8000"])
        #expect(rate.status == 64)
        #expect(rate.standardError.contains("8000"))
        let length = try CLIRunner.run(["sweep", "-o", folder.path("x.wav"), "--length", "2^x"])
        #expect(length.status == 64)
        #expect(!FileManager.default.fileExists(atPath: folder.path("x.wav")))
    }

    @Test func analyzeOfAGoodRecordingWritesTheResponseAndPrintsTheLevels() throws {
        let folder = try TemporaryFolder()
        let (sweep, recording) = try Self.makeRecording(in: folder, gain: 0.5)
        let csv = folder.path("response.csv")
        let result = try CLIRunner.run(["analyze", "--sweep", sweep, "--recording", recording, "--smoothing", "1/12", "-o", csv])
        #expect(result.status == 0, "\(result.standardError)")
        // 0.1 s of lead-in plus the rig's 1234 samples.
        #expect(result.standardOutput.contains("latency:     125.708 ms (6034 samples)"))
        #expect(result.standardOutput.contains("gain:        -6.02 dB at 1 kHz"))
        #expect(result.standardOutput.contains("SNR:"))
        #expect(result.standardOutput.contains("THD:"))
        let response = try AutoEqCSV.read(path: csv)
        #expect(response.count == 695)
        // A flat system: 0 dB everywhere after normalisation.
        #expect(response.magnitudesDB.allSatisfy { abs($0) < 0.05 })
    }

    @Test func analyzeNamesAClippedRecordingAndExitsNonZero() throws {
        let folder = try TemporaryFolder()
        let (sweep, recording) = try Self.makeRecording(in: folder, gain: 8)  // -12 dBFS sweep, +18 dB
        let result = try CLIRunner.run(["analyze", "--sweep", sweep, "--recording", recording, "-o", folder.path("r.csv")])
        #expect(result.status == 65)
        #expect(result.standardError.contains("is clipped"))
        #expect(result.standardError.contains("recording.wav"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("r.csv")))
    }

    @Test func analyzeNamesASilentRecordingAndExitsNonZero() throws {
        let folder = try TemporaryFolder()
        let (sweep, recording) = try Self.makeRecording(in: folder, gain: 0, noiseDBFS: -100)
        let result = try CLIRunner.run(["analyze", "--sweep", sweep, "--recording", recording, "-o", folder.path("r.csv")])
        #expect(result.status == 65)
        #expect(result.standardError.contains("is silent"))
        #expect(!result.standardError.contains("Fatal"))
    }

    @Test func analyzeRejectsAMissingChannelAWrongRateAndABadCalibrationFile() throws {
        let folder = try TemporaryFolder()
        let (sweep, recording) = try Self.makeRecording(in: folder, gain: 0.5)
        let channel = try CLIRunner.run(["analyze", "--sweep", sweep, "--recording", recording, "--channel", "2", "-o", folder.path("a.csv")])
        #expect(channel.status == 64)
        #expect(channel.standardError.contains("--channel 2 does not exist"))

        let other = folder.path("other.wav")
        #expect(try CLIRunner.run(["sweep", "-o", other, "--rate", "96000", "--length", "2^16"]).status == 0)
        let rate = try CLIRunner.run(["analyze", "--sweep", other, "--recording", recording, "-o", folder.path("b.csv")])
        #expect(rate.status == 65)
        #expect(rate.standardError.contains("48000 Hz but the sweep is at 96000 Hz"))

        let cal = folder.path("cal.txt")
        try "\"Sens Factor =-1.2dB\"\n20 0.5\n1000 zero\n".write(toFile: cal, atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["analyze", "--sweep", sweep, "--recording", recording, "--mic-cal", cal, "-o", folder.path("c.csv")])
        #expect(bad.status == 65)
        #expect(bad.standardError.contains("cal.txt:3"))
    }

    @Test func analyzeWithoutTheSidecarStillMeasuresTheResponse() throws {
        let folder = try TemporaryFolder()
        let (sweep, recording) = try Self.makeRecording(in: folder, gain: 0.25)
        try FileManager.default.removeItem(atPath: folder.path("sweep.json"))
        let result = try CLIRunner.run(["analyze", "--sweep", sweep, "--recording", recording, "--absolute", "-o", folder.path("r.csv")])
        #expect(result.status == 0)
        #expect(result.standardError.contains("without harmonic distortion"))
        let response = try AutoEqCSV.read(path: folder.path("r.csv"))
        #expect(abs(response.magnitudeDB(atHz: 1000) - (-12.04)) < 0.05)
    }
}
