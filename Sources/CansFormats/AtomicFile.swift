/// Writing a file so that readers see either the old content or the whole new one, never half.
///
/// The text goes to a temporary file in the destination's folder (same file system, so the
/// final step is atomic), is flushed with fsync, then takes the destination's name: with
/// `rename(2)` when overwriting is allowed; with `link(2)` otherwise, which fails instead of
/// replacing an existing file, so "create only if absent" is atomic too. On file systems without
/// hard links it falls back to an existence check followed by rename (a small race, documented).
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `path`.
    /// - Parameter overwrite: replace an existing file; when false (the default) an existing
    ///   file is left untouched and `FileAccessError` with reason `.alreadyExists` is thrown.
    /// - Throws: `FileAccessError` naming `path` when the file exists (and `overwrite` is false),
    ///   the folder is missing or not writable, or the disk fails. No temporary file is left.
    public static func write(_ text: String, toPath path: String, overwrite: Bool = false) throws(FileAccessError) {
        if !overwrite, POSIXFile.exists(path) { throw POSIXFile.alreadyExists(path) }
        let temporary = try writeTemporary(Array(text.utf8), besides: path)
        try publish(temporary, as: path, overwrite: overwrite)
        POSIXFile.syncDirectoryQuietly(folder(of: path))
    }

    /// The folder part of `path` ("." for a bare file name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Gives the temporary file `temporary` the name `path` (replacing only with `overwrite`);
    /// the temporary file is gone afterwards, whatever happens.
    static func publish(_ temporary: String, as path: String, overwrite: Bool) throws(FileAccessError) {
        do throws(FileAccessError) {
            if overwrite {
                try POSIXFile.replace(path, with: temporary)
            } else if try POSIXFile.linkIfAbsent(temporary, to: path) {
                POSIXFile.removeQuietly(temporary)
            } else {
                if POSIXFile.exists(path) { throw POSIXFile.alreadyExists(path) }
                try POSIXFile.replace(path, with: temporary)
            }
        } catch {
            POSIXFile.removeQuietly(temporary)
            throw error
        }
    }

    /// Writes `bytes` to a new hidden temporary file next to `path` and returns its path; with
    /// `sync` false the data is not flushed (the caller flushes the file system later).
    static func writeTemporary(_ bytes: [UInt8], besides path: String, sync: Bool = true) throws(FileAccessError) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? "file"
        let prefix = folder(of: path) + "/." + name + ".tmp-"
        var attempt = 0
        while true {
            let temporary = prefix + String(UInt32.random(in: .min ... .max), radix: 16)
            let descriptor: Int32
            do throws(FileAccessError) {
                descriptor = try POSIXFile.createNew(temporary, reportedAs: path)
            } catch where error.reason == .alreadyExists && attempt < 8 {
                attempt += 1
                continue
            }
            do throws(FileAccessError) {
                try POSIXFile.writeAll(bytes, to: descriptor, reportedAs: path, sync: sync)
            } catch {
                _ = try? POSIXFile.closeChecked(descriptor, reportedAs: path)
                POSIXFile.removeQuietly(temporary)
                throw error
            }
            do throws(FileAccessError) {
                try POSIXFile.closeChecked(descriptor, reportedAs: path)
            } catch {
                POSIXFile.removeQuietly(temporary)
                throw error
            }
            return temporary
        }
    }
}
