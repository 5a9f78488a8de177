import CansFormats
import Foundation
import Testing
import CansMeasure

/// session.json inputs the fuzz target `fuzz-session-json` (Fuzz/, `scripts/fuzz.sh`) found,
/// read back through `StoredSession.load` as a user's session folder is.
@Suite struct SessionJSONFuzzRegressionTests {
    /// A session folder holding `bytes` as its session.json; returns what loading it throws.
    private func loadError(_ bytes: [UInt8]) throws -> FileFormatError {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cans-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(bytes).write(to: folder.appendingPathComponent("session.json"))
        let thrown = try #require(throws: FileFormatError.self) { try StoredSession.load(path: folder.path) }
        #expect(thrown.path == folder.appendingPathComponent("session.json").path)
        return thrown
    }

    /// fuzz-session-json: an empty session.json (LeakSanitizer flagged the 4 KiB Foundation's
    /// FileManager.contents(atPath:) keeps for an empty file; see Fuzz/lsan-suppressions.txt).
    /// Loading it is a clear error naming the file, not a session with nothing in it.
    @Test func emptySessionJSONIsAnError() throws {
        let thrown = try loadError([])
        #expect(thrown.problem.hasPrefix("is not a cans session description: "))
    }
}
