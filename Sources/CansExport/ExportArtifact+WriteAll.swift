import CansFormats

extension ExportArtifact {
    /// Writes several artifacts as one set: all of them, or none when one cannot be written
    /// (a full disk, a read-only folder). The texts first go to hidden temporary files beside
    /// their destinations (`AtomicFileGroup`), so a failing disk is found before any file has its
    /// name; then the binary files are written, each atomically; only then do the texts take
    /// their names. An existing file is replaced only with `overwrite`.
    ///
    /// - Throws: the first error, naming its file (`FileAccessError`, `AudioFileError`). Files of
    ///   the set written before a failure at the last step (a name taken meanwhile) stay written.
    public static func writeAll(_ files: [(artifact: ExportArtifact, path: String)], overwrite: Bool) throws {
        let texts = AtomicFileGroup(flushEvery: Int.max)
        do {
            try texts.stage(files.compactMap { file in file.artifact.text.map { ($0, file.path) } }, overwrite: overwrite)
            for file in files where file.artifact.text == nil {
                try file.artifact.write(toPath: file.path, overwrite: overwrite)
            }
        } catch {
            texts.discard()
            throw error
        }
        if let failure = texts.finish().first { throw failure }
    }
}
