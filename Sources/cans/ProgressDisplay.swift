import CansMeasure
import Foundation

/// Progress of a session on standard error: one rewritten line on a terminal (take n of N, the
/// last take's peak as a level meter, time left), one plain line per take otherwise.
struct ProgressDisplay {
    let isTerminal = isatty(STDERR_FILENO) != 0

    func show(_ progress: SessionProgress) {
        let retry = progress.attempt > 1 ? " (retry \(progress.attempt - 1))" : ""
        let what = "take \(progress.takeNumber) of \(progress.takeCount): \(progress.cup) cup, seat \(progress.seat)\(retry)"
        let left = String(format: "%d:%02d left", Int(progress.secondsLeft) / 60, Int(progress.secondsLeft) % 60)
        if isTerminal {
            let meter = progress.peakDBFS.map { Self.meter(peakDBFS: $0) } ?? "playing..."
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(what)  \(meter)  \(left)".utf8))
            if progress.peakDBFS != nil && progress.takeNumber == progress.takeCount {
                FileHandle.standardError.write(Data("\n".utf8))
            }
        } else if let peak = progress.peakDBFS {
            Terminal.note(String(format: "%@: peak %.1f dBFS, %@", what, peak, left))
        }
    }

    func endLine() {
        if isTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// `[#########-----------] -18.2 dBFS`, 1 mark per 3 dB from -60 dBFS.
    static func meter(peakDBFS: Double) -> String {
        let marks = max(0, min(20, Int(((peakDBFS + 60) / 3).rounded())))
        return "[" + String(repeating: "#", count: marks) + String(repeating: "-", count: 20 - marks) + "]"
            + String(format: " %.1f dBFS", peakDBFS)
    }
}
