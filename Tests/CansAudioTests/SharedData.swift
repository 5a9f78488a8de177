import CansCore
import Foundation

/// The third-party measurements in ../shared/data, read in place (never copied into the project).
enum SharedData {
    /// `<package root>/../shared/data`, or nil when it is absent.
    static let directory: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = root.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: data.path) ? data : nil
    }()

    static let isAvailable = directory != nil
    static let absentMessage = "../shared/data is absent: tests on real headphone measurements are skipped"

    static func url(_ relativePath: String) -> URL? { directory?.appendingPathComponent(relativePath) }
}
