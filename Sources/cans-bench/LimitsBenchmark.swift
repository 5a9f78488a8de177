import Foundation

/// `cans-bench limits`: the size limits at full size, through the release `cans`: a real
/// 10-million-row AutoEq CSV (about 240 MB) given to `cans fit`, and a 2 GB WAV (a sparse file
/// behind a valid header) given to `cans analyze`. Both must be refused with exit status 65, at
/// once and with little memory; the program prints how long each took and its peak RSS.
enum LimitsBenchmark {
    static func run() throws {
        let cans = BatchMemoryBenchmark.siblingExecutable("cans")
        guard FileManager.default.isExecutableFile(atPath: cans) else {
            throw BenchError("\(cans) is missing: build it first (swift build -c release --product cans)")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cans-bench-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let csv = scratch.appendingPathComponent("ten-million-rows.csv").path
        let rows = 10_000_000
        try writeRows(rows, to: csv)
        let csvBytes = (try FileManager.default.attributesOfItem(atPath: csv)[.size] as? Int) ?? 0
        let fit = try ChildRun.run(
            cans, ["fit", csv, "--target", "flat", "-o", scratch.appendingPathComponent("x.profile.json").path],
            outputPath: scratch.appendingPathComponent("fit.log").path)
        report("cans fit, \(rows) rows (\(csvBytes / 1_000_000) MB)", fit, log: scratch.appendingPathComponent("fit.log").path)

        let wav = scratch.appendingPathComponent("two-gigabytes.wav").path
        let dataBytes: UInt32 = 2_000_000_000
        _ = FileManager.default.createFile(atPath: wav, contents: Data(wavHeader(dataBytes: dataBytes)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: wav))
        try handle.truncate(atOffset: 44 + UInt64(dataBytes))
        try handle.close()
        let analyze = try ChildRun.run(
            cans, ["analyze", "--sweep", wav, "--recording", wav, "-o", scratch.appendingPathComponent("x.csv").path],
            outputPath: scratch.appendingPathComponent("analyze.log").path)
        report("cans analyze, 2 GB WAV (16-bit stereo, sparse)", analyze, log: scratch.appendingPathComponent("analyze.log").path)
    }

    static func report(_ name: String, _ run: ChildRun, log: String) {
        let message = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").first.map(String.init) ?? ""
        print(String(format: "%@: exit %d in %.3f s, peak RSS %.1f MiB\n  %@", name, run.status, run.seconds,
                     Double(run.peakRSSKiB) / 1024, message))
    }

    /// `rows` AutoEq rows (frequency, raw, smoothed), about 24 bytes each, written in 1 MB blocks.
    static func writeRows(_ rows: Int, to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var block = Array("frequency,raw,smoothed\n".utf8)
        for row in 0..<rows {
            block += Array("\(20 + row).125,-3.250,-3.125\n".utf8)
            if block.count >= 1 << 20 {
                try handle.write(contentsOf: block)
                block.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: block)
    }

    /// A 44-byte PCM WAV header: 16-bit stereo at 48 kHz, claiming `dataBytes` of samples.
    static func wavHeader(dataBytes: UInt32) -> [UInt8] {
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        return Array("RIFF".utf8) + le32(36 + dataBytes) + Array("WAVEfmt ".utf8) + le32(16) + le16(1) + le16(2)
            + le32(48_000) + le32(48_000 * 4) + le16(4) + le16(16) + Array("data".utf8) + le32(dataBytes)
    }
}
