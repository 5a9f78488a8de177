import Foundation

/// `cans-bench batch-memory`: does `cans batch` keep its memory flat as the number of files
/// grows? For each count it fills a scratch folder with that many response files (copies of the
/// development set's measurements, in `copy-<k>/<their own folders>`, so the in-ear and
/// over-ear folder names still choose the model), runs the release `cans batch` next to this
/// program on them, and prints the child's peak RSS (wait4's ru_maxrss) and time.
enum BatchMemoryBenchmark {
    static func run(dataDirectory: String, counts: [Int], jobs: Int) throws {
        let cans = siblingExecutable("cans")
        guard FileManager.default.isExecutableFile(atPath: cans) else {
            throw BenchError("\(cans) is missing: build it first (swift build -c release --product cans)")
        }
        let measurements = (dataDirectory as NSString).appendingPathComponent("measurements")
        let sources = try csvFiles(under: measurements)
        guard !sources.isEmpty else { throw BenchError("no *.csv under \(measurements)") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cans-bench-batch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        print("cans batch --jobs \(jobs) on copies of \(sources.count) files of \(measurements)")
        for count in counts {
            let input = scratch.appendingPathComponent("in-\(count)"), output = scratch.appendingPathComponent("out-\(count)")
            for index in 0..<count {
                let source = sources[index % sources.count]
                let destination = input.appendingPathComponent("copy-\(index / sources.count)").appendingPathComponent(source)
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: (measurements as NSString).appendingPathComponent(source), toPath: destination.path)
            }
            let log = scratch.appendingPathComponent("batch-\(count).log").path
            let result = try ChildRun.run(
                cans, ["batch", input.path, "--target", "harman-over-ear-2018", "--in-ear-target", "harman-in-ear-2019",
                       "-o", output.path, "--jobs", "\(jobs)"], outputPath: log)
            let summary = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").first.map(String.init) ?? ""
            print(String(format: "%6d files: peak RSS %7.1f MiB, %7.1f s (%.2f ms per file), exit %d: %@",
                         count, Double(result.peakRSSKiB) / 1024, result.seconds, result.seconds * 1000 / Double(count),
                         result.status, summary))
            try FileManager.default.removeItem(at: input)
            try FileManager.default.removeItem(at: output)
        }
    }

    /// `name` in the folder of this program (the build folder holds every product).
    static func siblingExecutable(_ name: String) -> String {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Relative paths of the *.csv files under `root`, sorted.
    static func csvFiles(under root: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".csv") }.sorted()
    }
}
