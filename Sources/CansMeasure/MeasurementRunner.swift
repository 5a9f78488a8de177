import CansAudio
import CansCore
import CansDSP

/// One recording of the sweep: which cup, which placement, what was recorded and found.
public struct Take: Sendable {
    public let cup: SessionPlan.Cup
    /// Placement number, from 1.
    public let seat: Int
    /// The microphone channel as recorded (mono).
    public let recording: AudioBuffer
    public let analysis: SweepAnalysis
    /// Problems found; a take with problems is reported and left out of the averages.
    public let problems: [TakeProblem]

    /// "left-seat2": the file-name stem of this take's recording.
    public var stem: String { "\(cup.name)-seat\(seat)" }
}

/// Runs a session's takes on any rig (ALSA or simulated) and averages them.
public enum MeasurementRunner {
    /// Plays the sweep into every cup at every placement and analyses each recording.
    ///
    /// - Parameters:
    ///   - prepareSeat: called before each placement (1-based) with the rig: a real session asks
    ///     the user to re-seat the headphone, a simulation changes the simulated fit.
    ///   - progress: one line per take, for the terminal.
    public static func run<Rig: AudioRig>(
        _ plan: SessionPlan, rig: inout Rig, prepareSeat: (Int, inout Rig) throws -> Void = { _, _ in },
        progress: (String) -> Void = { _ in }
    ) throws -> [Take] {
        let signal = ExponentialSweep.signal(plan.sweep).map(Float.init)
        let silence = [Float](repeating: 0, count: signal.count)
        let captureFrames = signal.count + Int(plan.extraCaptureSeconds * plan.sweep.sampleRate)
        let analyzer = SweepAnalyzer(sweep: plan.sweep, options: plan.analysis)
        let total = plan.reseats * plan.cups.count
        var takes = [Take]()
        for seat in 1...plan.reseats {
            try prepareSeat(seat, &rig)
            for cup in plan.cups {
                var channels = Array(repeating: silence, count: rig.outputChannelCount)
                channels[cup.outputChannel] = signal
                let playback = AudioBuffer(sampleRate: plan.sweep.sampleRate, channels: channels)
                let recorded = try rig.playAndRecord(playback, captureFrameCount: captureFrames)
                let microphone = recorded.channels[cup.inputChannel]
                let analysis = try analyzer.analyse(microphone.map(Double.init))
                let source = "\(cup.name) cup, seat \(seat)"
                let take = Take(
                    cup: cup, seat: seat, recording: AudioBuffer(sampleRate: recorded.sampleRate, channels: [microphone]),
                    analysis: analysis, problems: TakeCheck.problems(analysis.levels, source: source))
                takes.append(take)
                progress("take \(takes.count) of \(total): \(source)" + (take.problems.isEmpty ? "" : " (rejected)"))
            }
        }
        return takes
    }
}
