import Foundation

/// Many files written atomically with one flush to disk instead of one per file, for commands
/// that write thousands (`cans batch`).
///
/// `stage` writes each file's bytes at once to a hidden temporary file in its destination folder
/// (`.NAME.tmp-*`, the same file system, not yet flushed). `commit` then makes every staged file
/// durable with one syncfs(2) per file system, gives each its name exactly as `AtomicFile.write`
/// does (rename(2), or link(2) when it must not replace an existing file); those names are made
/// durable by the next group's syncfs, the last ones by one more at `finish()` (a syncfs commits
/// the folders' entries too, so no folder needs an fsync of its own). So, as with `AtomicFile`, a reader or a crash never sees half a file under a final name:
/// before the commit only temporary files exist, and a name is given only to flushed data. The
/// group commits by itself every `flushEvery` files, so files appear as the work goes on and a
/// long run holds little. Measured on `cans batch` (Docs/benchmarks.md, "EQ fit"): two fsyncs and
/// two folder flushes per headphone cost more wall time than the fit itself.
///
/// Thread-safe: workers may stage concurrently; staging and committing are serialised.
public final class AtomicFileGroup: @unchecked Sendable {
    private struct Staged {
        var temporary: String
        var path: String
        var overwrite: Bool
    }

    private let lock = NSLock()
    private let flushEvery: Int
    private var staged = [Staged]()
    private var failed = [FileAccessError]()
    /// A folder per file system whose renames are not flushed yet (the next syncfs flushes them).
    private var renamedFolders = [UInt64: String]()

    /// - Parameter flushEvery: files staged before the group commits by itself (at least 1).
    public init(flushEvery: Int = 64) {
        self.flushEvery = max(1, flushEvery)
    }

    /// Stages files that belong together (written all, or none when staging one fails).
    /// - Throws: `FileAccessError` naming the file when its folder is missing or not writable, or
    ///   the disk is full; nothing of the set stays staged then. An existing destination is
    ///   reported at the commit (`finish()`), not here.
    public func stage(_ files: [(text: String, path: String)], overwrite: Bool) throws(FileAccessError) {
        var written = [Staged]()
        for file in files {
            do throws(FileAccessError) {
                let temporary = try AtomicFile.writeTemporary(Array(file.text.utf8), besides: file.path, sync: false)
                written.append(Staged(temporary: temporary, path: file.path, overwrite: overwrite))
            } catch {
                for item in written { POSIXFile.removeQuietly(item.temporary) }
                throw error
            }
        }
        lock.withLock {
            staged += written
            if staged.count >= flushEvery { commitLocked() }
        }
    }

    /// Commits what is staged and returns every file that could not be given its name (each
    /// error names its file: an existing file that must not be replaced, a failing disk). The
    /// others are in place and durable.
    public func finish() -> [FileAccessError] {
        lock.withLock {
            commitLocked()
            // The last names given are made durable with one more flush per file system.
            for folder in renamedFolders.values { try? POSIXFile.syncFileSystem(containing: folder, reportedAs: folder) }
            renamedFolders.removeAll()
            return failed
        }
    }

    /// Removes staged temporary files without giving them their names (for an interrupted run).
    public func discard() {
        lock.withLock {
            for item in staged { POSIXFile.removeQuietly(item.temporary) }
            staged.removeAll()
        }
    }

    deinit {
        for item in staged { POSIXFile.removeQuietly(item.temporary) }
    }

    private func commitLocked() {
        guard !staged.isEmpty else { return }
        // One flush per file system: the data of every temporary file is on disk before any name.
        var flushed = Set<UInt64>()
        var unflushable = [String: FileAccessError]()
        for item in staged {
            let folder = AtomicFile.folder(of: item.path)
            let device = POSIXFile.device(of: folder) ?? UInt64.max
            guard !flushed.contains(device), unflushable[folder] == nil else { continue }
            do throws(FileAccessError) {
                try POSIXFile.syncFileSystem(containing: folder, reportedAs: item.path)
                flushed.insert(device)
            } catch {
                unflushable[folder] = error
            }
        }
        // This flush also made the previous group's names durable.
        renamedFolders = renamedFolders.filter { !flushed.contains($0.key) }
        for item in staged {
            let folder = AtomicFile.folder(of: item.path)
            if let error = unflushable[folder] {
                // Data that may not be on disk never gets a final name.
                POSIXFile.removeQuietly(item.temporary)
                failed.append(FileAccessError(path: item.path, reason: error.reason, problem: error.problem, hint: error.hint))
                continue
            }
            do throws(FileAccessError) {
                try AtomicFile.publish(item.temporary, as: item.path, overwrite: item.overwrite)
                renamedFolders[POSIXFile.device(of: folder) ?? UInt64.max] = folder
            } catch {
                failed.append(error)
            }
        }
        staged.removeAll()
    }
}
