import CansFormats
import Foundation
import Testing

/// The EqualizerAPO writer and reader agree with an independent parser, eqscore's `score.py`
/// (../shared/tools/eqscore), on every file `cans batch` writes for ../shared/data.
@Suite struct EqualizerAPOAgreementTests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    static let scorer = shared.appendingPathComponent("tools/eqscore/score.py")
    static var available: Bool {
        FileManager.default.fileExists(atPath: scorer.path)
            && FileManager.default.fileExists(atPath: shared.appendingPathComponent("data/measurements").path)
    }

    /// score.py's `parse_eqapo` on every `*ParametricEQ.txt` under `folder`, as JSON
    /// {relative path: [preamp, [[type, fc, gain, q]...], [unsupported lines]]}. Its parser needs no
    /// numpy; a stand-in module lets score.py import where numpy is not installed.
    static let snippet = """
        import importlib.util, json, os, sys, types
        try:
            import numpy
        except ImportError:
            sys.modules['numpy'] = types.ModuleType('numpy')
        spec = importlib.util.spec_from_file_location('score', sys.argv[1])
        score = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(score)
        out = {}
        for root, _, files in os.walk(sys.argv[2]):
            for name in files:
                if name.endswith('ParametricEQ.txt'):
                    path = os.path.join(root, name)
                    preamp, filters, unsupported = score.parse_eqapo(path)
                    out[os.path.relpath(path, sys.argv[2])] = [preamp, [list(f) for f in filters], unsupported]
        json.dump(out, sys.stdout)
        """

    @Test(.enabled(if: available, "../shared (data and tools/eqscore) is absent: the score.py agreement test is skipped"))
    func writerAndReaderAgreeWithScorePyOnEveryBatchFile() throws {
        let folder = try TemporaryFolder()
        let batch = try CLIRunner.run(["batch", Self.shared.appendingPathComponent("data/measurements").path, "-o", folder.path("eq")])
        #expect(batch.status == 0, "\(batch.standardError)")
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", Self.snippet, Self.scorer.path, folder.path("eq")]
        let output = folder.url.appendingPathComponent("parsed.json")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        python.standardOutput = handle
        try python.run()
        python.waitUntilExit()
        try handle.close()
        #expect(python.terminationStatus == 0)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: [Any]])
        #expect(parsed.count >= 100, "only \(parsed.count) files")
        for (relative, value) in parsed.sorted(by: { $0.key < $1.key }) {
            let path = folder.path("eq/\(relative)")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let ours = try EqualizerAPO.parse(text, path: path)
            // The writer gives the file back from what the reader read.
            #expect(EqualizerAPO.render(ours) == text, "\(relative)")
            #expect((value[2] as? [Any])?.isEmpty == true, "\(relative): score.py did not read \(value[2])")
            #expect(ours.count == 1, "\(relative)")
            #expect(ours.reduce(0) { $0 + $1.preampDB } == value[0] as? Double, "\(relative): preamp")
            let theirs = (value[1] as? [[Any]] ?? []).map { "\($0[0]) \($0[1]) \($0[2]) \($0[3])" }
            let mine = ours.flatMap(\.filters).map { "\($0.kind) \($0.frequencyHz) \($0.gainDB) \($0.q)" }
            #expect(mine == theirs, "\(relative): filters")
        }
    }
}
