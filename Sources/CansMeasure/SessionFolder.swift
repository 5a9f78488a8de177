import Foundation

/// A new measurement folder `<parent>/<name>/<yyyy-MM-dd_HH-mm-ss>`, created at once and never an
/// existing one: a name that is taken gets `-2`, `-3`... (mkdir(2) is atomic, so two sessions
/// started in the same second cannot share a folder).
///
/// Files are written into it as the session goes, so a crash or Ctrl-C part way leaves every take
/// already recorded, with a `session.json` that says the session is incomplete.
public struct SessionFolder: Sendable {
    /// The session's folder.
    public let url: URL
    /// The folders `create` made on the way (`<parent>/<name>`, `<parent>`...), innermost first.
    let createdAncestors: [URL]

    /// Creates the folder (and `<parent>/<name>` as needed).
    /// - Throws: `SessionFolderError` naming the folder that could not be made.
    public static func create(parent: String, name: String, date: Date) throws -> SessionFolder {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd_HH-mm-ss"
        let safeName = name.replacingOccurrences(of: "/", with: "-")
        let base = URL(fileURLWithPath: parent).appendingPathComponent(safeName)
        var missing = [URL](), ancestor = base
        while !FileManager.default.fileExists(atPath: ancestor.path), ancestor.path != "/" {
            missing.append(ancestor)
            ancestor = ancestor.deletingLastPathComponent()
        }
        do {
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        } catch {
            throw SessionFolderError(problem: "cannot create \(base.path): \(error.localizedDescription); choose another folder")
        }
        do {
            return SessionFolder(url: try createUnique(in: base, named: formatter.string(from: date)), createdAncestors: missing)
        } catch {
            removeIfEmpty(missing)
            throw error
        }
    }

    /// Removes the folder, which `create` made new for this session, with what was written into
    /// it, and the folders made on the way when they are empty: for a session that failed before
    /// its first take (a full disk), so that nothing half-made stays. Never used on a folder that
    /// holds a take: those are kept.
    public func discardNew() {
        try? FileManager.default.removeItem(at: url)
        Self.removeIfEmpty(createdAncestors)
    }

    /// rmdir(2) of each folder, innermost first: only empty ones go.
    private static func removeIfEmpty(_ folders: [URL]) {
        for folder in folders {
            guard rmdir(folder.path) == 0 else { return }
        }
    }

    /// Creates `<parent>/<name>`, or `<name>-2`, `<name>-3`... if taken; never an existing folder.
    static func createUnique(in parent: URL, named name: String) throws -> URL {
        for attempt in 1...1000 {
            let candidate = parent.appendingPathComponent(attempt == 1 ? name : "\(name)-\(attempt)")
            if mkdir(candidate.path, 0o755) == 0 { return candidate }
            if errno == EEXIST { continue }
            throw SessionFolderError(problem: "cannot create \(candidate.path): \(String(cString: strerror(errno)))")
        }
        throw SessionFolderError(problem: "too many folders named \(parent.appendingPathComponent(name).path)")
    }

    /// An existing session folder (for re-analysis).
    public init(existing url: URL) {
        self.url = url
        createdAncestors = []
    }

    private init(url: URL, createdAncestors: [URL]) {
        self.url = url
        self.createdAncestors = createdAncestors
    }

    /// The path of `file` inside the folder.
    public func path(_ file: String) -> String { url.appendingPathComponent(file).path }
}

/// A session folder that could not be made.
public struct SessionFolderError: Error, Equatable, Sendable, CustomStringConvertible {
    public let problem: String
    public var description: String { problem }
}
