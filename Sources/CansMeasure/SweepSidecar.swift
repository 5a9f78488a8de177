import CansDSP
import CansFormats
import Foundation

/// The JSON file written beside a sweep WAV: everything needed to analyse a recording of it
/// (the synchronized sweep's rate L for the harmonics, the band, the silences).
public struct SweepSidecar: Codable, Equatable, Sendable {
    /// Always "cans-sweep"; tells this file from other JSON.
    public var kind = "cans-sweep"
    /// Version of this file's layout.
    public var formatVersion = 1
    /// The cans version that wrote it.
    public var software: String
    /// The sweep WAV's file name (in the same folder).
    public var audioFile: String
    /// The start frequency the user asked for, Hz (the synchronized one is in `sweep`).
    public var requestedStartHz: Double
    /// The sweep's parameters.
    public var sweep: SweepParameters

    public init(software: String, audioFile: String, requestedStartHz: Double, sweep: SweepParameters) {
        self.software = software
        self.audioFile = audioFile
        self.requestedStartHz = requestedStartHz
        self.sweep = sweep
    }

    /// `sweep.wav` -> `sweep.json`, in the same folder.
    public static func path(forAudio audioPath: String) -> String {
        let url = URL(fileURLWithPath: audioPath)
        return url.deletingPathExtension().appendingPathExtension("json").path == url.path
            ? audioPath + ".json"
            : (audioPath as NSString).deletingPathExtension + ".json"
    }

    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads and checks a sidecar.
    /// - Throws: `FileFormatError` naming the file and what is wrong.
    public static func read(path: String) throws -> SweepSidecar {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FileFormatError(path: path, problem: "cannot be read", hint: "regenerate it with `cans sweep`")
        }
        do {
            let sidecar = try JSONDecoder().decode(SweepSidecar.self, from: data)
            guard sidecar.kind == "cans-sweep" else {
                throw FileFormatError(path: path, problem: "is not a cans sweep description (kind \"\(sidecar.kind)\")")
            }
            return sidecar
        } catch let error as FileFormatError {
            throw error
        } catch {
            throw FileFormatError(
                path: path, problem: "is not a valid sweep description: \(error)",
                hint: "regenerate it with `cans sweep`, or delete it to analyse without harmonics")
        }
    }
}
