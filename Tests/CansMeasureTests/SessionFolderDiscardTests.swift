import Foundation
import Testing
@testable import CansMeasure

/// A session that fails before its first take removes only what it had just made.
@Suite struct SessionFolderDiscardTests {
    @Test func discardingRemovesTheNewFolderAndTheFoldersMadeForIt() throws {
        let root = try SessionFolderTests.temporaryParent()
        defer { try? FileManager.default.removeItem(at: root) }
        let parent = root.appendingPathComponent("Measurements")
        let folder = try SessionFolder.create(parent: parent.path, name: "HD 600", date: Date(timeIntervalSince1970: 1_800_000_000))
        try "half".write(toFile: folder.path("sweep.wav"), atomically: true, encoding: .utf8)
        folder.discardNew()
        #expect(!FileManager.default.fileExists(atPath: parent.path))
        #expect(FileManager.default.fileExists(atPath: root.path))
    }

    @Test func discardingNeverTouchesAnEarlierSession() throws {
        let parent = try SessionFolderTests.temporaryParent()
        defer { try? FileManager.default.removeItem(at: parent) }
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let earlier = try SessionFolder.create(parent: parent.path, name: "HD 600", date: date)
        try "take".write(toFile: earlier.path("session.json"), atomically: true, encoding: .utf8)
        let failed = try SessionFolder.create(parent: parent.path, name: "HD 600", date: date)
        #expect(failed.url != earlier.url)
        failed.discardNew()
        #expect(!FileManager.default.fileExists(atPath: failed.url.path))
        #expect(try String(contentsOfFile: earlier.path("session.json"), encoding: .utf8) == "take")
        #expect(try FileManager.default.contentsOfDirectory(atPath: earlier.url.deletingLastPathComponent().path)
            == [earlier.url.lastPathComponent])
    }
}
