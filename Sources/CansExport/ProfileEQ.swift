import CansCore
import CansFit
import CansFormats

/// A profile's EQ as values every exporter and the monitor engine design from: per channel, the
/// preamp and the biquads exactly as the profile document holds them (the values as written, so
/// what an exported file does is what the profile says).
public struct ProfileEQ: Sendable, Equatable {
    /// One channel of the EQ.
    public struct Channel: Sendable, Equatable {
        /// "L", "R" or "all" (the same EQ on every channel).
        public var name: String
        /// Preamp in dB (<= 0 in a profile `cans fit` wrote; includes balance and headroom).
        public var preampDB: Double
        /// The filters in order.
        public var filters: [Biquad]

        public init(name: String, preampDB: Double, filters: [Biquad]) {
            self.name = name
            self.preampDB = preampDB
            self.filters = filters
        }

        /// Preamp plus the cascade's magnitude, dB, at each frequency for a design at `sampleRate` Hz.
        public func magnitudeDB(atHz frequenciesHz: [Double], sampleRate: Double) -> [Double] {
            guard !filters.isEmpty else { return frequenciesHz.map { _ in preampDB } }
            return filters.magnitudeDB(atHz: frequenciesHz, sampleRate: sampleRate).map { $0 + preampDB }
        }
    }

    /// The sample rate the profile was designed for, Hz.
    public var sampleRateHz: Double
    /// One channel named "all", or one per headphone channel ("L", "R").
    public var channels: [Channel]

    public init(sampleRateHz: Double, channels: [Channel]) {
        self.sampleRateHz = sampleRateHz
        self.channels = channels
    }

    /// True when every channel has the same preamp and filters (a mono EQ, whatever its names).
    public var isSameOnEveryChannel: Bool {
        channels.dropFirst().allSatisfy { $0.preampDB == channels[0].preampDB && $0.filters == channels[0].filters }
    }

    /// The EQ of a profile document.
    /// - Throws: `FileFormatError` naming `path` and the filter (`channels[1].filters[3]`) when a
    ///   filter type is unknown or a value is out of range, or when there is no channel.
    public init(_ document: ProfileDocument, path: String) throws(FileFormatError) {
        guard !document.channels.isEmpty else {
            throw FileFormatError(path: path, problem: "the profile has no channel", hint: "write it again with `cans fit`")
        }
        guard document.sampleRateHz.isFinite, document.sampleRateHz >= 8_000, document.sampleRateHz <= 768_000 else {
            throw FileFormatError(path: path, problem: "sampleRateHz \(document.sampleRateHz) is not a sample rate",
                                  hint: "use a rate between 8000 and 768000 Hz, such as 48000")
        }
        var channels = [Channel]()
        for (c, channel) in document.channels.enumerated() {
            guard channel.preampDB.isFinite, abs(channel.preampDB) <= 60 else {
                throw FileFormatError(path: path, problem: "channels[\(c)].preampDB \(channel.preampDB) is out of range",
                                      hint: "a preamp is a finite number of dB within -60...60")
            }
            var filters = [Biquad]()
            for (f, filter) in channel.filters.enumerated() {
                let place = "channels[\(c)].filters[\(f)]"
                guard let type = FilterType(rawValue: filter.type) else {
                    throw FileFormatError(path: path, problem: "\(place).type \"\(filter.type)\" is not a filter type",
                                          hint: "use PK, LSC or HSC")
                }
                // Exports write whole hertz (EqualizerAPO, AutoEq) or hundredths (PipeWire): a filter
                // below 1 Hz would be written as 0 Hz, which no engine designs.
                guard !(filter.frequencyHz < 1) else {
                    throw FileFormatError(path: path, problem: "\(place).frequencyHz \(filter.frequencyHz) is below 1 Hz",
                                          hint: "remove the filter, which acts below hearing, or set its frequency to 1 Hz or more")
                }
                guard filter.frequencyHz < document.sampleRateHz / 2 else {
                    throw FileFormatError(path: path, problem: "\(place).frequencyHz \(filter.frequencyHz) is not below Nyquist (\(document.sampleRateHz / 2) Hz)",
                                          hint: "fit again at a higher --sample-rate")
                }
                do {
                    filters.append(try Biquad(type, frequencyHz: filter.frequencyHz, gainDB: filter.gainDB, q: filter.q))
                } catch {
                    throw FileFormatError(path: path, problem: "\(place): \(error)", hint: "fix the value or fit again with `cans fit`")
                }
            }
            channels.append(Channel(name: channel.name, preampDB: channel.preampDB, filters: filters))
        }
        self.init(sampleRateHz: document.sampleRateHz, channels: channels)
    }
}
