import CansFit
import Foundation

/// A cookbook shelf with any Q written for a PipeWire whose shelves ignore Q.
///
/// PipeWire up to 1.3.x computes `bq_lowshelf`/`bq_highshelf` with the cookbook slope S = 1,
/// which is Q = 1/sqrt(2), whatever "Q" the file gives (measured on 0.3.65: a low shelf written
/// with Q 2.0 misses the cookbook Q 2.0 shelf by 4.33 dB). The exporter therefore writes each
/// shelf whose Q is not 1/sqrt(2) as that S = 1 shelf followed by two peaking filters, which
/// together are the cookbook shelf exactly:
///
/// In the cookbook's analogue prototype (RBJ, "Cookbook formulae for audio EQ biquad filter
/// coefficients"), with s normalised to the shelf frequency, A = 10^(gain/40) and Q0 = 1/sqrt(2),
///
///     low shelf:  H_Q(s) / H_Q0(s) = [s^2 + (sqrt(A)/Q)s + A] / [s^2 + (sqrt(A)/Q0)s + A]
///                                  * [A s^2 + (sqrt(A)/Q0)s + 1] / [A s^2 + (sqrt(A)/Q)s + 1]
///
/// Each factor has its zeros and poles at one natural frequency (sqrt(A) and 1/sqrt(A)) with
/// qualities Q and Q0: that is the cookbook peaking filter at that frequency with gain
/// +-20 log10(Q0/Q) dB and Q = sqrt(Q Q0). The high shelf gives the same pair with the signs
/// swapped. The cookbook maps every section with the bilinear transform prewarped at its own
/// frequency, so placing the peaks at tan(pi fp / fs) = tan(pi f0 / fs) * sqrt(A)^(+-1) keeps the
/// identity exact for the digital filters at `sampleRate` too (checked in the tests to 1e-9 dB);
/// at another graph rate it holds to the bilinear warping of the analogue identity.
enum PipeWireShelf {
    /// The cookbook Q of slope S = 1, what PipeWire's shelves use before 1.3.81.
    static let fixedQ = 1 / 2.0.squareRoot()

    /// `shelf` as filters with the same response that PipeWire's Q-less shelves render exactly: the
    /// shelf itself when its Q is 1/sqrt(2) (to 4 decimals) or its gain is 0, otherwise the S = 1
    /// shelf and two peaking filters.
    /// - Precondition: `shelf` is a shelf and its frequency is below `sampleRate / 2`.
    /// - Throws: `PipeWireExportError` for a shelf so broad (Q below about 0.0007) that its
    ///   peaking pair would need more than 60 dB, beyond what a biquad is designed for.
    static func expanded(_ shelf: Biquad, sampleRate: Double) throws(PipeWireExportError) -> [Biquad] {
        precondition(shelf.type != .peaking, "invariant: only shelves are expanded")
        guard shelf.gainDB != 0, abs(shelf.q - fixedQ) >= 0.00005 else { return [shelf] }
        let rootA = pow(10, shelf.gainDB / 80)
        let warped = tan(Double.pi * shelf.frequencyHz / sampleRate)
        func frequency(_ factor: Double) -> Double { sampleRate / Double.pi * atan(warped * factor) }
        let peakGainDB = 20 * log10(fixedQ / shelf.q)
        let peakQ = (shelf.q * fixedQ).squareRoot()
        // Low shelf: +peakGain at sqrt(A), -peakGain at 1/sqrt(A); high shelf: the reverse.
        let sign: Double = shelf.type == .lowShelf ? 1 : -1
        // Frequencies in (0, fs/2) and Q > 0 by construction; the peaks' gain grows without bound
        // as Q goes to 0 (over 60 dB below Q 0.0007), which Biquad refuses.
        do {
            return [
                try Biquad(shelf.type, frequencyHz: shelf.frequencyHz, gainDB: shelf.gainDB, q: fixedQ),
                try Biquad(.peaking, frequencyHz: frequency(rootA), gainDB: sign * peakGainDB, q: peakQ),
                try Biquad(.peaking, frequencyHz: frequency(1 / rootA), gainDB: -sign * peakGainDB, q: peakQ),
            ]
        } catch {
            throw PipeWireExportError(
                problem: "the \(shelf.type) at \(shelf.frequencyHz) Hz with Q \(shelf.q) cannot be written for PipeWire before "
                    + "1.3.81, which ignores shelf Q: its rewrite as an S = 1 shelf and two peaking filters needs "
                    + String(format: "%.1f dB", abs(peakGainDB)) + " peaks, beyond 60 dB",
                hint: "give the shelf a Q of 0.001 or more, or export for a PipeWire that honours shelf Q (--pipewire-version 1.3.81)")
        }
    }
}
