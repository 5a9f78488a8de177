import Foundation
import Testing
import CansCore
import CansFormats

/// Every malformed input gives one `FileFormatError` with the path, the 1-based line and a
/// problem naming the bad value; bad rows are reported all at once.
@Suite struct MalformedInputTests {
    private func error(_ text: String, name: String = "bad.csv") throws -> FileFormatError {
        let thrown = try #require(throws: FileFormatError.self) { try ResponseReader.parse(text, name: name) }
        #expect(thrown.path == name)
        return thrown
    }

    @Test func emptyFile() throws {
        for text in ["", "\n\n  \t\r\n", "\u{FEFF}"] {
            let thrown = try error(text)
            #expect(thrown.path == "bad.csv" && thrown.line == nil && thrown.problem.contains("empty"))
        }
    }

    @Test func headerOnly() throws {
        let autoEq = try error("frequency,raw\n")
        #expect(autoEq.line == nil && autoEq.problem.contains("no data rows") && autoEq.problem.contains("line 1"))
        let generic = try error("Frequency;dB\n\n")
        #expect(generic.line == nil && generic.problem.contains("no data rows"))
        let comments = try error("* REW export\n* Freq(Hz), SPL(dB)\n", name: "rew.txt")
        #expect(comments.line == nil && comments.problem.contains("no data rows"))
    }

    @Test func textInANumberNamesTheTextAndTheColumn() throws {
        let thrown = try error("frequency,raw\n20,1.0\n30,abc\n40,2\n")
        #expect(thrown.line == 3)
        #expect(thrown.problem.contains("\"abc\"") && thrown.problem.contains("column 2 (raw)"))
        #expect(thrown.description.hasPrefix("bad.csv:3: \"abc\" in column 2 (raw) is not a number ("))
        let generic = try error("20;1\n30x;2\n40;3\n", name: "g.txt")
        #expect(generic.line == 2 && generic.problem.contains("\"30x\" in column 1 (frequency)"))
    }

    @Test func nanAndInfinityAreNamed() throws {
        let thrown = try error("frequency,raw\n20,1\n30,nan\n40,inf\n50,1e999\n")
        #expect(thrown.line == 3)
        #expect(thrown.problem.hasPrefix("3 bad rows: line 3: \"nan\""))
        #expect(thrown.problem.contains("line 4: \"inf\"") && thrown.problem.contains("line 5: \"1e999\""))
        #expect(thrown.problem.contains("not a finite number"))
    }

    @Test func nonIncreasingFrequenciesNameBothValuesAndLines() throws {
        let thrown = try error("frequency,raw\n20,1\n30,2\n25,3\n40,4\n")
        #expect(thrown.line == 4)
        #expect(thrown.problem == "frequency 25 Hz does not increase: line 3 has 30 Hz")
        #expect(thrown.hint?.contains("sort") == true)
        let duplicate = try error("* REW\n20 1\n20 2\n", name: "rew.txt")
        #expect(duplicate.line == 3 && duplicate.problem.contains("line 2 has 20 Hz"))
    }

    @Test func zeroAndNegativeFrequencies() throws {
        let thrown = try error("0\t1\n-20\t2\n20\t3\n", name: "g.txt")
        #expect(thrown.line == 1)
        #expect(thrown.problem.contains("line 1: frequency 0 Hz is not above 0"))
        #expect(thrown.problem.contains("line 2: frequency -20 Hz is not above 0"))
    }

    @Test func rowWithOneColumn() throws {
        let autoEq = try error("frequency,raw\n20,1\n30\n40,2\n")
        #expect(autoEq.line == 3 && autoEq.problem.contains("only one column (\"30\")"))
        let generic = try error("20 1\n30 2\n40\n50 3\n", name: "g.txt")
        #expect(generic.line == 3 && generic.problem.contains("only one column"))
    }

    @Test func inconsistentColumnCounts() throws {
        let autoEq = try error("frequency,raw\n20,1\n30,2,3\n")
        #expect(autoEq.line == 3 && autoEq.problem.contains("3 columns where the header (line 1) names 2"))
        let generic = try error("20 1\n30 2\n40 2 5\n50 3\n", name: "g.txt")
        #expect(generic.line == 3 && generic.problem.contains("3 columns where the other rows have 2"))
    }

    @Test func binaryGarbageIsNotText() throws {
        try withTemporaryFolder { folder in
            let nul = folder + "/nul.csv"
            try writeBytes(Array("frequency,raw\n20,1\n".utf8) + [0x00, 0x13, 0x37, 0xFF], to: nul)
            let withNul = try #require(throws: FileFormatError.self) { try ResponseReader.read(path: nul) }
            #expect(withNul.path == nul && withNul.line == 3 && withNul.problem.contains("not text"))

            let latin1 = folder + "/latin1.txt"
            try writeBytes(Array("Frequency\tdB\n".utf8) + [0x32, 0x30, 0x09, 0xB0, 0x0A], to: latin1)
            let invalid = try #require(throws: FileFormatError.self) { try ResponseReader.read(path: latin1) }
            #expect(invalid.path == latin1 && invalid.line == 2)
            #expect(invalid.problem.contains("not text") && invalid.problem.contains("0xB0"))
        }
        let inMemory = try error("20,1\n30\u{0},2\n")
        #expect(inMemory.line == 2 && inMemory.problem.contains("not text"))
    }

    @Test func commasAsSeparatorAndDecimalMarkAreRejected() throws {
        let thrown = try error("20,5,-3,2\n1000,0,0,0\n", name: "g.txt")
        #expect(thrown.line == 1 && thrown.problem.contains("both between columns and as decimal marks"))
    }

    @Test func everyBadRowIsReportedUpToTenThenCounted() throws {
        var text = "frequency,raw\n"
        for index in 1...14 { text += "\(index * 10),x\(index)\n" }
        let thrown = try error(text)
        #expect(thrown.line == 2)
        #expect(thrown.problem.hasPrefix("14 bad rows: line 2: \"x1\""))
        #expect(thrown.problem.contains("line 11: \"x10\"") && !thrown.problem.contains("line 12:"))
        #expect(thrown.problem.hasSuffix("; and 4 more"))
    }

    @Test func fileErrorsCarryTheGivenPath() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/broken measurement.csv"
            try "frequency,raw\n20,1\n10,2\n".write(toFile: path, atomically: true, encoding: .utf8)
            let thrown = try #require(throws: FileFormatError.self) { try ResponseReader.read(path: path) }
            #expect(thrown.path == path && thrown.line == 3)
            #expect(thrown.description.hasPrefix(path + ":3: frequency 10 Hz"))
            let missing = try #require(throws: FileAccessError.self) {
                try ResponseReader.read(path: folder + "/absent.csv")
            }
            #expect(missing.reason == .notFound && missing.path == folder + "/absent.csv")
            let directory = try #require(throws: FileAccessError.self) { try ResponseReader.read(path: folder) }
            #expect(directory.reason == .isDirectory)
        }
    }
}
