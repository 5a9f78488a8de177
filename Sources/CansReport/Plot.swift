/// A chart as values: what `SVGPlotWriter` draws. Curves are drawn in order over the bands, the
/// first band lowest.
public struct Plot: Sendable, Equatable {
    /// The horizontal axis.
    public enum XAxis: Sendable, Equatable {
        /// Log frequency from 20 Hz to 20 kHz, labelled at 1-2-5 steps per decade.
        case frequency
        /// A linear axis from `lower` to `upper` (time in ms, take numbers...).
        case linear(title: String, lower: Double, upper: Double)
    }

    /// How a curve is drawn.
    public enum Style: String, Sendable, Equatable {
        case solid, dashed, dotted
        /// Markers joined by a thin line: for few points (one per take).
        case points
    }

    /// One curve.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var xs: [Double]
        public var ys: [Double]
        public var style: Style
        /// Index into the palette (Okabe & Ito's colour-blind-safe colours).
        public var color: Int

        public init(name: String, xs: [Double], ys: [Double], style: Style = .solid, color: Int) {
            self.name = name
            self.xs = xs
            self.ys = ys
            self.style = style
            self.color = color
        }
    }

    /// A filled band between two curves (the re-seat spread).
    public struct Band: Sendable, Equatable {
        public var name: String
        public var xs: [Double]
        public var lower: [Double]
        public var upper: [Double]
        public var color: Int

        public init(name: String, xs: [Double], lower: [Double], upper: [Double], color: Int) {
            self.name = name
            self.xs = xs
            self.lower = lower
            self.upper = upper
            self.color = color
        }

        /// A curve's spread as a band: `ys` +- `spreadDB` (one standard deviation either side).
        public static func spread(of name: String, xs: [Double], ys: [Double], spreadDB: [Double], color: Int) -> Band {
            Band(name: "\(name) spread (+-1 SD)", xs: xs, lower: zip(ys, spreadDB).map { $0 - $1 },
                 upper: zip(ys, spreadDB).map { $0 + $1 }, color: color)
        }
    }

    public var title: String
    public var xAxis: XAxis
    /// The vertical axis's title, with its unit ("Level (dB)").
    public var yTitle: String
    /// Fixed vertical limits; nil chooses them from the data (`PlotScale.niceLimits`).
    public var yRange: ClosedRange<Double>?
    public var series: [Series]
    public var bands: [Band]

    public init(title: String, xAxis: XAxis = .frequency, yTitle: String = "Level (dB)", yRange: ClosedRange<Double>? = nil,
                series: [Series], bands: [Band] = []) {
        self.title = title
        self.xAxis = xAxis
        self.yTitle = yTitle
        self.yRange = yRange
        self.series = series
        self.bands = bands
    }

    /// The horizontal limits the axis shows.
    public var xLimits: ClosedRange<Double> {
        switch xAxis {
        case .frequency: return 20...20_000
        case let .linear(_, lower, upper): return lower...max(upper, lower + 1e-9)
        }
    }

    /// Colours by palette index: Okabe & Ito (2008), "Color Universal Design", chosen so that
    /// curves stay apart for readers with colour-vision deficiencies.
    public static let palette = ["#0072B2", "#D55E00", "#000000", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F"]

    /// Palette indices the report uses for its recurring curves.
    public enum Color {
        public static let left = 0, right = 1, target = 2, eq = 3, corrected = 4, extra = 5, sky = 6, grey = 7
    }
}
