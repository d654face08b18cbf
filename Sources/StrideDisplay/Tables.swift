import Foundation

/// Plain-text and HTML tables shared by the summary and the generic tables.
extension Render {
    /// A table of strings as HTML, with an aligned text/plain fallback. Columns whose cells
    /// all look numeric are right-aligned.
    public static func table(header: [String], rows: [[String]], title: String? = nil) throws -> MimeBundle {
        guard !header.isEmpty else { throw DisplayError.empty("the table header") }
        for (i, row) in rows.enumerated() where row.count != header.count {
            throw DisplayError.sizeMismatch(what: "Row \(i) of a \(header.count)-column table",
                                            expected: header.count, found: row.count)
        }
        let right = header.indices.map { c in
            !rows.isEmpty && rows.allSatisfy { looksNumeric($0[c]) }
        }
        var plain = alignedText(header: header, rows: rows, rightAligned: right)
        if let title, !title.isEmpty { plain = title + "\n" + plain }
        let html = htmlTable(header: header, rows: rows.map { $0.map { HTMLCell(text: $0) } },
                             rightAligned: right, caption: title, footer: [])
        return MimeBundle(data: [MimeType.plainText: plain, MimeType.html: html])
    }

    /// A two-column key/value table (for dictionaries such as evaluation results).
    public static func keyValueTable(_ entries: [(key: String, value: String)],
                                     title: String? = nil) throws -> MimeBundle {
        try table(header: ["key", "value"], rows: entries.map { [$0.key, $0.value] }, title: title)
    }

    /// A 2-D array of numbers as a table (4 significant digits), with optional row and
    /// column labels (defaults: 0, 1, 2, …).
    public static func numberTable(_ values: [[Double]], rowLabels: [String]? = nil,
                                   columnLabels: [String]? = nil, title: String? = nil) throws -> MimeBundle {
        guard let width = values.first?.count, width > 0 else { throw DisplayError.empty("the array") }
        for (i, row) in values.enumerated() where row.count != width {
            throw DisplayError.sizeMismatch(what: "Row \(i) of a \(width)-column array",
                                            expected: width, found: row.count)
        }
        let rowNames = rowLabels ?? values.indices.map(String.init)
        let columnNames = columnLabels ?? (0..<width).map(String.init)
        guard rowNames.count == values.count else {
            throw DisplayError.sizeMismatch(what: "The row labels", expected: values.count, found: rowNames.count)
        }
        guard columnNames.count == width else {
            throw DisplayError.sizeMismatch(what: "The column labels", expected: width, found: columnNames.count)
        }
        let rows = zip(rowNames, values).map { name, row in [name] + row.map { Markup.number($0) } }
        return try table(header: [""] + columnNames, rows: rows, title: title)
    }

    static func looksNumeric(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return false }
        return t.allSatisfy { "0123456789.,-+e%×E".contains($0) } || ["NaN", "inf", "-inf"].contains(t)
    }

    /// Columns padded with spaces; right-aligned columns pad on the left.
    static func alignedText(header: [String], rows: [[String]], rightAligned: [Bool],
                            footer: [String] = []) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, text in
                let pad = String(repeating: " ", count: widths[c] - text.count)
                return rightAligned[c] ? pad + text : text + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = String(repeating: "─", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        var lines = [line(header), rule] + rows.map(line)
        if !footer.isEmpty { lines += [rule] + footer }
        return lines.joined(separator: "\n")
    }

    /// One table cell: escaped text, optionally coloured and bold.
    struct HTMLCell {
        var text: String
        var color: String? = nil
        var bold: Bool = false
        var indent: Int = 0
    }

    static let tableStyle = "border-collapse:collapse;font-family:Helvetica,Arial,sans-serif;font-size:13px;margin:4px 0"
    static let headStyle = "border-bottom:1px solid #888;padding:4px 10px;background:#f3f3f3"
    static let cellStyle = "border-bottom:1px solid #e3e3e3;padding:3px 10px"

    /// An HTML table with inline styles only (no scripts, no classes that need a stylesheet).
    static func htmlTable(header: [String], rows: [[HTMLCell]], rightAligned: [Bool],
                          caption: String?, footer: [String]) -> String {
        func align(_ c: Int) -> String { rightAligned[c] ? "right" : "left" }
        var h = "<table style=\"\(tableStyle)\">"
        if let caption, !caption.isEmpty {
            h += "<caption style=\"text-align:left;font-weight:bold;padding:2px 0 6px 0\">\(Markup.escape(caption))</caption>"
        }
        h += "<thead><tr>"
        for (c, name) in header.enumerated() {
            h += "<th style=\"\(headStyle);text-align:\(align(c))\">\(Markup.escape(name))</th>"
        }
        h += "</tr></thead><tbody>"
        for row in rows {
            h += "<tr>"
            for (c, cell) in row.enumerated() {
                var style = "\(cellStyle);text-align:\(align(c))"
                if let color = cell.color { style += ";color:\(color)" }
                if cell.bold { style += ";font-weight:bold" }
                if cell.indent > 0 { style += ";padding-left:\(10 + 16 * cell.indent)px" }
                if rightAligned[c] { style += ";font-variant-numeric:tabular-nums" }
                h += "<td style=\"\(style)\">\(Markup.escape(cell.text))</td>"
            }
            h += "</tr>"
        }
        h += "</tbody>"
        if !footer.isEmpty {
            h += "<tfoot>"
            for line in footer {
                h += "<tr><td colspan=\"\(header.count)\" style=\"padding:3px 10px;text-align:left\">\(Markup.escape(line))</td></tr>"
            }
            h += "</tfoot>"
        }
        return h + "</table>"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
