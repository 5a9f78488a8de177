import Foundation
import Testing
import CansCore
@testable import CansFormats

@Suite struct GenericTextTests {
    static let frequencies: [Double] = [20.5, 1000, 20000]
    static let levels: [Double] = [-3.2, 0, 4.75]

    @Test(arguments: [
        "20.5,-3.2\n1000,0\n20000,4.75\n",                  // commas, '.' decimals
        "20,5;-3,2\n1000;0\n20000;4,75\n",                  // semicolons, decimal commas
        "20,5\t-3,2\n1000\t0\n20000\t4,75\n",               // tabs, decimal commas
        "20.5 -3.2\n1000    0\n20000 \t 4.75\n",            // spaces (runs count once)
        "20,5 -3,2\n1000 0\n20000 4,75\n",                  // spaces, decimal commas
        "20.5, -3.2\n1000, 0\n20000, 4.75\n",               // comma and space
        "20.5;-3.2;\n1000;0;\n20000;4.75;\n",               // trailing separator
    ])
    func readsEverySeparator(text: String) throws {
        let response = try GenericText.parse(text, name: "g.txt")
        #expect(response.frequenciesHz == Self.frequencies)
        #expect(response.magnitudesDB == Self.levels)
    }

    @Test func skipsHeaderLinesAndComments() throws {
        let text = """
            Exported from SpreadsheetApp
            Frequency [Hz];Level [dB]
            20,5;-3,2
            # a comment between rows
            1000;0
            20000;4,75
            """
        let response = try GenericText.parse(text, name: "g.csv")
        #expect(response.frequenciesHz == Self.frequencies && response.magnitudesDB == Self.levels)
    }

    @Test func ignoresFurtherColumns() throws {
        let response = try GenericText.parse("20\t1\t5\n40\t2\t6\n", name: "three.txt")
        #expect(response.magnitudesDB == [1, 2] && response.phasesDegrees == nil)
    }

    @Test func toleratesCRLFLoneCRAndBOM() throws {
        for text in ["\u{FEFF}freq;dB\r\n20,5;-3,2\r\n1000;0\r\n20000;4,75\r\n",
                     "freq;dB\r20,5;-3,2\r1000;0\r20000;4,75\r"] {
            let response = try GenericText.parse(text, name: "crlf.csv")
            #expect(response.frequenciesHz == Self.frequencies && response.magnitudesDB == Self.levels)
        }
    }

    @Test func readsFilesWithBOMAndCRLFAndUTF16() throws {
        try withTemporaryFolder { folder in
            let text = "Frequency\tdB\r\n20,5\t-3,2\r\n1000\t0\r\n20000\t4,75\r\n"
            try writeBytes([0xEF, 0xBB, 0xBF] + Array(text.utf8), to: folder + "/bom.txt")
            let utf16: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            try writeBytes(utf16, to: folder + "/utf16.txt")
            for name in ["bom.txt", "utf16.txt"] {
                let parsed = try ResponseReader.read(path: folder + "/" + name)
                #expect(parsed.format == .genericText)
                #expect(parsed.response.frequenciesHz == Self.frequencies, "\(name)")
                #expect(parsed.response.magnitudesDB == Self.levels, "\(name)")
            }
        }
    }

    @Test func detectsTheSeparatorByMajority() {
        func dialect(_ text: String) -> ColumnDialect {
            let buffer = TextBuffer(text)
            return ColumnDialect.detect(buffer.nonBlankLines(), in: buffer)
        }
        #expect(dialect("20;1\n30;2\n40 3\n50;4\n") == .semicolon)
        #expect(dialect("20 1\n30 2\n40;3\n") == .whitespace)
        #expect(dialect("20.0,1.0\n30.0,2.0\n") == .comma)
        #expect(dialect("20,0 1,0\n") == .whitespace)
        #expect(dialect("20.0, 1.0\n") == .commaAndSpace)
    }

    @Test func parsesNumbersExactlyLikeTheStandardLibrary() {
        let buffer = TextBuffer("20.00 -2.53 0.1 19955.54 -0.00 1e3 123456789012345678 .5 7x 3,25")
        var fields = [FieldRange]()
        ColumnDialect.whitespace.appendFields(of: buffer.nonBlankLines()[0], in: buffer, to: &fields)
        let parsed = fields.map { ColumnDialect.whitespace.number($0, in: buffer) }
        let expected = ["20.00", "-2.53", "0.1", "19955.54", "-0.00", "1e3", "123456789012345678", ".5", nil, "3.25"]
            .map { $0.flatMap { Double($0) } }
        #expect(parsed == expected)
        #expect(parsed[4]?.sign == .minus)
    }
}
