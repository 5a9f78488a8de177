/// One complete signal path of the graph for one set of `MonitorSettings`: every filter it can
/// need is designed when the graph is made, so changing settings only picks and clears
/// prebuilt stages (no allocation on the audio thread).
///
/// Order: stereo width (mono, or a preview's narrower image) -> crossfeed -> band solo ->
/// translation preview -> the profile's EQ -> the profile's preamp and level-match gain. All but
/// the last stages act on the programme, the EQ corrects the headphone for whatever is heard.
struct GraphPath: Sendable {
    private var profiles: [StereoCascade]
    private let profileGains: [StereoFrame]
    private var crossfeed: CrossfeedFilter
    private var bands: [StereoCascade]
    private var previews: [StereoCascade]
    private(set) var settings = MonitorSettings()

    init(profiles: [StereoCascade], profileGains: [StereoFrame], crossfeed: CrossfeedDesign, sampleRate: Double) {
        self.profiles = profiles
        self.profileGains = profileGains
        self.crossfeed = CrossfeedFilter(crossfeed)
        bands = ListeningBand.allCases.map { StereoCascade(both: $0.sections(sampleRate: sampleRate)) }
        previews = TranslationPreview.allCases.map { StereoCascade(both: $0.sections(sampleRate: sampleRate)) }
    }

    /// Takes `settings` with the stages it uses cleared (silence in the filters' memory).
    mutating func configure(_ settings: MonitorSettings) {
        self.settings = settings
        profiles[settings.profileIndex].reset()
        crossfeed.reset()
        if let band = settings.band { bands[Self.index(of: band)].reset() }
        if let preview = settings.preview { previews[Self.index(of: preview)].reset() }
    }

    /// The stereo width in effect: 0 for mono, the preview's width, else 1.
    var width: Double { settings.mono ? 0 : settings.preview?.stereoWidth ?? 1 }

    mutating func process(_ frames: UnsafeMutableBufferPointer<StereoFrame>) {
        let width = self.width
        if width < 1 {
            let half = 0.5 * width
            for i in frames.indices {
                let x = frames[i]
                let mid = 0.5 * (x.x + x.y), side = half * (x.x - x.y)
                frames[i] = StereoFrame(mid + side, mid - side)
            }
        }
        if settings.crossfeedOn { crossfeed.process(frames) }
        if let band = settings.band { bands[Self.index(of: band)].process(frames) }
        if let preview = settings.preview { previews[Self.index(of: preview)].process(frames) }
        profiles[settings.profileIndex].process(frames)
        let gain = profileGains[settings.profileIndex]
        for i in frames.indices { frames[i] *= gain }
    }

    /// Positions in `allCases`, by switch (a synthesised `allCases` would build an array).
    private static func index(of band: ListeningBand) -> Int {
        switch band {
        case .sub: return 0
        case .bass: return 1
        case .lowMids: return 2
        case .mids: return 3
        case .upperMids: return 4
        case .presence: return 5
        case .air: return 6
        }
    }

    private static func index(of preview: TranslationPreview) -> Int {
        switch preview {
        case .phone: return 0
        case .laptop: return 1
        case .earbuds: return 2
        case .car: return 3
        }
    }
}
