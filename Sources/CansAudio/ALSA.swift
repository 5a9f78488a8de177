internal import CALSA
import Glibc

// The alsa-lib adapter, part 1: the funnel from return codes to `ALSAError`, the device hints
// and library set-up. The PCM handle is in ALSAPCM.swift; these two files are the only ones that
// import CALSA. alsa-lib 1.2 reference: https://www.alsa-project.org/alsa-doc/alsa-lib/

/// One-time set-up of alsa-lib for this process: silence its stderr diagnostics (every failure
/// reaches the caller as an `ALSAError`), unless CANS_ALSA_DEBUG is set.
private let libraryReady: Bool = {
    if getenv("CANS_ALSA_DEBUG") == nil { cans_alsa_silence_errors() }
    return true
}()

/// Call before the first alsa-lib call of any entry point.
func prepareALSA() {
    _ = libraryReady
}

/// ALSA's words for a negative error code.
func alsaReason(_ code: Int32) -> String {
    guard let text = snd_strerror(code) else { return "error \(-code)" }
    return String(cString: text)
}

/// What the adapter was doing; it picks the error case for a code.
enum ALSAStage {
    /// snd_pcm_open: a missing name is `.deviceNotFound`.
    case opening
    /// Anything after the open.
    case operation(String)
}

/// The one funnel from alsa-lib return codes to `ALSAError`: non-negative is success.
/// Opening: ENOENT/ENODEV/ENXIO/EINVAL (no such card or definition) are `.deviceNotFound` with a few
/// names that exist; anywhere: EBUSY is `.deviceBusy`, ECONNREFUSED (the pulse plugin with no
/// server) `.connectionRefused`; the rest `.system` with snd_strerror's text.
func check(_ code: Int32, device: String, direction: ALSADirection, stage: ALSAStage) throws(ALSAError) {
    guard code < 0 else { return }
    throw ALSAError(code: code, device: device, direction: direction, stage: stage, available: availableNames)
}

extension ALSAError {
    /// The error for a negative alsa-lib code (see `check`); `available` is asked only for a
    /// missing device.
    init(code: Int32, device: String, direction: ALSADirection, stage: ALSAStage, available: () -> [String]) {
        switch (-code, stage) {
        // EINVAL: a card number beyond the cards alsa-lib can have (hw:99), a malformed name.
        case (ENOENT, .opening), (ENODEV, .opening), (ENXIO, .opening), (EINVAL, .opening):
            self = .deviceNotFound(device: device, available: available())
        case (EBUSY, _):
            self = .deviceBusy(device: device, direction: direction)
        case (ECONNREFUSED, _):
            self = .connectionRefused(device: device, direction: direction)
        case let (_, .operation(name)):
            self = .system(device: device, operation: name, code: code, reason: alsaReason(code))
        case (_, .opening):
            self = .system(device: device, operation: "opening for \(direction)", code: code, reason: alsaReason(code))
        }
    }
}

/// Up to eight device names from the hints, for "did you mean" lists.
private func availableNames() -> [String] {
    let names = (try? ALSADevices.list().map(\.name)) ?? []
    return Array(names.prefix(8))
}

/// The PCM devices ALSA's configuration and cards announce (snd_device_name_hint), in its order.
func pcmDeviceHints() throws(ALSAError) -> [ALSADeviceHint] {
    prepareALSA()
    var hints: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    try check(snd_device_name_hint(-1, "pcm", &hints), device: "pcm", direction: .playback,
              stage: .operation("listing devices"))
    guard let hints else { return [] }
    defer { snd_device_name_free_hint(hints) }
    var result = [ALSADeviceHint]()
    var index = 0
    while let hint = hints[index] {
        index += 1
        guard let name = hintField(hint, "NAME") else { continue }
        let description = hintField(hint, "DESC").map { text in
            text.split(whereSeparator: \.isNewline).joined(separator: ", ")
        } ?? ""
        // IOID is absent for devices that play and record.
        let directions: [ALSADirection]
        switch hintField(hint, "IOID") {
        case "Input": directions = [.capture]
        case "Output": directions = [.playback]
        default: directions = [.playback, .capture]
        }
        result.append(ALSADeviceHint(name: name, description: description, directions: directions))
    }
    return result
}

/// One field of a hint; alsa-lib returns a malloc'ed copy, freed here.
private func hintField(_ hint: UnsafeMutableRawPointer, _ field: String) -> String? {
    guard let value = snd_device_name_get_hint(hint, field) else { return nil }
    defer { free(value) }
    return String(cString: value)
}
