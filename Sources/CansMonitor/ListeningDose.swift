import Foundation

/// Safe listening after WHO-ITU H.870 (2022), "Guidelines for safe listening devices/systems":
/// the weekly reference exposure for adults is 1.6 Pa^2 h, which is 80 dB(A) for 40 hours a
/// week; with its equal-energy rule (3 dB more halves the time), 83 dB(A) allows 20 h, 86 dB(A)
/// 10 h.
///
/// Levels are A-weighted (IEC 61672-1: poles at 20.6, 107.7, 737.9 and 12194 Hz) and need a
/// calibrated sensitivity: the SPL a full-scale sine produces at the ear, which only a
/// measurement with a calibrated microphone (or coupler) gives. Without it, levels stay in dBFS.
public struct ListeningDose: Sendable, Equatable {
    /// Reference exposure of a week, Pa^2 h.
    public static let weeklyReferencePa2h = 1.6
    /// Reference level, dB(A), and hours per week at it.
    public static let referenceDBA = 80.0
    public static let referenceHours = 40.0

    /// SPL of a full-scale sine at the ear, dB.
    public let splAtFullScaleDB: Double
    /// Exposure so far, Pa^2 h.
    public private(set) var exposurePa2h = 0.0

    public init(splAtFullScaleDB: Double) { self.splAtFullScaleDB = splAtFullScaleDB }

    /// The SPL, dB(A), of a level in dBFS (re a full-scale sine, AES17) measured A-weighted.
    public func splDBA(levelDBFS: Double) -> Double { levelDBFS + splAtFullScaleDB }

    /// Adds `seconds` of listening at `splDBA`.
    public mutating func add(splDBA: Double, seconds: Double) {
        let pressure2 = 4e-10 * pow(10, splDBA / 10)  // (20 uPa)^2 10^(L/10), Pa^2
        exposurePa2h += pressure2 * seconds / 3600
    }

    /// The part of the weekly reference used, 1 = all of it.
    public var fractionOfWeek: Double { exposurePa2h / Self.weeklyReferencePa2h }

    /// Hours a week `splDBA` can be listened to within the reference (equal energy, 3 dB).
    public static func hoursPerWeek(atDBA splDBA: Double) -> Double {
        referenceHours * pow(10, (referenceDBA - splDBA) / 10)
    }

    /// The A-weighting filter at `sampleRate` (the analogue poles by the bilinear transform,
    /// each corner pre-warped; 0 dB at 1 kHz).
    public static func aWeighting(sampleRate: Double) -> [SectionCoefficients] {
        var sections: [SectionCoefficients] = [
            .highPass1(frequencyHz: 20.598997, sampleRate: sampleRate), .highPass1(frequencyHz: 20.598997, sampleRate: sampleRate),
            .highPass1(frequencyHz: 107.65265, sampleRate: sampleRate), .highPass1(frequencyHz: 737.86223, sampleRate: sampleRate),
        ]
        if 12194.217 < 0.45 * sampleRate {
            sections += [.lowPass1(frequencyHz: 12194.217, sampleRate: sampleRate), .lowPass1(frequencyHz: 12194.217, sampleRate: sampleRate)]
        }
        let atOneKilohertz = sections.magnitudeDB(atHz: 1_000, sampleRate: sampleRate)
        sections[0] = sections[0].scaled(by: pow(10, -atOneKilohertz / 20))
        return sections
    }
}
