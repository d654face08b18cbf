import StrideEngine

/// A user type as a PyTorch class: its stored layers become submodules under the same names,
/// and its `forward` is the recorded forward pass written out, one line per call.
extension PyTorchWriter {
    /// Writes the class for `layer` and returns its name.
    func tracedClass(_ layer: TraceableLayer, path: String) throws -> String {
        guard path.isEmpty, let inputShape else {
            let place = path.isEmpty ? "" : " at '\(path)'"
            throw EngineError.value("exportPyTorch: \(layer.typeName)\(place) is a user type: its callAsFunction is "
                                    + "recorded as it runs, so give the model's inputShape: (and hold user types as "
                                    + "stored properties of the model, not inside library layers)")
        }
        let recorded = try withLearningPhase(.inference) { try layer.traceForward(try Tensor(zeros: inputShape)) }
        let className = Self.className(layer.typeName, taken: classes.count)
        var submodules: [(String, PyModule)] = []
        for (name, child) in layer.children {
            submodules.append((name, try submodule(child, path: ExportPath.join(path, name))))
        }
        var lines = ["class \(className)(nn.Module):",
                     "    \"\"\"Stride's \(layer.typeName); `forward` is its callAsFunction as it ran.\"\"\"", "",
                     "    def __init__(self):", "        super().__init__()"]
        for (name, module) in submodules {
            lines.append("        self.add_module(\(Py.string(name)), \(module.expression.indented(by: 8)))")
        }
        lines += ["", "    def forward(self, x):"]
        var names = ["x"]
        for (i, step) in recorded.steps.enumerated() {
            let target = "v\(i + 1)"
            let inputs = step.inputs.map { names[$0] }
            let expression: String
            switch step.operation {
            case .layer(let child, let childPath):
                guard !childPath.hasPrefix("?") else {
                    throw EngineError.value("exportPyTorch: \(layer.typeName) calls a \(child.typeName) that is not "
                        + "one of its stored properties, so PyTorch could not name its weights")
                }
                let module = Self.isIdentifierPath(childPath) ? "self.\(childPath)"
                                                              : "self.get_submodule(\(Py.string(childPath)))"
                expression = "\(module)(\(inputs[0]))"
            case .constant(let t):
                guard t.scalarCount == 1 else {
                    throw EngineError.value("exportPyTorch: \(layer.typeName) makes a \(t.shape) tensor inside "
                        + "callAsFunction; only single numbers can be written into the module")
                }
                let number = "torch.tensor(\(Py.float(t.detached().scalars[0])))"
                expression = number + (t.rank == 0 ? "" : ".reshape(\(Py.tuple(t.shape)))")
            case .function(let name):
                expression = try call(name, inputs, step.attributes, layer: layer)
            }
            lines.append("        \(target) = \(expression)")
            names.append(target)
        }
        lines.append("        return \(names[recorded.output])")
        classes.append(lines.joined(separator: "\n"))
        return className
    }

    /// A child of a user type: a known layer, another user type, or (an array of layers) a container.
    private func submodule(_ child: Layer, path: String) throws -> PyModule {
        // A user type held by the model: its calls are already in the model's recording.
        if child is TraceableLayer || Self.isContainerOnly(child) {
            return PyModule(type: "Container", arguments: [Py.modules(try child.children.map {
                ($0.name, try submodule($0.layer, path: ExportPath.join(path, $0.name)))
            })])
        }
        return try module(child, path: path)
        return PyModule(type: "Container", arguments: [Py.modules(try children(child, path))])
    }

    /// A layer this writer has no class for, holding only children (an array property's list).
    private static func isContainerOnly(_ layer: Layer) -> Bool {
        layer.typeName == "Array" && layer.parameters.isEmpty
    }

    private func call(_ name: String, _ inputs: [String], _ attributes: [String: ForwardGraph.Attribute],
                      layer: Layer) throws -> String {
        func int(_ key: String) -> Int? { if case .int(let v)? = attributes[key] { return v }; return nil }
        func float(_ key: String) -> Float? { if case .float(let v)? = attributes[key] { return v }; return nil }
        let x = inputs.first ?? "x"
        switch name {
        case "relu": return "F.relu(\(x))"
        case "sigmoid": return "torch.sigmoid(\(x))"
        case "tanh": return "torch.tanh(\(x))"
        case "swish": return "F.silu(\(x))"
        case "leakyRelu": return "F.leaky_relu(\(x), \(Py.float(float("alpha") ?? 0.01)))"
        case "elu": return "F.elu(\(x), \(Py.float(float("alpha") ?? 1)))"
        case "softmax": return "torch.softmax(\(x), dim=\(int("axis") ?? -1))"
        case "maxPool1d", "maxPool2d", "maxPool3d", "avgPool1d", "avgPool2d", "avgPool3d":
            var padding = Padding.valid
            if case .padding(let p)? = attributes["padding"] { padding = p }
            let size = int("size") ?? 1
            let kind = name.hasPrefix("max") ? "max" : "avg"
            return "Pool(\(Py.string(kind)), \(size), \(int("stride") ?? size), \(self.padding(padding)))(\(x))"
        case "globalAvgPool2d", "globalAvgPool": return "\(x).flatten(2).mean(-1)"
        case "globalMaxPool2d", "globalMaxPool": return "\(x).flatten(2).amax(-1)"
        case "permuted":
            guard case .ints(let perm)? = attributes["permutation"] else { break }
            return "\(x).permute(\(perm.map(String.init).joined(separator: ", ")))"
        case "upsample2d": return "F.interpolate(\(x), scale_factor=\(int("scale") ?? 1), mode=\"nearest\")"
        case "concat": return "torch.cat([\(inputs.joined(separator: ", "))], dim=\(int("axis") ?? 0))"
        case "add": return "\(inputs[0]) + \(inputs[1])"
        case "subtract": return "\(inputs[0]) - \(inputs[1])"
        case "multiply": return "\(inputs[0]) * \(inputs[1])"
        case "divide": return "\(inputs[0]) / \(inputs[1])"
        default: break
        }
        throw EngineError.value("exportPyTorch: \(layer.typeName) calls \(name)(), which has no PyTorch form here")
    }

    private static func isIdentifierPath(_ path: String) -> Bool {
        path.split(separator: ".").allSatisfy {
            $0.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil
        }
    }

    /// A Python class name from the Stride type's name, unique among the written classes.
    private static func className(_ typeName: String, taken: Int) -> String {
        let cleaned = typeName.filter { $0.isLetter || $0.isNumber || $0 == "_" }
        let base = cleaned.isEmpty || cleaned.first!.isNumber ? "Traced" + cleaned : cleaned
        return base == "Model" ? "StrideModel\(taken)" : base + (taken == 0 ? "" : "\(taken)")
    }
}
