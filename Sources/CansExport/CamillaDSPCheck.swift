import CansFit
import Yams

/// Checks a CamillaDSP v3 configuration against the rules of the CamillaDSP v3 README (the
/// structure `camilladsp --check` enforces), without CamillaDSP: the YAML is read with Yams and
/// every problem is reported at once, each with its place (`filters.cans_3.parameters.q`).
///
/// Rules checked: the top-level keys (`title`, `description`, `devices`, `mixers`, `filters`,
/// `processors`, `pipeline`); `devices` has integer `samplerate` and `chunksize` above 0 and
/// `capture` and `playback` devices, an `Alsa` one with integer `channels` above 0, a string
/// `device` and a v3 sample `format`; `Gain` filters have a numeric `gain` and `scale` dB or
/// linear; `Biquad` filters of type `Peaking`, `Lowshelf` or `Highshelf` have `freq` above 0 and
/// below half the sample rate, a numeric `gain`, and exactly one of `q` (above 0) or
/// `bandwidth` (peaking) / `slope` (shelves); `pipeline` steps are `Filter` steps whose
/// `channels` are indices below the capture channel count and whose `names` all exist in
/// `filters`; without mixers, playback has as many channels as capture.
public enum CamillaDSPCheck {
    /// What a valid configuration does to each channel list, read back.
    public struct Step: Sendable, Equatable {
        public var channels: [Int]
        /// The sum of the `Gain` filters in dB.
        public var gainDB: Double
        /// The biquads in order.
        public var filters: [Biquad]
    }

    public struct Summary: Sendable, Equatable {
        public var sampleRateHz: Int
        public var captureDevice: String
        public var playbackDevice: String
        public var steps: [Step]
    }

    /// The sample formats CamillaDSP v3 accepts.
    public static let sampleFormats = ["S16LE", "S24LE", "S24LE3", "S32LE", "FLOAT32LE", "FLOAT64LE"]
    static let biquadTypes = ["Free", "Highpass", "Lowpass", "HighpassFO", "LowpassFO", "Highshelf", "Lowshelf", "HighshelfFO",
                              "LowshelfFO", "Peaking", "Notch", "GeneralNotch", "Bandpass", "Allpass", "AllpassFO", "LinkwitzTransform"]
    static let deviceTypes = ["Alsa", "Pulse", "Jack", "Wasapi", "CoreAudio", "Bluez", "File", "RawFile", "WavFile",
                              "Stdin", "Stdout", "SignalGenerator"]

    /// Validates `yaml` and reads back what it does.
    /// - Throws: `ExportError` listing every broken rule, one per line, with its place.
    public static func check(_ yaml: String) throws -> Summary {
        let root: Any?
        do {
            root = try Yams.load(yaml: yaml)
        } catch {
            throw ExportError(problem: "not YAML: \(error)", hint: "a CamillaDSP config is a YAML mapping")
        }
        var problems = [String]()
        guard let top = root as? [String: Any] else {
            throw ExportError(problem: "the config is not a YAML mapping", hint: "it needs devices, filters and pipeline")
        }
        for key in top.keys.sorted() where !["title", "description", "devices", "mixers", "filters", "processors", "pipeline"].contains(key) {
            problems.append("\(key): not a CamillaDSP v3 top-level key")
        }
        let devices = top["devices"] as? [String: Any]
        if devices == nil { problems.append("devices: missing, or not a mapping") }
        let rate = positiveInt(devices?["samplerate"], "devices.samplerate", &problems)
        _ = positiveInt(devices?["chunksize"], "devices.chunksize", &problems)
        let capture = device(devices?["capture"], "devices.capture", &problems)
        let playback = device(devices?["playback"], "devices.playback", &problems)

        let filters = top["filters"] as? [String: Any] ?? [:]
        if top["filters"] != nil, top["filters"] as? [String: Any] == nil { problems.append("filters: not a mapping") }
        var designed = [String: (gainDB: Double, biquad: Biquad?)]()
        for name in filters.keys.sorted() {
            if let value = filter(filters[name], "filters.\(name)", sampleRate: rate, &problems) { designed[name] = value }
        }

        var steps = [Step]()
        let pipeline = top["pipeline"] as? [Any]
        if pipeline == nil { problems.append("pipeline: missing, or not a list") }
        let hasMixers = (top["mixers"] as? [String: Any]).map { !$0.isEmpty } ?? false
        for (index, item) in (pipeline ?? []).enumerated() {
            let place = "pipeline[\(index)]"
            guard let step = item as? [String: Any] else { problems.append("\(place): not a mapping"); continue }
            guard let type = step["type"] as? String, ["Filter", "Mixer", "Processor"].contains(type) else {
                problems.append("\(place).type: must be Filter, Mixer or Processor")
                continue
            }
            guard type == "Filter" else { continue }
            let channels = (step["channels"] as? [Any])?.compactMap { $0 as? Int }
            if channels == nil || channels!.count != (step["channels"] as? [Any])!.count || channels!.isEmpty {
                problems.append("\(place).channels: must be a non-empty list of channel indices (v3 uses `channels`, not `channel`)")
            }
            if !hasMixers, let count = capture?.channels {
                for c in channels ?? [] where c < 0 || c >= count {
                    problems.append("\(place).channels: \(c) is not a channel of the \(count)-channel capture device")
                }
            }
            let names = (step["names"] as? [Any])?.compactMap { $0 as? String } ?? []
            if names.isEmpty { problems.append("\(place).names: must be a non-empty list of filter names") }
            var summary = Step(channels: channels ?? [], gainDB: 0, filters: [])
            for name in names {
                guard filters[name] != nil else {
                    problems.append("\(place).names: filter \"\(name)\" is not defined under filters")
                    continue
                }
                if let value = designed[name] {
                    summary.gainDB += value.gainDB
                    if let biquad = value.biquad { summary.filters.append(biquad) }
                }
            }
            steps.append(summary)
        }
        if !hasMixers, let c = capture?.channels, let p = playback?.channels, c != p {
            problems.append("devices.playback.channels: \(p) differs from capture's \(c) with no mixer to change the count")
        }
        guard problems.isEmpty, let rate, let capture, let playback else {
            throw ExportError(problem: "the CamillaDSP config breaks \(problems.count) v3 rule(s):\n" + problems.joined(separator: "\n"),
                              hint: "see the configuration section of the CamillaDSP v3 README")
        }
        return Summary(sampleRateHz: rate, captureDevice: capture.device, playbackDevice: playback.device, steps: steps)
    }

    static func positiveInt(_ value: Any?, _ place: String, _ problems: inout [String]) -> Int? {
        guard let number = value as? Int, number > 0 else {
            problems.append("\(place): must be a whole number above 0")
            return nil
        }
        return number
    }

    static func number(_ value: Any?) -> Double? {
        if let value = value as? Double { return value }
        if let value = value as? Int { return Double(value) }
        return nil
    }

    static func device(_ value: Any?, _ place: String, _ problems: inout [String]) -> (channels: Int, device: String)? {
        guard let device = value as? [String: Any] else {
            problems.append("\(place): missing, or not a mapping")
            return nil
        }
        guard let type = device["type"] as? String, deviceTypes.contains(type) else {
            problems.append("\(place).type: must be one of \(deviceTypes.joined(separator: ", "))")
            return nil
        }
        let channels = positiveInt(device["channels"], "\(place).channels", &problems)
        var name = ""
        if type == "Alsa" {
            if let text = device["device"] as? String, !text.isEmpty { name = text } else {
                problems.append("\(place).device: an Alsa device needs a device name, such as \"hw:0,0\"")
            }
            if let format = device["format"], !((format as? String).map(sampleFormats.contains) ?? false) {
                problems.append("\(place).format: must be one of \(sampleFormats.joined(separator: ", ")) (v3 names)")
            }
        }
        return channels.map { ($0, name) }
    }

    static func filter(_ value: Any?, _ place: String, sampleRate: Int?, _ problems: inout [String]) -> (gainDB: Double, biquad: Biquad?)? {
        guard let filter = value as? [String: Any], let type = filter["type"] as? String else {
            problems.append("\(place).type: missing")
            return nil
        }
        guard let parameters = filter["parameters"] as? [String: Any] else {
            problems.append("\(place).parameters: missing, or not a mapping")
            return nil
        }
        let p = "\(place).parameters"
        switch type {
        case "Gain":
            guard let gain = number(parameters["gain"]) else {
                problems.append("\(p).gain: must be a number")
                return nil
            }
            let scale = parameters["scale"] as? String ?? "dB"
            guard scale == "dB" || scale == "linear" else {
                problems.append("\(p).scale: must be dB or linear")
                return nil
            }
            if scale == "linear" { return nil }
            return (gain, nil)
        case "Biquad":
            let kinds: [String: FilterType] = ["Peaking": .peaking, "Lowshelf": .lowShelf, "Highshelf": .highShelf]
            guard let kind = parameters["type"] as? String, biquadTypes.contains(kind) else {
                problems.append("\(p).type: must be one of \(biquadTypes.joined(separator: ", "))")
                return nil
            }
            // Other biquad types are valid; cans reads back only the ones it writes.
            guard let filterType = kinds[kind] else { return (0, nil) }
            var bad = false
            let freq = number(parameters["freq"]), gain = number(parameters["gain"]), q = number(parameters["q"])
            if freq == nil || freq! <= 0 || (sampleRate != nil && freq! >= Double(sampleRate!) / 2) {
                problems.append("\(p).freq: must be above 0 and below half the samplerate"); bad = true
            }
            if gain == nil { problems.append("\(p).gain: must be a number"); bad = true }
            let other = filterType == .peaking ? "bandwidth" : "slope"
            if (q == nil) == (parameters[other] == nil) {
                problems.append("\(p): give exactly one of q and \(other)"); bad = true
            } else if let q, q <= 0 {
                problems.append("\(p).q: must be above 0"); bad = true
            }
            guard !bad, let freq, let gain, let q, let biquad = try? Biquad(filterType, frequencyHz: freq, gainDB: gain, q: q) else { return nil }
            return (0, biquad)
        default:
            return (0, nil)
        }
    }
}
