/// One named line of a chart. Without `x`, points sit at 0, 1, 2, …
public struct Series: Equatable, Sendable {
    /// The legend text.
    public var name: String
    /// The y values; NaN and ±Inf leave gaps.
    public var values: [Double]
    /// Optional x positions, one per value.
    public var x: [Double]?

    /// Creates a series; `x`, when given, must have one entry per value.
    public init(name: String, values: [Double], x: [Double]? = nil) {
        self.name = name
        self.values = values
        self.x = x
    }

    var xs: [Double] { x ?? values.indices.map(Double.init) }
}

extension Render {
    /// A line chart of one or more series (SVG), with nice ticks, a legend when there is
    /// more than one series or any named one, and gaps where values are NaN or infinite.
    public static func lineChart(_ series: [Series], title: String? = nil, xLabel: String? = nil,
                                 yLabel: String? = nil, width: Int = 640,
                                 height: Int = 400) throws -> MimeBundle {
        guard !series.isEmpty, series.contains(where: { !$0.values.isEmpty }) else {
            throw DisplayError.empty("the list of series to plot")
        }
        guard width >= 200, height >= 150, width <= 4000, height <= 4000 else {
            throw DisplayError.invalidArgument(
                "A chart must be between 200×150 and 4000×4000 pixels, found \(width)×\(height).")
        }
        for s in series {
            if let x = s.x, x.count != s.values.count {
                throw DisplayError.sizeMismatch(what: "The x positions of series '\(s.name)'",
                                                expected: s.values.count, found: x.count)
            }
        }
        let finiteY = series.flatMap { $0.values.filter(\.isFinite) }
        let positions = series.map(\.xs)   // computed once: `xs` builds an array
        var finiteX: [Double] = []
        for (s, xs) in zip(series, positions) {
            for (x, y) in zip(xs, s.values) where x.isFinite && y.isFinite { finiteX.append(x) }
        }
        let yTicks = AxisTicks(low: finiteY.min() ?? 0, high: finiteY.max() ?? 1, count: 6)
        // Indices (a series without x positions) and whole-number positions get whole ticks.
        let xTicks = AxisTicks(low: finiteX.min() ?? 0, high: finiteX.max() ?? 1, count: 8,
                               integral: !finiteX.isEmpty && finiteX.allSatisfy { $0 == $0.rounded() })

        var svg = SVGDocument(width: Double(width), height: Double(height))
        var top = 14.0
        if let title, !title.isEmpty {
            svg.text(title, x: Double(width) / 2, y: 22, size: 15, anchor: .middle, bold: true)
            top = 38
        }
        let named = series.filter { !$0.name.isEmpty }
        let legend = named.isEmpty ? [] : series.enumerated().map { i, s in
            LegendEntry(label: s.name.isEmpty ? "series \(i + 1)" : s.name,
                        color: ChartFrame.palette[i % ChartFrame.palette.count])
        }
        let left = 18 + ChartFrame.yLabelWidth(yTicks) + ((yLabel?.isEmpty ?? true) ? 0 : 20)
        top += drawLegend(legend, into: &svg, x: left, y: top + 4, maxWidth: Double(width) - left - 16)
        let bottom = 30.0 + ((xLabel?.isEmpty ?? true) ? 0 : 18)
        let frame = ChartFrame(left: left, top: top + 4, width: Double(width) - left - 20,
                               height: Double(height) - top - 4 - bottom, x: xTicks, y: yTicks)
        guard frame.height > 40 else {
            throw DisplayError.invalidArgument("The chart is too small for its legend; make it taller.")
        }
        frame.drawAxes(into: &svg, xLabel: xLabel, yLabel: yLabel)
        for (i, s) in series.enumerated() {
            let color = ChartFrame.palette[i % ChartFrame.palette.count]
            let points = frame.points(xs: positions[i], ys: s.values)
            svg.polyline(points, stroke: color, width: 2)
            // Lone points (a single value, or one between gaps) get a dot so they show.
            for (k, p) in points.enumerated() {
                guard let p else { continue }
                let before = k > 0 ? points[k - 1] : nil
                let after = k + 1 < points.count ? points[k + 1] : nil
                if before == nil && after == nil { svg.circle(cx: p.0, cy: p.1, r: 3, fill: color) }
            }
        }
        let description = series.enumerated().map { i, s in
            let name = s.name.isEmpty ? "series \(i + 1)" : s.name
            let last = s.values.last.map { ", last \(Markup.number($0))" } ?? ""
            return "\(name): \(s.values.count) points\(last)"
        }.joined(separator: "; ")
        let heading = (title?.isEmpty ?? true) ? "Line chart" : "Line chart '\(title!)'"
        return MimeBundle(data: [MimeType.svg: svg.rendered,
                                 MimeType.plainText: "<\(heading) — \(description)>"])
    }
}
