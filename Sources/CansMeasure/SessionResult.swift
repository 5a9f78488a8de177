import CansCore
import CansDSP

/// The averaged responses of a session: per cup over its placements, and both cups together.
public struct SessionResult: Sendable {
    /// One cup's average.
    public struct Cup: Sendable {
        public let cup: SessionPlan.Cup
        /// The dB mean of the accepted placements (calibrations applied), with the spread.
        public let average: AveragedResponse
        /// Seats (from 1) whose bass differs from the others by more than 3 dB RMS.
        public let outlierSeats: [Int]
        /// Latencies of the accepted takes, in seat order, samples.
        public let latenciesSamples: [Int]
    }

    public let cups: [Cup]
    /// The mean of the cup averages (what AutoEq calls the response of a headphone).
    public let combined: FrequencyResponse

    /// Averages the accepted takes of every cup, after subtracting `calibration`.
    /// - Throws: `SessionError.noGoodTakes` naming a cup whose every take was rejected.
    public init(takes: [Take], plan: SessionPlan, calibration: CalibrationSet? = nil) throws {
        var cups = [Cup]()
        for cup in plan.cups {
            let good = takes.filter { $0.cup == cup && $0.problems.isEmpty }
            guard !good.isEmpty else {
                let reasons = takes.filter { $0.cup == cup }.flatMap(\.problems).map(\.description)
                throw SessionError.noGoodTakes(cup: cup.name, reasons: reasons)
            }
            let responses = good.map { calibration?.applied(to: $0.analysis.response) ?? $0.analysis.response }
            let average = try AveragedResponse(averaging: responses, method: .decibels)
            let outliers = responses.count >= 3
                ? try OutlierReport(responses: responses).flaggedIndices.map { good[$0].seat } : []
            cups.append(Cup(
                cup: cup, average: average, outlierSeats: outliers, latenciesSamples: good.map(\.analysis.latencySamples)))
        }
        self.cups = cups
        self.combined = try AveragedResponse(averaging: cups.map(\.average.response), method: .decibels).response
    }

    /// What a user should know: latency that moved between takes, placements that leaked.
    public var warnings: [String] {
        var warnings = [String]()
        for cup in cups {
            if let low = cup.latenciesSamples.min(), let high = cup.latenciesSamples.max(), high - low > 1 {
                warnings.append(
                    "\(cup.cup.name) cup: the latency moved by \(high - low) samples between takes (\(low)-\(high));"
                        + " the playback and capture clocks drift or the devices are not linked: use one interface"
                        + " for both, the responses are still aligned take by take")
            }
            for seat in cup.outlierSeats {
                warnings.append(
                    "\(cup.cup.name) cup, seat \(seat): the bass (20-200 Hz) differs from the other seats by more than"
                        + " 3 dB: a leak or a bad seal? measure again if it was not intended")
            }
        }
        return warnings
    }
}

/// Why a session stopped without a result.
public enum SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    case noGoodTakes(cup: String, reasons: [String])
    /// A take needs the user's action (clipping, no signal) or kept failing.
    case takeFailed(TakeProblem)
    /// Ctrl-C or SIGTERM.
    case interrupted

    public var description: String {
        switch self {
        case let .noGoodTakes(cup, reasons):
            return "every take of the \(cup) cup was rejected: " + reasons.joined(separator: "; ")
        case let .takeFailed(problem):
            return problem.description
        case .interrupted:
            return "interrupted"
        }
    }
}
