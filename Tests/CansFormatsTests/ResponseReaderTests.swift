import Testing
import CansCore
import CansFormats

@Suite struct ResponseReaderTests {
    @Test func sniffsEachFormat() {
        #expect(ResponseFormat.detect(text: "\u{FEFF}\r\nFrequency,Raw,Error\r\n20,1,2\r\n", name: "x") == .autoEqCSV)
        #expect(ResponseFormat.detect(text: "* REW\n20, 1\n", name: "x.txt") == .rewText)
        #expect(ResponseFormat.detect(text: "20 1\n", name: "dir/Name R.txt") == .squigText)
        #expect(ResponseFormat.detect(text: "frequency;raw\n20;1\n", name: "x.csv") == .genericText)
        #expect(ResponseFormat.detect(text: "20\t1\n", name: "x.txt") == .genericText)
    }

    @Test func parsesInMemoryTextUnderADisplayName() throws {
        let parsed = try ResponseReader.parse("frequency,raw\r\n20,1.5\r\n40,2.5\r\n", name: "pasted")
        #expect(parsed.format == .autoEqCSV)
        #expect(parsed.response.frequenciesHz == [20, 40] && parsed.response.magnitudesDB == [1.5, 2.5])
        #expect(parsed.format.description == "AutoEq CSV")
    }
}
