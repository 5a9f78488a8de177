import ArgumentParser
import CansCore
import CansFit
import CansFormats
import Foundation

/// `cans batch`: fits every response under a folder, mirroring the tree.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Fit EQ to every *.csv under a folder; write profiles and ParametricEQ.txt files mirroring the tree.",
        discussion: """
            For IN_DIR/<dir>/<Name>.csv writes OUT_DIR/<dir>/<Name> ParametricEQ.txt and \
            OUT_DIR/<dir>/<Name>.profile.json (existing files are replaced, each atomically; \
            files are flushed to disk in groups, one flush per group). A \
            file that cannot be fitted is reported and skipped; the others still finish. The \
            output does not depend on --jobs. Prints a summary: count, failures with reasons, \
            mean scores; exit status 65 when any file failed, 74 when one could not be written.

            Examples:
              cans batch measurements/in-ear --target harman-in-ear-2019 -o eq/in-ear
              cans batch measurements --target harman-over-ear-2018 --in-ear-target harman-in-ear-2019 -o eq
            """)

    @Argument(help: "The folder to search for *.csv responses (recursively).")
    var inputDirectory: String

    @OptionGroup var fit: FitOptions

    @Option(name: .shortAndLong, help: "The folder to write into (created when missing).")
    var output: String

    @Option(help: "Files fitted at once (default: all cores).")
    var jobs: Int?

    @Option(help: ArgumentHelp(
        "Target for the responses in folders named in-ear or earbud (default: --target).",
        discussion: "A built-in name or a response file, as --target; so one run fits over-ear and in-ear headphones each against its own target."))
    var inEarTarget: String?

    func run() throws {
        try reportingFailures {
            let jobCount = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            guard jobCount >= 1 else { throw CommandFailure(message: "--jobs \(jobCount): at least 1", status: ExitStatus.usage) }
            let files = try Self.responses(under: inputDirectory)
            guard !files.isEmpty else {
                throw CommandFailure(message: "\(inputDirectory): no *.csv files found", status: ExitStatus.noInput)
            }
            let target = try fit.loadTarget()
            let inEar = try inEarTarget.map { name -> TargetCurve in
                var options = fit
                options.target = name
                return try options.loadTarget()
            } ?? target
            // One request per folder name (the preference model follows it), checked before any file.
            var requestsByHint = [String: FitRequest]()
            for file in files {
                let hint = Self.folderHint(file)
                let isInEar = ["in-ear", "earbud"].contains(hint)
                if requestsByHint[hint] == nil { requestsByHint[hint] = try fit.request(target: isInEar ? inEar : target, folderHint: hint) }
            }
            let requests = requestsByHint
            let outputExisted = FileManager.default.fileExists(atPath: output)
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure(message: "\(output): cannot create the output folder: \(error.localizedDescription)",
                                     status: ExitStatus.ioError)
            }
            let outcomes = OutcomeBox(count: files.count)
            let command = self
            let progress = ProgressDisplay(total: files.count, label: "fitting")
            let writer = AtomicFileGroup()
            // Ctrl-C: the files being fitted finish, what is done is written, then exit 130.
            Interruption.install()
            DispatchQueue.concurrentPerform(iterations: jobCount) { worker in
                var index = worker
                while index < files.count, !Interruption.isRequested {
                    outcomes.set(index, command.process(files[index], request: requests[Self.folderHint(files[index])]!, writer: writer))
                    progress.advance(detail: files[index])
                    index += jobCount
                }
            }
            progress.finish()
            if Interruption.isRequested {
                let done = outcomes.values.filter { if case .fitted = $0 { true } else { false } }.count
                let failures = writer.finish()
                throw CommandFailure(
                    message: "interrupted: \(done - failures.count) of \(files.count) files fitted and written to \(output); run again to do the rest",
                    status: Interruption.exitStatus)
            }
            var results = outcomes.values.compactMap { $0 }
            // A file whose outputs could not be given their names (found at a group's commit).
            for failure in writer.finish() {
                if let index = files.firstIndex(where: { [outputs(of: $0).apo, outputs(of: $0).profile].contains(failure.path) }) {
                    results[index] = .failed(describe(failure).0, describe(failure).1)
                }
            }
            // Nothing written (every file failed, a full disk): the folders made for it go too.
            if !outputExisted, !results.contains(where: { if case .fitted = $0 { true } else { false } }) {
                Self.removeEmptyFolders(output)
            }
            try report(results, files: files)
        }
    }

    enum Outcome {
        case fitted(Scores)
        /// The reason and its exit status (65 bad data, 74 a file that could not be written).
        case failed(String, Int32)
    }

    /// What the summary needs of one fit: six numbers, not the fit (its filters and curves), so
    /// a run over 10,000 files holds little per file (Docs/benchmarks.md, "batch memory").
    struct Scores {
        let preferenceBefore: Double, preferenceAfter: Double
        let rms10kBefore: Double, rms10kAfter: Double
        let rms20kBefore: Double, rms20kAfter: Double

        init(_ fit: ChannelFit) {
            (preferenceBefore, preferenceAfter) = (fit.before.preference.score, fit.after.preference.score)
            (rms10kBefore, rms10kAfter) = (fit.before.rms20HzTo10kHzDB, fit.after.rms20HzTo10kHzDB)
            (rms20kBefore, rms20kAfter) = (fit.before.rms20HzTo20kHzDB, fit.after.rms20HzTo20kHzDB)
        }
    }

    /// The two files written for the response at `relative`: ParametricEQ.txt and profile JSON.
    func outputs(of relative: String) -> (apo: String, profile: String) {
        let destination = (output as NSString).appendingPathComponent((relative as NSString).deletingLastPathComponent)
        let name = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
        return ((destination as NSString).appendingPathComponent("\(name) ParametricEQ.txt"),
                (destination as NSString).appendingPathComponent("\(name).profile.json"))
    }

    /// The name of the folder holding `relative` ("in-ear", "over-ear" ... choose the model).
    static func folderHint(_ relative: String) -> String {
        ((relative as NSString).deletingLastPathComponent as NSString).lastPathComponent
    }

    func process(_ relative: String, request: FitRequest, writer: AtomicFileGroup) -> Outcome {
        do {
            let source = (inputDirectory as NSString).appendingPathComponent(relative)
            let response = try ResponseReader.read(path: source).response
            let results = try HeadphoneFitter.fit([ChannelInput(name: nil, response: response)], request: request)
            let profile = try ProfileBuilder.document(results, request: request, measurement: [relative]).render()
            let apo = ProfileBuilder.equalizerAPO(results)
            let paths = outputs(of: relative)
            try FileManager.default.createDirectory(atPath: (paths.apo as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try writer.stage([(apo, paths.apo), (profile, paths.profile)], overwrite: true)
            return .fitted(Scores(results[0]))
        } catch {
            let (message, status) = describe(error)
            return .failed(message, status)
        }
    }

    func report(_ outcomes: [Outcome], files: [String]) throws {
        var fitted = [Scores](), failures = [String](), status = ExitStatus.badData
        for (file, outcome) in zip(files, outcomes) {
            switch outcome {
            case let .fitted(result): fitted.append(result)
            case let .failed(reason, code):
                failures.append("\(file): \(reason)")
                if code == ExitStatus.ioError { status = code }
            }
        }
        func mean(_ values: [Double]) -> String { EqualizerAPO.fixed(values.reduce(0, +) / Double(max(values.count, 1)), 2) }
        print("fitted \(fitted.count) of \(files.count) files into \(output)")
        if !fitted.isEmpty {
            print("mean preference \(mean(fitted.map(\.preferenceBefore))) -> \(mean(fitted.map(\.preferenceAfter)))"
                  + ", RMS 20 Hz-10 kHz \(mean(fitted.map(\.rms10kBefore))) -> \(mean(fitted.map(\.rms10kAfter))) dB"
                  + ", RMS 20 Hz-20 kHz \(mean(fitted.map(\.rms20kBefore))) -> \(mean(fitted.map(\.rms20kAfter))) dB")
        }
        for failure in failures { Terminal.error("skipped \(failure)") }
        if !failures.isEmpty {
            // A file that could not be written (a full disk) outweighs bad data: 74, else 65.
            throw CommandFailure(message: "\(failures.count) of \(files.count) files failed (listed above)", status: status)
        }
    }

    /// Removes `folder` and the folders in it, deepest first, where they are empty (rmdir(2)
    /// never removes a file).
    static func removeEmptyFolders(_ folder: String) {
        let inside = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in inside { removeEmptyFolders((folder as NSString).appendingPathComponent(name)) }
        _ = rmdir(folder)
    }

    /// Relative paths of every *.csv under `root`, sorted (byte order) for a deterministic order.
    static func responses(under root: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(message: "\(root): not a folder (give the folder holding the *.csv responses)", status: ExitStatus.noInput)
        }
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files = [String]()
        while let path = enumerator.nextObject() as? String {
            if path.lowercased().hasSuffix(".csv") { files.append(path) }
        }
        return files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}

/// Results by index, filled from many threads.
final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [BatchCommand.Outcome?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: BatchCommand.Outcome) { lock.withLock { storage[index] = value } }
    var values: [BatchCommand.Outcome?] { lock.withLock { storage } }
}
