import CansMeasure

extension ProgressDisplay {
    /// A measurement session's progress: take n of N, the cup and seat, and the last take's peak
    /// as a level meter, with the session's own estimate of the time left.
    func show(_ progress: SessionProgress) {
        let retry = progress.attempt > 1 ? " (retry \(progress.attempt - 1))" : ""
        let meter = progress.peakDBFS.map { Self.meter(peakDBFS: $0) } ?? "playing..."
        let done = progress.peakDBFS == nil ? progress.takeNumber - 1 : progress.takeNumber
        update(done: done, total: progress.takeCount,
               detail: "take \(progress.takeNumber): \(progress.cup) cup, seat \(progress.seat)\(retry)  \(meter)",
               secondsLeft: progress.secondsLeft)
    }

    /// `[#########-----------] -18.2 dBFS`, 1 mark per 3 dB from -60 dBFS.
    static func meter(peakDBFS: Double) -> String {
        let marks = max(0, min(20, Int(((peakDBFS + 60) / 3).rounded())))
        return "[" + String(repeating: "#", count: marks) + String(repeating: "-", count: 20 - marks) + "]"
            + String(format: " %.1f dBFS", peakDBFS)
    }
}
