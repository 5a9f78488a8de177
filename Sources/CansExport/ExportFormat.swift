import CansAudio
import CansCore
import CansFormats

/// What an export produces: text (written atomically as UTF-8), or a file-writing action for
/// binary formats (an impulse response WAV). Either is fully rendered before anything is written,
/// so a command that exports several formats writes none when one fails.
public enum ExportArtifact: Sendable {
    case text(String)
    /// Writes the rendered file to `path`; refuses to replace an existing file unless `overwrite`.
    case file(@Sendable (_ path: String, _ overwrite: Bool) throws -> Void)

    /// Writes the artifact to `path`, atomically; an existing file is replaced only with `overwrite`.
    public func write(toPath path: String, overwrite: Bool) throws {
        switch self {
        case let .text(text): try AtomicFile.write(text, toPath: path, overwrite: overwrite)
        case let .file(write): try write(path, overwrite)
        }
    }

    /// The text, for a text format.
    public var text: String? {
        if case let .text(text) = self { return text }
        return nil
    }
}

/// The formats `cans export` writes: one case and one renderer each (a format is added by a case
/// here and a line in `render`).
public enum ExportFormat: String, Sendable, CaseIterable {
    /// EqualizerAPO / Peace `ParametricEQ.txt`.
    case equalizerAPO = "equalizer-apo"
    /// The one-line `GraphicEQ:` string of EqualizerAPO, Wavelet and JamesDSP.
    case graphicEQ = "graphic-eq"
    /// A complete CamillaDSP v3 YAML configuration.
    case camillaDSP = "camilladsp"
    /// An EasyEffects output preset (JSON).
    case easyEffects = "easyeffects"
    /// REW filter-settings text (`Equaliser: Generic`).
    case rew
    /// The effects part of a sox command line.
    case sox
    /// The cans profile itself, normalised.
    case json
    /// A PipeWire filter-chain drop-in (`pipewire.conf.d/*.conf`), for the version in
    /// `ExportOptions.pipewireVersion` (builtin biquads, or the parametric-equalizer module).
    case pipewire
    /// An impulse response WAV for convolvers (32-bit float, one channel per headphone channel).
    case fir

    /// The usual file name ending, for messages and examples.
    public var fileExtension: String {
        switch self {
        case .equalizerAPO, .graphicEQ, .rew: return "txt"
        case .camillaDSP: return "yml"
        case .easyEffects, .json: return "json"
        case .sox: return "sox"
        case .pipewire: return "conf"
        case .fir: return "wav"
        }
    }

    /// Renders `profile` in this format.
    /// - Throws: `ExportError` when the format cannot express the profile (say, different EQs
    ///   per ear in sox), naming what to do instead.
    public func render(_ profile: ExportProfile) throws -> ExportArtifact {
        switch self {
        case .equalizerAPO: return .text(EqualizerAPOExport.render(profile))
        case .graphicEQ: return .text(GraphicEQExport.render(profile))
        case .camillaDSP: return .text(try CamillaDSPExport.render(profile))
        case .easyEffects: return .text(try EasyEffectsExport.render(profile))
        case .rew: return .text(REWExport.render(profile))
        case .sox: return .text(try SoxExport.render(profile))
        case .json: return .text(try JSONExport.render(profile))
        case .pipewire: return try Self.pipewire(profile)
        case .fir: return try Self.fir(profile)
        }
    }

    /// The drop-in as text, or, for the parametric-equalizer module form (its EQ is a second file
    /// named after the output), an action that writes both; rendered here first so that every
    /// error comes before anything is written.
    static func pipewire(_ profile: ExportProfile) throws -> ExportArtifact {
        let options = PipeWireExportOptions(version: profile.options.pipewireVersion, description: profile.name)
        var probe = options
        probe.equalizerFilePath = "/ParametricEQ.txt"
        let rendered = try PipeWireFilterChain.export(profile.eq, options: probe)
        guard rendered.parametricEQ != nil else { return .text(rendered.dropIn) }
        let eq = profile.eq
        return .file { path, overwrite in _ = try PipeWireFilterChain.write(eq, options: options, toPath: path, overwrite: overwrite) }
    }

    /// The impulse responses, designed here; the action writes them as a WAV through libsndfile.
    static func fir(_ profile: ExportProfile) throws -> ExportArtifact {
        let filter = try FIRExport.design(profile.eq, options: FIRExportOptions(phase: profile.options.firPhase, taps: profile.options.firTaps))
        return .file { path, overwrite in
            try AudioFile.write(AudioBuffer(sampleRate: filter.sampleRateHz, channels: filter.impulseResponses), to: path,
                                container: .wav, sampleFormat: .float32, overwrite: overwrite)
        }
    }

    /// Parses `equalizer-apo` and the like.
    /// - Throws: `ExportError` (usage) listing the formats when `name` is not one.
    public static func named(_ name: String) throws -> ExportFormat {
        guard let format = ExportFormat(rawValue: name.lowercased()) else {
            throw ExportError(problem: "unknown export format \(name.debugDescription)",
                              hint: "use one of \(allCases.map(\.rawValue).joined(separator: ", "))", isUsage: true)
        }
        return format
    }
}
