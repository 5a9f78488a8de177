import CansFit
import CansFormats
import Foundation
import Testing
@testable import CansExport

/// Preamps, channel choices, rates and names: the rules every format shares.
@Suite struct ExportRulesTests {
    @Test func preampIsCheckedOnTheWrittenValuesAndOnlyEverLowered() throws {
        // A profile whose preamp was computed before rounding: 2.96 dB peak, preamp -2.96.
        let document = ExportFixtures.document([ExportFixtures.channel("all", preampDB: -2.96, [
            .init(type: "PK", frequencyHz: 1000, gainDB: 2.96, q: 1.0),
        ])], measurement: ["x.csv"])
        let profile = try ExportFixtures.prepared(document)
        let written = profile.written(.standard, preampDecimals: 1)
        // Written gain 3.0 dB; the preamp follows the written filter: -3.0, not the profile's -2.96 rounded up.
        #expect(written[0].filters[0].gainDB == 3.0)
        #expect(written[0].preampDB == -3.0)
        // A preamp with headroom stays as it is.
        #expect(try ExportFixtures.prepared(ExportFixtures.mono).written(.standard, preampDecimals: 1)[0].preampDB == -5.1)
        #expect(ExportProfile.roundedDown(-5.1, decimals: 1) == -5.1)
        #expect(ExportProfile.roundedDown(-5.01, decimals: 1) == -5.1)
        #expect(ExportProfile.roundedDown(-0.0001, decimals: 1) == -0.1)
        #expect(ExportProfile.roundedDown(0, decimals: 1).sign == .plus)
    }

    @Test func aProfileThatWouldClipIsLoweredInEveryFormat() throws {
        // Peak 2.96 dB, preamp only -2.9: the profile itself clips by 0.06 dB.
        let document = ExportFixtures.document([ExportFixtures.channel("all", preampDB: -2.9, [
            .init(type: "PK", frequencyHz: 1000, gainDB: 2.96, q: 1.0),
        ])], measurement: ["x.csv"])
        let profile = try ExportFixtures.prepared(document)
        func text(_ format: ExportFormat) throws -> String { try #require(try format.render(profile).text) }
        let apo = try EqualizerAPO.parse(try text(.equalizerAPO), path: "eq.txt")[0]
        #expect(apo.preampDB == -3.0 && apo.filters[0].gainDB == 3.0)
        let camilla = try CamillaDSPCheck.check(try text(.camillaDSP)).steps[0]
        #expect(camilla.gainDB + PEQOptimizer.maxBoost(camilla.filters, sampleRate: 48_000) <= 1e-9)
        #expect(try text(.sox).hasPrefix("gain -2.96 equalizer 1000.00 1.000q 2.96"))
        #expect(try text(.easyEffects).contains("\"input-gain\": -2.96,"))
        #expect(try text(.rew).contains("preamp -3.0 dB"))
        #expect(try ProfileDocument.parse(try text(.json), path: "p.json").channels[0].preampDB == -3.0)
        let graphic = try text(.graphicEQ).dropFirst("GraphicEQ: ".count).split(separator: ";").map { $0.split(whereSeparator: { $0 == " " || $0 == "\n" })[1] }
        #expect(graphic.allSatisfy { Double($0)! <= 0 } && graphic.contains("0.0"))
    }

    @Test func channelChoices() throws {
        let left = try ExportFixtures.prepared(ExportFixtures.perChannel) { $0.channels = .left }
        #expect(left.eq.channels.map(\.name) == ["all"])
        #expect(left.eq.channels[0].preampDB == -4.6)
        #expect(left.eq.channels[0].filters.count == 4)
        let swapped = try ExportFixtures.prepared(ExportFixtures.perChannel) { $0.channels = .swap }
        #expect(swapped.eq.channels.map(\.name) == ["L", "R"])
        #expect(swapped.eq.channels[0].preampDB == -5.4)
        // A one-EQ profile gives its EQ for either ear.
        #expect(try ExportFixtures.prepared(ExportFixtures.mono) { $0.channels = .right }.eq.channels.count == 1)
        // Two ears with one EQ collapse to one EQ for every channel.
        var same = ExportFixtures.balanced
        same.channels[1].preampDB = same.channels[0].preampDB
        #expect(try ExportFixtures.prepared(same).eq.channels.map(\.name) == ["all"])
    }

    @Test func otherRateMovesTheDesignAndRefusesFiltersAboveNyquist() throws {
        let high = ExportFixtures.document([ExportFixtures.channel("all", preampDB: -3, [
            .init(type: "PK", frequencyHz: 23_000, gainDB: 3, q: 1),
        ])], measurement: ["x.csv"], sampleRateHz: 96_000)
        #expect {
            try ExportFixtures.prepared(high) { $0.sampleRateHz = 44_100 }
        } throws: { error in
            (error as? ExportError)?.isUsage == true && "\(error)".contains("Nyquist")
        }
        let yaml = try #require(try ExportFormat.camillaDSP.render(ExportFixtures.prepared(ExportFixtures.mono) { $0.sampleRateHz = 96_000 }).text)
        #expect(try CamillaDSPCheck.check(yaml).sampleRateHz == 96_000)
        #expect(yaml.contains("chunksize: 2048"))
        #expect(throws: ExportError.self) { try ExportFixtures.prepared(ExportFixtures.mono) { $0.sampleRateHz = 0 } }
    }

    @Test func unknownChannelNamesAreRefused() throws {
        var document = ExportFixtures.perChannel
        document.channels[1].name = "C"
        #expect {
            try ExportFixtures.prepared(document)
        } throws: { error in
            "\(error)".contains("\"L\", \"C\"")
        }
    }

    @Test func namesWithQuotesNonASCIIAndNewLinesNeverBreakAFormat() throws {
        let tricky = "Sennheiser \"HD 600\": Ünïcode \\ ü 漢字"
        let profile = try ExportFixtures.prepared(ExportFixtures.perChannel) {
            $0.name = tricky
            $0.captureDevice = "hw:CARD=\"Loop\"\nback"
            $0.playbackDevice = "plughw:DAC, \"X\""
        }
        let yaml = try #require(try ExportFormat.camillaDSP.render(profile).text)
        let summary = try CamillaDSPCheck.check(yaml)
        #expect(summary.captureDevice == "hw:CARD=\"Loop\"\nback")
        #expect(summary.playbackDevice == "plughw:DAC, \"X\"")
        #expect(yaml.contains("title: \"Sennheiser \\\"HD 600\\\": Ünïcode \\\\ ü 漢字\"\n"))
        // The JSON profile escapes whatever its measurement paths hold.
        var document = ExportFixtures.mono
        document.measurement = ["a \"b\"\nc/Ü.csv"]
        let json = try #require(try ExportFormat.json.render(ExportFixtures.prepared(document)).text)
        #expect(try ProfileDocument.parse(json, path: "p.json").measurement == document.measurement)
        // A name derived from such a path becomes one line; a name given with a new line is refused.
        #expect(try ExportFixtures.prepared(document).name == "Ü")
        var twoLines = document
        twoLines.measurement = ["x/Name\nwith break.csv"]
        #expect(try ExportFixtures.prepared(twoLines).name == "Name with break")
        #expect {
            try ExportFixtures.prepared(ExportFixtures.mono) { $0.name = "two\nlines" }
        } throws: { error in
            (error as? ExportError)?.isUsage == true && "\(error)".contains("control character")
        }
        // A session's files are named after the headphone folder.
        var session = ExportFixtures.mono
        session.measurement = ["Measurements/HD 600/2026-11-21_10-00-00/response-left.csv"]
        #expect(try ExportFixtures.prepared(session).name == "HD 600")
    }

    @Test func camillaDSPChecksCatchBrokenConfigs() throws {
        let good = try #require(try ExportFormat.camillaDSP.render(ExportFixtures.prepared(ExportFixtures.perChannel)).text)
        func problems(_ yaml: String) -> String {
            do {
                _ = try CamillaDSPCheck.check(yaml)
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(problems(good) == "")
        #expect(problems(good.replacingOccurrences(of: "      - cans_R_3\n", with: "      - cans_R_9\n")).contains("pipeline[1].names: filter \"cans_R_9\" is not defined"))
        #expect(problems(good.replacingOccurrences(of: "channels: [1]", with: "channels: [2]")).contains("2 is not a channel of the 2-channel capture device"))
        #expect(problems(good.replacingOccurrences(of: "channels: [1]", with: "channel: 1")).contains("pipeline[1].channels"))
        #expect(problems(good.replacingOccurrences(of: "S32LE", with: "S32_LE")).contains("devices.capture.format"))
        #expect(problems(good.replacingOccurrences(of: "type: Peaking", with: "type: Peak")).contains("parameters.type: must be one of"))
        #expect(problems(good.replacingOccurrences(of: "      q: 5.200\n", with: "")).contains("give exactly one of q and bandwidth"))
        #expect(problems(good.replacingOccurrences(of: "  samplerate: 48000\n", with: "")).contains("devices.samplerate"))
        #expect(problems(good.replacingOccurrences(of: "freq: 8200.00", with: "freq: 30000")).contains("below half the samplerate"))
        // Everything is reported at once.
        let many = problems(good.replacingOccurrences(of: "S32LE", with: "S24_3LE").replacingOccurrences(of: "channels: [1]", with: "channels: [5]"))
        #expect(many.contains("breaks 3 v3 rule(s)"))
    }
}
