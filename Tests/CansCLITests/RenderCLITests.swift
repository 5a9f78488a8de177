import CansAudio
import CansDSP
import CansExport
import CansFormats
import Foundation
import Testing

/// `cans render` run as a user runs it.
@Suite struct RenderCLITests {
    /// A two-channel profile fitted from a simulated session.
    static func makeProfile(in folder: TemporaryFolder) throws -> String {
        #expect(try CLIRunner.run(["demo", "--out", folder.path("M"), "--reseats", "1", "--length", "2^16"]).status == 0)
        let parent = folder.url.appendingPathComponent("M/cans example headphone (simulated)")
        let session = parent.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: parent.path).first))
        let path = folder.path("hp.profile.json")
        let fit = try CLIRunner.run(["fit", session.path, "--target", "harman-over-ear-2018", "-o", path])
        #expect(fit.status == 0, "\(fit.standardError)")
        return path
    }

    @Test("a sweep rendered through a profile has the profile's designed response within 0.01 dB, 20 Hz-20 kHz, at its own and at another rate",
          arguments: [48_000, 44_100])
    func reproducesTheProfile(rate: Int) throws {
        let folder = try TemporaryFolder()
        let profilePath = try Self.makeProfile(in: folder)
        let sweep = try CLIRunner.run(["sweep", "-o", folder.path("sweep.wav"), "--rate", "\(rate)", "--length", "2^17", "--format", "float32"])
        #expect(sweep.status == 0)
        let render = try CLIRunner.run(["render", "--profile", profilePath, folder.path("sweep.wav"), folder.path("out.wav")])
        #expect(render.status == 0, "\(render.standardError)")
        #expect(render.standardError.contains("limiter idle"))
        let input = try AudioFile.read(path: folder.path("sweep.wav"))
        let output = try AudioFile.read(path: folder.path("out.wav"))
        #expect(output.channelCount == 2 && output.sampleRate == Double(rate))
        let eq = try ProfileEQ(ProfileDocument.parse(String(contentsOfFile: profilePath, encoding: .utf8), path: profilePath), path: profilePath)
        #expect(eq.channels.map(\.name) == ["L", "R"])
        for (c, channel) in eq.channels.enumerated() {
            let measured = transferDB(input: input.channels[0].map(Double.init), output: output.channels[c].map(Double.init),
                                      sampleRate: Double(rate))
            let designed = channel.magnitudeDB(atHz: measured.map(\.frequencyHz), sampleRate: Double(rate))
            let worst = zip(measured, designed).map { abs($0.db - $1) }.max() ?? .infinity
            #expect(worst < 0.01, "\(channel.name): worst deviation \(worst) dB")
        }
    }

    @Test("bad requests fail with a clear message and the right status, and leave files alone")
    func badRequests() throws {
        let folder = try TemporaryFolder()
        let profilePath = try Self.makeProfile(in: folder)
        #expect(try CLIRunner.run(["sweep", "-o", folder.path("in.wav"), "--length", "2^14"]).status == 0)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: folder.path("exists.wav")))

        let exists = try CLIRunner.run(["render", "--profile", profilePath, folder.path("in.wav"), folder.path("exists.wav")])
        #expect(exists.status == 74 && exists.standardError.contains("--force"))
        #expect(try String(contentsOfFile: folder.path("exists.wav"), encoding: .utf8) == "keep")

        let notAudio = try CLIRunner.run(["render", "--profile", profilePath, profilePath, folder.path("o1.wav")])
        #expect(notAudio.status == 65 && notAudio.standardError.contains(profilePath))

        let noProfile = try CLIRunner.run(["render", "--profile", folder.path("none.json"), folder.path("in.wav"), folder.path("o2.wav")])
        #expect(noProfile.status == 66 && noProfile.standardError.contains("none.json"))

        let badBand = try CLIRunner.run(["render", "--profile", profilePath, "--band", "treble", folder.path("in.wav"), folder.path("o3.wav")])
        #expect(badBand.status == 64 && badBand.standardError.contains("presence"))

        try Data("0 profile 1\n2 band bass\n1 mono\n".utf8).write(to: URL(fileURLWithPath: folder.path("s.txt")))
        let badScript = try CLIRunner.run(["render", "--profile", profilePath, "--script", folder.path("s.txt"), folder.path("in.wav"), folder.path("o4.wav")])
        #expect(badScript.status == 65 && badScript.standardError.contains("s.txt:3"))
        for name in ["o1.wav", "o2.wav", "o3.wav", "o4.wav"] { #expect(!FileManager.default.fileExists(atPath: folder.path(name))) }
    }
}

/// output/input in dB at every FFT bin from 20 Hz to 20 kHz (zero-padded so nothing wraps).
func transferDB(input: [Double], output: [Double], sampleRate: Double) -> [(frequencyHz: Double, db: Double)] {
    let size = RealFFT.powerOfTwo(atLeast: 2 * max(input.count, output.count))
    let fft = RealFFT(size: size)
    let x = fft.forward(input), y = fft.forward(output)
    return (1..<x.count).compactMap { k in
        let f = Double(k) * sampleRate / Double(size)
        return (20...20_000).contains(f) ? (f, 10 * log10(y.power(at: k) / x.power(at: k))) : nil
    }
}
