import CansFit
import CansFormats
import Testing
@testable import CansExport

@Suite struct ProfileEQTests {
    static func document(channels: [ProfileDocument.Channel], sampleRateHz: Double = 48_000) -> ProfileDocument {
        ProfileDocument(cansVersion: "test", sampleRateHz: sampleRateHz, channelMode: "separate", limits: "autoeq", maxBoostDB: 6,
                        measurement: ["a.csv"], target: .init(name: "flat", source: "built-in", bassDB: 0, trebleDB: 0, tiltDBPerOctave: 0),
                        channels: channels)
    }

    static func channel(_ name: String, preampDB: Double, _ filters: [ProfileDocument.Filter]) -> ProfileDocument.Channel {
        let scores = ProfileDocument.Scores(preferenceModel: "over-ear", preference: 90, standardDeviationDB: 1, slope: 0,
                                            meanAbsoluteErrorDB: nil, rms20HzTo20kHzDB: 1, rms20HzTo10kHzDB: 1)
        return .init(name: name, preampDB: preampDB, balanceDB: 0, maxBoostDB: 0, filters: filters, before: scores, after: scores)
    }

    @Test func designedResponseIsPreampPlusFilters() throws {
        let doc = Self.document(channels: [Self.channel("all", preampDB: -6, [
            .init(type: "PK", frequencyHz: 1000, gainDB: 6, q: 1.41), .init(type: "LSC", frequencyHz: 105, gainDB: -3, q: 0.7),
        ])])
        let eq = try ProfileEQ(doc, path: "p.json")
        let db = eq.channels[0].magnitudeDB(atHz: [1000, 20], sampleRate: 48_000)
        // At 1 kHz the peak gives +6 dB and the shelf, a decade away, nearly nothing.
        #expect(abs(db[0] - 0) < 0.05)
        // At 20 Hz the shelf's full -3 dB and the preamp's -6 dB.
        #expect(abs(db[1] - (-9)) < 0.05)
        #expect(eq.isSameOnEveryChannel)
    }

    @Test func badFilterIsNamedByPlace() {
        let doc = Self.document(channels: [
            Self.channel("L", preampDB: -1, [.init(type: "PK", frequencyHz: 1000, gainDB: 1, q: 1)]),
            Self.channel("R", preampDB: -1, [.init(type: "PK", frequencyHz: 1000, gainDB: 1, q: 1), .init(type: "BP", frequencyHz: 100, gainDB: 1, q: 1)]),
        ])
        #expect(throws: FileFormatError.self) { try ProfileEQ(doc, path: "p.json") }
        do { _ = try ProfileEQ(doc, path: "p.json") } catch {
            #expect(error.description.contains("channels[1].filters[1].type \"BP\""))
        }
        let nyquist = Self.document(channels: [Self.channel("all", preampDB: 0, [.init(type: "PK", frequencyHz: 30_000, gainDB: 1, q: 1)])])
        #expect(throws: FileFormatError.self) { try ProfileEQ(nyquist, path: "p.json") }
    }
}
