import Foundation
import Testing
import CansFormats

/// Inputs the fuzz targets (Fuzz/, `scripts/fuzz.sh`) found to break a reader, kept byte for
/// byte, read through the same path as a user's file, with the error each must give now.
@Suite struct FuzzRegressionTests {
    /// Writes `bytes` to a temporary file named `name` and reads it with `read`.
    private func reading<T>(_ bytes: [UInt8], name: String, _ read: (String) throws -> T) throws -> T {
        try withTemporaryFolder { folder in
            let path = folder + "/" + name
            try writeBytes(bytes, to: path)
            return try read(path)
        }
    }

    /// fuzz-mic-calibration, minimised: a file whose rows mostly have one column made the column
    /// count 1, so reading the level column indexed past the row's fields (index out of range,
    /// a crash). Each reader of frequency columns took the same path.
    @Test func oneColumnFileIsAnErrorNotACrash() throws {
        let bytes: [UInt8] = [0x30]  // "0"
        for name in ["mic.txt", "response.txt", "response L.txt"] {
            let thrown = try #require(throws: FileFormatError.self) {
                if name == "mic.txt" {
                    _ = try reading(bytes, name: name, MicCalibration.read(path:))
                } else {
                    _ = try reading(bytes, name: name, ResponseReader.read(path:))
                }
            }
            #expect(thrown.line == 1)
            #expect(thrown.problem == "only one column (\"0\"), but a row needs a frequency and a level")
            #expect(thrown.hint == "separate the columns with spaces or tabs")
        }
    }

    /// fuzz-mic-calibration, as found: three tab-separated rows, then four rows with commas
    /// only (one column each under tabs). Every bad row is reported, the one-column ones included.
    @Test func mostlyOneColumnRowsAreReportedAllAtOnce() throws {
        let found = "U2VucyBGYWN0b3IgPS0uNjU3NGRCLCBTRVJOTzogNzAyMzI3MA0KMjAsMDAwCS0wLDUyDQoxMDAwCTANCjIwMDAwCWZyZXF1ZW5jeSxyYXcsc21vb3RoZWQsZXJyb3IsdGFyZ2V0CjIwLjAwLDUuMSw1LjAsMS4wLDQuMAoxMDAwLjAwLDAuMCwwLjAsMC4wLDAuMAoyLDAwMC4wMCwtMTAuMiwtMTAuMCwtMi4wLC04MSw1Lg0KMAo="
        let bytes = try #require(Data(base64Encoded: found).map(Array.init))
        let thrown = try #require(throws: FileFormatError.self) {
            _ = try reading(bytes, name: "mic.txt", MicCalibration.read(path:))
        }
        #expect(thrown.line == 4)
        #expect(thrown.problem.hasPrefix("5 bad rows: line 4: \"frequency,raw,smoothed,error,target\" in column 2 (dB) is not a number; "))
        for (line, row) in [(5, "20.00,5.1,5.0,1.0,4.0"), (6, "1000.00,0.0,0.0,0.0,0.0"), (7, "2,000.00,-10.2,-10.0,-2.0,-81,5."), (8, "0")] {
            #expect(thrown.problem.contains("line \(line): only one column (\"\(row)\"), but a row needs a frequency and a level"))
        }
    }

    /// fuzz-equalizer-apo, minimised: Preamp lines add up, so two of 1e308 dB made an infinite
    /// preamp that passed into the parsed channels (and from there into every gain computed).
    @Test func preampsAddingUpToInfinityAreAnError() throws {
        let thrown = try #require(throws: FileFormatError.self) {
            try EqualizerAPO.parse("Preamp: 1e308 dB\nPreamp: 1e308 dB\n", path: "eq.txt")
        }
        #expect(thrown.path == "eq.txt" && thrown.line == 2)
        #expect(thrown.problem == "the Preamp lines up to this one add up to inf dB")
        #expect(try EqualizerAPO.parse("Preamp: 1e308 dB\nPreamp: -1e308 dB\n", path: "eq.txt")[0].preampDB == 0)
    }

    /// fuzz-equalizer-apo, as found (decoded as the fuzz target does, invalid UTF-8 replaced):
    /// damaged lines, then Preamp lines of "1e308" in one channel block.
    @Test func preampOverflowAsFound() throws {
        let found = [
            "UHJlYW1wvr43MDcxCkNoYW5uZWw6UHJlYW1wOiAtOC4yMCBkQgpGaUIuUSAw7C43MDcxCkNoYW5uZWw6IAwKUHJlYW1wOiAt",
            "NC42IAojIGEgY29tbXF1YWxlbi0wCkNoYW5uZWw6AE46hcF7AAAgTA0KUHJlYQoBRmlsIExhIGNvbW1xdWFsZW4tMApDaGFu",
            "bmVsOgBOOoXBewAAIEwNClByZWEKAUZpbCBMClByZWFtcDogLTYuNzA3MQpDaGFubmVsOlByZWFtcDogLTcuMjAgNzEKQ2hh",
            "bm5lbDogUHJlYW1wvr6+IGRCIFEgMTEKI0YtMG4gIGNvbW1GaWwgTApQcmVhbXA6IC03LjYgCiMgYSBjb210ZXIgMbu/Ou8K",
            "UHJlYW1wOiAtNC42IAojIGEgY29tbXF1YWxlU8D/RmMgMjEwIEhsOiBMClByUSAxMQojRi0wbiAgY29tIEZjIDEwNSBIbDog",
            "aW5mTGFtcDogLTgwNzEKQ2hhbm5lbDogTApQcmVhbXA6IC00LjYgCiMgYSBjb21tcXVhbGVuLTAKQ2hhbm5lbDogTA0KUHJl",
            "YQpDaGFkQgpGaWwgTApQcmVhbXA6IC05LjYgCiMgYSBjb210ZXIgMTogMTA1IEh6IEcKUHJlYW1wOiA1NC42IAojIGEgY29t",
            "bXF1YWxlU8D/RmMgMjEwIEhsOiBMClByUSAxMQojRi0wbiAgY29tbUZpbCBMClByZWFtcDogLTcuNiAKIyBhIGNvbXRlciAx",
            "u78677u/JUwgU0MgRgAAAP//AAAAAAA6IGluZkwKUHJlYW1wOiAtNC42IAojIGEgY29tbXF1YWxlU8D/RmVhbXC+vjcwNzEK",
            "Q2hhbm5lbDpQcmVhbXA6IC04LjIwIGRCCkZpQi5RIDDsLjcwNzEKQ2hhbm5lbDogDApQcmVhbXA6IC00LjYgCiMgYSBjb21t",
            "cXVhbGVuLTAKQ2hhbm5lbDoATjqFwXsAACBMDQpQcmVhCgFGaWwgTGEgY29tbXF1YWxlbi0wCkNoYW5uZWw6AE46hcF7AAAg",
            "TA0KUHJlYQoBRmlsIEwKUHJlYW1wOiAtNi43MDcxCkNoYW5uZWw6UHJlYW1wOiAtNy4yMCA3MQpDaGFubmVsOiBQcmVhbXC+",
            "vr4gZEIgUSAxMQojRi0wbiAgY29tbUZpbCBMClByZWFtcDogLTcuNiAKIyBhIGNvbXRlciAxu7867wpQcmVhbXA6IC00LjYg",
            "CiMgYSBjb21tcXVhbGVTwP9GYyAyMTAgSGw6IEwKUHJRIDExCiNGLTBuICBjb20gRmMgMTA1IEhsOiBpbmZMYW1wOiAtODA3",
            "MQpDaGFubmVsOiBMClByZWFtcDogLTQuNiAKIyBhIGNvbW1xdWFsZW4tMApDaGFubmVsOiBMDQpQcmVhCkNoYWRCCkZpbCBM",
            "ClByZWFtcDogLTkuNiAKIyBhIGNvbXRlciAxOiAxMDUgSHogRwpQcmVhbXA6IDU0LjYgCiMgYSBjb21tcXVhbGVTwP9GYyAy",
            "MTAgSGw6IEwKUHJRIDExCiNGLTBuICBjb21tRmlsIEwKUHJlYW1wOiAtNy42IAojIGEgY29tdGVyIDG7vzrvu78lTCBTQyBG",
            "AAAA//8AAAAAADogaW5mTApQcmVhbXA6IC00LjYgCiMgYSBjb21tcXVhbGVTwP9GYyAyMTAgSGw6IEwKUHJlYW1wOiAtNC42",
            "IAojIGEgZkwKUHJlYW1wOiAtNC42IAojIGEgY29tb21tIDM6IE9OIEwlU0MgRmMgMSBGYyAwZWFtcDogLTQuNiAKIyBhIGZM",
            "ClByZWFtcDogLTQuNiAKIyAxZTMwOG9tbSAzOiBPTiBMJVNDIEZjIDFtRmlsIEwKUHJlYW1wOiAtNy42IAojIGEgY29tdGVy",
            "IDG7vzrvu78lTCBTQyBGbmZMClByZWFtcDogLTFlMzA4IyBMUGNvbW1xdWFsZVPA/0ZjIDIxMCBIbDogTApQcmVhbXA6IC00",
            "LjYgCiMgYSBmTApQcmVhbXA6IC00LjYgCiMgYSBjb21vbW0gMzogT04gTCVTQyBGYyAxIEZjIDBlYW1wOiAtNC42IGMgMjEw",
            "IEhsOiBMClByZWFtcDogLTQuNiAKIyBhIGZMClByZWFtcDogLTQuNiAKIyBhIGNvbW9tbSAzOiBPTiBMJVNDIEZjIDEgRmMg",
            "MGVhbXA6IC00LjYgCiMgYSBmTApQcmVhbXA6IC00LjYgCiMgMWUzMDhvbW0gMzogT04gTCVTQyBGYyAxbUZpbCBMClByZWFt",
            "cDogLTcuNiAKIyBhIGNvbXRlciAxu78677u/JUwgU0MgRm5mTApQcmVhbXA6IC0xZTMwOCMgTFBjb21tcXVhbGVTwP9GYyAy",
            "MTAgSGw6IEwKUHJlYW1wOiAtNC42IAojIGEgZkwKUHJlYW1wOiAtNC42IAojIGEgY29tb21tIDM6IE9OIEwlU0MgRmMgMSBG",
            "YyAwZWFtcDogLTQuNiAKIyBhIGZMClByZWFtcDogLTQuNiAKIyBhIGNvbW9tbSAzOiBPTiBMJVNDIEZjIDEtMy42IAojIGEg",
            "Y29tdGVyIDE6IE9OIG1xdWFsNQpDaGFubmVsOiBMDQpQTApQcmVhbXA6IC04LjYgCiMgYSBjbw==",
        ].joined()
        let bytes = try #require(Data(base64Encoded: found))
        let thrown = try #require(throws: FileFormatError.self) {
            try EqualizerAPO.parse(String(decoding: bytes, as: UTF8.self), path: "eq.txt")
        }
        #expect(thrown.problem.hasSuffix("add up to inf dB") || thrown.problem.hasSuffix("add up to -inf dB"))
    }
}
