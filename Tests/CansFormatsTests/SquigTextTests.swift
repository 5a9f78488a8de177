import Foundation
import Testing
import CansCore
import CansFormats

@Suite struct SquigTextTests {
    static let left = "20 95.1\n1000 100.0\n20000 88.4\n"
    static let right = "20\t94.6\n1000\t100.2\n20000\t87.9\n"

    @Test func readsBothChannelsFromEitherFileOrTheBaseName() throws {
        try withTemporaryFolder { folder in
            try Self.left.write(toFile: folder + "/Moondrop Aria L.txt", atomically: true, encoding: .utf8)
            try Self.right.write(toFile: folder + "/Moondrop Aria R.txt", atomically: true, encoding: .utf8)
            for given in ["Moondrop Aria L.txt", "Moondrop Aria R.txt", "Moondrop Aria", "Moondrop Aria.txt"] {
                let pair = try SquigText.readPair(path: folder + "/" + given)
                #expect(pair.left.magnitudesDB == [95.1, 100, 88.4], "given \(given)")
                #expect(pair.right.magnitudesDB == [94.6, 100.2, 87.9], "given \(given)")
                #expect(pair.right.frequenciesHz == [20, 1000, 20000])
                #expect(pair.leftPath == folder + "/Moondrop Aria L.txt")
                #expect(pair.rightPath == folder + "/Moondrop Aria R.txt")
            }
        }
    }

    @Test func namesTheMissingPartner() throws {
        try withTemporaryFolder { folder in
            try Self.left.write(toFile: folder + "/Solo L.txt", atomically: true, encoding: .utf8)
            let error = try #require(throws: FileAccessError.self) {
                try SquigText.readPair(path: folder + "/Solo L.txt")
            }
            #expect(error.path == folder + "/Solo R.txt")
            #expect(error.reason == .notFound)
            #expect(error.problem.contains("right-channel") && error.problem.contains("Solo L.txt"))
            let neither = try #require(throws: FileAccessError.self) {
                try SquigText.readPair(path: folder + "/Nothing")
            }
            #expect(neither.reason == .notFound && neither.problem.contains("Nothing L.txt"))
        }
    }

    @Test func pairsFileNamesKeepingTheirSpelling() {
        #expect(SquigText.channelPaths(for: "data/X l.TXT") == ("data/X l.TXT", "data/X r.TXT"))
        #expect(SquigText.channelPaths(for: "X R.txt") == ("X L.txt", "X R.txt"))
        #expect(SquigText.channelPaths(for: "/d/X") == ("/d/X L.txt", "/d/X R.txt"))
    }

    @Test func isSniffedByTheFileName() throws {
        let parsed = try ResponseReader.parse(Self.left, name: "data/Moondrop Aria L.txt")
        #expect(parsed.format == .squigText)
        #expect(parsed.response.magnitudesDB == [95.1, 100, 88.4])
    }
}
