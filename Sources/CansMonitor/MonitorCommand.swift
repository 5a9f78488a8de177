/// What the listener changes while listening: the single keys of `cans monitor` and the lines of
/// a command script (`cans render --script`, `cans monitor --script`).
public enum MonitorCommand: Sendable, Equatable, CustomStringConvertible {
    /// Switch to profile number n (1-based, as the keys 1...9).
    case profile(Int)
    /// Crossfeed on or off (key x).
    case toggleCrossfeed
    /// The next band, after the last band all bands again (key b).
    case cycleBand
    /// One band.
    case band(ListeningBand)
    /// All bands (key 0).
    case allBands
    /// Mono on or off (key m).
    case toggleMono
    /// The next translation preview, after the last none (key p).
    case cyclePreview
    /// One preview.
    case preview(TranslationPreview)
    /// No preview.
    case noPreview
    /// Stop (key q).
    case quit

    /// The command of a key, or nil for keys that mean nothing.
    public init?(key: Character) {
        guard let ascii = key.asciiValue else { return nil }
        self.init(keyCode: ascii)
    }

    /// The command of a key's ASCII code (what a terminal sends; no strings, so the audio loop
    /// may call it).
    public init?(keyCode: UInt8) {
        switch keyCode {
        case UInt8(ascii: "1")...UInt8(ascii: "9"): self = .profile(Int(keyCode - UInt8(ascii: "0")))
        case UInt8(ascii: "0"): self = .allBands
        case UInt8(ascii: "x"), UInt8(ascii: "X"): self = .toggleCrossfeed
        case UInt8(ascii: "b"), UInt8(ascii: "B"): self = .cycleBand
        case UInt8(ascii: "m"), UInt8(ascii: "M"): self = .toggleMono
        case UInt8(ascii: "p"), UInt8(ascii: "P"): self = .cyclePreview
        case UInt8(ascii: "q"), UInt8(ascii: "Q"): self = .quit
        default: return nil
        }
    }

    /// A script command: `profile N`, `crossfeed`, `band [NAME]`, `bands`, `mono`,
    /// `preview [NAME|off]`, `quit`, or a key (`1`...`9`, `x`, `b`, `0`, `m`, `p`, `q`).
    /// - Throws: `MonitorError.invalidSetting` naming the word that is wrong.
    public init(parsing text: String) throws(MonitorError) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let verb = words.first?.lowercased() else {
            throw .invalidSetting(what: "command", value: "\"\"", rule: "it is empty", hint: Self.forms)
        }
        let argument = words.count > 1 ? words[1] : nil
        guard words.count <= 2 else {
            throw .invalidSetting(what: "command", value: "\"\(text)\"", rule: "it has too many words", hint: Self.forms)
        }
        switch (verb, argument) {
        case ("profile", let n?):
            guard let number = Int(n), (1...9).contains(number) else {
                throw .invalidSetting(what: "profile number", value: n, rule: "it must be 1...9", hint: "profiles count from 1 in the order given")
            }
            self = .profile(number)
        case ("crossfeed", nil): self = .toggleCrossfeed
        case ("band", nil): self = .cycleBand
        case ("band", let name?): self = .band(try ListeningBand(parsing: name))
        case ("bands", nil): self = .allBands
        case ("mono", nil): self = .toggleMono
        case ("preview", nil): self = .cyclePreview
        case ("preview", "off"?): self = .noPreview
        case ("preview", let name?): self = .preview(try TranslationPreview(parsing: name))
        case ("quit", nil): self = .quit
        case (_, nil) where verb.count == 1 && MonitorCommand(key: Character(verb)) != nil:
            self = MonitorCommand(key: Character(verb))!
        default:
            throw .invalidSetting(what: "command", value: "\"\(text)\"", rule: "it is not a command", hint: Self.forms)
        }
    }

    static let forms = "use profile N, crossfeed, band [NAME], bands, mono, preview [NAME|off], quit, or a key"

    public var description: String {
        switch self {
        case let .profile(n): return "profile \(n)"
        case .toggleCrossfeed: return "crossfeed"
        case .cycleBand: return "band"
        case let .band(band): return "band \(band.rawValue)"
        case .allBands: return "bands"
        case .toggleMono: return "mono"
        case .cyclePreview: return "preview"
        case let .preview(preview): return "preview \(preview.rawValue)"
        case .noPreview: return "preview off"
        case .quit: return "quit"
        }
    }
}

/// What the graph does at a moment: which profile, and the listening aids.
public struct MonitorSettings: Sendable, Equatable {
    /// Index into the graph's profiles (0-based).
    public var profileIndex = 0
    /// Crossfeed on.
    public var crossfeedOn = false
    /// One band soloed, or nil for all.
    public var band: ListeningBand? = nil
    /// Both ears get (L + R) / 2.
    public var mono = false
    /// A translation preview, or nil.
    public var preview: TranslationPreview? = nil

    public init(profileIndex: Int = 0, crossfeedOn: Bool = false, band: ListeningBand? = nil, mono: Bool = false,
                preview: TranslationPreview? = nil) {
        self.profileIndex = profileIndex
        self.crossfeedOn = crossfeedOn
        self.band = band
        self.mono = mono
        self.preview = preview
    }

    /// These settings after `command` with `profileCount` profiles (a profile number beyond them
    /// changes nothing; `quit` changes nothing here).
    public func applying(_ command: MonitorCommand, profileCount: Int) -> MonitorSettings {
        var next = self
        switch command {
        case let .profile(n): if n >= 1, n <= profileCount { next.profileIndex = n - 1 }
        case .toggleCrossfeed: next.crossfeedOn.toggle()
        case .cycleBand: next.band = Self.cycled(band, ListeningBand.allCases)
        case let .band(band): next.band = band
        case .allBands: next.band = nil
        case .toggleMono: next.mono.toggle()
        case .cyclePreview: next.preview = Self.cycled(preview, TranslationPreview.allCases)
        case let .preview(preview): next.preview = preview
        case .noPreview: next.preview = nil
        case .quit: break
        }
        return next
    }

    /// The value after `current` in `all`; after the last, none; after none, the first.
    private static func cycled<T: Equatable>(_ current: T?, _ all: [T]) -> T? {
        guard let current, let i = all.firstIndex(of: current) else { return all.first }
        return i + 1 < all.count ? all[i + 1] : nil
    }
}
