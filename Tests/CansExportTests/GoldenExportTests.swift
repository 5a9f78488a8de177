import CansFormats
import Foundation
import Testing
@testable import CansExport

/// Every text format, for a one-EQ and a per-ear profile, compared byte for byte with its golden file.
@Suite struct GoldenExportTests {
    static let textFormats: [ExportFormat] = [.equalizerAPO, .graphicEQ, .camillaDSP, .easyEffects, .rew, .sox, .json]

    @Test(arguments: textFormats)
    func monoProfileMatchesGolden(format: ExportFormat) throws {
        let text = try #require(try format.render(ExportFixtures.prepared(ExportFixtures.mono)).text)
        try ExportFixtures.expectGolden(text, "mono.\(format.rawValue).\(format.fileExtension)")
        // The same input gives the same bytes.
        #expect(try format.render(ExportFixtures.prepared(ExportFixtures.mono)).text == text)
    }

    @Test(arguments: textFormats)
    func perChannelProfileMatchesGolden(format: ExportFormat) throws {
        // sox cannot give the ears different filters: its per-ear golden is the balanced profile.
        let document = format == .sox ? ExportFixtures.balanced : ExportFixtures.perChannel
        let text = try #require(try format.render(ExportFixtures.prepared(document)).text)
        try ExportFixtures.expectGolden(text, "per-channel.\(format.rawValue).\(format.fileExtension)")
    }

    @Test func everyFormatHasANameAndRenders() throws {
        for format in ExportFormat.allCases {
            #expect(try ExportFormat.named(format.rawValue.uppercased()) == format)
        }
        #expect(throws: ExportError.self) { try ExportFormat.named("wav") }
    }
}
