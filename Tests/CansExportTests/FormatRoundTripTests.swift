import CansFit
import CansFormats
import Foundation
import Testing
@testable import CansExport

/// Parse-back round trips: what each format writes, read back by a parser of that format, is the
/// profile's EQ as written (rounded), and its preamp keeps the written cascade at or below 0 dB.
@Suite struct FormatRoundTripTests {
    static let documents = [("mono", ExportFixtures.mono), ("per-channel", ExportFixtures.perChannel), ("balanced", ExportFixtures.balanced)]

    @Test func equalizerAPOReadsBackAsTheWrittenEQ() throws {
        for (label, document) in Self.documents {
            let profile = try ExportFixtures.prepared(document)
            let text = try #require(try ExportFormat.equalizerAPO.render(profile).text)
            let parsed = try EqualizerAPO.parse(text, path: "eq.txt")
            let written = profile.written(.standard, preampDecimals: 1)
            #expect(parsed.count == written.count, "\(label)")
            for (block, channel) in zip(parsed, written) {
                #expect(block.channel == (written.count > 1 ? channel.name : nil), "\(label)")
                #expect(block.preampDB == channel.preampDB, "\(label)")
                #expect(block.filters.map { try! Biquad(FilterType(rawValue: $0.kind)!, frequencyHz: $0.frequencyHz, gainDB: $0.gainDB, q: $0.q) }
                        == channel.filters, "\(label)")
                // No clipping: the preamp covers the written cascade's largest boost.
                #expect(block.preampDB + PEQOptimizer.maxBoost(channel.filters, sampleRate: 48_000) <= 1e-9, "\(label)")
            }
            #expect(EqualizerAPO.render(parsed) == text, "\(label): render(parse(text)) is the text")
        }
    }

    @Test func rewFilterLinesReadBackAsTheWrittenEQ() throws {
        let profile = try ExportFixtures.prepared(ExportFixtures.perChannel)
        let text = try #require(try ExportFormat.rew.render(profile).text)
        // REW's header commands are not EqualizerAPO's: drop them, keep Channel and Filter lines.
        let body = text.split(separator: "\n").filter { $0.hasPrefix("Filter ") && $0.contains(":") || $0.hasPrefix("Channel:") }
        let parsed = try EqualizerAPO.parse(body.joined(separator: "\n"), path: "rew.txt")
        let written = profile.written(.standard, preampDecimals: 1)
        #expect(parsed.map { $0.filters.count } == written.map { $0.filters.count })
        for (block, channel) in zip(parsed, written) {
            #expect(block.filters.map(\.kind) == channel.filters.map(\.type.rawValue))
            #expect(block.filters.map(\.q) == channel.filters.map(\.q))
            #expect(block.filters.map(\.gainDB) == channel.filters.map(\.gainDB))
        }
        #expect(text.contains("Notes:Sennheiser \"HD 600\" Ünïcode, L preamp -4.6 dB, R preamp -5.4 dB\n"))
    }

    @Test func camillaDSPConfigPassesTheV3RulesAndReadsBackAsTheEQ() throws {
        for (label, document) in Self.documents {
            let profile = try ExportFixtures.prepared(document)
            let summary = try CamillaDSPCheck.check(try #require(try ExportFormat.camillaDSP.render(profile).text))
            let written = profile.written(.fine, preampDecimals: 2)
            #expect(summary.sampleRateHz == 48_000)
            #expect(summary.steps.map(\.channels) == (written.count == 1 ? [[0, 1]] : [[0], [1]]), "\(label)")
            for (step, channel) in zip(summary.steps, written) {
                #expect(step.gainDB == channel.preampDB, "\(label)")
                #expect(step.filters == channel.filters, "\(label)")
            }
        }
    }

    @Test func easyEffectsPresetReadsBackAsEachEarsResponse() throws {
        for (label, document) in Self.documents {
            let profile = try ExportFixtures.prepared(document)
            let text = try #require(try ExportFormat.easyEffects.render(profile).text)
            let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let output = try #require(root["output"] as? [String: Any])
            #expect(output["plugins_order"] as? [String] == ["equalizer#0"])
            let eq = try #require(output["equalizer#0"] as? [String: Any])
            #expect(eq["mode"] as? String == "IIR")
            let inputGain = try #require(eq["input-gain"] as? Double)
            let count = try #require(eq["num-bands"] as? Int)
            #expect(eq["split-channels"] as? Bool == (profile.eq.channels.count > 1), "\(label)")
            let kinds = ["Bell": FilterType.peaking, "Lo-shelf": .lowShelf, "Hi-shelf": .highShelf]
            for (side, designed) in zip(["left", "right"], profile.eq.channels.count > 1 ? profile.eq.channels : profile.eq.channels + profile.eq.channels) {
                let bands = try #require(eq[side] as? [String: Any])
                #expect(bands.count == count)
                var filters = [Biquad]()
                for index in 0..<count {
                    let band = try #require(bands["band\(index)"] as? [String: Any])
                    #expect(band["mode"] as? String == "APO (DR)")
                    guard let kind = kinds[band["type"] as? String ?? ""] else { continue }
                    filters.append(try Biquad(kind, frequencyHz: band["frequency"] as! Double, gainDB: band["gain"] as! Double, q: band["q"] as! Double))
                }
                // Input gain plus the bands is the ear's designed response (the balance pair is flat).
                let grid = stride(from: 20.0, through: 20_000, by: 97).map { $0 }
                let exported = filters.magnitudeDB(atHz: grid, sampleRate: 48_000).map { $0 + inputGain }
                let expected = designed.magnitudeDB(atHz: grid, sampleRate: 48_000)
                let worst = zip(exported, expected).map { abs($0 - $1) }.max() ?? 0
                #expect(worst < 0.002, "\(label) \(side): \(worst) dB from the design")
            }
        }
    }

    @Test func graphicEQIsTheDesignedResponseNeverAboveZero() throws {
        for (label, document) in Self.documents {
            let profile = try ExportFixtures.prepared(document)
            let text = try #require(try ExportFormat.graphicEQ.render(profile).text)
            let lines = text.split(separator: "\n").filter { $0.hasPrefix("GraphicEQ: ") }
            #expect(lines.count == profile.eq.channels.count)
            var shifts = [Double]()
            for (line, channel) in zip(lines, profile.eq.channels) {
                let points = line.dropFirst("GraphicEQ: ".count).split(separator: ";").map {
                    $0.split(separator: " ").map { Double($0)! }
                }
                #expect(points.count == 127)
                #expect(points.map { $0[0] } == GraphicEQExport.frequenciesHz)
                #expect(points.first![0] == 20 && points.last![0] > 19_000 && points.last![0] < 20_000)
                #expect(points.allSatisfy { $0[1] <= 0 }, "\(label): a point above 0 dB")
                let designed = channel.magnitudeDB(atHz: points.map { $0[0] }, sampleRate: 48_000)
                let offsets = zip(points, designed).map { $0[1] - $1 }
                // One shift for the whole line (0 when the preamp already keeps it below 0 dB), plus rounding.
                #expect((offsets.max()! - offsets.min()!) <= 0.1 + 1e-9, "\(label)")
                shifts.append(offsets.reduce(0, +) / Double(offsets.count))
            }
            #expect(shifts.allSatisfy { abs($0 - shifts[0]) < 0.1 }, "\(label): the ears keep their balance")
        }
    }

    @Test func jsonReadsBackAsTheProfile() throws {
        for (_, document) in Self.documents {
            let text = try #require(try ExportFormat.json.render(ExportFixtures.prepared(document)).text)
            let back = try ProfileDocument.parse(text, path: "p.json")
            #expect(back == document)
        }
        // Another rate is carried in the document.
        let text = try #require(try ExportFormat.json.render(ExportFixtures.prepared(ExportFixtures.mono) { $0.sampleRateHz = 96_000 }).text)
        #expect(try ProfileDocument.parse(text, path: "p.json").sampleRateHz == 96_000)
    }
}
