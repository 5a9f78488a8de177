import CansAudio
import CansCore
import CansDSP

/// One recording of the sweep: which cup, which placement, what was recorded and found.
public struct Take: Sendable {
    public let cup: SessionPlan.Cup
    /// Placement number, from 1.
    public let seat: Int
    /// 1 for the first try of this cup and seat, 2 for its first retry...
    public let attempt: Int
    /// The microphone channel as recorded (mono).
    public let recording: AudioBuffer
    public let analysis: SweepAnalysis
    /// Buffer over- and underruns during the take.
    public let xruns: Int
    /// Problems found; a take with problems is reported and never averaged in.
    public let problems: [TakeProblem]

    /// "left-seat2", "left-seat2-retry1": the file-name stem of this take's recording.
    public var stem: String { "\(cup.name)-seat\(seat)" + (attempt > 1 ? "-retry\(attempt - 1)" : "") }
}

/// Where a session is, for progress displays.
public struct SessionProgress: Sendable {
    /// The take about to be made or just made, from 1.
    public let takeNumber: Int
    public let takeCount: Int
    public let cup: String
    public let seat: Int
    public let attempt: Int
    /// The recorded peak of the take just made, dBFS (nil before it is made).
    public let peakDBFS: Double?
    /// Seconds of playing left, the current take included.
    public let secondsLeft: Double
}

/// Runs a session's takes on any rig (ALSA or simulated).
public enum MeasurementRunner {
    /// Plays the sweep into every cup at every placement and analyses each recording; retries a
    /// take spoiled by buffer xruns; stops at the first take that needs the user (clipping, no
    /// signal).
    ///
    /// - Parameters:
    ///   - prepareSeat: called before each placement (1-based) with the rig: a real session asks
    ///     the user to re-seat the headphone, a simulation changes the simulated fit.
    ///   - isCancelled: polled between takes; true stops the session with `.interrupted`.
    ///   - onTake: every take as soon as it is analysed, accepted or not (to store it).
    ///   - progress: before and after each take.
    /// - Throws: `SessionError.takeFailed`, `.interrupted`, or the rig's errors.
    public static func run<Rig: AudioRig>(
        _ plan: SessionPlan, rig: inout Rig, prepareSeat: (Int, inout Rig) throws -> Void = { _, _ in },
        isCancelled: () -> Bool = { false }, onTake: (Take) throws -> Void = { _ in },
        progress: (SessionProgress) -> Void = { _ in }
    ) throws -> [Take] {
        let signal = ExponentialSweep.signal(plan.sweep).map(Float.init)
        let captureFrames = signal.count + Int(plan.extraCaptureSeconds * plan.sweep.sampleRate)
        let analyzer = SweepAnalyzer(sweep: plan.sweep, options: plan.analysis)
        let takeSeconds = Double(captureFrames) / plan.sweep.sampleRate
        let total = plan.reseats * plan.cups.count
        var takes = [Take]()
        var done = 0
        for seat in 1...plan.reseats {
            if isCancelled() { throw SessionError.interrupted }
            try prepareSeat(seat, &rig)
            for cup in plan.cups {
                var attempt = 1
                while true {
                    if isCancelled() { throw SessionError.interrupted }
                    let secondsLeft = Double(total - done) * takeSeconds
                    progress(SessionProgress(
                        takeNumber: done + 1, takeCount: total, cup: cup.name, seat: seat, attempt: attempt,
                        peakDBFS: nil, secondsLeft: secondsLeft))
                    let take = try measure(
                        cup: cup, seat: seat, attempt: attempt, signal: signal, captureFrames: captureFrames,
                        rig: &rig, analyzer: analyzer)
                    takes.append(take)
                    try onTake(take)
                    progress(SessionProgress(
                        takeNumber: done + 1, takeCount: total, cup: cup.name, seat: seat, attempt: attempt,
                        peakDBFS: take.analysis.levels.peakDBFS, secondsLeft: secondsLeft - takeSeconds))
                    guard let problem = take.problems.first else { break }
                    guard problem.isTransient, attempt < plan.maximumAttempts else {
                        throw SessionError.takeFailed(problem)
                    }
                    attempt += 1
                }
                done += 1
            }
        }
        return takes
    }

    private static func measure<Rig: AudioRig>(
        cup: SessionPlan.Cup, seat: Int, attempt: Int, signal: [Float], captureFrames: Int, rig: inout Rig,
        analyzer: SweepAnalyzer
    ) throws -> Take {
        var channels = Array(repeating: [Float](repeating: 0, count: signal.count), count: rig.outputChannelCount)
        channels[cup.outputChannel] = signal
        let playback = AudioBuffer(sampleRate: analyzer.sampleRate, channels: channels)
        let recorded = try rig.playAndRecord(playback, captureFrameCount: captureFrames)
        let xruns = rig.lastXrunCount
        let microphone = recorded.channels[cup.inputChannel]
        let analysis = try analyzer.analyse(microphone.map(Double.init))
        let source = "\(cup.name) cup, seat \(seat)"
        // Xruns first: they are the cause of the gaps a level check would see.
        var problems = xruns > 0 ? [TakeProblem.xruns(source: source, count: xruns)] : []
        problems += TakeCheck.stuck(microphone, source: source).map { [$0] }
            ?? TakeCheck.problems(analysis.levels, source: source)
        return Take(
            cup: cup, seat: seat, attempt: attempt,
            recording: AudioBuffer(sampleRate: recorded.sampleRate, channels: [microphone]), analysis: analysis,
            xruns: xruns, problems: problems)
    }
}
