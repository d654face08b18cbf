import ONNXProto
import StrideEngine

/// The layers that hold no others: each becomes one or a few ONNX operators.
extension ONNXExporter {
    /// Emits a single layer; nil when `layer` is none of the types below.
    mutating func emitSingle(_ layer: Layer, path: String, _ x: Traced) throws -> String? {
        switch layer {
        case let dense as Dense: return try emitDense(dense, path: path, x)
        case let conv as ConvolutionLayer:
            return try emitConvolution(path: path, x, weight: conv.weight, bias: conv.bias, kernel: conv.kernelSize,
                                       stride: conv.stride, dilation: conv.dilation, padding: conv.padding,
                                       groups: conv.groups, activation: conv.activation)
        case let depthwise as DepthwiseConv2D:
            let params = Dictionary(uniqueKeysWithValues: depthwise.parameters.map { ($0.name, $0.parameter) })
            return try emitConvolution(path: path, x, weight: params["weight"], bias: params["bias"],
                                       kernel: [depthwise.kernelSize], stride: [depthwise.stride],
                                       dilation: [depthwise.dilation], padding: depthwise.padding,
                                       groups: x.shape[1], activation: depthwise.activation)
        case let transposed as ConvTranspose2D: return try emitTransposed(transposed, path: path, x)
        case let pool as PoolingLayer:
            return emitPool(isMax: pool.typeName.hasPrefix("MaxPool"), size: pool.size, stride: pool.stride,
                            padding: pool.padding, x)
        case is GlobalPoolingLayer:
            let op = layer.typeName.hasPrefix("GlobalMax") ? "GlobalMaxPool" : "GlobalAveragePool"
            return graph.node("Flatten", [graph.node(op, [x.name])], ["axis": .int(1)])
        case is Flatten: return graph.node("Flatten", [x.name], ["axis": .int(1)])
        case let reshape as Reshape:
            // 0 copies the batch size from the input, so the batch stays dynamic.
            guard !reshape.shape.contains(0) else {
                throw EngineError.value("exportONNX: Reshape to \(reshape.shape) has a 0 size")
            }
            return graph.node("Reshape", [x.name, graph.integers("shape", [0] + reshape.shape)])
        case is Identity, is Dropout: return graph.node("Identity", [x.name])
        case let activation as ActivationLayer: return self.activation(activation.activation, x.name, rank: x.rank)
        case let softmax as Softmax:
            return graph.node("Softmax", [x.name], ["axis": .int(x.rank == 1 ? 0 : softmax.axis)])
        case let prelu as PReLU:
            let slope = graph.constant(Self.parameterName(path, "weight"), prelu.slope.value)
            return graph.node("PRelu", [x.name, slope])
        case let norm as BatchNorm: return try emitBatchNorm(norm, path: path, x)
        case let norm as LayerNorm:
            guard let weight = norm.weight, let bias = norm.bias else { throw unbuilt(layer, path) }
            let k = norm.normalizedRank ?? (x.rank - 1)
            return graph.node("LayerNormalization",
                              [x.name, graph.constant(Self.parameterName(path, "weight"), weight.value),
                               graph.constant(Self.parameterName(path, "bias"), bias.value)],
                              ["axis": .int(x.rank - k), "epsilon": .float(norm.epsilon)])
        case let embedding as Embedding:
            guard let weight = embedding.weight else { throw unbuilt(layer, path) }
            // Token indices arrive as floats, as Stride keeps them; Gather takes integers.
            let indices = graph.node("Cast", [x.name], ["to": .int(Onnx_TensorProto.DataType.int64.rawValue)])
            return graph.node("Gather", [graph.constant(Self.parameterName(path, "weight"), weight.value), indices],
                              ["axis": .int(0)])
        case let upsample as Upsample2D:
            let s = Float(upsample.scale)
            let scales = graph.constant("scales", shape: [4], floats: [1, 1, s, s])
            // Output pixel i reads input pixel floor(i / scale), as Stride's upsample2d does.
            return graph.node("Resize", [x.name, "", scales],
                              ["mode": .string("nearest"), "coordinate_transformation_mode": .string("asymmetric"),
                               "nearest_mode": .string("floor")])
        default: return nil
        }
    }

    func unbuilt(_ layer: Layer, _ path: String) -> EngineError {
        .value("exportONNX: \(layer.typeName) at '\(path)' has no weights after a call")
    }

    private mutating func emitDense(_ dense: Dense, path: String, _ x: Traced) throws -> String {
        guard let weight = dense.weight else { throw unbuilt(dense, path) }
        let w = graph.constant(Self.parameterName(path, "weight"), weight.value)
        let b = dense.bias.map { graph.constant(Self.parameterName(path, "bias"), $0.value) }
        let y: String
        if x.rank == 2 {
            y = graph.node("Gemm", [x.name, w] + (b.map { [$0] } ?? []), ["transB": .int(1)])
        } else {
            // On the last axis of a higher-rank input: x·Wᵀ (+ b) broadcast over the leading axes.
            let product = graph.node("MatMul", [x.name, graph.node("Transpose", [w], ["perm": .ints([1, 0])])])
            y = b.map { graph.node("Add", [product, $0]) } ?? product
        }
        return activation(dense.activation, y, rank: x.rank)
    }

    /// One entry per spatial axis (a single value applies to every axis).
    static func perAxis(_ values: [Int], _ rank: Int) -> [Int] {
        values.count == 1 ? [Int](repeating: values[0], count: rank) : values
    }

    /// ONNX's explicit pads [begin per axis..., end per axis...] for Stride's padding rule
    /// (ConvGeometry): `.same` pads to ceil(size / stride) outputs, the odd unit after.
    static func pads(_ padding: Padding, input: [Int], kernel: [Int], stride: [Int], dilation: [Int]) -> [Int] {
        let rank = input.count
        switch padding {
        case .valid:
            return [Int](repeating: 0, count: 2 * rank)
        case .explicit(let p):
            let each = perAxis(p, rank)
            return each + each
        case .same:
            var begin: [Int] = [], end: [Int] = []
            for axis in 0..<rank {
                let extent = (kernel[axis] - 1) * dilation[axis] + 1
                let output = (input[axis] - 1) / stride[axis] + 1
                let total = Swift.max((output - 1) * stride[axis] + extent - input[axis], 0)
                begin.append(total / 2)
                end.append(total - total / 2)
            }
            return begin + end
        }
    }

    private mutating func emitConvolution(path: String, _ x: Traced, weight: Parameter?, bias: Parameter?,
                                          kernel: [Int], stride: [Int], dilation: [Int], padding: Padding,
                                          groups: Int, activation: Activation) throws -> String {
        guard let weight else { throw EngineError.value("exportONNX: the convolution at '\(path)' has no weights") }
        let rank = x.rank - 2
        let (k, s, d) = (Self.perAxis(kernel, rank), Self.perAxis(stride, rank), Self.perAxis(dilation, rank))
        let spatial = Array(x.shape.dropFirst(2))
        var inputs = [x.name, graph.constant(Self.parameterName(path, "weight"), weight.value)]
        if let bias { inputs.append(graph.constant(Self.parameterName(path, "bias"), bias.value)) }
        let pads = Self.pads(padding, input: spatial, kernel: k, stride: s, dilation: d)
        let y = graph.node("Conv", inputs, ["kernel_shape": .ints(k), "strides": .ints(s), "dilations": .ints(d),
                                            "pads": .ints(pads), "group": .int(groups)])
        return self.activation(activation, y, rank: x.rank)
    }

    private mutating func emitTransposed(_ layer: ConvTranspose2D, path: String, _ x: Traced) throws -> String {
        guard let weight = layer.weight else { throw unbuilt(layer, path) }
        let (k, s, d) = (layer.kernelSize, layer.stride, layer.dilation)
        var begin: [Int] = [], end: [Int] = [], extra: [Int] = []
        for size in x.shape.dropFirst(2) {
            // PyTorch's rule (ConvGeometry.transposed): the full output is (size−1)·s + extent;
            // pads cut it, output_padding adds to its end.
            let full = (size - 1) * s + (k - 1) * d + 1
            switch layer.padding {
            case .valid:
                begin.append(0); end.append(0); extra.append(layer.outputPadding)
            case .explicit(let p):
                let pad = Self.perAxis(p, 2)[begin.count]
                begin.append(pad); end.append(pad); extra.append(layer.outputPadding)
            case .same:
                let total = full - size * s
                if total >= 0 {
                    begin.append(total / 2); end.append(total - total / 2); extra.append(0)
                } else {
                    begin.append(0); end.append(0); extra.append(-total)
                }
            }
        }
        var inputs = [x.name, graph.constant(Self.parameterName(path, "weight"), weight.value)]
        if let bias = layer.bias { inputs.append(graph.constant(Self.parameterName(path, "bias"), bias.value)) }
        let y = graph.node("ConvTranspose", inputs,
                           ["kernel_shape": .ints([k, k]), "strides": .ints([s, s]), "dilations": .ints([d, d]),
                            "pads": .ints(begin + end), "output_padding": .ints(extra)])
        return activation(layer.activation, y, rank: x.rank)
    }

    mutating func emitPool(isMax: Bool, size: Int, stride: Int, padding: Padding, _ x: Traced) -> String {
        let rank = x.rank - 2
        let k = [Int](repeating: size, count: rank), s = [Int](repeating: stride, count: rank)
        let pads = Self.pads(padding, input: Array(x.shape.dropFirst(2)), kernel: k, stride: s,
                             dilation: [Int](repeating: 1, count: rank))
        var attributes: [String: ONNXGraph.Attribute] = ["kernel_shape": .ints(k), "strides": .ints(s),
                                                         "pads": .ints(pads)]
        if isMax { return graph.node("MaxPool", [x.name], attributes) }
        // Stride's average counts explicit padding in the divisor (PyTorch) and `.same`
        // padding not (TensorFlow).
        if case .explicit = padding { attributes["count_include_pad"] = .int(1) }
        return graph.node("AveragePool", [x.name], attributes)
    }

    private mutating func emitBatchNorm(_ norm: BatchNorm, path: String, _ x: Traced) throws -> String {
        guard let weight = norm.weight, let bias = norm.bias, let mean = norm.runningMean,
              let variance = norm.runningVariance else { throw unbuilt(norm, path) }
        let inputs = [x.name, graph.constant(Self.parameterName(path, "weight"), weight.value),
                      graph.constant(Self.parameterName(path, "bias"), bias.value),
                      graph.constant(Self.parameterName(path, "running_mean"), mean.value),
                      graph.constant(Self.parameterName(path, "running_var"), variance.value)]
        return graph.node("BatchNormalization", inputs, ["epsilon": .float(norm.epsilon)])
    }
}
