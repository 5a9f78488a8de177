import CansCore
import CansFit
import CansFormats
import Foundation

/// `cans-bench fit [--data DIR] [--repeat N]`: the EQ fit alone, in one process on one thread, over
/// the development set (`DIR/measurements/<source>/<in-ear|over-ear>/*.csv`, Harman in-ear 2019 or
/// over-ear 2018 from `DIR/targets`, the autoeq limits, 10 filters, 48 kHz): time per headphone
/// (median of N passes) and the fit's own scores (the same formulas as eqscore's score.py), so a
/// change to the optimiser is judged on speed and quality at once. For trying other settings the
/// environment may override them: CANS_FIT_JOINT (joint steps), CANS_FIT_FIRST (steps for
/// the filter a first-guess round keeps), CANS_FIT_RANK (steps per proposal before they are
/// ranked), CANS_FIT_PPO (grid points per octave), CANS_FIT_TOL (tolerance), and CANS_FIT_ONLY
/// keeps the files whose path contains it.
enum FitBenchmark {
    struct Case {
        var name: String
        var response: FrequencyResponse
        var request: FitRequest
    }

    static func run(dataDirectory: String, repeats: Int) throws {
        let cases = try load(dataDirectory)
        guard !cases.isEmpty else {
            print("fit: no measurements under \(dataDirectory)/measurements (give --data pointing at the shared data folder)")
            return
        }
        var results = [ChannelFit]()
        var times = [Double]()
        // The fastest of the passes for each headphone: on a shared machine a pass is often
        // interrupted, and the sum of per-headphone minima is the steadiest figure.
        var fastest = [Double](repeating: .infinity, count: cases.count)
        let clock = ContinuousClock()
        func milliseconds(_ d: Duration) -> Double { Double(d.components.attoseconds) * 1e-15 + Double(d.components.seconds) * 1e3 }
        for pass in 0...repeats {
            var fitted = [ChannelFit]()
            var total = 0.0
            for (index, item) in cases.enumerated() {
                let elapsed = try clock.measure {
                    fitted += try HeadphoneFitter.fit([ChannelInput(name: nil, response: item.response)], request: item.request)
                }
                total += milliseconds(elapsed)
                if pass > 0 { fastest[index] = min(fastest[index], milliseconds(elapsed)) }
            }
            if pass > 0 { times.append(total) }
            results = fitted
        }
        times.sort()
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
        let inEar = zip(cases, results).filter { $0.0.request.model == .inEar }.map(\.1.after.preference.score)
        let overEar = zip(cases, results).filter { $0.0.request.model == .overEar }.map(\.1.after.preference.score)
        print(String(format: "fit: %d headphones, %d passes: median %.3f ms per headphone (min %.3f, max %.3f; fastest pass per headphone %.3f)",
                     cases.count, repeats, times[times.count / 2] / Double(cases.count), times[0] / Double(cases.count),
                     times[times.count - 1] / Double(cases.count), fastest.reduce(0, +) / Double(cases.count)))
        print(String(format: "fit: preference %.3f (in-ear %.3f, over-ear %.3f), RMS 20 Hz-10 kHz %.4f dB, 20 Hz-20 kHz %.4f dB, largest boost %.3f dB",
                     mean(results.map(\.after.preference.score)), mean(inEar), mean(overEar),
                     mean(results.map(\.after.rms20HzTo10kHzDB)), mean(results.map(\.after.rms20HzTo20kHzDB)),
                     results.map(\.maxBoostDB).max() ?? 0))
    }

    static func load(_ root: String) throws -> [Case] {
        let measurements = (root as NSString).appendingPathComponent("measurements")
        let targets = (root as NSString).appendingPathComponent("targets")
        guard let enumerator = FileManager.default.enumerator(atPath: measurements) else { return [] }
        var paths = [String]()
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".csv") { paths.append(path) }
        }
        paths.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        if let only = ProcessInfo.processInfo.environment["CANS_FIT_ONLY"] { paths = paths.filter { $0.contains(only) } }
        var requests = [PreferenceScore.Model: FitRequest]()
        for (model, file) in [(PreferenceScore.Model.inEar, "Harman in-ear 2019.csv"), (.overEar, "Harman over-ear 2018.csv")] {
            let response = try AutoEqCSV.read(path: (targets as NSString).appendingPathComponent(file))
            let target = try TargetCurve(name: file, source: file, response: response)
            var configuration = FitConfiguration()
            let environment = ProcessInfo.processInfo.environment
            if let value = environment["CANS_FIT_JOINT"].flatMap(Int.init) { configuration.maxIterations = value }
            if let value = environment["CANS_FIT_FIRST"].flatMap(Int.init) { configuration.firstGuessIterations = value }
            if let value = environment["CANS_FIT_RANK"].flatMap(Int.init) { configuration.proposalIterations = value }
            if let value = environment["CANS_FIT_PPO"].flatMap(Double.init) { configuration.gridPointsPerOctave = value }
            if let value = environment["CANS_FIT_TOL"].flatMap(Double.init) { configuration.relativeTolerance = value }
            requests[model] = FitRequest(target: target, limits: try FilterLimits.builtIn(named: "autoeq"), configuration: configuration, model: model)
        }
        return try paths.compactMap { path in
            let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
            let model: PreferenceScore.Model = folder == "in-ear" ? .inEar : .overEar
            let response = try ResponseReader.read(path: (measurements as NSString).appendingPathComponent(path)).response
            return Case(name: path, response: response, request: requests[model]!)
        }
    }
}
