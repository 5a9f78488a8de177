import CansCore
import CansDSP

/// The averaged responses of a session: per cup over its placements, and both cups together.
public struct SessionResult: Sendable {
    public let takes: [Take]
    /// Per cup name, the dB mean of its good placements with the per-frequency spread.
    public let cups: [(name: String, average: AveragedResponse)]
    /// The mean of the cup averages (what AutoEq calls the response of a headphone).
    public let combined: FrequencyResponse

    /// Averages the takes that passed their checks.
    /// - Throws: `SessionError.noGoodTakes` naming a cup whose every take was rejected.
    public init(takes: [Take], plan: SessionPlan) throws {
        var cups = [(name: String, average: AveragedResponse)]()
        for cup in plan.cups {
            let good = takes.filter { $0.cup == cup && $0.problems.isEmpty }
            guard !good.isEmpty else {
                let reasons = takes.filter { $0.cup == cup }.flatMap(\.problems).map(\.description)
                throw SessionError.noGoodTakes(cup: cup.name, reasons: reasons)
            }
            cups.append((cup.name, try AveragedResponse(averaging: good.map(\.analysis.response), method: .decibels)))
        }
        self.takes = takes
        self.cups = cups
        self.combined = try AveragedResponse(averaging: cups.map(\.average.response), method: .decibels).response
    }
}

/// A session that produced nothing usable.
public enum SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    case noGoodTakes(cup: String, reasons: [String])

    public var description: String {
        switch self {
        case let .noGoodTakes(cup, reasons):
            return "every take of the \(cup) cup was rejected: " + reasons.joined(separator: "; ")
        }
    }
}
