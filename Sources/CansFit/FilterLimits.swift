import Foundation

/// What one filter of an EQ may be: its allowed types and the ranges of its parameters.
///
/// A range with equal ends fixes that parameter (a graphic EQ fixes frequency and Q). When more
/// than one type is allowed, the optimiser chooses (by trying each at the first guess).
public struct FilterSlot: Sendable, Equatable, Codable {
    public var types: [FilterType]
    /// Centre frequency range in Hz.
    public var frequencyHz: ClosedRange<Double>
    /// Q range.
    public var q: ClosedRange<Double>
    /// Gain range in dB; must include 0 dB (an unused filter is a 0 dB one).
    public var gainDB: ClosedRange<Double>

    /// - Throws: `FitError.invalidParameter` / `.unsatisfiableLimits` for empty type lists,
    ///   non-positive frequencies or Q, or a gain range that excludes 0 dB.
    public init(types: [FilterType], frequencyHz: ClosedRange<Double>, q: ClosedRange<Double>, gainDB: ClosedRange<Double>) throws(FitError) {
        guard !types.isEmpty else { throw .unsatisfiableLimits("a filter needs at least one allowed type (PK, LSC, HSC or ANY)") }
        guard frequencyHz.lowerBound > 0, frequencyHz.upperBound.isFinite else {
            throw .invalidParameter(what: "frequency range lower end (Hz)", value: frequencyHz.lowerBound, rule: "it must be above 0")
        }
        guard q.lowerBound > 0, q.upperBound.isFinite, q.upperBound <= 100 else {
            throw .invalidParameter(what: "Q range lower end", value: q.lowerBound, rule: "Q must be above 0 and at most 100")
        }
        guard gainDB.lowerBound.isFinite, gainDB.upperBound.isFinite, gainDB.contains(0) else {
            throw .unsatisfiableLimits("gain range \(gainDB.lowerBound)...\(gainDB.upperBound) dB must include 0 dB")
        }
        self.types = types
        self.frequencyHz = frequencyHz
        self.q = q
        self.gainDB = gainDB
    }
}

/// A named set of filter slots: what a device or a convention allows.
///
/// Built-in sets (`FilterLimits.builtIn`) and user files share one text format
/// (`FilterLimits.parse`): a readable table, one line per slot or group of slots.
public struct FilterLimits: Sendable, Equatable {
    public var name: String
    public var slots: [FilterSlot]

    public init(name: String, slots: [FilterSlot]) {
        self.name = name
        self.slots = slots
    }

    /// The first `count` slots (the `--filters N` option), or an error when the set has fewer.
    /// Sets whose every slot is alike (generic, Qudelix, Poweramp) grow to `count` by repeating
    /// their last slot up to the device maximum given in `maximumCount`.
    public func limited(to count: Int, maximumCount: Int? = nil) throws(FitError) -> FilterLimits {
        guard count >= 1 else {
            throw .usage("--filters \(count): at least 1 filter is needed (10 is usual)")
        }
        if count <= slots.count { return FilterLimits(name: name, slots: Array(slots.prefix(count))) }
        let allAlike = slots.allSatisfy { $0 == slots[0] }
        if allAlike, let last = slots.last, count <= (maximumCount ?? 64) {
            return FilterLimits(name: name, slots: slots + Array(repeating: last, count: count - slots.count))
        }
        throw .unsatisfiableLimits("the limit set \"\(name)\" has \(slots.count) filters; --filters \(count) asks for more")
    }
}
