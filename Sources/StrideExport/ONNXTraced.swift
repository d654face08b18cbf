import StrideEngine

/// A recorded forward pass (a user `: Layer` type) as ONNX nodes: its library layers emitted
/// as everywhere else, its tensor functions as the operators computing them.
extension ONNXExporter {
    mutating func emitTraced(_ layer: TraceableLayer, path: String, _ x: Traced) throws -> String {
        let recorded = try layer.traceForward(x.sample)
        var values = [x]
        for step in recorded.steps {
            let inputs = step.inputs.map { values[$0] }
            let name: String
            switch step.operation {
            case .layer(let child, let childPath):
                name = try emit(child, path: Self.join(path, childPath), inputs[0]).name
            case .constant(let t):
                // A larger tensor made from nothing the pass was given is most likely the result
                // of a call the recording did not see: refused rather than frozen in.
                guard t.scalarCount == 1 else {
                    throw EngineError.value("exportONNX: \(layer.typeName) uses a \(t.shape) tensor inside "
                        + "callAsFunction that was not computed from its input by a library layer or function")
                }
                name = graph.constant("constant", t)
            case .function(let function):
                name = try emitFunction(function, inputs, step.attributes, layer: layer, path: path)
            }
            values.append(Traced(name: name, sample: step.output))
        }
        return values[recorded.output].name
    }

    private mutating func emitFunction(_ function: String, _ inputs: [Traced],
                                       _ attributes: [String: ForwardGraph.Attribute],
                                       layer: Layer, path: String) throws -> String {
        func int(_ key: String) -> Int? { if case .int(let v)? = attributes[key] { return v }; return nil }
        func float(_ key: String) -> Float? { if case .float(let v)? = attributes[key] { return v }; return nil }
        let x = inputs.first!
        switch function {
        case "relu": return activation(.relu, x.name, rank: x.rank)
        case "sigmoid": return activation(.sigmoid, x.name, rank: x.rank)
        case "tanh": return activation(.tanh, x.name, rank: x.rank)
        case "swish": return activation(.swish, x.name, rank: x.rank)
        case "leakyRelu": return activation(.leakyRelu(alpha: float("alpha") ?? 0.01), x.name, rank: x.rank)
        case "elu": return activation(.elu(alpha: float("alpha") ?? 1), x.name, rank: x.rank)
        case "softmax": return graph.node("Softmax", [x.name], ["axis": .int(int("axis") ?? -1)])
        case "maxPool1d", "maxPool2d", "maxPool3d", "avgPool1d", "avgPool2d", "avgPool3d":
            var padding = Padding.valid
            if case .padding(let p)? = attributes["padding"] { padding = p }
            let size = int("size") ?? 1
            return emitPool(isMax: function.hasPrefix("max"), size: size, stride: int("stride") ?? size,
                            padding: padding, x)
        case "globalAvgPool2d", "globalAvgPool":
            return graph.node("Flatten", [graph.node("GlobalAveragePool", [x.name])], ["axis": .int(1)])
        case "globalMaxPool2d", "globalMaxPool":
            return graph.node("Flatten", [graph.node("GlobalMaxPool", [x.name])], ["axis": .int(1)])
        case "permuted":
            guard case .ints(let perm)? = attributes["permutation"] else { break }
            return graph.node("Transpose", [x.name], ["perm": .ints(perm)])
        case "upsample2d":
            let s = Float(int("scale") ?? 1)
            return graph.node("Resize", [x.name, "", graph.constant("scales", shape: [4], floats: [1, 1, s, s])],
                              ["mode": .string("nearest"), "coordinate_transformation_mode": .string("asymmetric"),
                               "nearest_mode": .string("floor")])
        case "concat": return graph.node("Concat", inputs.map(\.name), ["axis": .int(int("axis") ?? 0)])
        case "add": return graph.node("Add", inputs.map(\.name))
        case "subtract": return graph.node("Sub", inputs.map(\.name))
        case "multiply": return graph.node("Mul", inputs.map(\.name))
        case "divide": return graph.node("Div", inputs.map(\.name))
        default: break
        }
        let place = path.isEmpty ? "" : " (at '\(path)')"
        throw EngineError.value("exportONNX: \(layer.typeName)\(place) calls \(function)(), "
                                + "which has no ONNX form here")
    }
}
