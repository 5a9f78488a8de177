#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder of this process's own (under `$TMPDIR`, else /dev/shm when present, else /tmp) that
/// fuzz inputs are written into, so each target reads them through the same path as a user's
/// file: open, read, decode, parse.
public enum ScratchFile {
    /// The folder, made on first use (`scripts/fuzz.sh` points `TMPDIR` at a folder it removes).
    public static let folder: String = {
        let environment = getenv("TMPDIR").map { String(cString: $0) }
        let base = environment ?? (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp")
        var template = Array("\(base)/cans-fuzz.XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            fatalError("cannot create a scratch folder under \(base): errno \(errno)")
        }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// Writes `size` bytes at `data` to `name` in `folder`, replacing what was there.
    /// - Returns: the file's path.
    public static func write(_ data: UnsafePointer<UInt8>, _ size: Int, name: String) -> String {
        let path = "\(folder)/\(name)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { fatalError("cannot create \(path): errno \(errno)") }
        defer { close(descriptor) }
        var offset = 0
        while offset < size {
            let written = Glibc.write(descriptor, data + offset, size - offset)
            guard written > 0 else { fatalError("cannot write \(path): errno \(errno)") }
            offset += written
        }
        return path
    }
}
