import StrideDisplay
import StrideEngine
import StrideLanguage

/// The result of `model.summary(inputShape:)`: a table of layers (path, type, output shape,
/// parameters) that the notebook shows as HTML, with the plain-text table as fallback.
final class ModelSummaryValue: NativeObject {
    let summary: StrideEngine.ModelSummary
    let model: Layer

    init(_ summary: StrideEngine.ModelSummary, model: Layer) { self.summary = summary; self.model = model }

    var typeName: String { "ModelSummary" }
    /// The aligned text table of the display library (the notebook's text/plain).
    var description: String { Render.summary(displaySummary).plainText }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "parameterCount": return .int(summary.parameterCount)
        case "outputShape": return LanguageArray.from(summary.outputShape)
        case "inputShape": return LanguageArray.from(summary.inputShape)
        case "rows":
            return .array(summary.rows.map { r in
                .tuple(TupleStorage([.string(r.name), .string(r.type), LanguageArray.from(r.outputShape), .int(r.parameterCount)],
                                    labels: ["name", "type", "outputShape", "parameters"]))
            })
        default: throw StrideError(.typeError, "value of type ModelSummary has no member '\(name)'")
        }
    }

    /// The display library's summary: rows with each composite's parameters including its
    /// children's, receptive fields per spatial axis, and flags for all-zero or non-finite weights.
    var displaySummary: StrideDisplay.ModelSummary {
        let rows = summary.rows.map { r -> LayerSummaryRow in
            let sub = model.layer(at: r.name)
            let tensors = sub?.namedParameters().map(\.parameter.value) ?? []
            let allZero = !tensors.isEmpty && tensors.allSatisfy { t in t.scalars.allSatisfy { $0 == 0 } }
            let nonFinite = tensors.contains { t in t.scalars.contains { !$0.isFinite } }
            let spatial = max(r.outputShape.count - 2, 0)
            return LayerSummaryRow(name: r.name, type: r.type, outputShape: r.outputShape,
                                   parameters: sub?.parameterCount ?? r.parameterCount,
                                   activationBytes: r.activationBytes,
                                   receptiveField: r.receptiveField.flatMap { rf in spatial > 0 ? Array(repeating: rf, count: spatial) : nil },
                                   allZeroParameters: allZero, nonFiniteParameters: nonFinite, depth: r.depth)
        }
        return StrideDisplay.ModelSummary(title: model.name ?? model.typeName, inputShape: summary.inputShape, rows: rows,
                                          totalParameters: summary.parameterCount)
    }

    /// The notebook's representation: the display library's HTML table and plain text.
    func mimeBundle() -> (data: [String: String], metadata: [String: [String: String]]) {
        let bundle = Render.summary(displaySummary)
        return (bundle.data, bundle.metadata)
    }
}
