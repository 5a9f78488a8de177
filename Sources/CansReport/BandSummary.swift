import CansCore
import Foundation

/// How a headphone departs from a target in each of the seven bands mixers listen in
/// (DOMAIN.md section 5: sub 20-100 Hz, bass 100-300, low mids 300-1k, mids 1-3k, upper mids
/// 3-5k, presence 5-10k, air 10-20k), in dB and in plain words.
///
/// The deviation of a band is the mean of (response - target) over the band on a log-frequency
/// grid (48 points per octave, so every octave counts the same, as the ear hears them), after
/// both are levelled to the same mean over 500 Hz-2 kHz (a level match on the midrange rather
/// than at one frequency, so one dip at 1 kHz does not shift every band).
public struct BandSummary: Sendable, Equatable {
    /// A listening band.
    public struct Band: Sendable, Equatable {
        public let name: String
        public let lowHz: Double
        public let highHz: Double
    }

    /// One band's numbers.
    public struct Entry: Sendable, Equatable {
        public let band: Band
        /// Mean deviation from the target, dB (positive: the headphone plays this band louder).
        public let deviationDB: Double
        /// The largest deviation inside the band, dB, and where.
        public let peakDB: Double
        public let peakHz: Double
    }

    public static let bands = [
        Band(name: "Sub", lowHz: 20, highHz: 100), Band(name: "Bass", lowHz: 100, highHz: 300),
        Band(name: "Low mids", lowHz: 300, highHz: 1_000), Band(name: "Mids", lowHz: 1_000, highHz: 3_000),
        Band(name: "Upper mids", lowHz: 3_000, highHz: 5_000), Band(name: "Presence", lowHz: 5_000, highHz: 10_000),
        Band(name: "Air", lowHz: 10_000, highHz: 20_000),
    ]

    /// The level-matching range, Hz.
    public static let referenceHz: ClosedRange<Double> = 500...2_000

    public let entries: [Entry]

    /// Compares `response` with `target` (both in dB, any frequency grids covering 20 Hz-20 kHz;
    /// outside their range the end values are held).
    public init(response: FrequencyResponse, target: FrequencyResponse) {
        let grid = LogFrequencyGrid.logarithmic(fromHz: 20, toHz: 20_000, pointsPerOctave: 48)
        let measured = response.resampled(toHz: grid).magnitudesDB
        let wanted = target.resampled(toHz: grid).magnitudesDB
        var error = zip(measured, wanted).map { $0 - $1 }
        let reference = grid.indices.filter { Self.referenceHz.contains(grid[$0]) }
        let offset = reference.reduce(0) { $0 + error[$1] } / Double(max(reference.count, 1))
        error = error.map { $0 - offset }
        entries = Self.bands.map { band in
            let inside = grid.indices.filter { grid[$0] >= band.lowHz && (grid[$0] < band.highHz || band.highHz >= 20_000) }
            let mean = inside.reduce(0) { $0 + error[$1] } / Double(max(inside.count, 1))
            let peak = inside.max { abs(error[$0]) < abs(error[$1]) } ?? 0
            return Entry(band: band, deviationDB: mean, peakDB: error[peak], peakHz: grid[peak])
        }
    }

    /// Deviations smaller than this (dB) are called "close to the target".
    public static let neutralDB = 1.0

    /// How strong a deviation is, in words.
    public static func strength(_ deviationDB: Double) -> String {
        switch abs(deviationDB) {
        case ..<neutralDB: return "close to the target"
        case ..<3: return "slightly"
        case ..<6: return "clearly"
        default: return "strongly"
        }
    }

    /// One sentence per band: the number with its sign, and what it tends to do to a mix.
    /// "Bass (100-300 Hz): +4.0 dB, clearly more than the target. ..."
    public func sentences() -> [String] { entries.map(Self.sentence) }

    public static func sentence(_ entry: Entry) -> String {
        let range = PlotScale.rangeLabel(lowHz: entry.band.lowHz, highHz: entry.band.highHz)
        let level = SVGNumber.signed(entry.deviationDB) + " dB"
        guard abs(entry.deviationDB) >= neutralDB else {
            return "\(entry.band.name) (\(range)): \(level), close to the target (within \(SVGNumber.format(neutralDB, decimals: 0)) dB)."
        }
        let direction = entry.deviationDB > 0 ? "more" : "less"
        let effect = MixEffects.effect(band: entry.band.name, louder: entry.deviationDB > 0)
        return "\(entry.band.name) (\(range)): \(level), \(strength(entry.deviationDB)) \(direction) than the target. \(effect)"
    }
}
