import Foundation

/// A new measurement folder, written in full or not at all.
///
/// Files go into a hidden staging folder beside the destination; `commit()` renames it into
/// place. An existing folder is never reused or overwritten: a clash gets a numeric suffix.
public struct SessionFolder: Sendable {
    /// Where the files are being written.
    public let stagingURL: URL
    /// The folder the session is meant to become.
    public let intendedURL: URL

    /// Stages `<parent>/<name>/<timestamp>` (creating `<parent>/<name>` as needed).
    public init(parent: String, name: String, date: Date) throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd_HH-mm-ss"
        let safeName = name.replacingOccurrences(of: "/", with: "-")
        let base = URL(fileURLWithPath: parent).appendingPathComponent(safeName)
        intendedURL = base.appendingPathComponent(formatter.string(from: date))
        stagingURL = base.appendingPathComponent(".staging-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: stagingURL, withIntermediateDirectories: true)
        } catch {
            throw SessionFolderError(problem: "cannot create \(base.path): \(error.localizedDescription); choose another folder")
        }
    }

    /// The path of `file` inside the staging folder.
    public func path(_ file: String) -> String { stagingURL.appendingPathComponent(file).path }

    /// Moves the staged folder to its final name (adding -2, -3... if that name is taken).
    /// - Returns: the final folder.
    public func commit() throws -> URL {
        for attempt in 1...1000 {
            let candidate = attempt == 1
                ? intendedURL
                : intendedURL.deletingLastPathComponent().appendingPathComponent("\(intendedURL.lastPathComponent)-\(attempt)")
            // rename(2) onto an existing non-empty directory fails, so nothing is ever replaced.
            if FileManager.default.fileExists(atPath: candidate.path) { continue }
            if rename(stagingURL.path, candidate.path) == 0 { return candidate }
            if errno == EEXIST || errno == ENOTEMPTY { continue }
            throw SessionFolderError(problem: "cannot move the session to \(candidate.path): \(String(cString: strerror(errno)))")
        }
        throw SessionFolderError(problem: "too many sessions named \(intendedURL.path)")
    }

    /// Removes the staging folder after a failure (the destination was never touched).
    public func discard() { try? FileManager.default.removeItem(at: stagingURL) }
}

/// A session folder that could not be made or moved into place.
public struct SessionFolderError: Error, Equatable, Sendable, CustomStringConvertible {
    public let problem: String
    public var description: String { problem }
}
