import CansCore
import CansFit
import CansFormats

/// A profile made ready for export: its EQ after the channel choice, the rate it is designed for,
/// and the name formats write. Every format renders from this one value, so they agree.
public struct ExportProfile: Sendable, Equatable {
    /// The profile document, with the channel choice and rate applied (what the `json` format writes).
    public var document: ProfileDocument
    /// One channel named "all" when every ear gets the same EQ, else "L" and "R" (in that order).
    public var eq: ProfileEQ
    /// A one-line name for the profile.
    public var name: String
    public var options: ExportOptions

    /// The rate the export is designed for, Hz.
    public var sampleRateHz: Double { eq.sampleRateHz }

    /// Prepares `document` (read from `path`) for export.
    /// - Throws: `FileFormatError` for a profile whose values are out of range (naming `path` and
    ///   the filter); `ExportError` for channels other than "all", "L" and "R", a channel choice
    ///   the profile cannot give, a rate that puts a filter at or above Nyquist, or a name that
    ///   is not one line.
    public init(_ document: ProfileDocument, path: String, options: ExportOptions = ExportOptions()) throws {
        var document = document
        if let rate = options.sampleRateHz {
            guard rate.isFinite, rate >= 8_000, rate <= 768_000 else {
                throw ExportError(problem: "--sample-rate \(rate) is not a sample rate",
                                  hint: "use a rate between 8000 and 768000 Hz, such as 44100, 48000 or 96000", isUsage: true)
            }
            document.sampleRateHz = rate
        }
        let names = document.channels.map(\.name)
        guard names == ["all"] || names == ["L", "R"] || names == ["R", "L"] || names == ["L"] || names == ["R"] else {
            let shown = names.map { "\"\($0)\"" }.joined(separator: ", ")
            throw ExportError(problem: "\(path): channels \(shown) are not one \"all\" channel or an \"L\" and an \"R\"",
                              hint: "write the profile again with `cans fit`")
        }
        document.channels = try Self.select(options.channels, from: document.channels, path: path)
        if document.channels.count == 2, document.channels[0].preampDB == document.channels[1].preampDB,
           document.channels[0].filters == document.channels[1].filters {
            // The same EQ on both ears is one EQ for every channel.
            document.channels = [document.channels[0]]
        }
        // A single EQ, whatever its name, is the EQ of every channel.
        if document.channels.count == 1 { document.channels[0].name = "all" }
        let eq = try Self.equalizer(document, path: path, rateGiven: options.sampleRateHz != nil)
        self.document = document
        self.eq = eq
        self.options = options
        self.name = try Self.name(options.name, document: document)
    }

    /// The EQ of `document`; a filter at or above Nyquist of a rate the user gave is a usage error.
    static func equalizer(_ document: ProfileDocument, path: String, rateGiven: Bool) throws -> ProfileEQ {
        let result = Result { () throws(FileFormatError) -> ProfileEQ in try ProfileEQ(document, path: path) }
        if case let .failure(error) = result, rateGiven, error.problem.contains("Nyquist") {
            throw ExportError(problem: "--sample-rate \(EqualizerAPO.fixed(document.sampleRateHz, 0)): \(error.problem)",
                              hint: "export at a higher rate, or fit again at this one", isUsage: true)
        }
        return try result.get()
    }

    /// The profile's channels after `selection`, L before R.
    static func select(_ selection: ExportOptions.ChannelSelection, from channels: [ProfileDocument.Channel],
                       path: String) throws -> [ProfileDocument.Channel] {
        let sorted = channels.sorted { $0.name < $1.name }
        func one(_ name: String) throws -> [ProfileDocument.Channel] {
            guard var channel = sorted.first(where: { $0.name == name || $0.name == "all" }) else {
                throw ExportError(problem: "--channels \(name): \(path) has no \(name) channel",
                                  hint: "it has \(sorted.map(\.name).joined(separator: " and "))", isUsage: true)
            }
            channel.name = "all"
            return [channel]
        }
        switch selection {
        case .asIs: return sorted
        case .left: return try one("L")
        case .right: return try one("R")
        case .swap:
            guard sorted.count == 2 else { return sorted }
            var left = sorted[1], right = sorted[0]
            left.name = "L"
            right.name = "R"
            return [left, right]
        }
    }

    /// The name to write: the option, else the measurement's file name without its extension (for
    /// a session's `response-left.csv`, the headphone's folder above the dated session folder).
    static func name(_ option: String?, document: ProfileDocument) throws -> String {
        if let option {
            guard !option.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw ExportError(problem: "--name \(option.debugDescription) has a control character (a new line or a tab)",
                                  hint: "a profile name is one line of text", isUsage: true)
            }
            return option
        }
        var parts = (document.measurement.first ?? "").split(separator: "/").map(String.init)
        var stem = parts.popLast() ?? ""
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = String(stem[..<dot]) }
        if ["response", "response-left", "response-right"].contains(stem) {
            // A session folder: Measurements/<headphone>/<date>/response-left.csv.
            if parts.last?.first?.isNumber == true { parts.removeLast() }
            stem = parts.last ?? stem
        }
        let oneLine = String(String.UnicodeScalarView(stem.unicodeScalars.map {
            $0.properties.generalCategory == .control ? " " : $0
        }))
        return oneLine.isEmpty ? "cans profile" : oneLine
    }

    /// The channels as a format writes them: filters rounded to `precision`, and a preamp that
    /// keeps the *rounded* cascade at or below 0 dB (the profile's preamp, lowered if rounding
    /// raised the peak, rounded down to `preampDecimals`). Headroom and balance in the profile stay.
    public func written(_ precision: WrittenPrecision, preampDecimals: Int) -> [ProfileEQ.Channel] {
        eq.channels.map { channel in
            let filters = channel.filters.map { $0.rounded(precision) }
            let boost = PEQOptimizer.maxBoost(filters, sampleRate: sampleRateHz)
            let preamp = Self.roundedDown(min(channel.preampDB, -max(boost, 0)), decimals: preampDecimals)
            return ProfileEQ.Channel(name: channel.name, preampDB: preamp, filters: filters)
        }
    }

    /// `value` rounded towards minus infinity at `decimals` (a preamp may only get safer), never -0.
    static func roundedDown(_ value: Double, decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        // A hair of tolerance so -5.1 (stored as -5.0999...) stays -5.1 rather than -5.2.
        let result = (value * scale + 1e-7).rounded(.down) / scale
        return result == 0 ? 0 : result
    }
}

/// Precisions the formats use.
extension WrittenPrecision {
    /// Engines that take any number (CamillaDSP, EasyEffects, sox): two decimals for frequency and
    /// gain, three for Q, so a profile's values are written exactly.
    public static let fine = WrittenPrecision(frequencyDecimals: 2, gainDecimals: 2, qDecimals: 3)
}
