/// One layer's line in a model summary.
public struct LayerSummaryRow: Equatable, Sendable {
    /// The layer's path name ("conv1", "block1.conv").
    public var name: String
    /// The layer type ("Conv2D").
    public var type: String
    /// The output shape for the summary's input, batch first.
    public var outputShape: [Int]
    /// Number of parameters (for a composite, those of all its children).
    public var parameters: Int
    /// Bytes of the layer's output activations for the summary's input.
    public var activationBytes: Int
    /// Receptive field of one output position in input pixels per spatial axis; nil when it
    /// does not apply (after Flatten, for Dense).
    public var receptiveField: [Int]?
    /// All parameters are exactly zero (a layer that cannot learn or was never initialised).
    public var allZeroParameters: Bool
    /// Some parameter is NaN or infinite.
    public var nonFiniteParameters: Bool
    /// Nesting depth: 0 for top-level layers, 1 for a composite's children, …
    public var depth: Int

    /// Creates a row.
    public init(name: String, type: String, outputShape: [Int], parameters: Int,
                activationBytes: Int, receptiveField: [Int]? = nil, allZeroParameters: Bool = false,
                nonFiniteParameters: Bool = false, depth: Int = 0) {
        self.name = name
        self.type = type
        self.outputShape = outputShape
        self.parameters = parameters
        self.activationBytes = activationBytes
        self.receptiveField = receptiveField
        self.allZeroParameters = allZeroParameters
        self.nonFiniteParameters = nonFiniteParameters
        self.depth = depth
    }
}

/// A whole model's summary. Totals default to the sums over depth-0 rows (a composite's
/// row already counts its children).
public struct ModelSummary: Equatable, Sendable {
    /// The model's name or type ("Sequential").
    public var title: String
    /// The input shape the summary was computed for, batch first.
    public var inputShape: [Int]
    /// The layers in order.
    public var rows: [LayerSummaryRow]
    /// Total parameters; nil sums the top-level rows.
    public var totalParameters: Int?
    /// Trainable parameters, when some are frozen; nil means all are trainable.
    public var trainableParameters: Int?
    /// Total activation memory; nil sums the top-level rows.
    public var totalActivationBytes: Int?

    /// Creates a summary.
    public init(title: String, inputShape: [Int], rows: [LayerSummaryRow],
                totalParameters: Int? = nil, trainableParameters: Int? = nil,
                totalActivationBytes: Int? = nil) {
        self.title = title
        self.inputShape = inputShape
        self.rows = rows
        self.totalParameters = totalParameters
        self.trainableParameters = trainableParameters
        self.totalActivationBytes = totalActivationBytes
    }
}

extension Render {
    /// A model summary: HTML table (layer, type, output shape, parameters, activation
    /// memory, receptive field, flags) with totals, and an aligned text/plain table.
    public static func summary(_ s: ModelSummary) -> MimeBundle {
        let header = ["Layer", "Type", "Output shape", "Parameters", "Activations",
                      "Receptive field", "Flags"]
        let right = [false, false, false, true, true, true, false]
        let top = s.rows.filter { $0.depth == 0 }
        let totalParameters = s.totalParameters ?? top.reduce(0) { $0 + $1.parameters }
        let totalActivations = s.totalActivationBytes ?? top.reduce(0) { $0 + $1.activationBytes }

        func flags(_ r: LayerSummaryRow) -> String {
            var f: [String] = []
            if r.nonFiniteParameters { f.append("⚠ NaN/Inf parameters") }
            if r.allZeroParameters { f.append("⚠ all parameters zero") }
            return f.joined(separator: ", ")
        }
        func cells(_ r: LayerSummaryRow) -> [String] {
            [r.name, r.type, Markup.shape(r.outputShape), Markup.grouped(r.parameters),
             Markup.bytes(r.activationBytes),
             r.receptiveField.map { Markup.shape($0) } ?? "–", flags(r)]
        }
        var footer = ["Input \(Markup.shape(s.inputShape))",
                      "Total parameters: \(Markup.grouped(totalParameters)) (\(Markup.bytes(totalParameters * 4)) as Float32)"]
        if let trainable = s.trainableParameters {
            footer.append("Trainable parameters: \(Markup.grouped(trainable))")
        }
        footer.append("Activation memory: \(Markup.bytes(totalActivations)) per forward pass")
        let flagged = s.rows.filter { $0.allZeroParameters || $0.nonFiniteParameters }.count
        if flagged > 0 {
            footer.append("⚠ \(flagged) layer\(flagged == 1 ? "" : "s") flagged")
        }

        let textRows = s.rows.map { r -> [String] in
            var c = cells(r)
            c[0] = String(repeating: "  ", count: r.depth) + c[0]
            return c
        }
        let plain = s.title + "\n" + alignedText(header: header, rows: textRows, rightAligned: right,
                                                 footer: footer)
        let htmlRows = s.rows.map { r -> [HTMLCell] in
            let flagged = r.allZeroParameters || r.nonFiniteParameters
            return cells(r).enumerated().map { c, text in
                HTMLCell(text: text, color: (flagged && c == 6) ? RGB.alert.hex : nil,
                         bold: flagged && c == 6, indent: c == 0 ? r.depth : 0)
            }
        }
        let html = htmlTable(header: header, rows: htmlRows, rightAligned: right,
                             caption: s.title, footer: footer)
        return MimeBundle(data: [MimeType.plainText: plain, MimeType.html: html])
    }
}
