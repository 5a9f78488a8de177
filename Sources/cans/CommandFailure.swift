import ArgumentParser
import CansAudio
import CansDSP
import CansExport
import CansFit
import CansFormats
import CansMeasure
import CansMonitor
import Foundation

/// Exit codes (sysexits.h): what a script can tell apart.
enum ExitStatus {
    static let usage: Int32 = 64
    static let badData: Int32 = 65
    static let noInput: Int32 = 66
    static let unavailable: Int32 = 69
    static let ioError: Int32 = 74
}

/// A failure the CLI reports in one line on standard error, with its exit status.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    let status: Int32

    var description: String { message }
}

/// Runs `body`, turning every error into one `cans: error: ...` line on standard error and the
/// matching exit status; no stack trace, no crash.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        let (message, status) = describe(error)
        Terminal.error("error: \(message)")
        throw ExitCode(status)
    }
}

/// The message and exit status for any error the libraries throw.
func describe(_ error: Error) -> (String, Int32) {
    switch error {
    case let failure as CommandFailure:
        return (failure.message, failure.status)
    case let error as FileFormatError:
        return (error.description, ExitStatus.badData)
    case let error as FileAccessError:
        switch error.reason {
        case .notFound, .isDirectory: return (error.description, ExitStatus.noInput)
        case .alreadyExists:
            // Every command that refuses to replace a file takes --force.
            return ("\(error.path): the file already exists (choose another name, or pass --force to replace it)", ExitStatus.ioError)
        default: return (error.description, ExitStatus.ioError)
        }
    case let error as AudioFileError:
        return (error.description, error.exitStatus)
    case let error as SweepParameterError:
        return (error.description, ExitStatus.usage)
    case let error as AnalysisError:
        return (error.description, ExitStatus.badData)
    case let error as TakeProblem:
        return (error.description, ExitStatus.badData)
    case let error as SessionFolderError:
        return (error.description, ExitStatus.ioError)
    case let error as LevelCheckError:
        return (error.description, ExitStatus.badData)
    case let error as SessionError:
        if case let .takeFailed(problem) = error, problem.isTransient { return (error.description, ExitStatus.ioError) }
        return (error.description, ExitStatus.badData)
    case let error as ExportError:
        return (error.description, error.isUsage ? ExitStatus.usage : ExitStatus.badData)
    case let error as PipeWireExportError:
        return (error.description, ExitStatus.badData)
    case let error as FIRExportError:
        return (error.description, error.isUsage ? ExitStatus.usage : ExitStatus.badData)
    case let error as FitError:
        return (error.description, error.exitStatus)
    case let error as GateError:
        return (error.description, ExitStatus.usage)
    case let error as ALSAError:
        return (error.description, error.exitStatus)
    case let error as AudioRigError:
        switch error {
        case .device, .deviceLost: return (error.description, ExitStatus.unavailable)
        case .sampleRateMismatch, .channelCountMismatch, .captureTooShort: return (error.description, ExitStatus.usage)
        }
    case let error as MonitorError:
        return (error.description, error.exitStatus)
    case let error as CustomStringConvertible:
        return (error.description, ExitStatus.ioError)
    default:
        return ("\(error)", ExitStatus.ioError)
    }
}

/// Standard error output: diagnostics and progress never mix with the data on standard output.
enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data("cans: \(line)\n".utf8))
    }

    static func note(_ line: String) {
        FileHandle.standardError.write(Data("\(line)\n".utf8))
    }
}

extension AudioFileError {
    /// Missing inputs (or a folder given for a file) are 66, unreadable or unfit audio is 65, the
    /// rest is an I/O failure.
    var exitStatus: Int32 {
        switch self {
        case .fileNotFound: return ExitStatus.noInput
        case let .notAudio(path, _) where isDirectory(path): return ExitStatus.noInput
        case .emptyFile, .notAudio, .damaged, .nonFiniteSample, .tooLong: return ExitStatus.badData
        case .unsupportedCombination, .unsupportedSampleRate, .emptyBuffer: return ExitStatus.usage
        case .directoryNotFound, .fileExists, .permissionDenied, .io: return ExitStatus.ioError
        }
    }
}

extension FitError {
    /// Bad options are 64; bad targets, limits and responses are 65.
    var exitStatus: Int32 {
        switch self {
        case .usage, .unknownName, .invalidParameter: return ExitStatus.usage
        case .badDefinition, .insufficientCoverage, .unsatisfiableLimits: return ExitStatus.badData
        }
    }
}

/// True when `path` names a folder (given where a file was expected).
func isDirectory(_ path: String) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
}
