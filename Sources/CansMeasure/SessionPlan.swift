import CansDSP

/// What one measurement session measures: which sweep, which cups on which channels, how many
/// placements.
public struct SessionPlan: Sendable {
    /// One cup (or ear of a head simulator): the output that drives it and the input that hears it.
    public struct Cup: Sendable, Equatable, Codable {
        /// "left" or "right"; also the file-name stem of its outputs.
        public let name: String
        /// Output channel index, from 0.
        public let outputChannel: Int
        /// Input (microphone) channel index, from 0.
        public let inputChannel: Int

        public init(name: String, outputChannel: Int, inputChannel: Int) {
            self.name = name
            self.outputChannel = outputChannel
            self.inputChannel = inputChannel
        }
    }

    public let sweep: SweepParameters
    public let cups: [Cup]
    /// Placements per cup, at least 1.
    public let reseats: Int
    public let analysis: AnalysisOptions
    /// Extra capture after the played signal, for the rig's latency (0.5 s covers Bluetooth).
    public let extraCaptureSeconds: Double
    /// Tries per cup and seat when a take is spoiled by something that may pass (xruns).
    public let maximumAttempts: Int

    public init(
        sweep: SweepParameters, cups: [Cup], reseats: Int, analysis: AnalysisOptions = AnalysisOptions(),
        extraCaptureSeconds: Double = 0.5, maximumAttempts: Int = 3
    ) {
        precondition(reseats >= 1 && !cups.isEmpty, "invariant: validated by the caller")
        self.sweep = sweep
        self.cups = cups
        self.reseats = reseats
        self.analysis = analysis
        self.extraCaptureSeconds = extraCaptureSeconds
        self.maximumAttempts = max(1, maximumAttempts)
    }

    /// Left cup on output 0 heard by input 0, right cup on output 1 heard by input 1.
    public static func stereoHeadphone(sweep: SweepParameters, reseats: Int) -> SessionPlan {
        SessionPlan(
            sweep: sweep,
            cups: [Cup(name: "left", outputChannel: 0, inputChannel: 0), Cup(name: "right", outputChannel: 1, inputChannel: 1)],
            reseats: reseats)
    }
}
