import StrideEngine

/// The layers that hold others: their children are emitted in place, joined by the
/// operators that combine them (Add, Concat, Mul).
extension ONNXExporter {
    /// Emits a composite layer; nil when `layer` holds no children this knows how to join.
    mutating func emitComposite(_ layer: Layer, path: String, _ x: Traced) throws -> String? {
        switch layer {
        case is Sequential, is SeparableConv2D:
            return try emitChain(layer, path: path, x)
        case let residual as Residual:
            return try emitResidual(residual, path: path, x)
        case let concat as Concat:
            guard !concat.branches.isEmpty else { throw EngineError.value("Concat: no branches") }
            var outputs: [String] = []
            for (name, branch) in concat.children {
                outputs.append(try emit(branch, path: Self.join(path, name), x).name)
            }
            return graph.node("Concat", outputs, ["axis": .int(concat.axis)])
        case let block as DenseBlock:
            var features = [x]
            for (name, unit) in block.children {
                let input = features.count == 1 ? x : try joined(features)
                features.append(try emit(unit, path: Self.join(path, name), input))
            }
            return features.count == 1 ? x.name : try joined(features).name
        case let se as SqueezeExcite:
            return try emitSqueezeExcite(se, path: path, x)
        case let capsules as PrimaryCapsules:
            return try emitPrimaryCapsules(capsules, path: path, x)
        case let traceable as TraceableLayer:
            return try emitTraced(traceable, path: path, x)
        default:
            return nil
        }
    }

    /// The channel-axis concatenation of `parts`, with its sample.
    private mutating func joined(_ parts: [Traced]) throws -> Traced {
        Traced(name: graph.node("Concat", parts.map(\.name), ["axis": .int(1)]),
               sample: try concat(parts.map(\.sample), axis: 1))
    }

    private mutating func emitResidual(_ residual: Residual, path: String, _ x: Traced) throws -> String {
        var y = x
        var shortcut = x.name
        for (name, child) in residual.children {
            if child === residual.projection {
                shortcut = try emit(child, path: Self.join(path, name), x).name
            } else {
                y = try emit(child, path: Self.join(path, name), y)
            }
        }
        return activation(residual.activation, graph.node("Add", [y.name, shortcut]), rank: x.rank)
    }

    /// Channel weights from the global average, through fc1 (ReLU) and fc2 (sigmoid),
    /// broadcast back over the spatial axes and multiplied in.
    private mutating func emitSqueezeExcite(_ se: SqueezeExcite, path: String, _ x: Traced) throws -> String {
        guard let fc1 = se.fc1, let fc2 = se.fc2 else { throw unbuilt(se, path) }
        let pooled = Traced(name: graph.node("Flatten", [graph.node("GlobalAveragePool", [x.name])], ["axis": .int(1)]),
                            sample: try globalAvgPool(x.sample))
        let weights = try emit(fc2, path: Self.join(path, "fc2"), emit(fc1, path: Self.join(path, "fc1"), pooled))
        let axes = graph.integers("axes", Array(2..<x.rank))
        return graph.node("Mul", [x.name, graph.node("Unsqueeze", [weights.name, axes])])
    }

    /// The convolution, its channels regrouped into capsule vectors, then squashed:
    /// v = s · |s|² / ((1 + |s|²)·√(|s|² + 1e-8)), as the engine's `squash`.
    private mutating func emitPrimaryCapsules(_ layer: PrimaryCapsules, path: String, _ x: Traced) throws -> String {
        let y = try emit(layer.conv, path: Self.join(path, "conv"), x)
        let (h, w) = (y.shape[2], y.shape[3])
        let groupedShape = graph.integers("shape", [0, layer.capsules, layer.dimension, h, w])
        let grouped = graph.node("Reshape", [y.name, groupedShape])
        let moved = graph.node("Transpose", [grouped], ["perm": .ints([0, 1, 3, 4, 2])])
        let s = graph.node("Reshape", [moved, graph.integers("shape", [0, layer.capsules * h * w, layer.dimension])])
        let squares = graph.node("Mul", [s, s])
        let n2 = graph.node("ReduceSum", [squares, graph.integers("axes", [-1])], ["keepdims": .int(1)])
        let one = graph.constant("one", shape: [], floats: [1])
        let tiny = graph.constant("tiny", shape: [], floats: [1e-8])
        let root = graph.node("Sqrt", [graph.node("Add", [n2, tiny])])
        let denominator = graph.node("Mul", [graph.node("Add", [n2, one]), root])
        return graph.node("Mul", [s, graph.node("Div", [n2, denominator])])
    }
}
