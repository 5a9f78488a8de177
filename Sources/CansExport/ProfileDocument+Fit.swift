import CansFit
import CansFormats

extension ProfileDocument {
    /// The profile of a fit: its request (target, adjustments, limits, rate, channel mode) and
    /// per channel the filters, preamp, balance and the scores before and after.
    /// - Parameters:
    ///   - measurement: the files the fit read (paths as given).
    ///   - cansVersion: the program's version, written into the profile.
    public init(fits: [ChannelFit], request: FitRequest, measurement: [String], cansVersion: String) {
        self.init(
            cansVersion: cansVersion, sampleRateHz: request.configuration.sampleRate,
            channelMode: request.channelMode.rawValue, limits: request.limits.name,
            maxBoostDB: request.configuration.maxBoostDB, measurement: measurement,
            target: .init(name: request.target.name, source: request.target.source, bassDB: request.adjustments.bassDB,
                          trebleDB: request.adjustments.trebleDB, tiltDBPerOctave: request.adjustments.tiltDBPerOctave),
            channels: fits.map { fit in
                .init(name: fit.name ?? "all", preampDB: fit.preampDB, balanceDB: fit.balanceDB, maxBoostDB: fit.maxBoostDB,
                      filters: fit.filters.map { .init(type: $0.type.rawValue, frequencyHz: $0.frequencyHz, gainDB: $0.gainDB, q: $0.q) },
                      before: Scores(fit.before), after: Scores(fit.after))
            })
    }
}

extension ProfileDocument.Scores {
    /// The scores of one error curve as the profile stores them.
    public init(_ scores: FitScores) {
        self.init(preferenceModel: scores.preference.model.rawValue, preference: scores.preference.score,
                  standardDeviationDB: scores.preference.standardDeviationDB, slope: scores.preference.slope,
                  meanAbsoluteErrorDB: scores.preference.meanAbsoluteErrorDB, rms20HzTo20kHzDB: scores.rms20HzTo20kHzDB,
                  rms20HzTo10kHzDB: scores.rms20HzTo10kHzDB)
    }
}
