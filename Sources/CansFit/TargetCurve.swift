import CansCore
import Foundation

/// A target response: what the equalised headphone should measure, 0 dB at 1 kHz.
///
/// Built-in targets come from `Targets/*.txt` (see `TargetCurve.parseDefinition`); any response
/// file (AutoEq CSV, REW, ...) read by the caller can be one too (`init(name:response:)`), and so
/// can another headphone's measurement (`--match`). Adjustments are applied on top
/// (`adjusted(_:sampleRate:)`).
public struct TargetCurve: Sendable, Equatable {
    /// A display name ("Harman over-ear 2018", a file name).
    public let name: String
    /// Where the curve comes from (a citation for built-ins, a path for files).
    public let source: String
    /// The curve, normalised to 0 dB at 1 kHz.
    public let response: FrequencyResponse

    /// A target from any response.
    /// - Throws: `FitError.insufficientCoverage` when it does not span 20 Hz-20 kHz (within the
    ///   2% AutoEq's grid leaves at the top: 19.96 kHz is accepted).
    public init(name: String, source: String, response: FrequencyResponse) throws(FitError) {
        let low = response.frequenciesHz[0], high = response.frequenciesHz[response.count - 1]
        guard response.count >= 2, low <= 20.5, high >= 19_500 else {
            throw .insufficientCoverage(what: "target \"\(name)\"", lowHz: low, highHz: high, neededLowHz: 20, neededHighHz: 20_000)
        }
        self.name = name
        self.source = source
        self.response = response.normalized()
    }

    /// Names the built-in targets answer to: their file names (`harman-over-ear-2018`).
    public static var builtInNames: [String] { builtInTexts.map(\.name) }

    /// A built-in target by file name or display name, case-insensitive, spaces or dashes
    /// ("Harman over-ear 2018", "harman-over-ear-2018").
    /// - Throws: `FitError.unknownName` listing the built-in names.
    public static func builtIn(named name: String) throws(FitError) -> TargetCurve {
        let key = name.lowercased().replacingOccurrences(of: " ", with: "-")
        guard let entry = builtInTexts.first(where: { $0.name == key }) else {
            throw .unknownName(kind: "target", name: name, known: builtInNames)
        }
        return try parseDefinition(entry.text, path: "Targets/\(entry.name).txt")
    }

    /// Parses a target definition: `name:` and `source:` lines, `#` comments, then
    /// `frequency_Hz level_dB` rows in increasing frequency, interpolated linearly against log
    /// frequency (`FrequencyResponse.magnitudeDB(atHz:)`).
    /// - Throws: `FitError.badDefinition` with every bad line listed.
    public static func parseDefinition(_ text: String, path: String) throws(FitError) -> TargetCurve {
        var name = (path as NSString).lastPathComponent, source = path
        var frequencies = [Double](), levels = [Double](), problems = [String]()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("name:") { name = line.dropFirst(5).trimmingCharacters(in: .whitespaces); continue }
            if line.hasPrefix("source:") { source = line.dropFirst(7).trimmingCharacters(in: .whitespaces); continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 2, let f = Double(fields[0]), let v = Double(fields[1]), f.isFinite, f > 0, v.isFinite else {
                problems.append("line \(index + 1): \"\(line)\" is not `frequency_Hz level_dB`")
                continue
            }
            if let last = frequencies.last, f <= last {
                problems.append("line \(index + 1): \(f) Hz does not increase (previous \(last) Hz)")
                continue
            }
            frequencies.append(f)
            levels.append(v)
        }
        if !problems.isEmpty {
            throw .badDefinition(path: path, line: nil, problem: problems.joined(separator: "; "), hint: "sort the rows by frequency")
        }
        guard frequencies.count >= 2 else {
            throw .badDefinition(path: path, line: nil, problem: "fewer than 2 points", hint: "add `frequency_Hz level_dB` rows from 20 to 20000 Hz")
        }
        let response = FrequencyResponse(validatedFrequenciesHz: frequencies, magnitudesDB: levels)
        return try TargetCurve(name: name, source: source, response: response)
    }

    /// The target on `gridHz` with the adjustments added.
    public func values(onGridHz gridHz: [Double], adjustments: TargetAdjustments, sampleRate: Double) -> [Double] {
        let base = response.resampled(toHz: gridHz).magnitudesDB
        let extra = adjustments.magnitudeDB(atHz: gridHz, sampleRate: sampleRate)
        return zip(base, extra).map { $0 + $1 }
    }
}

/// Changes to a target a listener may prefer: more or less bass and treble, a tilt.
public struct TargetAdjustments: Sendable, Equatable, Codable {
    /// Gain of a low shelf at 105 Hz, Q 0.7 (Harman's bass shelf), dB.
    public var bassDB: Double
    /// Gain of a high shelf at 10 kHz, Q 0.7, dB.
    public var trebleDB: Double
    /// Tilt in dB per octave, pivoting at 1 kHz (positive: brighter).
    public var tiltDBPerOctave: Double

    public static let none = TargetAdjustments(bassDB: 0, trebleDB: 0, tiltDBPerOctave: 0)

    /// - Throws: `FitError.invalidParameter` for non-finite values, shelves beyond +-20 dB or a
    ///   tilt beyond +-3 dB/octave.
    public init(bassDB: Double, trebleDB: Double, tiltDBPerOctave: Double) {
        self.bassDB = bassDB
        self.trebleDB = trebleDB
        self.tiltDBPerOctave = tiltDBPerOctave
    }

    public func validated() throws(FitError) -> TargetAdjustments {
        for (what, value, limit) in [("--bass (dB)", bassDB, 20.0), ("--treble (dB)", trebleDB, 20.0), ("--tilt (dB/octave)", tiltDBPerOctave, 3.0)]
        where !(value.isFinite && abs(value) <= limit) {
            throw .invalidParameter(what: what, value: value, rule: "it must be within -\(limit)...\(limit)")
        }
        return self
    }

    /// The adjustment curve in dB at each frequency, shelves designed at `sampleRate`.
    public func magnitudeDB(atHz gridHz: [Double], sampleRate: Double) -> [Double] {
        var filters = [Biquad]()
        if bassDB != 0 { filters.append(Biquad(unchecked: .lowShelf, frequencyHz: 105, gainDB: bassDB, q: 0.7)) }
        if trebleDB != 0 { filters.append(Biquad(unchecked: .highShelf, frequencyHz: 10_000, gainDB: trebleDB, q: 0.7)) }
        let shelves = filters.isEmpty ? Array(repeating: 0, count: gridHz.count) : filters.magnitudeDB(atHz: gridHz, sampleRate: sampleRate)
        return zip(gridHz, shelves).map { f, s in s + tiltDBPerOctave * log2(f / 1000) }
    }
}
