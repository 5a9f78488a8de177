import Foundation
import Testing
import CansCore
import CansFormats

@Suite struct AtomicFileTests {
    @Test func refusesToOverwriteAndLeavesTheOldContent() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/profile.csv"
            try AtomicFile.write("frequency,raw\n20.00,1.00\n", toPath: path)
            let error = try #require(throws: FileAccessError.self) {
                try AtomicFile.write("frequency,raw\n20.00,9.99\n", toPath: path)
            }
            #expect(error.reason == .alreadyExists && error.path == path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "frequency,raw\n20.00,1.00\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["profile.csv"])
        }
    }

    @Test func overwritesWhenAllowedAndLeavesNoTemporaryFile() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/profile.csv"
            let response = try FrequencyResponse(frequenciesHz: [20, 1000], magnitudesDB: [1.234, -0.001])
            try AtomicFile.write("old\n", toPath: path)
            try AtomicFile.write(AutoEqCSV.render(response), toPath: path, overwrite: true)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "frequency,raw\n20.00,1.23\n1000.00,0.00\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["profile.csv"])
        }
    }

    @Test func namesThePathWhenTheFolderIsMissing() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/no such folder/out.csv"
            let error = try #require(throws: FileAccessError.self) { try AtomicFile.write("x\n", toPath: path) }
            #expect(error.path == path && error.reason == .folderNotFound)
            #expect(error.description.hasPrefix(path + ": cannot create"))
        }
    }
}
