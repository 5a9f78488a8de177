import CansExport
import CansFormats
import CansMeasure

/// The report's tables: the fit per channel, the session's facts and every take.
enum ReportTables {
    static func e(_ text: String) -> String { SVGNumber.escaped(text) }
    static func num(_ value: Double, _ decimals: Int) -> String { "<td class=\"num\">\(SVGNumber.format(value, decimals: decimals))</td>" }
    static func row(_ label: String, _ value: String) -> String { "<tr><th>\(e(label))</th><td>\(e(value))</td></tr>\n" }

    /// Filters, preamp and scores before and after, per channel of the profile.
    static func fitTables(_ fit: ReportInput.Fit) -> String {
        var out = ""
        for channel in fit.profile.channels {
            out += "<h3>Channel \(e(channel.name))</h3>\n"
            out += "<p>Preamp \(SVGNumber.format(channel.preampDB, decimals: 1)) dB"
                + (channel.balanceDB != 0 ? " (balance \(SVGNumber.signed(channel.balanceDB)) dB included)" : "")
                + "; largest boost of the EQ curve \(SVGNumber.format(channel.maxBoostDB, decimals: 1)) dB.</p>\n"
            out += "<table class=\"filters\">\n<tr><th>#</th><th>Type</th><th>Frequency (Hz)</th><th>Gain (dB)</th><th>Q</th></tr>\n"
            for (k, filter) in channel.filters.enumerated() {
                out += "<tr><td class=\"num\">\(k + 1)</td><td>\(e(filter.type))</td>" + num(filter.frequencyHz, 0)
                    + "<td class=\"num\">\(SVGNumber.signed(filter.gainDB))</td>" + num(filter.q, 2) + "</tr>\n"
            }
            out += "</table>\n"
            out += "<table class=\"scores\">\n<tr><th></th><th>Preference (\(e(channel.after.preferenceModel)))</th>"
                + "<th>SD of error (dB)</th><th>Slope</th><th>RMS 20 Hz-10 kHz (dB)</th><th>RMS 20 Hz-20 kHz (dB)</th></tr>\n"
            for (label, scores) in [("before", channel.before), ("after", channel.after)] {
                out += "<tr><th>\(label)</th>" + num(scores.preference, 1) + num(scores.standardDeviationDB, 2) + num(scores.slope, 2)
                    + num(scores.rms20HzTo10kHzDB, 2) + num(scores.rms20HzTo20kHzDB, 2) + "</tr>\n"
            }
            out += "</table>\n"
        }
        return out
    }

    /// Devices, rate, sweep, calibration, level check, warnings and the takes with their checks.
    static func sessionSection(_ input: ReportInput) -> String {
        guard let s = input.session else { return "" }
        var facts = "<table class=\"facts\">\n"
        facts += row("Headphone", s.headphone)
        facts += row("Measured", s.createdAt + " with cans " + s.software)
        facts += row("Status", s.status.rawValue + (s.statusDetail.map { ": \($0)" } ?? ""))
        facts += row("Rig", s.rig.name + (s.rig.simulated ? " (simulated)" : ""))
        facts += row("Playback device", s.rig.playbackDevice ?? "-")
        facts += row("Capture device", s.rig.captureDevice ?? "-")
        if let format = s.rig.sampleFormat { facts += row("Sample format", format) }
        for key in s.rig.settings.keys.sorted() { facts += row("Rig setting: \(key)", s.rig.settings[key] ?? "") }
        facts += row("Sample rate", SVGNumber.format(s.sweep.sampleRate, decimals: 0) + " Hz")
        facts += row("Sweep", "\(SVGNumber.format(s.sweep.startHz, decimals: 1))-\(SVGNumber.format(s.sweep.endHz, decimals: 0)) Hz, "
            + "\(s.sweep.sweepSamples) samples (\(SVGNumber.format(Double(s.sweep.sweepSamples) / s.sweep.sampleRate, decimals: 2)) s), "
            + "\(SVGNumber.format(s.sweep.levelDBFS, decimals: 1)) dBFS")
        facts += row("Cups", s.cups.map { "\($0.name) (output \($0.outputChannel + 1), input \($0.inputChannel + 1))" }.joined(separator: ", "))
        facts += row("Placements per cup", String(s.reseats))
        facts += row("Calibration", s.calibrations.isEmpty ? "none"
            : s.calibrations.map { "\($0.role): \($0.file)" + ($0.sensitivityFactorDB.map { ", sensitivity factor \(SVGNumber.format($0, decimals: 2)) dB" } ?? "") }.joined(separator: "; "))
        if let level = s.levelCheck {
            facts += row("Level check", "peak \(SVGNumber.format(level.peakDBFS, decimals: 1)) dBFS"
                + (level.snrDB.map { ", SNR \(SVGNumber.format($0, decimals: 1)) dB" } ?? "") + ": \(level.verdict)")
        }
        for result in s.results {
            facts += row("Spread, \(result.cup.name) cup", "largest \(SVGNumber.format(result.maximumSpreadDB, decimals: 2)) dB at "
                + PlotScale.frequencyText(result.maximumSpreadHz)
                + (result.outlierSeats.isEmpty ? "" : "; outlier seats \(result.outlierSeats.map(String.init).joined(separator: ", "))"))
        }
        if let sensitivity = s.sensitivity {
            for cup in sensitivity.splAtFullScaleDB.keys.sorted() {
                facts += row("SPL at 0 dBFS, \(cup)", SVGNumber.format(sensitivity.splAtFullScaleDB[cup] ?? 0, decimals: 1) + " dB SPL at 1 kHz")
            }
        }
        facts += "</table>\n"
        var warnings = ""
        if !s.warnings.isEmpty { warnings = "<ul class=\"warnings\">\n" + s.warnings.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n" }
        var takes = "<table class=\"takes\">\n<tr><th>#</th><th>Cup</th><th>Seat</th><th>Try</th><th>Peak (dBFS)</th><th>Noise floor (dBFS)</th>"
            + "<th>SNR (dB)</th><th>THD at 1 kHz (%)</th><th>Latency (samples)</th><th>Xruns</th><th>Checks</th></tr>\n"
        for (k, take) in s.takes.enumerated() {
            takes += "<tr" + (take.accepted ? "" : " class=\"rejected\"") + "><td class=\"num\">\(k + 1)</td><td>\(e(take.cup))</td>"
                + "<td class=\"num\">\(take.seat)</td><td class=\"num\">\(take.attempt)</td>" + num(take.peakDBFS, 1)
                + (take.noiseFloorDBFS.map { num($0, 1) } ?? "<td>-</td>") + (take.snrDB.map { num($0, 1) } ?? "<td>-</td>")
                + (take.thdPercentAt1kHz.map { num($0, 3) } ?? "<td>-</td>") + "<td class=\"num\">\(take.latencySamples)</td>"
                + "<td class=\"num\">\(take.xruns)</td><td>" + (take.accepted ? "passed" : "rejected: " + e(take.problems.joined(separator: "; "))) + "</td></tr>\n"
        }
        takes += "</table>\n"
        return HTMLReport.section("Session", id: "session", facts + warnings + "<h3>Takes</h3>\n" + takes)
    }
}
