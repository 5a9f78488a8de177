import Foundation

/// A tiny tmpfs mounted on a fresh folder, to see what commands do when the disk is full or
/// read-only. Mounting needs root (CI runs as root); otherwise the tests are skipped with a
/// message, unless CANS_REQUIRE_TOOLS=1, which makes them fail instead.
final class TinyDisk {
    static let unavailableReason: String? = {
        guard getuid() == 0 else { return "mounting a tmpfs needs root: disk-full tests skipped" }
        return ExternalTools.missing(["mount", "umount"])
    }()

    /// True when the tests may run: mounting works, or it is required (and then fails).
    static var canRun: Bool {
        if let reason = unavailableReason, !ExternalTools.isRequired {
            print("skipped: \(reason)")
            return false
        }
        return true
    }

    let folder: TemporaryFolder
    let url: URL
    private var mounted = false

    /// Mounts a tmpfs of `size` (mount(8) syntax: 64k) on a new folder.
    init(size: String = "64k") throws {
        folder = try TemporaryFolder()
        url = folder.url.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        let result = try ExternalTools.run(["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", url.path])
        guard result.status == 0 else { throw TinyDiskFailure(reason: "mount -t tmpfs failed with status \(result.status)") }
        mounted = true
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Fills the disk with `name` (user data that must survive) until no byte is left.
    func fill(_ name: String) throws {
        guard let handle = FileHandle(forWritingAtPath: path(name)) ?? {
            _ = FileManager.default.createFile(atPath: path(name), contents: nil)
            return FileHandle(forWritingAtPath: path(name))
        }() else { throw TinyDiskFailure(reason: "cannot create \(path(name))") }
        defer { try? handle.close() }
        let block = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 * 7) })
        while (try? handle.write(contentsOf: block)) != nil {}
        // A last partial page, byte by byte.
        while (try? handle.write(contentsOf: Data([1]))) != nil {}
        try? handle.synchronize()
    }

    /// Makes the disk read-only (root ignores folder permissions; a read-only mount stops it).
    func makeReadOnly() throws {
        let result = try ExternalTools.run(["mount", "-o", "remount,ro", url.path])
        guard result.status == 0 else { throw TinyDiskFailure(reason: "remount,ro failed with status \(result.status)") }
    }

    func unmount() {
        guard mounted else { return }
        _ = try? ExternalTools.run(["umount", url.path])
        mounted = false
    }

    deinit { unmount() }
}

struct TinyDiskFailure: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
