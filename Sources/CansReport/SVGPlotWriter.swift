import Foundation

/// Draws a `Plot` as a self-contained SVG 1.1 document (W3C, "Scalable Vector Graphics 1.1",
/// 2011): no scripts, no fonts or images from elsewhere, so it renders offline in any browser and
/// can be inlined in HTML. Every curve is one `<g class="curve">`, every band one
/// `<path class="band">`, every axis label a `<text class="x-tick">` or `<text class="y-tick">`,
/// so tests and scripts can read a plot back.
public enum SVGPlotWriter {
    /// Size of the drawing in CSS pixels.
    public struct Size: Sendable, Equatable {
        public var width: Double
        public var height: Double
        public init(width: Double = 820, height: Double = 420) {
            self.width = width
            self.height = height
        }
    }

    static let marginLeft = 62.0, marginRight = 18.0, marginTop = 36.0, marginBottom = 48.0
    static let legendRowHeight = 18.0

    /// The SVG text.
    /// - Parameters:
    ///   - id: a prefix for the element ids (the clip path), unique within one HTML page.
    ///   - standalone: true for a `.svg` file (an XML declaration first).
    public static func render(_ plot: Plot, id: String = "plot", size: Size = Size(), standalone: Bool = false) -> String {
        let legend = legendLayout(plot, width: size.width - marginLeft - marginRight)
        let height = size.height + Double(legend.rows) * legendRowHeight + 6
        let frame = Frame(plot: plot, width: size.width, plotBottom: size.height - marginBottom)
        let clip = "\(id)-clip"
        var out = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" id=\"\(id)\" viewBox=\"0 0 \(n(size.width)) \(n(height))\""
            + " width=\"\(n(size.width))\" height=\"\(n(height))\" font-family=\"sans-serif\" font-size=\"12\""
            + " role=\"img\" aria-labelledby=\"\(id)-title\" data-curves=\"\(plot.series.count)\">\n"
        out += "<title id=\"\(id)-title\">\(SVGNumber.escaped(plot.title))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(size.width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        out += "<text class=\"plot-title\" x=\"\(n(size.width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">"
            + "\(SVGNumber.escaped(plot.title))</text>\n"
        out += axes(plot, frame)
        out += "<clipPath id=\"\(clip)\"><rect x=\"\(n(frame.left))\" y=\"\(n(frame.top))\" width=\"\(n(frame.right - frame.left))\""
            + " height=\"\(n(frame.bottom - frame.top))\"/></clipPath>\n"
        out += "<g clip-path=\"url(#\(clip))\">\n"
        for band in plot.bands { out += bandPath(band, frame) }
        for series in plot.series { out += curve(series, frame) }
        out += "</g>\n"
        out += legendEntries(plot, legend, top: size.height + 10)
        out += "</svg>\n"
        return out
    }

    /// Data to pixels.
    struct Frame {
        let left: Double, right: Double, top: Double, bottom: Double
        let x: ClosedRange<Double>, y: ClosedRange<Double>, logX: Bool

        init(plot: Plot, width: Double, plotBottom: Double) {
            left = SVGPlotWriter.marginLeft
            right = width - SVGPlotWriter.marginRight
            top = SVGPlotWriter.marginTop
            bottom = plotBottom
            x = plot.xLimits
            if case .frequency = plot.xAxis { logX = true } else { logX = false }
            y = plot.yRange ?? PlotScale.niceLimits(Frame.visibleValues(plot, x: x))
        }

        static func visibleValues(_ plot: Plot, x: ClosedRange<Double>) -> [Double] {
            var values = [Double]()
            for series in plot.series { for (xv, yv) in zip(series.xs, series.ys) where x.contains(xv) { values.append(yv) } }
            for band in plot.bands {
                for (k, xv) in band.xs.enumerated() where x.contains(xv) && k < band.lower.count && k < band.upper.count {
                    values.append(band.lower[k])
                    values.append(band.upper[k])
                }
            }
            return values
        }

        func px(_ value: Double) -> Double {
            let t = logX ? (log10(value) - log10(x.lowerBound)) / (log10(x.upperBound) - log10(x.lowerBound))
                : (value - x.lowerBound) / (x.upperBound - x.lowerBound)
            return left + t * (right - left)
        }

        func py(_ value: Double) -> Double {
            // Values far outside are pinned just beyond the frame (the clip path hides them) so a
            // line leaving the plot keeps its direction.
            let t = (value - y.lowerBound) / (y.upperBound - y.lowerBound)
            return bottom - min(max(t, -0.5), 1.5) * (bottom - top)
        }
    }

    static func axes(_ plot: Plot, _ f: Frame) -> String {
        var grid = "<g class=\"grid\" stroke=\"#dddddd\" stroke-width=\"1\">\n"
        var labels = ""
        let xLabels: [(Double, String)]
        switch plot.xAxis {
        case .frequency:
            for hz in PlotScale.frequencyGridHz {
                let major = PlotScale.frequencyLabelsHz.contains(hz) || [100.0, 1_000, 10_000].contains(hz)
                grid += "<line x1=\"\(n(f.px(hz)))\" y1=\"\(n(f.top))\" x2=\"\(n(f.px(hz)))\" y2=\"\(n(f.bottom))\""
                    + (major ? " stroke=\"#bbbbbb\"" : "") + "/>\n"
            }
            xLabels = PlotScale.frequencyLabelsHz.map { ($0, PlotScale.frequencyLabel($0)) }
        case .linear:
            let step = PlotScale.niceStep(span: f.x.upperBound - f.x.lowerBound, count: 8)
            let decimals = step < 1 ? Int((-log10(step)).rounded(.up)) : 0
            xLabels = PlotScale.ticks(f.x, step: step).map { ($0, SVGNumber.format($0, decimals: decimals)) }
            for (value, _) in xLabels {
                grid += "<line x1=\"\(n(f.px(value)))\" y1=\"\(n(f.top))\" x2=\"\(n(f.px(value)))\" y2=\"\(n(f.bottom))\"/>\n"
            }
        }
        for (value, text) in xLabels {
            labels += "<text class=\"x-tick\" x=\"\(n(f.px(value)))\" y=\"\(n(f.bottom + 16))\" text-anchor=\"middle\">\(text)</text>\n"
        }
        let yStep = PlotScale.niceStep(span: f.y.upperBound - f.y.lowerBound, count: 8)
        let yDecimals = yStep < 1 ? Int((-log10(yStep)).rounded(.up)) : 0
        for value in PlotScale.ticks(f.y, step: yStep) {
            grid += "<line x1=\"\(n(f.left))\" y1=\"\(n(f.py(value)))\" x2=\"\(n(f.right))\" y2=\"\(n(f.py(value)))\""
                + (value == 0 ? " stroke=\"#999999\"" : "") + "/>\n"
            labels += "<text class=\"y-tick\" x=\"\(n(f.left - 6))\" y=\"\(n(f.py(value) + 4))\" text-anchor=\"end\">"
                + "\(SVGNumber.format(value, decimals: yDecimals))</text>\n"
        }
        grid += "</g>\n"
        let xTitle: String
        switch plot.xAxis {
        case .frequency: xTitle = "Frequency (Hz)"
        case let .linear(title, _, _): xTitle = title
        }
        labels += "<text class=\"axis-title\" x=\"\(n((f.left + f.right) / 2))\" y=\"\(n(f.bottom + 36))\" text-anchor=\"middle\">"
            + "\(SVGNumber.escaped(xTitle))</text>\n"
        labels += "<text class=\"axis-title\" x=\"16\" y=\"\(n((f.top + f.bottom) / 2))\" text-anchor=\"middle\""
            + " transform=\"rotate(-90 16 \(n((f.top + f.bottom) / 2)))\">\(SVGNumber.escaped(plot.yTitle))</text>\n"
        let frame = "<rect class=\"frame\" x=\"\(n(f.left))\" y=\"\(n(f.top))\" width=\"\(n(f.right - f.left))\""
            + " height=\"\(n(f.bottom - f.top))\" fill=\"none\" stroke=\"#666666\"/>\n"
        return grid + frame + labels
    }

    /// A polyline through the finite points inside the horizontal range; gaps break it.
    static func pathData(xs: [Double], ys: [Double], _ f: Frame) -> String {
        var d = ""
        var drawing = false
        for (x, y) in zip(xs, ys) {
            guard x.isFinite, y.isFinite, x >= f.x.lowerBound, x <= f.x.upperBound, !(f.logX && x <= 0) else {
                drawing = false
                continue
            }
            d += (drawing ? "L" : "M") + n(f.px(x)) + " " + n(f.py(y))
            drawing = true
        }
        return d
    }

    static func curve(_ series: Plot.Series, _ f: Frame) -> String {
        let color = Plot.palette[series.color % Plot.palette.count]
        let dash: String
        switch series.style {
        case .solid: dash = ""
        case .dashed: dash = " stroke-dasharray=\"7 4\""
        case .dotted: dash = " stroke-dasharray=\"2 3\""
        case .points: dash = ""
        }
        let width = series.style == .points ? "1" : "1.8"
        var out = "<g class=\"curve\" data-name=\"\(SVGNumber.escaped(series.name))\">"
        out += "<path d=\"\(pathData(xs: series.xs, ys: series.ys, f))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(width)\""
            + " stroke-linejoin=\"round\"\(dash)/>"
        if series.style == .points {
            for (x, y) in zip(series.xs, series.ys) where x.isFinite && y.isFinite && f.x.contains(x) {
                out += "<circle cx=\"\(n(f.px(x)))\" cy=\"\(n(f.py(y)))\" r=\"3.5\" fill=\"\(color)\"/>"
            }
        }
        return out + "</g>\n"
    }

    static func bandPath(_ band: Plot.Band, _ f: Frame) -> String {
        var upper = [(Double, Double)](), lower = [(Double, Double)]()
        for (k, x) in band.xs.enumerated() where k < band.lower.count && k < band.upper.count {
            guard x.isFinite, f.x.contains(x), band.lower[k].isFinite, band.upper[k].isFinite else { continue }
            upper.append((f.px(x), f.py(band.upper[k])))
            lower.append((f.px(x), f.py(band.lower[k])))
        }
        guard !upper.isEmpty else { return "" }
        var d = ""
        for (k, point) in (upper + lower.reversed()).enumerated() { d += (k == 0 ? "M" : "L") + n(point.0) + " " + n(point.1) }
        let color = Plot.palette[band.color % Plot.palette.count]
        return "<path class=\"band\" data-name=\"\(SVGNumber.escaped(band.name))\" d=\"\(d)Z\" fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
    }

    /// Legend entries flow left to right below the axis title, wrapping onto more rows.
    struct LegendLayout {
        var positions: [(x: Double, row: Int)]
        var rows: Int
    }

    static func legendEntries(_ plot: Plot) -> [(name: String, color: Int, style: Plot.Style?)] {
        plot.series.map { ($0.name, $0.color, $0.style) } + plot.bands.map { ($0.name, $0.color, nil) }
    }

    static func legendLayout(_ plot: Plot, width: Double) -> LegendLayout {
        var positions = [(x: Double, row: Int)](), x = 0.0, row = 0
        for entry in legendEntries(plot) {
            let entryWidth = 34 + 6.6 * Double(entry.name.count) + 18
            if x > 0 && x + entryWidth > width {
                row += 1
                x = 0
            }
            positions.append((x, row))
            x += entryWidth
        }
        return LegendLayout(positions: positions, rows: positions.isEmpty ? 0 : row + 1)
    }

    static func legendEntries(_ plot: Plot, _ layout: LegendLayout, top: Double) -> String {
        var out = "<g class=\"legend\">\n"
        for (entry, position) in zip(legendEntries(plot), layout.positions) {
            let x = marginLeft + position.x, y = top + Double(position.row) * legendRowHeight
            let color = Plot.palette[entry.color % Plot.palette.count]
            out += "<g class=\"legend-entry\">"
            if let style = entry.style {
                let dash = style == .dashed ? " stroke-dasharray=\"7 4\"" : style == .dotted ? " stroke-dasharray=\"2 3\"" : ""
                out += "<line x1=\"\(n(x))\" y1=\"\(n(y - 4))\" x2=\"\(n(x + 28))\" y2=\"\(n(y - 4))\" stroke=\"\(color)\" stroke-width=\"2.5\"\(dash)/>"
            } else {
                out += "<rect x=\"\(n(x))\" y=\"\(n(y - 10))\" width=\"28\" height=\"12\" fill=\"\(color)\" fill-opacity=\"0.25\"/>"
            }
            out += "<text x=\"\(n(x + 34))\" y=\"\(n(y))\">\(SVGNumber.escaped(entry.name))</text></g>\n"
        }
        return out + "</g>\n"
    }

    /// Pixel coordinates with one decimal: a tenth of a pixel is below what a screen shows.
    static func n(_ value: Double) -> String { SVGNumber.format(value, decimals: 1) }
}
