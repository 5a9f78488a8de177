import CansCore
import CansFit
import CansFormats

/// How to write a PipeWire drop-in.
public struct PipeWireExportOptions: Sendable, Equatable {
    /// The user's PipeWire (`--pipewire-version`). nil writes the builtin `bq_*` form, which runs
    /// the same on every release from 0.3 on; 1.0.6 and later get the parametric-equalizer module
    /// form for a mono EQ.
    public var version: PipeWireVersion?
    /// The sink's name in the desktop's sound settings (`node.description`).
    public var description: String
    /// The rate the shelf rewrite is exact at, Hz (the graph rate the user runs; nil: the
    /// profile's design rate).
    public var sampleRateHz: Double?
    /// Module form only: the absolute path the ParametricEQ.txt the module reads will have
    /// (`equalizer.filepath`); PipeWire opens it from its own working directory, so it must be
    /// absolute. `PipeWireFilterChain.write` defaults it to the drop-in's path with
    /// `.ParametricEQ.txt` in place of `.conf`.
    public var equalizerFilePath: String?

    public init(version: PipeWireVersion? = nil, description: String = "cans headphone EQ", sampleRateHz: Double? = nil,
                equalizerFilePath: String? = nil) {
        self.version = version
        self.description = description
        self.sampleRateHz = sampleRateHz
        self.equalizerFilePath = equalizerFilePath
    }
}

/// A rendered PipeWire export.
public struct PipeWireExport: Sendable, Equatable {
    /// Which config form the drop-in uses.
    public enum Form: String, Sendable {
        /// `libpipewire-module-filter-chain` with builtin `bq_*` nodes (every release).
        case builtinNodes = "filter-chain bq_* nodes"
        /// `libpipewire-module-parametric-equalizer` reading a ParametricEQ.txt (1.0.6 and later).
        case parametricEqualizerModule = "parametric-equalizer module"
    }

    public let form: Form
    /// The drop-in, for `~/.config/pipewire/pipewire.conf.d/NAME.conf`.
    public let dropIn: String
    /// Module form: the ParametricEQ.txt text for `equalizerFilePath`; nil otherwise.
    public let parametricEQ: String?
    public let equalizerFilePath: String?
    /// Per output channel (FL, FR): the preamp as written, dB (<= 0; lowered below the profile's
    /// when the cascade as written would otherwise exceed 0 dB).
    public let preampsDB: [Double]
    /// The largest |response of the file as the target PipeWire computes it - profile's designed
    /// response| from 20 Hz to 20 kHz (or 0.45 fs), over both channels, dB.
    public let maximumDeviationDB: Double
}

/// PipeWire filter-chain drop-ins (`pipewire.conf.d/*.conf`) for a profile's EQ.
///
/// Two forms (see `PipeWireVersion` for the facts behind the choice):
/// - **builtin nodes** (`libpipewire-module-filter-chain`): per chain, a preamp node
///   (`bq_highshelf` at Freq 0, which PipeWire computes as a plain gain of Gain dB; `bq_lowshelf`
///   at Freq 0 would ignore its gain) and one `bq_peaking`/`bq_lowshelf`/`bq_highshelf` node per
///   filter, always with "Q" (a `bq_peaking` without Q is a flat gain). A mono EQ is one chain
///   that PipeWire copies for FL and FR; a per-channel EQ is two chains in one graph with explicit
///   `inputs`/`outputs` (without them PipeWire outputs silence and says nothing). Unless
///   `version` is 1.3.81 or later, shelves whose Q is not 1/sqrt(2) are written as the S = 1
///   shelf plus two peaking filters (`PipeWireShelf`), so they sound as the profile says on
///   releases that ignore shelf Q and, unchanged, on those that honour it.
/// - **parametric-equalizer module** (1.0.6 and later, mono EQ): the drop-in names a
///   ParametricEQ.txt (EqualizerAPO syntax: `Preamp:` and `Filter n: ON PK|LSC|HSC Fc .. Hz Gain
///   .. dB Q ..`, Fc in whole Hz), with the same shelf rewrite below 1.3.81. The module applies
///   one EQ to every channel, so a per-channel EQ keeps the builtin form whatever the version.
///
/// Values are written with fixed decimals (Freq 2, Gain 2, Q 4; Fc 0 in the module's text), and
/// the preamp is checked against the cascade as written and as PipeWire computes it.
public enum PipeWireFilterChain {
    /// The drop-in text (`export(_:options:).dropIn`).
    /// - Throws: `PipeWireExportError` as `export`.
    public static func render(_ eq: ProfileEQ, options: PipeWireExportOptions = .init()) throws(PipeWireExportError) -> String {
        try export(eq, options: options).dropIn
    }

    /// Renders the drop-in (and for the module form the ParametricEQ.txt).
    /// - Throws: `PipeWireExportError` when a channel is not L, R or all, a filter is not below
    ///   the Nyquist frequency of the rate, the rate is not valid, a shelf is too broad to rewrite
    ///   for a PipeWire that ignores shelf Q, or the module form has no absolute
    ///   `equalizerFilePath`.
    public static func export(_ eq: ProfileEQ, options: PipeWireExportOptions = .init()) throws(PipeWireExportError) -> PipeWireExport {
        let rate = options.sampleRateHz ?? eq.sampleRateHz
        guard rate.isFinite, rate >= 8_000, rate <= 768_000 else {
            throw PipeWireExportError(problem: "sample rate \(rate) Hz is not a rate PipeWire runs at",
                                      hint: "use the graph rate, such as 48000")
        }
        let chains = try chains(of: eq, sampleRate: rate)
        let shelvesIgnoreQ = !(options.version?.honoursShelfQ ?? false)
        let useModule = chains.count == 1 && (options.version?.hasParametricEqualizerModule ?? false)
        var written = [WrittenChain]()
        for chain in chains {
            written.append(try WrittenChain(chain, sampleRate: rate, expandShelves: shelvesIgnoreQ,
                                        frequencyDecimals: useModule ? 0 : 2, shelvesIgnoreQ: shelvesIgnoreQ))
        }
        let header = PipeWireHeader(eq: eq, options: options, chains: written, sampleRate: rate, shelvesIgnoreQ: shelvesIgnoreQ)
        let deviation = written.map(\.maximumDeviationDB).max() ?? 0
        let preamps = written.count == 1 ? [written[0].preampDB, written[0].preampDB] : written.map(\.preampDB)
        if useModule {
            guard let path = options.equalizerFilePath, path.hasPrefix("/") else {
                throw PipeWireExportError(
                    problem: "the parametric-equalizer module reads the EQ from a file, and no absolute path was given for it"
                        + (options.equalizerFilePath.map { " (got \"\($0)\")" } ?? ""),
                    hint: "give the absolute path the ParametricEQ.txt will have, or export for PipeWire 0.3 to get a self-contained file")
            }
            return PipeWireExport(
                form: .parametricEqualizerModule, dropIn: header.text(form: .parametricEqualizerModule) + moduleDropIn(options, path: path),
                parametricEQ: written[0].parametricEQText, equalizerFilePath: path, preampsDB: preamps, maximumDeviationDB: deviation)
        }
        return PipeWireExport(
            form: .builtinNodes, dropIn: header.text(form: .builtinNodes) + builtinDropIn(options, chains: written),
            parametricEQ: nil, equalizerFilePath: nil, preampsDB: preamps, maximumDeviationDB: deviation)
    }

    /// One chain per distinct EQ: [all] for a mono EQ (or channels that are all equal), [L, R] otherwise.
    private static func chains(of eq: ProfileEQ, sampleRate: Double) throws(PipeWireExportError) -> [ProfileEQ.Channel] {
        for channel in eq.channels {
            for filter in channel.filters where filter.frequencyHz >= sampleRate / 2 {
                throw PipeWireExportError(
                    problem: "channel \(channel.name): \(filter.type) at \(filter.frequencyHz) Hz is not below the Nyquist frequency of \(sampleRate) Hz",
                    hint: "export at the rate the profile was fitted for, or fit again at this rate")
            }
        }
        if eq.isSameOnEveryChannel, let first = eq.channels.first { return [first] }
        let names = eq.channels.map(\.name)
        guard names == ["L", "R"] else {
            throw PipeWireExportError(problem: "channels \(names) differ, and a per-channel drop-in needs exactly L then R",
                                      hint: "write the profile with `cans fit` (channels all, or L and R)")
        }
        return eq.channels
    }

    private static func builtinDropIn(_ options: PipeWireExportOptions, chains: [WrittenChain]) -> String {
        let prefixes = chains.count == 1 ? [""] : ["l_", "r_"]
        let indent = String(repeating: " ", count: 20)
        var nodes = "", links = ""
        for (chain, prefix) in zip(chains, prefixes) {
            let names = ["\(prefix)preamp"] + chain.filters.indices.map { "\(prefix)eq_\($0 + 1)" }
            nodes += indent + node(name: names[0], label: "bq_highshelf", frequencyHz: 0, q: PipeWireShelf.fixedQ, gainDB: chain.preampDB)
            for (name, filter) in zip(names.dropFirst(), chain.filters) {
                let label = switch filter.type {
                case .peaking: "bq_peaking"
                case .lowShelf: "bq_lowshelf"
                case .highShelf: "bq_highshelf"
                }
                nodes += indent + node(name: name, label: label, frequencyHz: filter.frequencyHz, q: filter.q, gainDB: filter.gainDB)
            }
            for (from, to) in zip(names, names.dropFirst()) {
                links += indent + "{ output = \"\(from):Out\" input = \"\(to):In\" }\n"
            }
        }
        var graph = "                nodes = [\n" + nodes + "                ]\n"
        graph += links.isEmpty ? "                links = [ ]\n" : "                links = [\n" + links + "                ]\n"
        if chains.count == 2 {
            let last = chains.map { $0.filters.isEmpty ? "preamp" : "eq_\($0.filters.count)" }
            graph += "                inputs  = [ \"l_preamp:In\" \"r_preamp:In\" ]\n"
            graph += "                outputs = [ \"l_\(last[0]):Out\" \"r_\(last[1]):Out\" ]\n"
        }
        let description = PipeWireText.quoted(options.description)
        return """
            context.modules = [
                { name = libpipewire-module-filter-chain
                    args = {
                        node.description = \(description)
                        media.name       = \(description)
                        filter.graph = {
            \(graph)            }
            \(streams(options))
                    }
                }
            ]

            """
    }

    /// The channels and the two streams: a sink the desktop lists (capture side) and a passive
    /// playback stream, named after the description.
    private static func streams(_ options: PipeWireExportOptions) -> String {
        let slug = PipeWireText.slug(options.description)
        return """
                        audio.channels = 2
                        audio.position = [ FL FR ]
                        capture.props = {
                            node.name   = "effect_input.cans_\(slug)"
                            media.class = Audio/Sink
                        }
                        playback.props = {
                            node.name    = "effect_output.cans_\(slug)"
                            node.passive = true
                        }
            """
    }

    private static func node(name: String, label: String, frequencyHz: Double, q: Double, gainDB: Double) -> String {
        "{ type = builtin name = \(name) label = \(label) control = { \"Freq\" = \(PipeWireText.number(frequencyHz, 2))"
            + " \"Q\" = \(PipeWireText.number(q, 4)) \"Gain\" = \(PipeWireText.number(gainDB, 2)) } }\n"
    }

    private static func moduleDropIn(_ options: PipeWireExportOptions, path: String) -> String {
        """
            context.modules = [
                { name = libpipewire-module-parametric-equalizer
                    args = {
                        equalizer.filepath    = \(PipeWireText.quoted(path))
                        equalizer.description = \(PipeWireText.quoted(options.description))
            \(streams(options))
                    }
                }
            ]

            """
    }
}
