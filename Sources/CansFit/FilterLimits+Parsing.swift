import Foundation

extension FilterLimits {
    /// Parses a limit set. The format, one item per line (`#` starts a comment):
    ///
    ///     name: AutoEq-compatible
    ///     # type   frequency Hz   Q           gain dB     [count]
    ///     LSC      105            0.4-0.7     -20-20
    ///     HSC      10000          0.4-0.7     -20-20
    ///     PK       20-10000       0.18-6      -20-20      x8
    ///
    /// A type is `PK`, `LSC`, `HSC`, a `/`-separated list (`PK/LSC`) or `ANY`; a range is `lo-hi`
    /// or one number (fixed); a negative lower end is written as is (`-12-12`). `xN` repeats
    /// the line N times. Every bad line is reported, with its number.
    /// - Throws: `FitError.badDefinition` naming `path` and the line.
    public static func parse(_ text: String, path: String) throws(FitError) -> FilterLimits {
        var name = (path as NSString).lastPathComponent
        var slots = [FilterSlot]()
        var problems = [String]()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            if line.isEmpty { continue }
            if line.lowercased().hasPrefix("name:") {
                name = String(line.dropFirst(5)).trimmingCharacters(in: .whitespaces)
                continue
            }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            do throws(FitError) {
                guard fields.count == 4 || fields.count == 5 else {
                    throw .usage("expected `TYPE FREQUENCY Q GAIN [xN]`, got \(fields.count) fields")
                }
                let types = try parseTypes(fields[0])
                let slot = try FilterSlot(
                    types: types, frequencyHz: try parseRange(fields[1], what: "frequency"),
                    q: try parseRange(fields[2], what: "Q"), gainDB: try parseRange(fields[3], what: "gain"))
                var repeats = 1
                if fields.count == 5 {
                    guard fields[4].hasPrefix("x"), let n = Int(fields[4].dropFirst()), (1...64).contains(n) else {
                        throw .usage("repeat count \"\(fields[4])\" must look like x8 (1 to 64)")
                    }
                    repeats = n
                }
                slots += Array(repeating: slot, count: repeats)
            } catch {
                problems.append("line \(index + 1): \(error)")
            }
        }
        if !problems.isEmpty {
            throw .badDefinition(path: path, line: nil, problem: problems.joined(separator: "; "),
                                 hint: "lines read `TYPE FREQUENCY Q GAIN [xN]`, e.g. `PK 20-10000 0.18-6 -20-20 x8`")
        }
        guard !slots.isEmpty else {
            throw .badDefinition(path: path, line: nil, problem: "no filter lines", hint: "add lines like `PK 20-10000 0.18-6 -20-20 x10`")
        }
        return FilterLimits(name: name, slots: slots)
    }

    static func parseTypes(_ text: String) throws(FitError) -> [FilterType] {
        if text.uppercased() == "ANY" { return [.peaking, .lowShelf, .highShelf] }
        var types = [FilterType]()
        for part in text.split(separator: "/") {
            guard let type = FilterType(rawValue: part.uppercased()) else {
                throw .usage("unknown filter type \"\(part)\" (PK, LSC, HSC or ANY)")
            }
            types.append(type)
        }
        return types
    }

    /// `a-b` or `a`, where a leading `-` belongs to the first number.
    static func parseRange(_ text: String, what: String) throws(FitError) -> ClosedRange<Double> {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let sign: Double = text.hasPrefix("-") ? -1 : 1
        guard let first = Double(parts[0]).map({ $0 * sign }), first.isFinite else {
            throw .usage("\(what) \"\(text)\" is not a number or a range like 20-10000")
        }
        var last = first
        if parts.count == 2 {
            guard let value = Double(parts[1]), value.isFinite else {
                throw .usage("\(what) \"\(text)\" is not a number or a range like 20-10000")
            }
            last = value
        }
        guard first <= last else { throw .usage("\(what) range \"\(text)\" goes backwards; write low-high") }
        return first...last
    }
}
