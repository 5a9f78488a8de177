import Foundation
import Testing
import CansFormats

@Suite struct AtomicFileGroupTests {
    func contents(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test func nothingHasItsNameBeforeTheCommitAndEverythingAfter() throws {
        try withTemporaryFolder { folder in
            let group = AtomicFileGroup(flushEvery: 100)
            try group.stage([("a\n", folder + "/a.txt"), ("b\n", folder + "/b.txt")], overwrite: false)
            // Only hidden temporary files so far.
            #expect(try contents(folder).allSatisfy { $0.hasPrefix(".") && $0.contains(".tmp-") })
            #expect(try contents(folder).count == 2)
            #expect(group.finish().isEmpty)
            #expect(try contents(folder) == ["a.txt", "b.txt"])
            #expect(try String(contentsOfFile: folder + "/b.txt", encoding: .utf8) == "b\n")
        }
    }

    @Test func commitsByItselfEveryNFiles() throws {
        try withTemporaryFolder { folder in
            let group = AtomicFileGroup(flushEvery: 3)
            for index in 0..<4 { try group.stage([("\(index)\n", folder + "/\(index).txt")], overwrite: false) }
            // The first three were committed when the third was staged; the fourth waits.
            #expect(try contents(folder).filter { !$0.hasPrefix(".") } == ["0.txt", "1.txt", "2.txt"])
            #expect(group.finish().isEmpty)
            #expect(try contents(folder) == ["0.txt", "1.txt", "2.txt", "3.txt"])
        }
    }

    @Test func anExistingFileIsKeptAndReportedWhenItMustNotBeReplaced() throws {
        try withTemporaryFolder { folder in
            try AtomicFile.write("old\n", toPath: folder + "/kept.txt")
            let group = AtomicFileGroup()
            try group.stage([("new\n", folder + "/kept.txt"), ("fresh\n", folder + "/fresh.txt")], overwrite: false)
            let failures = group.finish()
            #expect(failures.count == 1)
            #expect(failures.first?.path == folder + "/kept.txt" && failures.first?.reason == .alreadyExists)
            #expect(try String(contentsOfFile: folder + "/kept.txt", encoding: .utf8) == "old\n")
            #expect(try contents(folder) == ["fresh.txt", "kept.txt"])
        }
    }

    @Test func replacesWhenAllowed() throws {
        try withTemporaryFolder { folder in
            try AtomicFile.write("old\n", toPath: folder + "/eq.txt")
            let group = AtomicFileGroup()
            try group.stage([("new\n", folder + "/eq.txt")], overwrite: true)
            #expect(group.finish().isEmpty)
            #expect(try String(contentsOfFile: folder + "/eq.txt", encoding: .utf8) == "new\n")
            #expect(try contents(folder) == ["eq.txt"])
        }
    }

    @Test func aSetIsStagedWholeOrNotAtAll() throws {
        try withTemporaryFolder { folder in
            let group = AtomicFileGroup()
            let missing = folder + "/no such folder/b.txt"
            let error = try #require(throws: FileAccessError.self) {
                try group.stage([("a\n", folder + "/a.txt"), ("b\n", missing)], overwrite: false)
            }
            #expect(error.path == missing && error.reason == .folderNotFound)
            // The first file's temporary file is gone too, and nothing gets a name.
            #expect(try contents(folder).isEmpty)
            #expect(group.finish().isEmpty)
            #expect(try contents(folder).isEmpty)
        }
    }

    @Test func discardLeavesNothing() throws {
        try withTemporaryFolder { folder in
            let group = AtomicFileGroup()
            try group.stage([("a\n", folder + "/a.txt")], overwrite: false)
            group.discard()
            #expect(group.finish().isEmpty)
            #expect(try contents(folder).isEmpty)
        }
    }
}
