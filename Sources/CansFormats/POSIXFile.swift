internal import CSystemCalls
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one funnel for the module's system calls: each failing call becomes a `FileAccessError`
/// naming the file the user gave, with `errno` turned into a reason and words.
enum POSIXFile {
    /// All bytes of the file at `path`, or `.tooLarge` when it holds more than `maximumBytes`:
    /// a regular file is judged by its size (fstat) before any byte is read, anything else (a
    /// pipe, a device) while reading, after at most `maximumBytes + 1` bytes.
    /// - Throws: `FileAccessError` when the file is missing, a directory or unreadable.
    static func readAll(path: String, maximumBytes: Int = .max) throws(FileAccessError) -> Contents {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error(errno, path: path, doing: "open") }
        defer { _ = close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > maximumBytes {
            return .tooLarge(byteCount: Int(info.st_size))
        }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
                if bytes.count > maximumBytes { return .tooLarge(byteCount: nil) }
            } else if count == 0 {
                return .bytes(bytes)
            } else if errno != EINTR {
                throw error(errno, path: path, doing: "read")
            }
        }
    }

    /// What `readAll` found.
    enum Contents {
        case bytes([UInt8])
        /// More than the limit; the size when the file system knows it (nil for a pipe or device).
        case tooLarge(byteCount: Int?)
    }

    /// Whether something (file, directory or link target) exists at `path`.
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Creates a new file that must not exist yet (`O_EXCL`), for writing, mode 0644 minus umask.
    static func createNew(_ path: String, reportedAs reportedPath: String) throws(FileAccessError) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw error(errno, path: reportedPath, doing: "create") }
        return descriptor
    }

    /// Writes every byte, retrying short writes and interrupts, then (with `sync`) flushes to disk.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, reportedAs path: String, sync: Bool = true) throws(FileAccessError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                throw error(written < 0 ? errno : EIO, path: path, doing: "write")
            }
        }
        guard !sync || fsync(descriptor) == 0 else { throw error(errno, path: path, doing: "flush") }
    }

    /// Flushes the whole file system holding `path` to disk: syncfs(2), one call for any number
    /// of files written there.
    static func syncFileSystem(containing path: String, reportedAs reportedPath: String) throws(FileAccessError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error(errno, path: reportedPath, doing: "flush") }
        defer { _ = close(descriptor) }
        guard syncfs(descriptor) == 0 else { throw error(errno, path: reportedPath, doing: "flush") }
    }

    /// The device number of the file system holding `path`, or nil when it cannot be read.
    static func device(of path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt64(info.st_dev)
    }

    /// Closes a descriptor opened for writing; a failing close can mean lost data.
    static func closeChecked(_ descriptor: Int32, reportedAs path: String) throws(FileAccessError) {
        guard close(descriptor) == 0 else { throw error(errno, path: path, doing: "close") }
    }

    /// Atomically replaces (or creates) `destination` with `source`: rename(2).
    static func replace(_ destination: String, with source: String) throws(FileAccessError) {
        guard rename(source, destination) == 0 else { throw error(errno, path: destination, doing: "replace") }
    }

    /// Gives `source` the second name `destination`, failing with `.alreadyExists` when that name
    /// is taken: link(2) never replaces, which makes it an atomic "create if absent".
    /// - Returns: false when the file system has no hard links (the caller falls back).
    static func linkIfAbsent(_ source: String, to destination: String) throws(FileAccessError) -> Bool {
        if link(source, destination) == 0 { return true }
        let code = errno
        switch code {
        case EPERM, EXDEV, EMLINK, ENOSYS, EOPNOTSUPP: return false
        default: throw error(code, path: destination, doing: "create")
        }
    }

    /// Removes a file, ignoring failure (used to clean up temporary files).
    static func removeQuietly(_ path: String) {
        _ = unlink(path)
    }

    /// Flushes a directory's entries (a rename is durable only once its directory is), best effort.
    static func syncDirectoryQuietly(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }

    /// The error for a destination that exists when overwriting is not allowed.
    static func alreadyExists(_ path: String) -> FileAccessError {
        error(EEXIST, path: path, doing: "write")
    }

    /// `errno` as a typed error with words a user can act on.
    static func error(_ code: Int32, path: String, doing operation: String) -> FileAccessError {
        // A missing path or a directory is a missing input only when reading; when writing, the
        // output's folder is missing, or a directory holds the name: an I/O failure.
        let reading = operation == "open" || operation == "read"
        switch code {
        case ENOENT where !reading:
            return FileAccessError(
                path: path, reason: .folderNotFound, problem: "cannot \(operation): its folder does not exist",
                hint: "create the folder first, or choose another")
        case EISDIR where !reading:
            return FileAccessError(
                path: path, reason: .systemError(code: code), problem: "cannot \(operation): a directory has that name",
                hint: "choose another name")
        case ENOENT:
            return FileAccessError(
                path: path, reason: .notFound, problem: "cannot \(operation): no such file or directory",
                hint: "check the spelling and the folder")
        case EISDIR:
            return FileAccessError(
                path: path, reason: .isDirectory, problem: "cannot \(operation): it is a directory, not a file")
        case EEXIST:
            return FileAccessError(
                path: path, reason: .alreadyExists, problem: "cannot \(operation): the file already exists",
                hint: "choose another name or allow overwriting")
        case EACCES, EPERM, EROFS:
            return FileAccessError(
                path: path, reason: .permissionDenied,
                problem: "cannot \(operation): \(String(cString: strerror(code))) (errno \(code))",
                hint: "check the permissions of the file and its folder")
        default:
            return FileAccessError(
                path: path, reason: .systemError(code: code),
                problem: "cannot \(operation): \(String(cString: strerror(code))) (errno \(code))")
        }
    }
}
