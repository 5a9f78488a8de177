import CansCore
import Foundation

/// How left and right are fitted when a measurement has both.
public enum ChannelMode: String, Sendable, Codable, CaseIterable {
    /// Each channel gets its own EQ (and the levels are balanced by the preamps).
    case separate
    /// One EQ fitted to the channels' average, plus a per-channel level (balance) correction.
    case shared
}

/// One channel to fit: a response (dB), an optional per-frequency spread (re-seats).
public struct ChannelInput: Sendable {
    /// "L", "R", or nil for a single (already averaged) response.
    public var name: String?
    public var response: FrequencyResponse
    public var spreadDB: FrequencyResponse?

    public init(name: String?, response: FrequencyResponse, spreadDB: FrequencyResponse? = nil) {
        self.name = name
        self.response = response
        self.spreadDB = spreadDB
    }
}

/// RMS errors and the predicted preference of one error curve.
public struct FitScores: Sendable, Equatable, Codable {
    public let preference: PreferenceScore
    /// RMS after the best level alignment, 20 Hz-20 kHz, dB.
    public let rms20HzTo20kHzDB: Double
    /// The same, 20 Hz-10 kHz.
    public let rms20HzTo10kHzDB: Double

    public init(error: FrequencyResponse, model: PreferenceScore.Model) {
        preference = PreferenceScore(error: error, model: model)
        let onGrid = error.resampled(toHz: ErrorFigures.grid).magnitudesDB
        rms20HzTo20kHzDB = ErrorFigures.rms(onGrid: onGrid, fromHz: 20, toHz: 20_000)
        rms20HzTo10kHzDB = ErrorFigures.rms(onGrid: onGrid, fromHz: 20, toHz: 10_000)
    }
}

/// The EQ of one channel, ready to write.
public struct ChannelFit: Sendable {
    public let name: String?
    /// The filters as written (rounded; filters whose rounded gain is 0 dB are left out).
    public let filters: [Biquad]
    /// Preamp including the balance correction and headroom, dB (<= 0).
    public let preampDB: Double
    /// The level correction between channels included in the preamp, dB (<= 0).
    public let balanceDB: Double
    /// Largest gain of the realised cascade, dB.
    public let maxBoostDB: Double
    public let before: FitScores
    public let after: FitScores
}

/// What to fit against and within.
public struct FitRequest: Sendable {
    public var target: TargetCurve
    public var adjustments: TargetAdjustments
    public var limits: FilterLimits
    public var configuration: FitConfiguration
    public var channelMode: ChannelMode
    public var model: PreferenceScore.Model

    public init(target: TargetCurve, adjustments: TargetAdjustments = .none, limits: FilterLimits,
                configuration: FitConfiguration = FitConfiguration(), channelMode: ChannelMode = .separate,
                model: PreferenceScore.Model) {
        self.target = target
        self.adjustments = adjustments
        self.limits = limits
        self.configuration = configuration
        self.channelMode = channelMode
        self.model = model
    }
}

/// Fits a headphone's channels against a target (pure: values in, values out).
public enum HeadphoneFitter {
    /// - Throws: `FitError` for a response that does not cover 20 Hz-20 kHz closely enough
    ///   (it must reach 20.5 Hz and 19.5 kHz), bad adjustments, configuration or limits.
    public static func fit(_ channels: [ChannelInput], request: FitRequest) throws(FitError) -> [ChannelFit] {
        guard !channels.isEmpty else { throw .usage("no response to fit") }
        let config = try request.configuration.validated()
        let adjustments = try request.adjustments.validated()
        for channel in channels {
            let r = channel.response
            let low = r.frequenciesHz[0], high = r.frequenciesHz[r.count - 1]
            guard low <= 20.5, high >= 19_500 else {
                throw .insufficientCoverage(what: "response \(channel.name ?? "")".trimmingCharacters(in: .whitespaces),
                                            lowHz: low, highHz: high, neededLowHz: 20, neededHighHz: 20_000)
            }
        }
        let grid = LogFrequencyGrid.logarithmic(fromHz: 20, toHz: 20_000, pointsPerOctave: 96)
        let target = FrequencyResponse(
            validatedFrequenciesHz: grid,
            magnitudesDB: request.target.values(onGridHz: grid, adjustments: adjustments, sampleRate: config.sampleRate))
        var results = [(ChannelInput, EQFitResult)]()
        switch request.channelMode {
        case .separate:
            for channel in channels {
                let result = try PEQOptimizer.fit(response: channel.response, target: target, spreadDB: channel.spreadDB,
                                                  limits: request.limits, configuration: config)
                results.append((channel, result))
            }
        case .shared:
            let resampled = channels.map { $0.response.resampled(toHz: grid).magnitudesDB }
            let average = grid.indices.map { k in resampled.reduce(0) { $0 + $1[k] } / Double(resampled.count) }
            let mean = FrequencyResponse(validatedFrequenciesHz: grid, magnitudesDB: average)
            let shared = try PEQOptimizer.fit(response: mean, target: target, limits: request.limits, configuration: config)
            for (channel, values) in zip(channels, resampled) {
                // Each channel's level relative to the average over 100 Hz-10 kHz shifts its offset.
                let band = grid.indices.filter { grid[$0] >= 100 && grid[$0] <= 10_000 }
                let shift = band.reduce(0) { $0 + values[$1] - average[$1] } / Double(band.count)
                let result = EQFitResult(filters: shared.filters, preampDB: shared.preampDB, maxBoostDB: shared.maxBoostDB,
                                         offsetDB: shared.offsetDB + shift)
                results.append((channel, result))
            }
        }
        // Balance: the louder channel (larger offset) is turned down to the quieter one.
        let quietest = results.map(\.1.offsetDB).min() ?? 0
        return results.map { channel, result in
            let balance = channels.count > 1 ? -((result.offsetDB - quietest) * 10).rounded() / 10 : 0
            let filters = result.filters.filter { $0.gainDB != 0 }
            let eq = filters.isEmpty ? [Double](repeating: 0, count: grid.count) : filters.magnitudeDB(atHz: grid, sampleRate: config.sampleRate)
            let measured = channel.response.resampled(toHz: grid).magnitudesDB
            let before = zip(measured, target.magnitudesDB).map { $0 - $1 }
            let after = zip(before, eq).map { $0 + $1 }
            let preamp = result.preampDB + (balance == 0 ? 0 : balance)
            return ChannelFit(
                name: channel.name, filters: filters, preampDB: preamp == 0 ? 0 : preamp, balanceDB: balance == 0 ? 0 : balance,
                maxBoostDB: result.maxBoostDB,
                before: FitScores(error: FrequencyResponse(validatedFrequenciesHz: grid, magnitudesDB: before), model: request.model),
                after: FitScores(error: FrequencyResponse(validatedFrequenciesHz: grid, magnitudesDB: after), model: request.model))
        }
    }
}
