import Foundation
import Testing

/// One row of the bad-input matrix: a command run on one kind of bad input, the exit status the
/// user guide documents for it ("Exit status") and what the one error line must name.
///
/// Arguments and names are written with `$` for the case's own folder (`$nan.csv` is the file
/// `nan.csv` there), which holds a fresh copy of `BadInputFixture`, and `%` for a `TinyDisk`.
struct BadInput: Sendable, CustomTestStringConvertible {
    let command: String
    let kind: String
    let arguments: [String]
    let status: Int32
    /// Texts the standard error must contain (the file, line or value at fault).
    let names: [String]

    init(_ kind: String, _ arguments: [String], _ status: Int32, names: [String]) {
        self.command = arguments[0]
        self.kind = kind
        self.arguments = arguments
        self.status = status
        self.names = names
    }

    var testDescription: String { "cans \(command): \(kind)" }

    static func resolve(_ text: String, in folder: URL, disk: URL? = nil) -> String {
        let local = text.replacingOccurrences(of: "$", with: folder.path + "/")
        guard let disk else { return local }
        return local.replacingOccurrences(of: "%", with: disk.path + "/")
    }
}

/// Runs matrix rows and checks what every bad input must give: the documented exit status, one
/// `cans: error:` line (or the argument parser's one `Error:` line) naming the culprit, no crash,
/// and a folder left exactly as it was: every file byte for byte, nothing added (no half-written
/// output, no temporary file), nothing removed.
enum BadInputMatrix {
    /// Far more than any row takes (a few seconds at most on two cores): a command still running
    /// then hangs, and is stopped.
    static let timeoutSeconds = 120.0

    /// Runs `row` in a fresh copy of the fixture; `disk`, when given, is checked as well.
    static func check(_ row: BadInput, disk: URL? = nil) throws {
        let folder = try TemporaryFolder()
        try BadInputFixture.shared.copy(into: folder.url)
        let before = try FolderSnapshot(folder.url), diskBefore = try disk.map(FolderSnapshot.init)
        let result = try CLIRunner.run(row.arguments.map { BadInput.resolve($0, in: folder.url, disk: disk) }, in: folder.url,
                                       timeoutSeconds: timeoutSeconds)
        let location = "\(row.testDescription)\nstderr: \(result.standardError)"
        #expect(!result.crashed, "killed by signal \(result.status) (9: it hung for \(timeoutSeconds) s): \(location)")
        #expect(result.status == row.status, "status \(result.status), expected \(row.status): \(location)")
        expectOneErrorLine(result.standardError, naming: row.names.map { BadInput.resolve($0, in: folder.url, disk: disk) }, location)
        let after = try FolderSnapshot(folder.url), diskAfter = try disk.map(FolderSnapshot.init)
        let changes = before.difference(to: after)
        #expect(changes.isEmpty, "the folder changed: \(changes); \(location)")
        if let diskBefore, let diskAfter {
            let diskChanges = diskBefore.difference(to: diskAfter)
            #expect(diskChanges.isEmpty, "the disk changed: \(diskChanges); \(location)")
        }
    }

    /// One error line, naming each of `names`; no stack trace or crash report.
    static func expectOneErrorLine(_ standardError: String, naming names: [String], _ location: String) {
        let lines = standardError.split(separator: "\n")
        let errors = lines.filter { $0.hasPrefix("cans: error:") || $0.hasPrefix("Error:") }
        #expect(errors.count == 1, "expected one error line: \(location)")
        for name in names {
            #expect(standardError.contains(name), "the message does not name \(name): \(location)")
        }
        for sign in ["Fatal error", "Stack dump", "Crash", "Segmentation", "backtrace"] {
            #expect(!standardError.contains(sign), "\(sign) in the output: \(location)")
        }
    }
}

/// Every entry under a folder: files with their bytes, folders, links.
struct FolderSnapshot {
    let entries: [String: Data]

    init(_ root: URL) throws {
        var entries = [String: Data]()
        let base = root.path
        guard let walker = FileManager.default.enumerator(atPath: base) else {
            self.entries = [:]
            return
        }
        while let relative = walker.nextObject() as? String {
            let path = base + "/" + relative
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                entries[relative + "/"] = Data()
            } else {
                entries[relative] = FileManager.default.contents(atPath: path) ?? Data("<unreadable>".utf8)
            }
        }
        self.entries = entries
    }

    /// What was added, removed or changed, by relative path; empty when nothing was.
    func difference(to other: FolderSnapshot) -> String {
        let added = Set(other.entries.keys).subtracting(entries.keys).sorted()
        let removed = Set(entries.keys).subtracting(other.entries.keys).sorted()
        let changed = entries.keys.filter { other.entries[$0] != nil && other.entries[$0] != entries[$0] }.sorted()
        guard !(added + removed + changed).isEmpty else { return "" }
        return "added \(added), removed \(removed), changed \(changed)"
    }
}
