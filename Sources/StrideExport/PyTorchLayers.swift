import StrideEngine

/// Maps each Stride layer to the PyTorch module computing the same function, sized from its
/// weights; children keep their Stride names, so every parameter path is Stride's.
final class PyTorchWriter {
    /// Classes written for user types (their recorded forward passes), before `Model`.
    var classes: [String] = []
    /// The model's input shape, needed only to record a user type's forward pass.
    let inputShape: [Int]?

    init(inputShape: [Int]?) { self.inputShape = inputShape }

    func module(_ layer: Layer, path: String) throws -> PyModule {
        switch layer {
        case is Sequential:
            return PyModule(type: "nn.Sequential", arguments: [Py.modules(try children(layer, path))])
        case is SeparableConv2D:
            return PyModule(type: "nn.Sequential", arguments: [Py.modules(try children(layer, path))])
        case let dense as Dense:
            guard let w = dense.weight?.value else { throw unbuilt(layer, path) }
            let bias = dense.useBias ? "True" : "False"
            let m = PyModule(type: "nn.Linear", arguments: ["\(w.shape[1])", "\(w.shape[0])", "bias=\(bias)"])
            return activated(m, dense.activation)
        case let conv as ConvolutionLayer:
            guard let w = conv.weight?.value else { throw unbuilt(layer, path) }
            return convolution(rank: w.rank - 2, weight: w, hasBias: conv.bias != nil, kernel: conv.kernelSize,
                               stride: conv.stride, dilation: conv.dilation, padding: conv.padding,
                               groups: conv.groups, activation: conv.activation)
        case let depthwise as DepthwiseConv2D:
            guard let w = depthwise.parameters.first(where: { $0.name == "weight" })?.parameter.value else {
                throw unbuilt(layer, path)
            }
            let channels = w.shape[0] / Swift.max(depthwise.depthMultiplier, 1)
            return convolution(rank: 2, weight: w, hasBias: depthwise.useBias, kernel: [depthwise.kernelSize],
                               stride: [depthwise.stride], dilation: [depthwise.dilation], padding: depthwise.padding,
                               groups: channels, activation: depthwise.activation, inChannels: channels)
        case let transposed as ConvTranspose2D:
            return try transposedConvolution(transposed, path: path)
        case let pool as PoolingLayer:
            let kind = pool.typeName.hasPrefix("Max") ? "max" : "avg"
            return PyModule(type: "Pool",
                            arguments: [Py.string(kind), "\(pool.size)", "\(pool.stride)", padding(pool.padding)])
        case is GlobalPoolingLayer:
            let kind = layer.typeName.hasPrefix("GlobalMax") ? "max" : "avg"
            return PyModule(type: "GlobalPool", arguments: [Py.string(kind)])
        case is Flatten: return PyModule(type: "nn.Flatten")
        case let reshape as Reshape: return PyModule(type: "Reshape", arguments: [Py.tuple(reshape.shape)])
        case is Identity: return PyModule(type: "nn.Identity")
        case let dropout as Dropout: return PyModule(type: "nn.Dropout", arguments: [Py.float(dropout.rate)])
        case let a as ActivationLayer: return activationModule(a.activation)
        case let softmax as Softmax: return PyModule(type: "nn.Softmax", arguments: ["dim=\(softmax.axis)"])
        case let prelu as PReLU:
            return PyModule(type: "nn.PReLU", arguments: ["num_parameters=\(prelu.slope.value.scalarCount)"])
        case let norm as BatchNorm:
            guard let w = norm.weight?.value else { throw unbuilt(layer, path) }
            return PyModule(type: "BatchNorm", arguments: ["\(w.shape[0])", "eps=\(Py.float(norm.epsilon))",
                                                           "momentum=\(Py.float(norm.momentum))"])
        case let norm as LayerNorm:
            guard let w = norm.weight?.value else { throw unbuilt(layer, path) }
            return PyModule(type: "nn.LayerNorm", arguments: [Py.list(w.shape), "eps=\(Py.float(norm.epsilon))"])
        case let embedding as Embedding:
            let sizes = ["\(embedding.vocabularySize)", "\(embedding.embeddingSize)"]
            return PyModule(type: "nn.Embedding", arguments: sizes)
                .wrapped("token_ids")
        case let upsample as Upsample2D:
            return PyModule(type: "nn.Upsample", arguments: ["scale_factor=\(upsample.scale)", "mode=\"nearest\""])
        case let residual as Residual:
            var body: [(String, PyModule)] = []
            var projection = "None"
            for (name, child) in residual.children {
                let m = try module(child, path: ExportPath.join(path, name))
                if child === residual.projection { projection = m.expression } else { body.append((name, m)) }
            }
            return PyModule(type: "Residual", arguments: [Py.modules(body), "projection=\(projection)",
                                                          "activation=\(function(residual.activation))"])
        case let concat as Concat:
            return PyModule(type: "Concat", arguments: [Py.modules(try children(layer, path)), "axis=\(concat.axis)"])
        case is DenseBlock:
            return PyModule(type: "DenseBlock", arguments: [Py.modules(try children(layer, path))])
        case let se as SqueezeExcite:
            guard let fc1 = se.fc1, let fc2 = se.fc2 else { throw unbuilt(layer, path) }
            // The block applies ReLU and sigmoid itself; fc1 and fc2 are plain Linear layers.
            let inner = [fc1, fc2].map { fc in
                PyModule(type: "nn.Linear", arguments: ["\(fc.weight!.value.shape[1])", "\(fc.weight!.value.shape[0])"])
            }
            return PyModule(type: "SqueezeExcite", arguments: inner.map(\.expression))
        case let traceable as TraceableLayer:
            return PyModule(type: try tracedClass(traceable, path: path))
        case let capsules as PrimaryCapsules:
            let conv = try module(capsules.conv, path: ExportPath.join(path, "conv"))
            return PyModule(type: "PrimaryCapsules",
                            arguments: [conv.expression, "\(capsules.capsules)", "\(capsules.dimension)"])
        default:
            let place = path.isEmpty ? "" : " (at '\(path)')"
            if layer.typeName == "Capsules" {
                throw EngineError.value("exportPyTorch: Capsules\(place) has no PyTorch module: routing by agreement "
                                        + "is not among PyTorch's layers")
            }
            throw EngineError.value("exportPyTorch: \(layer.typeName)\(place) has no PyTorch module")
        }
    }

    func children(_ layer: Layer, _ path: String) throws -> [(String, PyModule)] {
        try layer.children.map { ($0.name, try module($0.layer, path: ExportPath.join(path, $0.name))) }
    }

    func unbuilt(_ layer: Layer, _ path: String) -> EngineError {
        let place = path.isEmpty ? "" : " at '\(path)'"
        return .value("exportPyTorch: \(layer.typeName)\(place) has no weights yet: call the model once "
                      + "(or summary(inputShape:)) so that every layer knows its input size")
    }

    /// The activation as a Python function (for hooks and Residual), or "None".
    func function(_ a: Activation) -> String {
        switch a {
        case .identity: return "None"
        case .relu: return "F.relu"
        case .sigmoid: return "torch.sigmoid"
        case .tanh: return "torch.tanh"
        case .softmax: return "softmax_classes"
        case .swish: return "F.silu"
        case .leakyRelu(let alpha): return "partial(F.leaky_relu, negative_slope=\(Py.float(alpha)))"
        case .elu(let alpha): return "partial(F.elu, alpha=\(Py.float(alpha)))"
        }
    }

    private func activated(_ m: PyModule, _ a: Activation) -> PyModule {
        a == .identity ? m : m.wrapped("activated", [function(a)])
    }

    private func activationModule(_ a: Activation) -> PyModule {
        switch a {
        case .identity: return PyModule(type: "nn.Identity")
        case .relu: return PyModule(type: "nn.ReLU")
        case .sigmoid: return PyModule(type: "nn.Sigmoid")
        case .tanh: return PyModule(type: "nn.Tanh")
        case .softmax: return PyModule(type: "nn.Softmax", arguments: ["dim=1"])
        case .swish: return PyModule(type: "nn.SiLU")
        case .leakyRelu(let alpha): return PyModule(type: "nn.LeakyReLU", arguments: [Py.float(alpha)])
        case .elu(let alpha): return PyModule(type: "nn.ELU", arguments: ["alpha=\(Py.float(alpha))"])
        }
    }

    /// "valid", "same", or the explicit sizes per axis, as `Pool` takes them.
    func padding(_ p: Padding) -> String {
        switch p {
        case .valid: return Py.string("valid")
        case .same: return Py.string("same")
        case .explicit(let sizes): return Py.list(sizes)
        }
    }

    private func convolution(rank: Int, weight w: Tensor, hasBias: Bool, kernel: [Int], stride: [Int], dilation: [Int],
                             padding: Padding, groups: Int, activation: Activation,
                             inChannels: Int? = nil) -> PyModule {
        let k = ONNXExporter.perAxis(kernel, rank), s = ONNXExporter.perAxis(stride, rank)
        let d = ONNXExporter.perAxis(dilation, rank)
        var arguments = ["\(inChannels ?? w.shape[1] * groups)", "\(w.shape[0])", "kernel_size=\(Py.tuple(k))",
                         "stride=\(Py.tuple(s))", "dilation=\(Py.tuple(d))"]
        var samePadded = false
        switch padding {
        case .valid: break
        case .explicit(let p): arguments.append("padding=\(Py.tuple(ONNXExporter.perAxis(p, rank)))")
        case .same:
            // At stride 1 with an odd window the pads are equal and known: PyTorch's own padding.
            if s.allSatisfy({ $0 == 1 }), zip(k, d).allSatisfy({ ($0 - 1) * $1 % 2 == 0 }) {
                arguments.append("padding=\(Py.tuple(zip(k, d).map { ($0 - 1) * $1 / 2 }))")
            } else {
                samePadded = true
            }
        }
        if groups != 1 { arguments.append("groups=\(groups)") }
        if !hasBias { arguments.append("bias=False") }
        var m = PyModule(type: "nn.Conv\(rank)d", arguments: arguments)
        if samePadded { m = m.wrapped("same_padded", [Py.list(k), Py.list(s), Py.list(d)]) }
        return activated(m, activation)
    }

    private func transposedConvolution(_ layer: ConvTranspose2D, path: String) throws -> PyModule {
        guard let w = layer.weight?.value else { throw unbuilt(layer, path) }
        let (k, s, d) = (layer.kernelSize, layer.stride, layer.dilation)
        var arguments = ["\(w.shape[0])", "\(w.shape[1])", "kernel_size=\(k)", "stride=\(s)", "dilation=\(d)"]
        var crop: (Int, Int)? = nil
        switch layer.padding {
        case .valid:
            if layer.outputPadding != 0 { arguments.append("output_padding=\(layer.outputPadding)") }
        case .explicit(let p):
            arguments.append("padding=\(Py.tuple(ONNXExporter.perAxis(p, 2)))")
            if layer.outputPadding != 0 { arguments.append("output_padding=\(layer.outputPadding)") }
        case .same:
            // The output is size × stride: the full (k−1)·d + 1 − s extra positions are cut,
            // the odd one at the end (ConvGeometry.transposed); fewer are filled by output_padding.
            let total = (k - 1) * d + 1 - s
            if total < 0 { arguments.append("output_padding=\(-total)") }
            else if total % 2 == 0 { arguments.append("padding=\(total / 2)") }
            else { crop = (total / 2, total - total / 2) }
        }
        if layer.bias == nil { arguments.append("bias=False") }
        var m = PyModule(type: "nn.ConvTranspose2d", arguments: arguments)
        if let (b, e) = crop { m = m.wrapped("cropped", [Py.list([b, b]), Py.list([e, e])]) }
        return activated(m, layer.activation)
    }
}

/// Dotted layer paths, as `save` names parameters.
enum ExportPath {
    static func join(_ path: String, _ child: String) -> String { path.isEmpty ? child : path + "." + child }
}
