import Foundation

/// The plotting area of one chart panel: maps data to pixels and draws grid, axes, ticks
/// and labels around it.
struct ChartFrame {
    var left: Double
    var top: Double
    var width: Double
    var height: Double
    var x: AxisTicks
    var y: AxisTicks

    static let axisColor = "#444444"
    static let gridColor = "#e6e6e6"
    static let tickFontSize = 11.0

    /// The matplotlib "tab10" palette, so several series stay distinguishable.
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                          "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// Room the y tick labels need on the left.
    static func yLabelWidth(_ ticks: AxisTicks) -> Double {
        ticks.values.map { Markup.textWidth(ticks.label($0), size: tickFontSize) }.max() ?? 20
    }

    /// The pixel column of `v`, kept within a few widths of the panel (and finite) so that
    /// no coordinate overflows what the picture can hold.
    func px(_ v: Double) -> Double {
        let t = x.fraction(v)
        return left + (t.isNaN ? 0 : min(4, max(-3, t))) * width
    }

    func py(_ v: Double) -> Double {
        let t = y.fraction(v)
        return top + height - (t.isNaN ? 0 : min(1.02, max(-0.02, t))) * height
    }

    /// Grid lines, the axis box, tick labels, and the axis names.
    func drawAxes(into svg: inout SVGDocument, xLabel: String?, yLabel: String?) {
        for v in y.values {
            svg.line(x1: left, y1: py(v), x2: left + width, y2: py(v), stroke: ChartFrame.gridColor)
            svg.text(y.label(v), x: left - 6, y: py(v) + 4, size: ChartFrame.tickFontSize,
                     anchor: .end, fill: "#555555")
        }
        // Skip x labels that would collide with their neighbour.
        var lastRight = -Double.infinity
        for v in x.values {
            svg.line(x1: px(v), y1: top, x2: px(v), y2: top + height, stroke: ChartFrame.gridColor)
            let label = x.label(v)
            let half = Markup.textWidth(label, size: ChartFrame.tickFontSize) / 2
            guard px(v) - half > lastRight + 4 else { continue }
            svg.line(x1: px(v), y1: top + height, x2: px(v), y2: top + height + 4,
                     stroke: ChartFrame.axisColor)
            svg.text(label, x: px(v), y: top + height + 17, size: ChartFrame.tickFontSize,
                     anchor: .middle, fill: "#555555")
            lastRight = px(v) + half
        }
        svg.rect(x: left, y: top, width: width, height: height, fill: "none",
                 stroke: ChartFrame.axisColor)
        if let xLabel, !xLabel.isEmpty {
            svg.text(xLabel, x: left + width / 2, y: top + height + 34, size: 12, anchor: .middle)
        }
        if let yLabel, !yLabel.isEmpty {
            let labelX = left - ChartFrame.yLabelWidth(y) - 16
            svg.text(yLabel, x: labelX, y: top + height / 2, size: 12, anchor: .middle,
                     rotate: -90)
        }
    }

    /// Pixel positions of a series; non-finite values become gaps. A series denser than
    /// two points per pixel keeps, for each pixel column, its lowest and highest value in
    /// their order, so the drawing keeps its envelope while the SVG stays small.
    func points(xs: [Double], ys: [Double]) -> [(Double, Double)?] {
        let n = min(xs.count, ys.count)
        guard n > Int(width) * 2 else {
            return (0..<n).map { i in
                (xs[i].isFinite && ys[i].isFinite) ? (px(xs[i]), py(ys[i])) : nil
            }
        }
        var out: [(Double, Double)?] = []
        var column = Int.min
        var bucket: [(Double, Double)] = []   // (x, y) of finite points in this column
        var bucketHasGap = false
        func flush() {
            if bucket.isEmpty {
                if bucketHasGap { out.append(nil) }
            } else {
                let low = bucket.indices.min { bucket[$0].1 < bucket[$1].1 }!
                let high = bucket.indices.max { bucket[$0].1 < bucket[$1].1 }!
                for i in [min(low, high), max(low, high)] {
                    out.append((px(bucket[i].0), py(bucket[i].1)))
                }
                if bucketHasGap { out.append(nil) }
            }
            bucket.removeAll(keepingCapacity: true)
            bucketHasGap = false
        }
        for i in 0..<n {
            let c = xs[i].isFinite ? Int(px(xs[i]).rounded(.down)) : column
            if c != column { flush(); column = c }
            if xs[i].isFinite && ys[i].isFinite {
                bucket.append((xs[i], ys[i]))
            } else {
                bucketHasGap = true
            }
        }
        flush()
        return out
    }
}

/// One entry of a chart legend.
struct LegendEntry {
    var label: String
    var color: String
    var dash: String? = nil
    var marker: Bool = false
    var opacity: Double = 1
}

/// Draws legend entries in rows from (x, y), wrapping before `maxWidth`; returns the height used.
@discardableResult
func drawLegend(_ entries: [LegendEntry], into svg: inout SVGDocument, x: Double, y: Double,
                maxWidth: Double) -> Double {
    guard !entries.isEmpty else { return 0 }
    var cx = x, cy = y
    let rowHeight = 18.0
    for entry in entries {
        let itemWidth = 26 + Markup.textWidth(entry.label, size: 11) + 14
        if cx > x && cx + itemWidth > x + maxWidth {
            cx = x
            cy += rowHeight
        }
        svg.polyline([(cx, cy), (cx + 20, cy)], stroke: entry.color, width: 2,
                     opacity: entry.opacity, dash: entry.dash)
        if entry.marker { svg.circle(cx: cx + 10, cy: cy, r: 3, fill: entry.color) }
        svg.text(entry.label, x: cx + 26, y: cy + 4, size: 11, fill: "#333333")
        cx += itemWidth
    }
    return cy - y + rowHeight
}
