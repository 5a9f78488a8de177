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

    init(profiles: [StereoCascade], profileGains: [StereoFrame], crossfeed: CrossfeedDesign, sampleRate: Double,
         kernel: ArithmeticKernel) {
        self.profiles = profiles.map { cascade in
            var cascade = cascade
            cascade.kernel = kernel
            return cascade
        }
        self.profileGains = profileGains
        self.crossfeed = CrossfeedFilter(crossfeed, kernel: kernel)
        bands = ListeningBand.allCases.map { StereoCascade(both: $0.sections(sampleRate: sampleRate), kernel: kernel) }
        previews = TranslationPreview.allCases.map { StereoCascade(both: $0.sections(sampleRate: sampleRate), kernel: kernel) }
    }

    /// Takes `settings` with the stages it uses cleared (silence in the filters' memory).
    mutating func configure(_ settings: MonitorSettings) {
        self.settings = settings
        profiles[settings.profileIndex].reset()
        crossfeed.reset()
        if let band = settings.band { bands[band.position].reset() }
        if let preview = settings.preview { previews[preview.position].reset() }
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
        if let band = settings.band { bands[band.position].process(frames) }
        if let preview = settings.preview { previews[preview.position].process(frames) }
        profiles[settings.profileIndex].process(frames, gain: profileGains[settings.profileIndex])
    }
}
