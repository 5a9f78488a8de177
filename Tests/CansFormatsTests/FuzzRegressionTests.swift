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
}
