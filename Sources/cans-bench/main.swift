// cans-bench: times the analysis chain in a release build. See Docs/benchmarks.md.
//
//   swift run -c release cans-bench [--repeat N] [--monitor]
//   swift run -c release cans-bench fit [--data ../shared/data] [--repeat N]   (FitBenchmark.swift)
//   swift run -c release cans-bench --reports DATA_DIR    (only the report plots of a data set)
//   swift run -c release cans-bench batch-memory [--files 1000,10000] [--jobs 2] [--data ../shared/data]
//   swift run -c release cans-bench limits      (a 10-million-row CSV and a 2 GB WAV, refused)
//   swift run -c release cans-bench monitor-latency [--seconds 30] [--prefill 1,2,3] [--buffer 4]
//       (`cans monitor` at period 256 on the benchmark's sound card; MonitorLatencyBenchmark.swift)
//   (batch-memory, limits and monitor-latency run the release `cans`: swift build -c release first)
//
// Every case prints the median, the fastest and the slowest of N runs (default 21) after one
// warm-up run. Inputs are made here, deterministically: a synchronized sweep at 48 kHz played
// through the simulated rig (a minimum-phase headphone, -80 dBFS noise, 2 ms latency), so the
// analysis does exactly the work it does on a real recording.
import CansAudio
import CansCore
import CansDSP
import CansFormats
import CansMeasure
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let repeats: Int = {
    if let index = arguments.firstIndex(of: "--repeat"), index + 1 < arguments.endIndex,
       let value = Int(arguments[index + 1]), value > 0 { return value }
    return 21
}()

@MainActor func measure(_ name: String, _ body: () throws -> Void) rethrows {
    try body()  // warm-up: plans, caches, page faults
    var times = [Double]()
    let clock = ContinuousClock()
    for _ in 0..<repeats {
        let elapsed = try clock.measure(body)
        times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
    }
    times.sort()
    let line = String(format: "%-58@ median %9.3f ms   min %9.3f   max %9.3f", name as NSString, times[times.count / 2], times[0], times[times.count - 1])
    print(line)
}

/// A sweep whose whole file (silences included) is `total` samples, and a recording of it of
/// exactly `total` samples.
func recordingCase(total: Int) throws -> (SweepParameters, [Double]) {
    let rate = 48_000.0
    let pre = 0.1, post = 0.15
    let sweepSamples = total - Int(pre * rate) - Int(post * rate)
    let sweep = try SweepParameters(sampleRate: rate, sweepSamples: sweepSamples, preSilenceSeconds: pre, postSilenceSeconds: post)
    let grid = LogFrequencyGrid.autoEq
    let headphone = try FrequencyResponse(
        frequenciesHz: grid,
        magnitudesDB: grid.map { 6 / (1 + pow($0 / 120, 2)) + 5 * exp(-pow(log2($0 / 3000) / 0.35, 2)) })
    var rig = SimulatedRig.headphone(left: headphone, sampleRate: rate, filterLength: 4096, latencySamples: 96, noiseDBFS: -80)
    let signal = ExponentialSweep.signal(sweep).map(Float.init)
    let playback = AudioBuffer(sampleRate: rate, channels: [signal, [Float](repeating: 0, count: signal.count)])
    let recording = try rig.playAndRecord(playback, captureFrameCount: total).channels[0].map(Double.init)
    return (sweep, recording)
}

if arguments.first == "batch-memory" {
    let data = arguments.firstIndex(of: "--data").flatMap { $0 + 1 < arguments.endIndex ? arguments[$0 + 1] : nil } ?? "../shared/data"
    let counts = arguments.firstIndex(of: "--files").flatMap { $0 + 1 < arguments.endIndex ? arguments[$0 + 1] : nil }
        .map { $0.split(separator: ",").compactMap { Int($0) } } ?? [1_000, 10_000]
    let jobs = arguments.firstIndex(of: "--jobs").flatMap { $0 + 1 < arguments.endIndex ? Int(arguments[$0 + 1]) : nil } ?? 2
    try BatchMemoryBenchmark.run(dataDirectory: data, counts: counts, jobs: jobs)
    exit(0)
}
if arguments.first == "monitor-latency" {
    let seconds = arguments.firstIndex(of: "--seconds").flatMap { $0 + 1 < arguments.endIndex ? Int(arguments[$0 + 1]) : nil } ?? 30
    let prefills = arguments.firstIndex(of: "--prefill").flatMap { $0 + 1 < arguments.endIndex ? arguments[$0 + 1] : nil }
        .map { $0.split(separator: ",").compactMap { Int($0) } } ?? [1, 2, 3]
    let buffer = arguments.firstIndex(of: "--buffer").flatMap { $0 + 1 < arguments.endIndex ? Int(arguments[$0 + 1]) : nil } ?? 4
    try MonitorLatencyBenchmark.run(seconds: seconds, prefills: prefills, bufferPeriods: buffer)
    exit(0)
}
if arguments.first == "limits" {
    try LimitsBenchmark.run()
    exit(0)
}
if arguments.first == "fit" {
    let data = arguments.firstIndex(of: "--data").flatMap { $0 + 1 < arguments.endIndex ? arguments[$0 + 1] : nil } ?? "../shared/data"
    try FitBenchmark.run(dataDirectory: data, repeats: arguments.contains("--repeat") ? repeats : 5)
    exit(0)
}
if let index = arguments.firstIndex(of: "--reports"), index + 1 < arguments.endIndex {
    var times = [Double]()
    var last = (files: 0, seconds: 0.0, bytes: 0)
    for _ in 0..<max(3, repeats / 4) {
        last = try benchmarkReports(dataDirectory: arguments[index + 1])
        times.append(last.seconds)
    }
    times.sort()
    print(String(format: "reports (band summary, 3 SVG plots, HTML) of %d fitted responses: median %.3f s (min %.3f, max %.3f), %.1f MB of HTML",
                 last.files, times[times.count / 2], times[0], times[times.count - 1], Double(last.bytes) / 1e6))
    exit(0)
}

print("cans-bench: \(repeats) runs per case; \(ProcessInfo.processInfo.activeProcessorCount) cores")
// `--monitor`: only the monitor engine's cases.
if arguments.contains("--monitor") {
    try benchmarkMonitorGraph(repeats: repeats)
    exit(0)
}
for exponent in [18, 20] {
    let total = 1 << exponent
    let (sweep, recording) = try recordingCase(total: total)
    measure("sweep generation, 2^\(exponent) samples") { _ = ExponentialSweep.signal(sweep) }
    let analyzer = SweepAnalyzer(sweep: sweep)
    try measure("analysis of a 2^\(exponent)-sample recording (analyzer reused)") { _ = try analyzer.analyse(recording) }
    // What `cans analyze` does once per run: the reference comes from the sweep's WAV, so the
    // inverse spectrum is made from scratch (FFT plans stay cached for the process).
    let reference = ExponentialSweep.signal(sweep)
    try measure("analysis of a 2^\(exponent)-sample recording (first, new analyzer)") {
        _ = try SweepAnalyzer(reference: reference, sampleRate: sweep.sampleRate, sweep: sweep).analyse(recording)
    }
}

// Smoothing and the AutoEq CSV on AutoEq's 695-point grid. One call is far below the clock's
// resolution, so each case times 1000 calls and prints the time of one.
let grid = LogFrequencyGrid.autoEq
var random = SeededRandom(seed: 12)
let measured = try FrequencyResponse(
    frequenciesHz: grid, magnitudesDB: grid.map { 6 * sin(log2($0) * 3) + random.nextGaussian() })
@MainActor func perCall(_ name: String, _ body: () throws -> Void) rethrows {
    try measure(name + " (x1000)") { for _ in 0..<1000 { try body() } }
}
try perCall("1/12-octave smoothing, AutoEq grid, power") { _ = try measured.smoothed(.fractionalOctave(12)) }
try perCall("1/12-octave smoothing, AutoEq grid, dB") { _ = try measured.smoothed(.fractionalOctave(12), averaging: .decibels) }
try perCall("variable smoothing, AutoEq grid") { _ = try measured.smoothed(.variable) }
try perCall("ERB smoothing, AutoEq grid") { _ = try measured.smoothed(.erb) }
let csv = AutoEqCSV.render(measured)
try perCall("AutoEq CSV parse, 695 rows") { _ = try AutoEqCSV.parse(csv, name: "bench.csv") }
perCall("AutoEq CSV render, 695 rows") { _ = AutoEqCSV.render(measured) }

// A whole session: 2 cups x 5 placements at 2^18 samples (plus the level check), everything
// but the audio itself: analysis, checks, WAV and CSV files, session.json after every take,
// averaging. On the simulated rig, the time in the rig is the simulation's and is taken out.
do {
    let sweep = try SweepParameters(sampleRate: 48_000, sweepSamples: 1 << 18)
    let cups = SessionPlan.stereoHeadphone(sweep: sweep, reseats: 5).cups
    let example = ExampleRig(sampleRate: 48_000, seed: 1)
    var processing = [Double]()
    var last = (total: 0.0, rig: 0.0, played: 0.0)
    for _ in 0..<max(3, repeats / 4) {
        last = try benchmarkSession(rig: example.rig(sweep: sweep, cups: cups), cups: cups) { seat, rig in
            example.reseat(seat, &rig)
        }
        processing.append(last.total - last.rig)
    }
    processing.sort()
    print(String(
        format: "session 2 cups x 5 seats, 2^18, simulated rig: processing median %.3f s (min %.3f, max %.3f);"
            + " audio that a sound card would play: %.1f s",
        processing[processing.count / 2], processing[0], processing[processing.count - 1], last.played))
}
