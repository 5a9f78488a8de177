import CansFormats
import Foundation

extension PipeWireFilterChain {
    /// Writes the drop-in to `path` (and, for the module form, the ParametricEQ.txt to
    /// `options.equalizerFilePath`, by default `path` with `.conf` replaced by
    /// `.ParametricEQ.txt`, made absolute), each atomically (a temporary file beside it, then a
    /// rename).
    /// - Parameter overwrite: replace existing files; when false an existing file is an error and
    ///   nothing is written (both paths are checked before either is written).
    /// - Throws: `PipeWireExportError` (see `export`), `FileAccessError` naming the file.
    @discardableResult
    public static func write(_ eq: ProfileEQ, options: PipeWireExportOptions = .init(), toPath path: String,
                             overwrite: Bool = false) throws -> PipeWireExport {
        var options = options
        if options.equalizerFilePath == nil {
            let stem = path.hasSuffix(".conf") ? String(path.dropLast(".conf".count)) : path
            let absolute = stem.hasPrefix("/") ? stem : FileManager.default.currentDirectoryPath + "/" + stem
            options.equalizerFilePath = absolute + ".ParametricEQ.txt"
        }
        let result = try export(eq, options: options)
        if !overwrite {
            for target in [path] + (result.parametricEQ == nil ? [] : [result.equalizerFilePath ?? ""])
                where FileManager.default.fileExists(atPath: target) {
                throw FileAccessError(path: target, reason: .alreadyExists, problem: "a file is already there and was left unchanged",
                                      hint: "choose another name or allow overwriting (--force)")
            }
        }
        if let text = result.parametricEQ, let equalizerPath = result.equalizerFilePath {
            try AtomicFile.write(text, toPath: equalizerPath, overwrite: overwrite)
        }
        try AtomicFile.write(result.dropIn, toPath: path, overwrite: overwrite)
        return result
    }
}
