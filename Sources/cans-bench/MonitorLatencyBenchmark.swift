import CansFormats
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `cans monitor` from a capture device to a playback device at period 256, on the benchmark's
/// sound card (Sources/CansBenchCard: an ALSA plugin with snd-dummy's clock, built beside this
/// program): what the monitor reports as its latency (the playback queue when each period is
/// written, plus that period) and its xruns, for each prefill asked. Beside each run, a probe
/// thread at the monitor's realtime priority sleeps to every period boundary and records how
/// late it wakes: a wakeup later than the slack (prefill - 1 periods) is an xrun no program can
/// avoid on this machine.
///
///   swift build -c release --product cans && swift run -c release cans-bench monitor-latency [--seconds 30] [--prefill 1,2,3]
enum MonitorLatencyBenchmark {
    static let periodFrames = 256
    static let rate = 48_000

    static func run(seconds: Int, prefills: [Int], bufferPeriods: Int) throws {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let cans = folder.appendingPathComponent("cans").path
        let plugin = folder.appendingPathComponent("libasound_module_pcm_cansbench.so").path
        guard FileManager.default.isExecutableFile(atPath: cans), FileManager.default.fileExists(atPath: plugin) else {
            throw BenchError("monitor-latency needs the release `cans` and the card plugin beside cans-bench: swift build -c release first")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("cans-bench-latency-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        // ALSA's configuration reads $HOME/.asoundrc: the card as `benchcard`.
        try "pcm_type.cansbench { lib \"\(plugin)\" }\npcm.benchcard { type cansbench }\n"
            .write(to: work.appendingPathComponent(".asoundrc"), atomically: true, encoding: .utf8)
        let profile = work.appendingPathComponent("bench.profile.json").path
        try benchProfile().render().write(toFile: profile, atomically: true, encoding: .utf8)
        let script = work.appendingPathComponent("script.txt").path
        try "\(seconds) quit\n".write(toFile: script, atomically: true, encoding: .utf8)

        for prefill in prefills {
            let probe = WakeupProbe(periodNanoseconds: Int64(periodFrames) * 1_000_000_000 / Int64(rate), seconds: seconds)
            probe.start()
            let log = work.appendingPathComponent("monitor-\(prefill).txt").path
            let child = try ChildRun.run(
                cans, ["monitor", "--profile", profile, "--input", "benchcard", "--output", "benchcard", "--period", "\(periodFrames)",
                       "--buffer-periods", "\(bufferPeriods)", "--prefill-periods", "\(prefill)", "--script", script],
                outputPath: log, environment: ["HOME": work.path])
            let wakeups = probe.finish()
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            guard child.status == 0, let mean = number(after: "measured ", in: text), let largest = number(after: "frames mean, ", in: text),
                  let xruns = number(after: "xruns ", in: text) else {
                throw BenchError("cans monitor failed (status \(child.status)):\n\(text)")
            }
            let slackNanoseconds = Int64(prefill - 1) * Int64(periodFrames) * 1_000_000_000 / Int64(rate)
            let late = wakeups.filter { $0 > slackNanoseconds }.count
            print(String(format: "monitor latency, period %d, buffer %d, prefill %d, %d s: mean %.0f frames (%.2f periods), largest %.0f (%.2f periods), xruns %.0f; probe: %d of %d wakeups later than the slack of %.1f ms, worst %.1f ms, median %.2f ms",
                         periodFrames, bufferPeriods, prefill, seconds, mean, mean / Double(periodFrames), largest, largest / Double(periodFrames), xruns,
                         late, wakeups.count, Double(slackNanoseconds) / 1e6, Double(wakeups.max() ?? 0) / 1e6,
                         Double(wakeups.sorted()[wakeups.count / 2]) / 1e6))
        }
    }

    /// 10 filters on both ears, as the graph benchmark has them.
    static func benchProfile() -> ProfileDocument {
        let filters: [(String, Double, Double, Double)] = [
            ("LSC", 105, 5.5, 0.7), ("PK", 38, 2, 1.2), ("PK", 180, -2.5, 1.1), ("PK", 600, 1.5, 0.9), ("PK", 1_400, -1.8, 2),
            ("PK", 2_900, -3.1, 1.8), ("PK", 4_500, 2.4, 3), ("PK", 6_100, 4.2, 3.5), ("PK", 8_200, -3, 4), ("HSC", 10_000, -1.5, 0.7),
        ]
        let scores = ProfileDocument.Scores(preferenceModel: "none", preference: 0, standardDeviationDB: 0, slope: 0,
                                            meanAbsoluteErrorDB: nil, rms20HzTo20kHzDB: 0, rms20HzTo10kHzDB: 0)
        let channel = ProfileDocument.Channel(
            name: "all", preampDB: -6, balanceDB: 0, maxBoostDB: 5.5,
            filters: filters.map { ProfileDocument.Filter(type: $0.0, frequencyHz: $0.1, gainDB: $0.2, q: $0.3) },
            before: scores, after: scores)
        return ProfileDocument(cansVersion: "bench", sampleRateHz: Double(rate), channelMode: "linked", limits: "none", maxBoostDB: 6,
                               measurement: [], target: .init(name: "none", source: "bench", bassDB: 0, trebleDB: 0, tiltDBPerOctave: 0),
                               channels: [channel])
    }

    /// The number printed right after the last `marker`.
    static func number(after marker: String, in text: String) -> Double? {
        guard let range = text.range(of: marker, options: .backwards) else { return nil }
        return Double(text[range.upperBound...].prefix { $0.isNumber || $0 == "." })
    }
}

/// A thread that sleeps to every period boundary (clock_nanosleep to an absolute time, as a
/// period interrupt wakes an audio thread) at SCHED_FIFO 70 when allowed, and records how late
/// each wakeup is, nanoseconds.
final class WakeupProbe: @unchecked Sendable {
    private let periodNanoseconds: Int64
    private let count: Int
    private var lateness: [Int64] = []
    private let done = DispatchSemaphore(value: 0)

    init(periodNanoseconds: Int64, seconds: Int) {
        self.periodNanoseconds = periodNanoseconds
        count = Int(Int64(seconds) * 1_000_000_000 / periodNanoseconds)
        lateness.reserveCapacity(count)
    }

    func start() {
        Thread.detachNewThread { [self] in
            var parameters = sched_param()
            parameters.sched_priority = 70
            _ = pthread_setschedparam(pthread_self(), SCHED_FIFO, &parameters)
            var start = timespec()
            clock_gettime(CLOCK_MONOTONIC, &start)
            let origin = Int64(start.tv_sec) * 1_000_000_000 + Int64(start.tv_nsec)
            for k in 1...count {
                let due = origin + Int64(k) * periodNanoseconds
                var target = timespec(tv_sec: Int(due / 1_000_000_000), tv_nsec: Int(due % 1_000_000_000))
                while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, nil) == EINTR {}
                var now = timespec()
                clock_gettime(CLOCK_MONOTONIC, &now)
                lateness.append(Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - due)
            }
            done.signal()
        }
    }

    /// Waits for the probe's last period and returns the lateness of every wakeup.
    func finish() -> [Int64] {
        done.wait()
        return lateness
    }
}
