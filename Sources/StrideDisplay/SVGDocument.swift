/// A self-contained SVG document built element by element. Every text and attribute value
/// is escaped; fonts are generic families, so nothing is fetched from elsewhere.
struct SVGDocument {
    static let fontFamily = "Helvetica, Arial, 'DejaVu Sans', sans-serif"

    let width: Double
    let height: Double
    private(set) var elements: [String] = []

    init(width: Double, height: Double) {
        self.width = width.rounded(.up)
        self.height = height.rounded(.up)
    }

    private func c(_ v: Double) -> String { Markup.coordinate(v) }

    mutating func rect(x: Double, y: Double, width w: Double, height h: Double, fill: String,
                       stroke: String? = nil, strokeWidth: Double = 1, cornerRadius: Double = 0) {
        var s = "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(w))\" height=\"\(c(h))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"\(c(strokeWidth))\"" }
        if cornerRadius > 0 { s += " rx=\"\(c(cornerRadius))\"" }
        elements.append(s + "/>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                       width w: Double = 1, dash: String? = nil) {
        var s = "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(c(w))\""
        if let dash { s += " stroke-dasharray=\"\(dash)\"" }
        elements.append(s + "/>")
    }

    /// A polyline through `points`; a nil point breaks the line (a gap for NaN or Inf).
    mutating func polyline(_ points: [(Double, Double)?], stroke: String, width w: Double,
                           opacity: Double = 1, dash: String? = nil) {
        var d = ""
        var penDown = false
        for point in points {
            guard let (x, y) = point else { penDown = false; continue }
            d += (penDown ? "L" : "M") + c(x) + " " + c(y)
            penDown = true
        }
        guard !d.isEmpty else { return }
        var s = "<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(c(w))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
        if opacity < 1 { s += " stroke-opacity=\"\(c(opacity))\"" }
        if let dash { s += " stroke-dasharray=\"\(dash)\"" }
        elements.append(s + "/>")
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String,
                         stroke: String? = nil) {
        var s = "<circle cx=\"\(c(cx))\" cy=\"\(c(cy))\" r=\"\(c(r))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"1\"" }
        elements.append(s + "/>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ string: String, x: Double, y: Double, size: Double = 12,
                       anchor: Anchor = .start, fill: String = "#222222", bold: Bool = false,
                       rotate: Double? = nil) {
        var s = "<text x=\"\(c(x))\" y=\"\(c(y))\" font-size=\"\(c(size))\""
        if anchor != .start { s += " text-anchor=\"\(anchor.rawValue)\"" }
        if fill != "#222222" { s += " fill=\"\(fill)\"" }
        if bold { s += " font-weight=\"bold\"" }
        if let rotate { s += " transform=\"rotate(\(c(rotate)) \(c(x)) \(c(y)))\"" }
        elements.append(s + ">" + Markup.escape(string) + "</text>")
    }

    /// An embedded raster (a data URI), drawn pixel for pixel without smoothing.
    mutating func image(x: Double, y: Double, width w: Double, height h: Double, dataURI: String) {
        elements.append("<image x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(w))\" height=\"\(c(h))\" preserveAspectRatio=\"none\" image-rendering=\"pixelated\" style=\"image-rendering:pixelated\" xlink:href=\"\(dataURI)\"/>")
    }

    /// The complete document on a white background.
    var rendered: String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" font-family=\"\(SVGDocument.fontFamily)\">"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
        s += elements.joined()
        return s + "</svg>"
    }
}
