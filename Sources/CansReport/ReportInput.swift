import CansCore
import CansDSP
import CansExport
import CansFormats
import CansMeasure

/// Everything a report shows, as values: the caller reads the files (a session folder, a
/// profile and the measurements and target it names) and `HTMLReport` turns this into a page.
public struct ReportInput: Sendable {
    /// One measured channel (a cup of a session, or a response file).
    public struct Channel: Sendable {
        /// "left", "right" or the file's name.
        public var name: String
        /// The response in dB, 0 dB at 1 kHz.
        public var response: FrequencyResponse
        /// The standard deviation between placements, dB, on the response's grid.
        public var spreadDB: [Double]?

        public init(name: String, response: FrequencyResponse, spreadDB: [Double]? = nil) {
            self.name = name
            self.response = response
            self.spreadDB = spreadDB
        }
    }

    /// The target the headphone is compared with.
    public struct Target: Sendable {
        public var name: String
        /// A citation or the file it came from.
        public var source: String
        /// The curve with any adjustments of the fit, 0 dB at 1 kHz.
        public var curve: FrequencyResponse

        public init(name: String, source: String, curve: FrequencyResponse) {
            self.name = name
            self.source = source
            self.curve = curve
        }
    }

    /// A correction EQ: the profile as written and its filters as values.
    public struct Fit: Sendable {
        public var profile: ProfileDocument
        public var eq: ProfileEQ
        /// Where the profile is, when it is a file.
        public var path: String?

        public init(profile: ProfileDocument, eq: ProfileEQ, path: String? = nil) {
            self.profile = profile
            self.eq = eq
            self.path = path
        }
    }

    /// One take analysed again from its recording: distortion and impulse response.
    public struct TakeDetail: Sendable {
        public var cup: String
        /// The recording's file, relative to the session folder.
        public var recordingFile: String
        public var sampleRate: Double
        public var harmonics: [HarmonicLevels]
        public var distortion: DistortionCurve?
        public var impulseResponse: [Double]
        public var impulseOnsetIndex: Int

        public init(cup: String, recordingFile: String, sampleRate: Double, analysis: SweepAnalysis) {
            self.cup = cup
            self.recordingFile = recordingFile
            self.sampleRate = sampleRate
            harmonics = analysis.harmonics
            distortion = analysis.distortion
            impulseResponse = analysis.impulseResponse
            impulseOnsetIndex = analysis.impulseOnsetIndex
        }
    }

    /// The headphone's name.
    public var title: String
    /// What the report is of ("session Measurements/HD 600/2026-...", "profile hd600.profile.json").
    public var subject: String
    public var channels: [Channel]
    public var target: Target?
    public var fit: Fit?
    public var session: SessionRecord?
    public var takeDetails: [TakeDetail]
    /// Things the reader should know about what is missing ("the target file is gone").
    public var notes: [String]
    /// The program's version, written in the footer.
    public var software: String

    public init(title: String, subject: String, channels: [Channel], target: Target? = nil, fit: Fit? = nil,
                session: SessionRecord? = nil, takeDetails: [TakeDetail] = [], notes: [String] = [], software: String) {
        self.title = title
        self.subject = subject
        self.channels = channels
        self.target = target
        self.fit = fit
        self.session = session
        self.takeDetails = takeDetails
        self.notes = notes
        self.software = software
    }

    /// The fit's channel for measured channel `index`: the one at the same place when the
    /// profile has one per channel, else its only ("all") channel.
    public func eqChannel(for index: Int) -> ProfileEQ.Channel? {
        guard let eq = fit?.eq, !eq.channels.isEmpty else { return nil }
        return eq.channels.count == channels.count ? eq.channels[index] : eq.channels[0]
    }

    /// The mean of the channels in dB on the first channel's grid (what the band summary reads).
    public var combinedResponse: FrequencyResponse? {
        guard let first = channels.first else { return nil }
        let grid = first.response.frequenciesHz
        let curves = channels.map { $0.response.resampled(toHz: grid).magnitudesDB }
        let mean = grid.indices.map { k in curves.reduce(0) { $0 + $1[k] } / Double(curves.count) }
        return FrequencyResponse(validatedFrequenciesHz: grid, magnitudesDB: mean)
    }
}
