import Foundation

/// The versioned EQ profile `cans fit` writes (`*.profile.json`): everything needed to apply,
/// reproduce or audit a fit. Format `cans-eq-profile`, version 1:
///
///     { "format": "cans-eq-profile", "version": 1, "cansVersion": "0.1.0",
///       "sampleRateHz": 48000, "channelMode": "separate", "limits": "autoeq",
///       "maxBoostDB": 6, "measurement": {...}, "target": {...},
///       "channels": [ { "name": "all", "preampDB": -5.1, "balanceDB": 0, "maxBoostDB": 5.05,
///                       "filters": [ { "type": "LSC", "frequencyHz": 105, "gainDB": 4.0, "q": 0.7 } ],
///                       "before": {...}, "after": {...} } ] }
///
/// Keys are sorted and numbers rounded to fixed decimals before encoding, so the same fit
/// gives the same bytes.
public struct ProfileDocument: Codable, Sendable, Equatable {
    public struct Filter: Codable, Sendable, Equatable {
        public var type: String
        public var frequencyHz: Double
        public var gainDB: Double
        public var q: Double
        public init(type: String, frequencyHz: Double, gainDB: Double, q: Double) {
            self.type = type
            self.frequencyHz = frequencyHz
            self.gainDB = gainDB
            self.q = q
        }
    }

    /// Scores of one error curve (dB, points).
    public struct Scores: Codable, Sendable, Equatable {
        public var preferenceModel: String
        public var preference: Double
        public var standardDeviationDB: Double
        public var slope: Double
        public var meanAbsoluteErrorDB: Double?
        public var rms20HzTo20kHzDB: Double
        public var rms20HzTo10kHzDB: Double
        public init(preferenceModel: String, preference: Double, standardDeviationDB: Double, slope: Double,
                    meanAbsoluteErrorDB: Double?, rms20HzTo20kHzDB: Double, rms20HzTo10kHzDB: Double) {
            self.preferenceModel = preferenceModel
            self.preference = ProfileDocument.round(preference, 3)
            self.standardDeviationDB = ProfileDocument.round(standardDeviationDB, 4)
            self.slope = ProfileDocument.round(slope, 4)
            self.meanAbsoluteErrorDB = meanAbsoluteErrorDB.map { ProfileDocument.round($0, 4) }
            self.rms20HzTo20kHzDB = ProfileDocument.round(rms20HzTo20kHzDB, 4)
            self.rms20HzTo10kHzDB = ProfileDocument.round(rms20HzTo10kHzDB, 4)
        }
    }

    public struct Channel: Codable, Sendable, Equatable {
        /// "L", "R" or "all".
        public var name: String
        public var preampDB: Double
        public var balanceDB: Double
        public var maxBoostDB: Double
        public var filters: [Filter]
        public var before: Scores
        public var after: Scores
        public init(name: String, preampDB: Double, balanceDB: Double, maxBoostDB: Double, filters: [Filter], before: Scores, after: Scores) {
            self.name = name
            self.preampDB = preampDB
            self.balanceDB = balanceDB
            self.maxBoostDB = ProfileDocument.round(maxBoostDB, 3)
            self.filters = filters
            self.before = before
            self.after = after
        }
    }

    public struct Target: Codable, Sendable, Equatable {
        public var name: String
        public var source: String
        public var bassDB: Double
        public var trebleDB: Double
        public var tiltDBPerOctave: Double
        public init(name: String, source: String, bassDB: Double, trebleDB: Double, tiltDBPerOctave: Double) {
            self.name = name
            self.source = source
            self.bassDB = bassDB
            self.trebleDB = trebleDB
            self.tiltDBPerOctave = tiltDBPerOctave
        }
    }

    public var format = "cans-eq-profile"
    public var version = 1
    public var cansVersion: String
    public var sampleRateHz: Double
    public var channelMode: String
    public var limits: String
    public var maxBoostDB: Double
    /// The measurement the EQ was fitted to (paths as given).
    public var measurement: [String]
    public var target: Target
    public var channels: [Channel]
    /// Optional calibration: the SPL, dB, a full-scale sine produces at the ear through this
    /// headphone (from a measurement with a calibrated microphone or coupler). `cans monitor`
    /// shows listening levels in dB(A) and the weekly sound dose with it; without it, in dBFS.
    /// Absent from profiles that do not have it (older profiles read unchanged).
    public var splAtFullScaleDB: Double? = nil

    public init(cansVersion: String, sampleRateHz: Double, channelMode: String, limits: String, maxBoostDB: Double,
                measurement: [String], target: Target, channels: [Channel]) {
        self.cansVersion = cansVersion
        self.sampleRateHz = sampleRateHz
        self.channelMode = channelMode
        self.limits = limits
        self.maxBoostDB = maxBoostDB
        self.measurement = measurement
        self.target = target
        self.channels = channels
    }

    /// Pretty-printed JSON with sorted keys and a final newline.
    public func render() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads the profile file at `path`.
    /// - Throws: `FileAccessError` when it cannot be read (reason `.notFound` when missing);
    ///   `FileFormatError` naming `path` when it is not UTF-8 or not a version-1 cans profile,
    ///   or is larger than `TextDecoding.maximumBytes`.
    public static func read(path: String) throws -> ProfileDocument {
        let bytes = try TextDecoding.readBytes(path: path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw FileFormatError(path: path, problem: "not UTF-8 text", hint: "give a profile written by `cans fit`")
        }
        return try parse(text, path: path)
    }

    /// Reads a profile back.
    /// - Throws: `FileFormatError` naming `path` when it is not a version-1 cans profile.
    public static func parse(_ text: String, path: String) throws(FileFormatError) -> ProfileDocument {
        do {
            let document = try JSONDecoder().decode(ProfileDocument.self, from: Data(text.utf8))
            guard document.format == "cans-eq-profile", document.version == 1 else {
                throw FileFormatError(path: path, problem: "format \(document.format) version \(document.version) is not cans-eq-profile 1",
                                      hint: "write it again with this cans version")
            }
            return document
        } catch let error as FileFormatError {
            throw error
        } catch {
            throw FileFormatError(path: path, problem: "not a cans EQ profile: \(error)", hint: "give a file written by `cans fit`")
        }
    }

    static func round(_ value: Double, _ decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let r = (value * scale).rounded() / scale
        return r == 0 ? 0 : r
    }
}
