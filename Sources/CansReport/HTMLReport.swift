import CansCore
import CansExport
import CansFormats
import CansMeasure

/// The report as one self-contained HTML5 page: inline CSS and SVG, no script, no font, image or
/// style sheet from anywhere else, so it opens offline, prints, and reads without JavaScript.
/// Sections: the band summary, the response, the correction per channel, distortion, impulse
/// response, SNR, the session's facts and takes. The same input gives the same bytes (no clock).
public enum HTMLReport {
    public static func render(_ input: ReportInput) -> String {
        var body = "<header><h1>\(e(input.title))</h1>\n<p class=\"subject\">\(e(input.subject))</p></header>\n"
        for note in input.notes { body += "<p class=\"note\">\(e(note))</p>\n" }
        body += summarySection(input)
        if !input.channels.isEmpty {
            body += responseSection(input)
        }
        body += fitSection(input)
        body += measurementSections(input)
        body += ReportTables.sessionSection(input)
        body += "<footer><p>Written by cans \(e(input.software)). Levels in dB; frequencies in Hz. "
            + "Band deviations are means over each band on a log-frequency scale, after matching the levels over 500 Hz-2 kHz.</p></footer>\n"
        return page(title: "\(input.title): cans report", body: body)
    }

    static func responseSection(_ input: ReportInput) -> String {
        section("Frequency response", id: "response", svg(ReportPlots.responses(input), id: "plot-response"),
                intro: "Each channel at 0 dB at 1 kHz" + (input.channels.contains { $0.spreadDB != nil }
                    ? "; the shaded band is the spread between placements (one standard deviation either side): where it is wide, the headphone's seat changes the sound and the EQ is less certain." : "."))
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static let style = """
        body { font-family: sans-serif; color: #1a1a1a; background: #ffffff; max-width: 880px; margin: 0 auto; padding: 16px; line-height: 1.45; }
        h1 { margin-bottom: 0; } h2 { border-bottom: 1px solid #cccccc; padding-bottom: 4px; margin-top: 32px; }
        .subject { color: #555555; margin-top: 4px; }
        .note { background: #fff4d6; border-left: 4px solid #e69f00; padding: 6px 10px; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
        th, td { border: 1px solid #cccccc; padding: 3px 8px; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        th { background: #f2f2f2; }
        tr.rejected td { color: #a33; }
        svg.plot { max-width: 100%; height: auto; display: block; margin: 8px 0; }
        ul.summary li { margin-bottom: 6px; }
        footer { margin-top: 40px; color: #555555; font-size: 13px; }
        """

    static func e(_ text: String) -> String { SVGNumber.escaped(text) }

    static func section(_ title: String, id: String, _ content: String, intro: String? = nil) -> String {
        "<section id=\"\(id)\">\n<h2>\(e(title))</h2>\n" + (intro.map { "<p>\(e($0))</p>\n" } ?? "") + content + "</section>\n"
    }

    static func svg(_ plot: Plot, id: String) -> String { SVGPlotWriter.render(plot, id: id) }

    /// The seven bands against the target, per channel, and sentences for the mean of the channels.
    static func summarySection(_ input: ReportInput) -> String {
        guard let target = input.target, let combined = input.combinedResponse else { return "" }
        let summaries = input.channels.map { BandSummary(response: $0.response, target: target.curve) }
        let overall = BandSummary(response: combined, target: target.curve)
        var table = "<table class=\"bands\">\n<tr><th>Band</th><th>Range</th>"
        for channel in input.channels { table += "<th>\(e(channel.name)) (dB)</th>" }
        table += "<th>Largest deviation</th></tr>\n"
        for (k, entry) in overall.entries.enumerated() {
            table += "<tr><td>\(e(entry.band.name))</td><td>\(PlotScale.rangeLabel(lowHz: entry.band.lowHz, highHz: entry.band.highHz))</td>"
            for summary in summaries { table += "<td class=\"num\">\(SVGNumber.signed(summary.entries[k].deviationDB))</td>" }
            table += "<td class=\"num\">\(SVGNumber.signed(entry.peakDB)) dB at \(PlotScale.frequencyText(entry.peakHz))</td></tr>\n"
        }
        table += "</table>\n"
        let sentences = "<ul class=\"summary\">\n" + overall.sentences().map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        let intro = "How this headphone differs from \(target.name) in the bands mixers listen in (positive: louder than the target), "
            + "and what that tends to do to a mix made on it: you correct by ear what the headphone adds or takes away, "
            + "so the mix carries the opposite onto other systems. These are tendencies, not rules; the EQ below removes most of them."
        return section("What this headphone does", id: "summary", sentences + table, intro: intro)
    }

    /// Per channel: the correction plot, the error plot, the filter table and the scores.
    static func fitSection(_ input: ReportInput) -> String {
        var content = ""
        if let fit = input.fit {
            content += "<p>Target \(e(fit.profile.target.name)); limits \(e(fit.profile.limits)); designed at "
                + "\(SVGNumber.format(fit.eq.sampleRateHz, decimals: 0)) Hz; channels \(e(fit.profile.channelMode))"
                + (fit.path.map { "; profile \(e($0))" } ?? "") + ".</p>\n"
        }
        for index in input.channels.indices {
            if let plot = ReportPlots.correction(input, channel: index) { content += svg(plot, id: "plot-eq-\(index)") }
            if let plot = ReportPlots.error(input, channel: index) { content += svg(plot, id: "plot-error-\(index)") }
        }
        if let fit = input.fit { content += ReportTables.fitTables(fit) }
        guard !content.isEmpty else { return "" }
        return section(input.fit == nil ? "Error against the target" : "Correction EQ", id: "fit", content,
                       intro: input.fit == nil ? nil : "The corrected curve is the measurement plus the EQ's filters (the preamp only lowers the level). "
                        + "Preference: the Harman predicted preference rating (Olive, Welti, Khonsaripour 2017 and 2018) of the error curve, on its 0-100 scale.")
    }

    /// Distortion, impulse response and SNR of a session.
    static func measurementSections(_ input: ReportInput) -> String {
        var out = ""
        if !input.takeDetails.isEmpty {
            let plots = input.takeDetails.enumerated().map { svg(ReportPlots.distortion($0.element), id: "plot-distortion-\($0.offset)") }.joined()
            out += section("Harmonic distortion", id: "distortion", plots,
                           intro: "Each harmonic's level below the fundamental, from the first accepted take of each cup (synchronized swept sine: Farina 2000, Novak et al. 2015). "
                            + "Curves smoothed to 1/6 octave. -40 dB is 1 %, -60 dB is 0.1 %.")
            out += section("Impulse response", id: "impulse", svg(ReportPlots.impulse(input.takeDetails), id: "plot-impulse"),
                           intro: "The gated impulse response of the same takes around its onset.")
        }
        if let session = input.session, let plot = ReportPlots.snr(session.takes.map { ($0.cup, $0.snrDB) }) {
            out += section("Signal-to-noise ratio", id: "snr", svg(plot, id: "plot-snr"),
                           intro: "The sweep's level over the silence recorded before it, per take in the order they were made.")
        }
        return out
    }
}
