import Foundation

/// One row of a model summary: a layer called during a forward pass.
public struct SummaryRow: Equatable, Sendable {
    /// The layer's path ("conv1", "3.0").
    public var name: String
    /// The layer's type ("Conv2D").
    public var type: String
    /// Nesting depth (0 for children of the model).
    public var depth: Int
    /// The output shape for the summarized input shape.
    public var outputShape: [Int]
    /// Trainable scalars owned directly by this layer (not its children).
    public var parameterCount: Int
    /// Bytes of the output activation.
    public var activationBytes: Int
    /// Receptive field (in input pixels along the last axis) after this layer, following
    /// convolutions and pools in call order; nil for layers before any window.
    public var receptiveField: Int?
}

/// A model summary: rows and totals.
public struct ModelSummary: CustomStringConvertible, Sendable {
    /// One row per layer call, in call order.
    public var rows: [SummaryRow]
    /// The input shape summarized.
    public var inputShape: [Int]
    /// The model's output shape.
    public var outputShape: [Int]
    /// Trainable scalars of the whole model.
    public var parameterCount: Int

    /// A plain-text table.
    public var description: String {
        let header = ["Layer", "Type", "Output shape", "Params", "Receptive field"]
        var table = rows.map { r in
            [String(repeating: "  ", count: r.depth) + r.name, r.type, "\(r.outputShape)", "\(r.parameterCount)",
             r.receptiveField.map(String.init) ?? "-"]
        }
        table.insert(header, at: 0)
        let widths = (0..<header.count).map { c in table.map { $0[c].count }.max() ?? 0 }
        var lines = table.map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        lines.insert(String(repeating: "-", count: lines[0].count), at: 1)
        lines.append("Total parameters: \(parameterCount)")
        return lines.joined(separator: "\n")
    }
}

extension Layer {
    /// Runs the model once on zeros of `inputShape` (inference phase; this creates lazily
    /// built parameters) and describes every layer call.
    public func summary(inputShape: [Int]) throws -> ModelSummary {
        let input = try Tensor(zeros: inputShape)
        var rows: [SummaryRow] = []
        var field = 1, jump = 1, seenWindow = false
        let observer = LayerObserver(root: self) { path, layer, _, out in
            guard !path.isEmpty else { return out }
            let isLeaf = layer.children.isEmpty
            if isLeaf, let w = layer.window {
                field += (w.kernel - 1) * w.dilation * jump
                jump *= w.stride
                seenWindow = true
            }
            let own = layer.parameters.filter { $0.parameter.isTrainable }.reduce(0) { $0 + $1.parameter.value.scalarCount }
            rows.append(SummaryRow(name: path, type: layer.typeName, depth: path.split(separator: ".").count - 1,
                                   outputShape: out.shape, parameterCount: own, activationBytes: out.scalarCount * 4,
                                   receptiveField: seenWindow ? field : nil))
            return out
        }
        let output = try observer.observe { try withLearningPhase(.inference) { try self(input) } }
        // Layers report in completion order; show parents before their children.
        let order = layerPaths()
        rows.sort { (order.firstIndex(of: $0.name) ?? Int.max, 0) < (order.firstIndex(of: $1.name) ?? Int.max, 1) }
        return ModelSummary(rows: rows, inputShape: inputShape, outputShape: output.shape, parameterCount: parameterCount)
    }
}
