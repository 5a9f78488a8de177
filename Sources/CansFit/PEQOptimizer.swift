import CansCore
import Foundation

/// A fitted parametric EQ, as it will be written.
public struct EQFitResult: Sendable, Equatable {
    /// The filters, rounded to the written precision, in slot order.
    public let filters: [Biquad]
    /// Preamp in dB (<= 0): minus the realised cascade's largest gain, rounded down to 0.1 dB,
    /// minus the headroom asked for.
    public let preampDB: Double
    /// Largest gain of the realised (rounded) cascade over 20 Hz-20 kHz, dB.
    public let maxBoostDB: Double
    /// The level offset between equalised response and target the fit settled on, dB.
    public let offsetDB: Double
}

/// Fits up to N biquads to the error between a response and a target (no I/O, deterministic).
///
/// Method (after AutoEq's `peq.py`, see DOMAIN.md section 3, with Levenberg-Marquardt in place
/// of SLSQP): (1) a first guess filter by filter: for the error left so far, each free slot
/// proposes its allowed types (a peaking filter at the largest peak of the 3-point smoothed
/// error, Q from the peak's half-height width; a shelf at its usual corner with the gain that
/// levels the band beyond it), each proposal is refined alone for a few steps, and the best is
/// kept and refined a few steps more; (2) all filters refined together (`LevenbergMarquardt`)
/// on `FitProblem`'s rows: error up to 10 kHz, treble average, boost limit, steepness; (3)
/// values rounded as written, the boost limit enforced on the rounded cascade (gains shrunk in
/// 1% steps if rounding pushed it over), preamp from the rounded cascade.
public enum PEQOptimizer {
    /// Fits `limits.slots.count` filters so that response + EQ matches `target` (both in dB,
    /// any grids covering 20 Hz-20 kHz; outside their range the end values are held).
    /// - Parameter spreadDB: per-frequency spread of the response (re-seats), or nil; points
    ///   with a large spread count less: weight 1 / sqrt(1 + (spread / reference)^2).
    /// - Throws: `FitError` for invalid configuration or limits.
    public static func fit(response: FrequencyResponse, target: FrequencyResponse, spreadDB: FrequencyResponse? = nil,
                           limits: FilterLimits, configuration: FitConfiguration) throws(FitError) -> EQFitResult {
        let config = try configuration.validated()
        guard !limits.slots.isEmpty else { throw .unsatisfiableLimits("the limit set \"\(limits.name)\" has no filters") }
        let grid = LogFrequencyGrid.logarithmic(fromHz: 20, toHz: 20_000, pointsPerOctave: config.gridPointsPerOctave)
        let measured = response.resampled(toHz: grid).magnitudesDB
        let wanted = target.resampled(toHz: grid).magnitudesDB
        let error = zip(measured, wanted).map { $0 - $1 }
        var weights = [Double](repeating: 1, count: grid.count)
        if let spreadDB {
            let spread = spreadDB.resampled(toHz: grid).magnitudesDB
            weights = spread.map { 1 / (1 + ($0 / config.spreadReferenceDB) * ($0 / config.spreadReferenceDB)).squareRoot() }
        }
        return fit(gridHz: grid, errorDB: error, weights: weights, limits: limits, config: config)
    }

    static func fit(gridHz: [Double], errorDB: [Double], weights: [Double], limits: FilterLimits, config: FitConfiguration) -> EQFitResult {
        let fitCount = gridHz.firstIndex { $0 > config.trebleAverageAboveHz } ?? gridHz.count
        let phi = gridHz.map { BiquadCoefficients.phi(frequencyHz: $0, sampleRate: config.sampleRate) }
        func problem(base: [Double]) -> FitProblem {
            FitProblem(
                phi: phi, errorDB: errorDB, weights: weights, fitCount: fitCount, baseEQ: base,
                sampleRate: config.sampleRate, boostLimitDB: config.maxBoostDB - 0.05, boostWeight: 100,
                steepnessLimit: config.maxSteepnessDBPerOctave, steepnessWeight: 1)
        }
        // (1) First guess, filter by filter.
        var base = [Double](repeating: 0, count: gridHz.count)
        var chosen = [(slot: Int, state: FilterState)]()
        var offset = weightedMean(errorDB, weights, upTo: fitCount)
        let rankIterations = min(config.proposalIterations, config.firstGuessIterations)
        for _ in limits.slots.indices {
            let step = problem(base: base)
            var left = zip(errorDB, base).map { $0 + $1 - offset }
            // Above the treble edge only the average counts: the peak search sees just that.
            if fitCount < left.count {
                let trebleMean = left[fitCount...].reduce(0, +) / Double(left.count - fitCount)
                for k in fitCount..<left.count { left[k] = trebleMean }
            }
            let smoothed = smooth(left, halfWidth: max(1, Int(config.gridPointsPerOctave / 24)))
            var best: (cost: Double, slot: Int, state: FilterState, offset: Double)?
            var proposed = [FilterSlot]()
            for index in limits.slots.indices where !chosen.contains(where: { $0.slot == index }) {
                let slot = limits.slots[index]
                if proposed.contains(slot) { continue }
                proposed.append(slot)
                for type in slot.types {
                    var candidate = [firstGuess(type, slot: slot, gridHz: gridHz, left: smoothed, fitCount: fitCount, config: config)]
                    var candidateOffset = offset
                    let cost = LevenbergMarquardt.solve(step, filters: &candidate, offset: &candidateOffset, maxIterations: rankIterations)
                    if best == nil || cost < best!.cost {
                        best = (cost, index, candidate[0], candidateOffset)
                    }
                }
            }
            guard var best else { break }
            if rankIterations < config.firstGuessIterations {
                // The proposal kept gets the rest of its steps.
                var refined = [best.state]
                LevenbergMarquardt.solve(step, filters: &refined, offset: &best.offset, maxIterations: config.firstGuessIterations - rankIterations)
                best.state = refined[0]
            }
            chosen.append((best.slot, best.state))
            offset = best.offset
            let added = problem(base: base).evaluate([best.state], gradient: false).eq
            base = added
        }
        // (2) All together.
        chosen.sort { $0.slot < $1.slot }
        var states = chosen.map(\.state)
        let joint = problem(base: [Double](repeating: 0, count: gridHz.count))
        LevenbergMarquardt.solve(joint, filters: &states, offset: &offset, maxIterations: config.maxIterations, relativeTolerance: config.relativeTolerance)
        // (3) Rounded, boost-limited, preamp.
        var filters = states.map { $0.biquad.rounded(config.precision) }
        var boost = maxBoost(filters, sampleRate: config.sampleRate)
        if boost > config.maxBoostDB {
            // Rounding or the grid between fit points let the cascade exceed the limit: every
            // gain is scaled by the largest factor of 0.99, 0.98, ... 0.05 that keeps it within.
            // The boost grows with the factor, about in proportion: the search starts there.
            func scaled(_ percent: Int) -> [Biquad] {
                states.map { state in
                    var scaled = state
                    scaled.values[2] *= Double(percent) / 100
                    return scaled.biquad.rounded(config.precision)
                }
            }
            var percent = min(99, max(5, Int(100 * config.maxBoostDB / boost)))
            var lowFilters = scaled(percent), lowBoost = maxBoost(lowFilters, sampleRate: config.sampleRate)
            if lowBoost <= config.maxBoostDB {
                // Up while the next factor still keeps within.
                while percent < 99 {
                    let candidate = scaled(percent + 1)
                    let candidateBoost = maxBoost(candidate, sampleRate: config.sampleRate)
                    guard candidateBoost <= config.maxBoostDB else { break }
                    (percent, lowFilters, lowBoost) = (percent + 1, candidate, candidateBoost)
                }
            } else {
                // Down until within (at 5% the filters are kept whatever they do).
                while percent > 5, lowBoost > config.maxBoostDB {
                    percent -= 1
                    lowFilters = scaled(percent)
                    lowBoost = maxBoost(lowFilters, sampleRate: config.sampleRate)
                }
            }
            (filters, boost) = (lowFilters, lowBoost)
        }
        let preamp = -(max(boost, 0) * 10).rounded(.up) / 10 - config.headroomDB
        return EQFitResult(filters: filters, preampDB: preamp == 0 ? 0 : preamp, maxBoostDB: boost, offsetDB: offset)
    }

    /// The largest gain of a cascade over 20 Hz-20 kHz: the largest of 4000 log-spaced points
    /// (score.py's grid) and each filter's centre frequency (where a peak sits).
    ///
    /// The 4000 points are searched coarse to fine: every 4th point first, then every point
    /// within 4 of each coarse local maximum that comes within 2 dB of the coarse largest. A
    /// cascade of biquads with Q up to 100 cannot hide a peak 2 dB higher between two coarse
    /// points (0.01 octave apart) except at a filter's centre, which is checked exactly.
    public static func maxBoost(_ filters: [Biquad], sampleRate: Double) -> Double {
        guard !filters.isEmpty else { return 0 }
        // phi of the dense grid depends only on the sample rate: computed once per rate in use.
        let phis = sampleRate == 48_000 ? densePhi48k : denseGrid.map { BiquadCoefficients.phi(frequencyHz: $0, sampleRate: sampleRate) }
        let designs = filters.map {
            BiquadCoefficients(type: $0.type, frequencyHz: $0.frequencyHz, gainDB: $0.gainDB, q: $0.q, sampleRate: sampleRate)
        }
        func power(_ phi: Double) -> Double { BiquadCoefficients.cascadePower(designs, phi: phi) }
        let stride = 4
        let coarse = Swift.stride(from: 0, to: phis.count, by: stride).map { power(phis[$0]) }
        var largest = coarse.max() ?? 0
        let threshold = largest * 0.6309  // 2 dB below, in power
        for c in coarse.indices where coarse[c] >= threshold
            && (c == 0 || coarse[c] >= coarse[c - 1]) && (c == coarse.count - 1 || coarse[c] >= coarse[c + 1]) {
            for k in max(0, c * stride - stride)...min(phis.count - 1, c * stride + stride) { largest = max(largest, power(phis[k])) }
        }
        for filter in filters where filter.frequencyHz >= 20 && filter.frequencyHz <= 20_000 {
            largest = max(largest, power(BiquadCoefficients.phi(frequencyHz: filter.frequencyHz, sampleRate: sampleRate)))
        }
        return 10 * log10(largest)
    }

    /// score.py's dense grid for the largest boost: 4000 log-spaced points, 20 Hz-20 kHz.
    static let denseGrid: [Double] = (0..<4000).map { exp(log(20.0) + log(1000.0) * Double($0) / 3999) }
    /// `denseGrid` as phi at 48 kHz, the default rate.
    static let densePhi48k: [Double] = denseGrid.map { BiquadCoefficients.phi(frequencyHz: $0, sampleRate: 48_000) }

    static func firstGuess(_ type: FilterType, slot: FilterSlot, gridHz: [Double], left: [Double], fitCount: Int,
                           config: FitConfiguration) -> FilterState {
        let nyquist = config.sampleRate / 2
        switch type {
        case .peaking:
            var peak = -1
            for k in 0..<fitCount where slot.frequencyHz.contains(gridHz[k]) {
                if peak < 0 || abs(left[k]) > abs(left[peak]) { peak = k }
            }
            if peak < 0 { peak = gridHz.firstIndex { $0 >= slot.frequencyHz.lowerBound } ?? 0 }
            let height = left[peak]
            var low = peak, high = peak
            while low > 0, left[low - 1] * height > 0, abs(left[low - 1]) > abs(height) / 2 { low -= 1 }
            while high < gridHz.count - 1, left[high + 1] * height > 0, abs(left[high + 1]) > abs(height) / 2 { high += 1 }
            let octaves = max(log2(gridHz[high] / gridHz[low]), 2 / config.gridPointsPerOctave)
            let ratio = pow(2, octaves)
            let q = ratio.squareRoot() / (ratio - 1)
            return FilterState(type: type, slot: slot, frequencyHz: gridHz[peak], q: q, gainDB: -height, nyquistHz: nyquist)
        case .lowShelf, .highShelf:
            let corner = min(max(type == .lowShelf ? 105 : 10_000, slot.frequencyHz.lowerBound), slot.frequencyHz.upperBound)
            let band = gridHz.indices.filter { type == .lowShelf ? gridHz[$0] < corner : gridHz[$0] > corner }
            let level = band.isEmpty ? 0 : band.reduce(0) { $0 + left[$1] } / Double(band.count)
            return FilterState(type: type, slot: slot, frequencyHz: corner, q: 0.7, gainDB: -level, nyquistHz: nyquist)
        }
    }

    static func weightedMean(_ values: [Double], _ weights: [Double], upTo count: Int) -> Double {
        var sum = 0.0, total = 0.0
        for k in 0..<count {
            sum += weights[k] * values[k]
            total += weights[k]
        }
        return total > 0 ? sum / total : 0
    }

    /// Box average over 2 halfWidth + 1 points (the grid is log-spaced: a fractional octave).
    static func smooth(_ values: [Double], halfWidth: Int) -> [Double] {
        values.indices.map { k in
            let lo = max(0, k - halfWidth), hi = min(values.count - 1, k + halfWidth)
            return values[lo...hi].reduce(0, +) / Double(hi - lo + 1)
        }
    }
}
