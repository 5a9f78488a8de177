import Foundation
import Testing

/// No command changes a measurement session that exists: a new measurement goes into a new
/// folder, a re-analysis into a new folder inside the session.
@Suite struct SessionSafetyCLITests {
    @Test func demoRunsBesideAnExistingSessionWithTheSameNameWithoutTouchingIt() throws {
        let folder = try TemporaryFolder()
        try BadInputFixture.shared.copy(into: folder.url)
        let parent = folder.url.appendingPathComponent("M/cans example headphone (simulated)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: folder.url.appendingPathComponent("session"), to: parent.appendingPathComponent("old"))
        let before = try FolderSnapshot(parent.appendingPathComponent("old"))
        for _ in 0..<2 {
            let result = try CLIRunner.run(["demo", "--out", folder.path("M"), "--reseats", "1", "--length", "2^16"])
            #expect(result.status == 0, "\(result.standardError)")
        }
        #expect(before.difference(to: try FolderSnapshot(parent.appendingPathComponent("old"))).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).count == 3)
    }

    @Test func reanalysisAddsAFolderAndChangesNothingElse() throws {
        let folder = try TemporaryFolder()
        try BadInputFixture.shared.copy(into: folder.url)
        let session = folder.url.appendingPathComponent("session")
        let before = try FolderSnapshot(session)
        for _ in 0..<2 {
            let result = try CLIRunner.run(["analyze", session.path, "--smoothing", "1/6"])
            #expect(result.status == 0, "\(result.standardError)")
        }
        let after = try FolderSnapshot(session)
        let added = Set(after.entries.keys).subtracting(before.entries.keys)
        #expect(Set(added.map { String($0.prefix { $0 != "/" }) }).count == 2)
        #expect(added.allSatisfy { $0.hasPrefix("analysis-") })
        #expect(before.entries.allSatisfy { after.entries[$0.key] == $0.value })
    }
}
