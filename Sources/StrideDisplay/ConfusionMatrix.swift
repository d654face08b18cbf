extension Render {
    /// A confusion matrix (SVG): rows are true classes, columns predicted classes, each cell
    /// holds its count and is shaded by its share of the row (so every class's recall reads
    /// the same way, whatever its size), class names on both axes.
    public static func confusionMatrix(_ counts: [[Int]], classNames: [String] = [],
                                       title: String = "Confusion matrix") throws -> MimeBundle {
        let n = counts.count
        guard n > 0 else { throw DisplayError.empty("the confusion matrix") }
        guard n <= 200 else {
            throw DisplayError.invalidArgument("A confusion matrix shows at most 200 classes, found \(n).")
        }
        for (i, row) in counts.enumerated() {
            guard row.count == n else {
                throw DisplayError.sizeMismatch(what: "Row \(i) of a \(n)-class confusion matrix",
                                                expected: n, found: row.count)
            }
            if let bad = row.first(where: { $0 < 0 }) {
                throw DisplayError.invalidArgument("Confusion counts cannot be negative, found \(bad) in row \(i).")
            }
        }
        guard classNames.isEmpty || classNames.count == n else {
            throw DisplayError.sizeMismatch(what: "The class names of a \(n)-class confusion matrix",
                                            expected: n, found: classNames.count)
        }
        let names = classNames.isEmpty ? (0..<n).map(String.init) : classNames
        let total = counts.joined().reduce(0, +)
        let correct = (0..<n).reduce(0) { $0 + counts[$1][$1] }
        let accuracy = total > 0 ? Double(correct) / Double(total) : 0
        let heading = "\(title) — accuracy \(String(format: "%.1f", accuracy * 100))% (\(Markup.grouped(correct)) of \(Markup.grouped(total)))"

        let cell = max(22.0, min(52.0, 560.0 / Double(n)))
        let countSize = max(8.0, min(13.0, cell * 0.3))
        let nameSize = 11.0
        let widestName = names.map { Markup.textWidth($0, size: nameSize) }.max() ?? 10
        let rotateColumns = widestName > cell - 4
        let left = 36 + widestName + 8
        let top = 40.0
        let gridSize = cell * Double(n)
        let columnLabelHeight = rotateColumns ? widestName * 0.72 + 14 : 18
        let width = max(left + gridSize + 20, Markup.textWidth(heading, size: 14) + 24)
        let height = top + gridSize + columnLabelHeight + 30

        var svg = SVGDocument(width: width, height: height)
        svg.text(heading, x: 12, y: 22, size: 14, bold: true)
        let dark = RGB(8, 69, 148)
        for i in 0..<n {
            let rowTotal = counts[i].reduce(0, +)
            for j in 0..<n {
                let share = rowTotal > 0 ? Float(counts[i][j]) / Float(rowTotal) : 0
                let color = RGB.white.blended(with: dark, weight: share)
                let x = left + Double(j) * cell, y = top + Double(i) * cell
                svg.rect(x: x, y: y, width: cell, height: cell, fill: color.hex,
                         stroke: "#ffffff", strokeWidth: 1)
                if counts[i][j] > 0 || n <= 20 {
                    svg.text(String(counts[i][j]), x: x + cell / 2, y: y + cell / 2 + countSize * 0.36,
                             size: countSize, anchor: .middle,
                             fill: color.luminance < 0.5 ? "#ffffff" : (counts[i][j] == 0 ? "#b0b0b0" : "#222222"),
                             bold: i == j)
                }
            }
            svg.text(names[i], x: left - 6, y: top + (Double(i) + 0.5) * cell + 4, size: nameSize,
                     anchor: .end, fill: "#333333")
        }
        svg.rect(x: left, y: top, width: gridSize, height: gridSize, fill: "none", stroke: "#888888")
        for j in 0..<n {
            let x = left + (Double(j) + 0.5) * cell, y = top + gridSize + 14
            if rotateColumns {
                svg.text(names[j], x: x + 3, y: y - 4, size: nameSize, anchor: .end, fill: "#333333",
                         rotate: -45)
            } else {
                svg.text(names[j], x: x, y: y, size: nameSize, anchor: .middle, fill: "#333333")
            }
        }
        svg.text("predicted", x: left + gridSize / 2, y: top + gridSize + columnLabelHeight + 16,
                 size: 12, anchor: .middle, bold: true)
        svg.text("true", x: 16, y: top + gridSize / 2, size: 12, anchor: .middle, bold: true, rotate: -90)

        let header = ["true \\ predicted"] + names
        let rows = (0..<n).map { i in [names[i]] + counts[i].map(String.init) }
        let plain = heading + "\n" + alignedText(header: header, rows: rows,
                                                 rightAligned: [false] + Array(repeating: true, count: n))
        return MimeBundle(data: [MimeType.svg: svg.rendered, MimeType.plainText: plain])
    }
}
