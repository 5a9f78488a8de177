import Foundation
import Testing
import CansFormats

/// The shared data folder, `<package root>/../shared`, found from this file's path (the package
/// root is three levels up: Tests/CansFormatsTests/Support.swift).
enum SharedData {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = packageRoot.appendingPathComponent("../shared").standardizedFileURL

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("data/measurements").path)
    }

    /// The `.csv` files under `data/<folder>`, recursively, sorted; empty when absent.
    static func csvFiles(in folder: String) -> [String] {
        let base = root.appendingPathComponent("data/\(folder)").path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".csv") }.sorted().map { base + "/" + $0 }
    }
}

/// A fresh temporary folder, removed when `body` returns.
func withTemporaryFolder<T>(_ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("cans-formats-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try body(folder)
}

/// Writes raw bytes to a file (test fixtures: BOMs, CRLF, binary garbage).
func writeBytes(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Whether every pair differs by at most `tolerance`.
func allClose(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
}
