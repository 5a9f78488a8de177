/// Settings of one fit. Defaults follow AutoEq's (max boost +6 dB, treble above 10 kHz on its
/// average, 48 kHz) except where the benchmark in Docs/benchmarks.md ("EQ fit") justified
/// another value.
public struct FitConfiguration: Sendable, Equatable {
    /// Sample rate the filters are designed for (the rate of playback), Hz.
    public var sampleRate: Double = 48_000
    /// Largest boost the whole EQ curve may have, dB (AutoEq's default +6).
    public var maxBoostDB: Double = 6
    /// Above this frequency only the average level of the error counts (AutoEq: 10 kHz).
    public var trebleAverageAboveHz: Double = 10_000
    /// Points per octave of the fitting grid (20 Hz to 20 kHz); 12 fits as well as 24 or 48 at a
    /// half or a quarter of the work (the scores and the boost limit are checked on finer grids;
    /// Docs/benchmarks.md, "EQ fit").
    public var gridPointsPerOctave: Double = 12
    /// Peaking filters steeper than this (dB/octave) are penalised (AutoEq penalises steep
    /// filters too; the figure is a fit to the benchmark).
    public var maxSteepnessDBPerOctave: Double = 40
    /// Levenberg-Marquardt steps for the final joint fit (50 steps with Nielsen's damping, 8 per
    /// proposal and a 1e-6 tolerance: preference 94.7 on the development set, against 95.0 for 60
    /// steps, 95.2 for 70, and 95.4 for 100 of the plain damping on a 24-point grid at about three
    /// times the work; Docs/benchmarks.md "EQ fit").
    public var maxIterations: Int = 50
    /// Levenberg-Marquardt steps for the filter each first-guess round keeps.
    public var firstGuessIterations: Int = 8
    /// Steps each proposal of a first-guess round gets before they are compared; the one kept
    /// then gets the rest of `firstGuessIterations`. Ranking after 3 steps rather than 8 does
    /// about 40 % less first-guess work and fits as well on the development set (preference
    /// 94.7 either way; Docs/benchmarks.md "EQ fit").
    public var proposalIterations: Int = 3
    /// The joint fit stops after two accepted steps that each improve the cost by less than this
    /// fraction.
    public var relativeTolerance: Double = 1e-6
    /// Spread (dB) at which a point's weight halves, when a per-frequency spread is given.
    public var spreadReferenceDB: Double = 1
    /// Extra headroom below the preamp that keeps the file from clipping, dB (>= 0).
    public var headroomDB: Double = 0
    /// Decimals written to files; the preamp is computed after rounding to them.
    public var precision: WrittenPrecision = .standard

    public init() {}

    /// - Throws: `FitError.invalidParameter` for a non-positive rate, a negative boost or
    ///   headroom, or a treble edge outside 1-20 kHz.
    public func validated() throws(FitError) -> FitConfiguration {
        guard sampleRate.isFinite, sampleRate >= 8_000, sampleRate <= 768_000 else {
            throw .invalidParameter(what: "--sample-rate (Hz)", value: sampleRate, rule: "it must be 8000 to 768000 (48000 is usual)")
        }
        guard maxBoostDB.isFinite, maxBoostDB >= 0, maxBoostDB <= 30 else {
            throw .invalidParameter(what: "--max-boost (dB)", value: maxBoostDB, rule: "it must be 0 to 30 (AutoEq uses 6)")
        }
        guard headroomDB.isFinite, headroomDB >= 0, headroomDB <= 30 else {
            throw .invalidParameter(what: "--headroom (dB)", value: headroomDB, rule: "it must be 0 to 30")
        }
        guard trebleAverageAboveHz >= 1_000, trebleAverageAboveHz <= 20_000 else {
            throw .invalidParameter(what: "treble edge (Hz)", value: trebleAverageAboveHz, rule: "it must be 1000 to 20000")
        }
        guard maxIterations >= 1, firstGuessIterations >= 1, proposalIterations >= 1, relativeTolerance >= 0, gridPointsPerOctave >= 3, gridPointsPerOctave <= 200 else {
            throw .invalidParameter(what: "iterations", value: Double(maxIterations), rule: "at least 1, grid 3-200 points per octave")
        }
        return self
    }
}
