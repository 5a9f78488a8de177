import Foundation
import Testing
@testable import CansFormats

/// Text inputs larger than `TextDecoding.maximumBytes` are refused before they are loaded, with
/// a message naming the file, its size and the limit.
@Suite struct FileSizeLimitTests {
    /// A sparse file of `byteCount` bytes: no disk space, no time, the real size for fstat.
    static func sparseFile(_ path: String, byteCount: UInt64) throws {
        _ = FileManager.default.createFile(atPath: path, contents: Data("frequency,raw\n".utf8))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: byteCount)
        try handle.close()
    }

    /// AutoEq rows from 20 Hz up, 1/48 octave apart, "frequency,raw" header included.
    static func csv(rows: Int) -> String {
        var text = "frequency,raw\n"
        for row in 0..<rows { text += "\(EqualizerAPO.fixed(20 * pow(2, Double(row) / 48), 4)),\(row % 7 - 3).25\n" }
        return text
    }

    @Test func aFileOfThreeHundredMegabytesIsRefusedUnreadByEveryReader() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/huge.csv"
            let size: UInt64 = 300 << 20  // what a 10-million-row CSV takes
            try Self.sparseFile(path, byteCount: size)
            let readers: [(String, () throws -> Void)] = [
                ("ResponseReader", { _ = try ResponseReader.read(path: path) }),
                ("AutoEqCSV", { _ = try AutoEqCSV.read(path: path) }),
                ("MicCalibration", { _ = try MicCalibration.read(path: path) }),
                ("ProfileDocument", { _ = try ProfileDocument.read(path: path) }),
            ]
            for (name, read) in readers {
                do {
                    try read()
                    Issue.record("\(name) loaded a 300 MB file")
                } catch let error as FileFormatError {
                    #expect(error.path == path, "\(name)")
                    #expect(error.description.contains("too large: \(size) bytes"), "\(name): \(error)")
                    #expect(error.description.contains("\(TextDecoding.maximumBytes) bytes (32 MiB)"), "\(name): \(error)")
                }
            }
        }
    }

    @Test func anEndlessStreamIsCutAtTheLimit() throws {
        // /dev/zero has no size to check: the reader stops one byte past the limit.
        #expect(throws: FileFormatError.self) { _ = try TextDecoding.readText(path: "/dev/zero", maximumBytes: 1 << 20) }
        do {
            _ = try TextDecoding.readText(path: "/dev/zero", maximumBytes: 1 << 20)
        } catch let error as FileFormatError {
            #expect(error.description.contains("more than 1048576 bytes"), "\(error)")
        }
    }

    @Test func theLimitIsExactAndAFileBelowItParses() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/rows.csv"
            let text = Self.csv(rows: 500)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let size = text.utf8.count
            let atLimit = try ResponseReader.parse(TextDecoding.readText(path: path, maximumBytes: size), name: path)
            #expect(atLimit.response.count == 500)
            #expect(atLimit.response.frequenciesHz[48] == 40)
            #expect(throws: FileFormatError.self) { _ = try TextDecoding.readText(path: path, maximumBytes: size - 1) }
            #expect(try ResponseReader.read(path: path).response.count == 500)
        }
    }
}
