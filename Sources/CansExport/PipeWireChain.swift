import CansCore
import CansFit
import CansFormats
import Foundation

/// One chain of a PipeWire export with its values as written, and what PipeWire makes of them.
struct WrittenChain {
    /// The profile's channel this chain renders.
    let profile: ProfileEQ.Channel
    /// The filters as written (shelves rewritten when needed, values rounded).
    let filters: [Biquad]
    /// The preamp as written: the profile's, or lower when the cascade as written would exceed 0 dB.
    let preampDB: Double
    /// max |as PipeWire computes the written chain - profile| over 20 Hz to 20 kHz (or 0.45 fs), dB.
    let maximumDeviationDB: Double

    /// - Throws: `PipeWireExportError` when a shelf cannot be rewritten (`PipeWireShelf.expanded`).
    init(_ channel: ProfileEQ.Channel, sampleRate: Double, expandShelves: Bool, frequencyDecimals: Int,
         shelvesIgnoreQ: Bool) throws(PipeWireExportError) {
        profile = channel
        let precision = WrittenPrecision(frequencyDecimals: frequencyDecimals, gainDecimals: 2, qDecimals: 4)
        var expanded = [Biquad]()
        for filter in channel.filters {
            expanded += expandShelves && filter.type != .peaking ? try PipeWireShelf.expanded(filter, sampleRate: sampleRate) : [filter]
        }
        filters = expanded.map { $0.rounded(precision) }
        // What PipeWire computes: before 1.3.81 every shelf has Q 1/sqrt(2) whatever is written.
        // The try! holds: ProfileEQ keeps frequencies at 1 Hz or more and gains within 60 dB, and
        // rounding (to whole hertz or hundredths) keeps them there.
        let asRun = filters.map { filter in
            shelvesIgnoreQ && filter.type != .peaking
                ? try! Biquad(filter.type, frequencyHz: filter.frequencyHz, gainDB: filter.gainDB, q: PipeWireShelf.fixedQ)
                : filter
        }
        let nyquist = sampleRate / 2
        let dense = LogFrequencyGrid.logarithmic(fromHz: 5, toHz: nyquist * 0.9999, pointsPerOctave: 96)
            + asRun.map(\.frequencyHz)
        let peakDB = asRun.isEmpty ? 0 : asRun.magnitudeDB(atHz: dense, sampleRate: sampleRate).max() ?? 0
        var preamp = (channel.preampDB * 100).rounded() / 100
        if preamp + peakDB > 0 { preamp = (-peakDB * 100).rounded(.down) / 100 }
        preampDB = preamp == 0 ? 0 : preamp
        let band = LogFrequencyGrid.logarithmic(fromHz: 20, toHz: min(20_000, 0.45 * sampleRate), pointsPerOctave: 48)
        let designed = channel.magnitudeDB(atHz: band, sampleRate: sampleRate)
        let realised = asRun.isEmpty ? band.map { _ in 0.0 } : asRun.magnitudeDB(atHz: band, sampleRate: sampleRate)
        maximumDeviationDB = zip(designed, realised).map { abs($1 + preamp - $0) }.max() ?? 0
    }

    /// The chain as an EqualizerAPO ParametricEQ.txt (what the parametric-equalizer module reads).
    var parametricEQText: String {
        var decimals = EqualizerAPO.Decimals()
        decimals.gain = 2
        decimals.q = 4
        decimals.preamp = 2
        return EqualizerAPO.render([EqualizerAPO.Channel(channel: nil, preampDB: preampDB, filters: filters.map {
            EqualizerAPO.Filter(kind: $0.type.rawValue, frequencyHz: $0.frequencyHz, gainDB: $0.gainDB, q: $0.q)
        })], decimals: decimals)
    }
}

/// The `#` comment block at the top of a drop-in: what it is, for which PipeWire, how to install
/// it, and the profile's EQ as the profile holds it.
struct PipeWireHeader {
    let eq: ProfileEQ
    let options: PipeWireExportOptions
    let chains: [WrittenChain]
    let sampleRate: Double
    let shelvesIgnoreQ: Bool

    func text(form: PipeWireExport.Form) -> String {
        let name = PipeWireText.commentSafe(options.description)
        let version = options.version.map { "PipeWire \($0)" } ?? "any PipeWire from 0.3 on"
        var lines = ["PipeWire drop-in written by cans: \(name)", "Form: \(form.rawValue), for \(version)."]
        if form == .builtinNodes, chains.count == 2, options.version?.hasParametricEqualizerModule == true {
            lines.append("Per-channel EQ, so not the parametric-equalizer module, which applies one EQ to every channel.")
        }
        lines.append("EQ designed at \(PipeWireText.number(sampleRate, 0)) Hz; PipeWire computes the filters at its graph rate.")
        if shelvesIgnoreQ {
            lines.append("Shelves: this PipeWire ignores shelf Q (it uses 0.7071), so a shelf with another Q is written")
            lines.append("  as a Q 0.7071 shelf and two peaking filters that have the shelf's exact response.")
        }
        if form == .builtinNodes {
            lines.append("Preamp: a bq_highshelf at Freq 0 is a plain gain.")
        }
        lines.append("Install: copy to ~/.config/pipewire/pipewire.conf.d/, run `systemctl --user restart pipewire`,")
        lines.append("  then choose \"\(name)\" as the output device.")
        lines.append("")
        for chain in chains {
            let channel = chain.profile
            lines.append("Profile channel \(PipeWireText.commentSafe(channel.name)): preamp \(PipeWireText.number(channel.preampDB, 2)) dB"
                + (chain.preampDB != (channel.preampDB * 100).rounded() / 100
                    ? " (written \(PipeWireText.number(chain.preampDB, 2)) dB so the cascade as written stays at or below 0 dB)" : ""))
            for filter in channel.filters {
                lines.append("  \(filter.type) \(PipeWireText.number(filter.frequencyHz, 2)) Hz \(PipeWireText.number(filter.gainDB, 2)) dB"
                    + " Q \(PipeWireText.number(filter.q, 4))")
            }
        }
        return lines.map { $0.isEmpty ? "#\n" : "# \($0)\n" }.joined()
    }
}
