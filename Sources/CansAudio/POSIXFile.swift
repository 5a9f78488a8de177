import Glibc

// The POSIX file calls under AudioFile: open, fstat, fsync, pread/pwrite, link, rename, unlink.
// Every call that reports through errno goes through `check`; callers map `SystemError` to
// `AudioFileError`, because only they know whether ENOENT means "no such file" or "no such
// directory".

/// A failed system call: the errno value.
struct SystemError: Error, Equatable {
    let code: Int32

    /// The system's description (strerror).
    var reason: String { String(cString: strerror(code)) }
}

/// The one funnel from system-call results to errors: -1 means "see errno"; an interrupted call
/// (EINTR) is repeated.
private func check<Result: BinaryInteger>(_ call: () -> Result) throws(SystemError) -> Result {
    while true {
        let result = call()
        if result != -1 { return result }
        let code = errno
        if code != EINTR { throw SystemError(code: code) }
    }
}

/// An open file descriptor that closes itself.
struct FileDescriptor: ~Copyable {
    let rawValue: Int32

    /// Opens `path` with open(2) flags (O_CLOEXEC is always added); `mode` applies when creating
    /// and is reduced by the process umask as usual.
    init(path: String, flags: Int32, mode: mode_t = 0) throws(SystemError) {
        rawValue = try check { Glibc.open(path, flags | O_CLOEXEC, mode) }
    }

    deinit {
        // Linux closes the descriptor even when close(2) reports EINTR, so never retry.
        _ = Glibc.close(rawValue)
    }

    /// A second descriptor for the same open file, for a library that closes what it is given.
    borrowing func duplicate() throws(SystemError) -> Int32 {
        try check { fcntl(rawValue, F_DUPFD_CLOEXEC, 0) }
    }

    /// Size in bytes and whether it is a directory (fstat(2)).
    borrowing func status() throws(SystemError) -> (byteCount: Int, isDirectory: Bool) {
        var info = stat()
        _ = try check { fstat(rawValue, &info) }
        return (Int(info.st_size), info.st_mode & S_IFMT == S_IFDIR)
    }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    borrowing func read(count: Int, at offset: Int) throws(SystemError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = try check {
                bytes.withUnsafeMutableBytes {
                    pread(rawValue, $0.baseAddress! + done, count - done, off_t(offset + done))
                }
            }
            if got == 0 { break }
            done += got
        }
        return Array(bytes.prefix(done))
    }

    /// Writes all of `bytes` at `offset`.
    borrowing func write(_ bytes: [UInt8], at offset: Int) throws(SystemError) {
        var done = 0
        while done < bytes.count {
            done += try check {
                bytes.withUnsafeBytes {
                    pwrite(rawValue, $0.baseAddress! + done, bytes.count - done,
                           off_t(offset + done))
                }
            }
        }
    }

    /// Flushes the file's data and metadata to the device (fsync(2)).
    borrowing func sync() throws(SystemError) {
        _ = try check { fsync(rawValue) }
    }

    /// Closes now, reporting a failure (a delayed write error on some file systems).
    consuming func close() throws(SystemError) {
        let descriptor = rawValue
        discard self
        if Glibc.close(descriptor) == -1, errno != EINTR { throw SystemError(code: errno) }
    }
}

/// Path operations.
enum FileSystem {
    /// Whether anything (file, directory, dangling symbolic link) is at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Gives `source` the second name `destination`; fails with EEXIST instead of replacing.
    static func link(_ source: String, _ destination: String) throws(SystemError) {
        _ = try check { Glibc.link(source, destination) }
    }

    /// Moves `source` to `destination` in one step, replacing what is there (rename(2)).
    static func rename(_ source: String, _ destination: String) throws(SystemError) {
        _ = try check { Glibc.rename(source, destination) }
    }

    /// Removes `path`, ignoring errors (used to clean up after a failure).
    static func removeQuietly(_ path: String) {
        _ = Glibc.unlink(path)
    }

    /// Makes a rename in `directory` durable (fsync on the directory); best effort, because some
    /// file systems cannot sync directories and the file itself is already complete.
    static func syncDirectoryQuietly(_ directory: String) {
        guard let descriptor = try? FileDescriptor(path: directory, flags: O_RDONLY | O_DIRECTORY)
        else { return }
        try? descriptor.sync()
    }

    /// The directory part of `path` ("." when there is none) and the file name.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}
