import CansAudio
import CansMonitor
import Foundation

/// One period of `cans monitor`: script commands and keys, the input (capture or the looping
/// file), the graph, the output, the level and the dose. Everything is allocated in `init`; a
/// period allocates nothing and takes no lock (the status goes out through atomics).
struct MonitorSession {
    private(set) var graph: MonitorGraph
    private let source: [StereoFrame]?
    private var sourcePosition = 0
    private let commands: [(frame: Int, command: MonitorCommand)]
    private var nextCommand = 0
    private var framesDone = 0
    private var frames: [StereoFrame]
    private var weighted: [StereoFrame]
    private var aWeighting: StereoCascade
    private var doses: [ListeningDose?]

    init(graph: MonitorGraph, source: [StereoFrame]?, commands: [(frame: Int, command: MonitorCommand)]) {
        self.graph = graph
        self.source = source
        self.commands = commands.sorted { $0.frame < $1.frame }
        frames = Array(repeating: .zero, count: graph.maximumFrames)
        weighted = frames.map { $0 }
        aWeighting = StereoCascade(both: ListeningDose.aWeighting(sampleRate: graph.sampleRate))
        doses = graph.profiles.map { $0.splAtFullScaleDB.map(ListeningDose.init) }
    }

    /// Processes one period; false to stop (quit by key or script).
    mutating func period(input: UnsafeBufferPointer<Float>, output: UnsafeMutableBufferPointer<Float>,
                         keys: TerminalKeys, status: MonitorStatus, xruns: Int) -> Bool {
        let count = output.count / 2
        while nextCommand < commands.count, commands[nextCommand].frame <= framesDone {
            let command = commands[nextCommand].command
            nextCommand += 1
            if command == .quit { return false }
            graph.apply(command)
        }
        while let key = keys.nextKey() {
            guard let command = MonitorCommand(keyCode: key) else { continue }
            if command == .quit { return false }
            graph.apply(command)
        }
        // Taken out of self for the period (an empty array allocates nothing), so the closure
        // may change the rest of self.
        var storage = [StereoFrame]()
        swap(&storage, &frames)
        defer { swap(&storage, &frames) }
        storage.withUnsafeMutableBufferPointer { buffer in
            let block = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            if let source {
                for i in 0..<count {
                    block[i] = source[sourcePosition]
                    sourcePosition = sourcePosition + 1 == source.count ? 0 : sourcePosition + 1
                }
            } else {
                for i in 0..<count { block[i] = StereoFrame(Double(input[2 * i]), Double(input[2 * i + 1])) }
            }
            graph.process(block)
            for i in 0..<count {
                output[2 * i] = Float(block[i].x)
                output[2 * i + 1] = Float(block[i].y)
            }
            publishLevel(block, status: status)
        }
        framesDone += count
        status.noteReduction(graph.takeLimiterReductionDB())
        status.settings.store(MonitorStatus.pack(graph.settings), ordering: .relaxed)
        status.framesPlayed.store(framesDone, ordering: .relaxed)
        status.xruns.store(xruns, ordering: .relaxed)
        return true
    }

    /// Level of the period, dBFS re a full-scale sine (A-weighted when the profile is calibrated),
    /// and the dose it adds.
    private mutating func publishLevel(_ block: UnsafeMutableBufferPointer<StereoFrame>, status: MonitorStatus) {
        let index = graph.settings.profileIndex
        var sum = StereoFrame.zero
        if doses[index] != nil {
            weighted.withUnsafeMutableBufferPointer { buffer in
                let copy = UnsafeMutableBufferPointer(rebasing: buffer[0..<block.count])
                for i in block.indices { copy[i] = block[i] }
                aWeighting.process(copy)
                for x in copy { sum += x * x }
            }
        } else {
            for x in block { sum += x * x }
        }
        // The louder ear counts; 2 x mean square is the level re a full-scale sine.
        let meanSquare = max(sum.x, sum.y) / Double(max(1, block.count))
        let level = 10 * log10(max(2 * meanSquare, 1e-12))
        status.levelBits.store(level.bitPattern, ordering: .relaxed)
        if var dose = doses[index] {
            dose.add(splDBA: dose.splDBA(levelDBFS: level), seconds: Double(block.count) / graph.sampleRate)
            doses[index] = dose
            let total = doses.reduce(0.0) { $0 + ($1?.fractionOfWeek ?? 0) }
            status.doseBits.store(total.bitPattern, ordering: .relaxed)
        }
    }
}

/// Prints the status line from its own thread: on a terminal one line rewritten four times a
/// second, otherwise one line a second (for logs and tests); a summary at the end.
final class StatusPrinter: @unchecked Sendable {
    private let status: MonitorStatus
    private let profiles: [MonitorProfile]
    private let offsets: [Double]
    private let crossfeed: CrossfeedSettings
    private let ceilingDB: Double
    private let sampleRate: Double
    private let latencyFrames: Int
    private let queuedFrames: Int
    private let periodFrames: Int
    private let isTerminal: Bool
    private let stopped = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var largestReduction = 0.0

    init(status: MonitorStatus, profiles: [MonitorProfile], graph: MonitorGraph, stream: ALSAStream, isTerminal: Bool) {
        self.status = status
        self.profiles = profiles
        offsets = graph.levelOffsetsDB
        crossfeed = graph.crossfeed
        ceilingDB = graph.ceilingDB
        sampleRate = graph.sampleRate
        queuedFrames = stream.queuedLatencyFrames
        periodFrames = stream.periodFrames
        latencyFrames = stream.queuedLatencyFrames + graph.latencyFrames
        self.isTerminal = isTerminal
        status.settings.store(MonitorStatus.pack(graph.settings), ordering: .relaxed)
    }

    func start() {
        Terminal.note(String(format: "monitor: %.0f Hz, latency %d frames (%.1f ms: %d queued in the devices, %d limiter look-ahead)",
                             sampleRate, latencyFrames, Double(latencyFrames) / sampleRate * 1000, queuedFrames, latencyFrames - queuedFrames))
        Thread.detachNewThread { [self] in
            let interval = isTerminal ? 0.25 : 1.0
            while stopped.wait(timeout: .now() + interval) == .timedOut { show(final: false) }
            finished.signal()
        }
    }

    func stop(xruns: Int, realtime: Bool, measuredLatency: (largest: Int, mean: Double)?) {
        stopped.signal()
        finished.wait()
        show(final: true)
        let seconds = Double(status.framesPlayed.load(ordering: .relaxed)) / sampleRate
        let priority = realtime ? "realtime priority" : "normal priority (realtime not permitted: see the user guide)"
        Terminal.note(String(format: "monitor: played %.1f s, xruns %ld, limiter reduced by up to %.1f dB, ",
                             seconds, xruns, largestReduction == 0 ? 0 : -largestReduction) + priority)
        if let measuredLatency {
            Terminal.note(String(format: "monitor: input to output measured %.0f frames mean, %ld largest (%.2f periods), plus %ld limiter look-ahead",
                                 measuredLatency.mean, measuredLatency.largest, Double(measuredLatency.largest) / Double(periodFrames),
                                 latencyFrames - queuedFrames))
        }
    }

    private func show(final: Bool) {
        let settings = MonitorStatus.unpack(status.settings.load(ordering: .relaxed))
        let level = Double(bitPattern: status.levelBits.load(ordering: .relaxed))
        let reduction = status.takeReduction()
        largestReduction = min(largestReduction, reduction)
        let index = min(settings.profileIndex, profiles.count - 1)
        var parts = ["\(index + 1) \(profiles[index].name)" + (offsets[index] != 0 ? String(format: " %+.1f dB", offsets[index]) : "")]
        parts.append(settings.crossfeedOn ? "x \(crossfeed)" : "x off")
        parts.append(settings.band.map { "band \($0)" } ?? "all bands")
        if settings.mono { parts.append("mono") }
        parts.append(settings.preview.map { "preview \($0)" } ?? "no preview")
        if let spl = profiles[index].splAtFullScaleDB {
            let dba = level + spl
            let dose = Double(bitPattern: status.doseBits.load(ordering: .relaxed))
            var text = String(format: "%.1f dB(A), dose %.2f %% of the week", dba, dose * 100)
            if dba > ListeningDose.referenceDBA || dose >= 1 {
                text += String(format: " WARNING: above 80 dB(A) (%.1f h a week at this level)", ListeningDose.hoursPerWeek(atDBA: dba))
            }
            parts.append(text)
        } else {
            parts.append(String(format: "%.1f dBFS (SPL needs a calibrated measurement)", level))
        }
        parts.append(reduction < 0 ? String(format: "limiter %.1f dB", reduction) : "limiter idle")
        parts.append("xruns \(status.xruns.load(ordering: .relaxed))")
        let line = parts.joined(separator: " | ")
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line + (final ? "\n" : "")).utf8))
        } else {
            Terminal.note(line)
        }
    }
}
