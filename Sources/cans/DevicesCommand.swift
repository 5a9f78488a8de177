import ArgumentParser
import CansAudio
import Foundation

/// `cans devices`: the ALSA PCM devices, and what each offers.
struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List the ALSA sound devices with the rates, formats and channels each offers.",
        discussion: """
            Lists every PCM device ALSA announces (cards and configuration entries) and opens \
            each, without waiting, to read what it offers for playback and capture. A device that \
            cannot be opened (busy, its sound server not running, not really a device) is listed \
            with the reason. Name devices to probe only those, including names ALSA does not \
            announce (hw:1,0, plughw:1,0); a named device that cannot be opened in any direction \
            is listed, then reported as an error with exit status 69.

            Example: cans devices
                     cans devices --json hw:1,0
            """)

    @Argument(help: "Devices to probe instead of the whole list (ALSA names).")
    var names: [String] = []

    @Flag(help: "Print a JSON array (sorted keys) instead of text.")
    var json = false

    @Flag(name: .customLong("no-probe"), help: "Only list names and descriptions; open nothing.")
    var noProbe = false

    func run() throws {
        try reportingFailures {
            let announced = try ALSADevices.list()
            // A named device ALSA does not announce (hw:1,0) is probed in both directions.
            let hints = names.isEmpty ? announced : names.map { name in
                announced.first { $0.name == name }
                    ?? ALSADeviceHint(name: name, description: "", directions: ALSADirection.allCases)
            }
            let reports = hints.map { DeviceReport(hint: $0, probing: !noProbe) }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(reports), as: UTF8.self))
            } else if reports.isEmpty {
                Terminal.note("ALSA lists no PCM devices (no sound card, and no device in the ALSA configuration)")
            } else {
                print(reports.map(\.text).joined(separator: "\n"))
            }
            // A device the user named that cannot be opened at all is an error a script can see.
            if !names.isEmpty, let unusable = reports.first(where: \.isUnusable) {
                throw CommandFailure(
                    message: "\(unusable.name): \(unusable.failureReason); `cans devices` lists the devices ALSA knows",
                    status: ExitStatus.unavailable)
            }
        }
    }
}

/// One device in the output: the hint and, per direction it claims, what probing found.
struct DeviceReport: Encodable {
    let name: String
    let description: String
    let directions: [String]
    let playback: DirectionReport?
    let capture: DirectionReport?

    init(hint: ALSADeviceHint, probing: Bool) {
        name = hint.name
        description = hint.description
        directions = hint.directions.map(\.rawValue)
        func probe(_ direction: ALSADirection) -> DirectionReport? {
            guard probing, hint.directions.contains(direction) else { return nil }
            do throws(ALSAError) {
                return DirectionReport(try ALSADevices.probe(hint.name, direction: direction))
            } catch {
                return DirectionReport(error)
            }
        }
        playback = probe(.playback)
        capture = probe(.capture)
    }

    /// True when every direction was probed and none could be opened.
    var isUnusable: Bool {
        let probed = [playback, capture].compactMap { $0 }
        return !probed.isEmpty && probed.allSatisfy { $0.status != "ok" }
    }

    /// Why the first failed direction could not be opened.
    var failureReason: String {
        [playback, capture].compactMap { $0 }.first { $0.status != "ok" }?.text ?? "unavailable"
    }

    /// The name and description, then one line per direction (one for both when they failed
    /// alike), or the directions when nothing was probed.
    var text: String {
        var lines = [description.isEmpty ? name : "\(name)  \(description)"]
        func line(_ label: String, _ text: String) -> String {
            "    " + label.padding(toLength: 9, withPad: " ", startingAt: 0) + " " + text
        }
        if let playback, let capture, playback.status != "ok", playback.status == capture.status {
            lines.append(line("both", playback.text))
        } else {
            for (label, report) in [("playback", playback), ("capture", capture)] {
                guard let report else { continue }
                lines.append(line(label, report.text))
            }
        }
        if playback == nil && capture == nil {
            lines.append("    " + directions.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}

/// What probing one direction found: the capabilities (status "ok") or why there are none.
struct DirectionReport: Encodable {
    struct Range: Encodable {
        let min: Int
        let max: Int

        init?(_ range: ClosedRange<Int>?) {
            guard let range else { return nil }
            min = range.lowerBound
            max = range.upperBound
        }

        var text: String { min == max ? "\(min)" : "\(min)-\(max)" }
    }

    /// ok, notFound, busy, connectionRefused or failed.
    let status: String
    let sampleRatesHz: [Int]?
    let rateRangeHz: Range?
    let formats: [String]?
    let channels: Range?
    let interleavedAccess: Bool?
    /// The whole message, when the device could not be probed.
    let error: String?
    /// The short form for the text listing.
    private let reason: String?

    private enum CodingKeys: String, CodingKey {
        case status, sampleRatesHz, rateRangeHz, formats, channels, interleavedAccess, error
    }

    init(_ capabilities: ALSAStreamCapabilities) {
        status = "ok"
        sampleRatesHz = capabilities.sampleRatesHz
        rateRangeHz = Range(capabilities.rateRangeHz)
        formats = capabilities.formats.map(\.rawValue)
        channels = Range(capabilities.channelRange)
        interleavedAccess = capabilities.interleavedAccess
        error = nil
        reason = nil
    }

    init(_ failure: ALSAError) {
        switch failure {
        case .deviceNotFound:
            status = "notFound"
            // Most are plugin definitions that need arguments or a slave, not devices.
            reason = "cannot be opened by this name alone (a plugin that needs arguments, or a missing card)"
        case .deviceBusy:
            status = "busy"
            reason = "busy: another program is using it; close it or pick another device"
        case .connectionRefused:
            status = "connectionRefused"
            reason = "its sound server refused the connection (is PulseAudio/PipeWire running?)"
        default:
            status = "failed"
            reason = failure.description
        }
        sampleRatesHz = nil
        rateRangeHz = nil
        formats = nil
        channels = nil
        interleavedAccess = nil
        error = failure.description
    }

    var text: String {
        if let reason { return "unavailable: \(reason)" }
        let rates = (sampleRatesHz ?? []).isEmpty ? "none of the common rates" : (sampleRatesHz ?? []).map(String.init)
            .joined(separator: ", ") + " Hz"
        let range = rateRangeHz.map { " (range \($0.text) Hz)" } ?? ""
        let formatList = (formats ?? []).isEmpty ? "no format cans handles" : (formats ?? []).joined(separator: ", ")
        let channelText = channels.map { "\($0.text) channels" } ?? "channels unknown"
        let access = interleavedAccess == false ? "; no interleaved access (use plughw:)" : ""
        return "\(rates)\(range); \(formatList); \(channelText)\(access)"
    }
}

extension ALSAError {
    /// Missing, busy or unreachable devices are 69 (unavailable); requests a device refuses are
    /// 64 (usage: pick another rate, format or channel count); a bad signal is 65; an interrupted
    /// take is 128 + the signal, as the shell reports it; stream failures are 74.
    var exitStatus: Int32 {
        switch self {
        case .deviceNotFound, .deviceBusy, .connectionRefused: return ExitStatus.unavailable
        case .unsupportedSampleRate, .unsupportedFormat, .unsupportedChannelCount, .unsupportedAccess:
            return ExitStatus.usage
        case .nonFiniteSample: return ExitStatus.badData
        case let .interrupted(signal): return 128 + signal
        case .xruns, .timeout, .system: return ExitStatus.ioError
        }
    }
}
