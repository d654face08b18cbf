/// N-d convolution (1 to 3 spatial axes) of `input` [N, C, ...] with `filter`
/// [out, C/groups, k...] (PyTorch's layout), an optional `bias` [out], per-axis strides and
/// dilations (one value applies to every axis), and `groups` (C for depthwise).
public func convolution(_ input: Tensor, filter: Tensor, bias: Tensor? = nil, strides: [Int] = [1],
                        padding: Padding = .valid, dilations: [Int] = [1], groups: Int = 1) throws -> Tensor {
    try convolution(input, filter: filter, bias: bias, strides: strides, padding: padding, dilations: dilations,
                    groups: groups, activation: .identity)
}

/// The convolution followed by `activation`; the kernel computes the ones it can fuse (ReLU)
/// in its own passes and the others are applied after.
func convolution(_ input: Tensor, filter: Tensor, bias: Tensor?, strides: [Int], padding: Padding,
                 dilations: [Int], groups: Int, activation: Activation) throws -> Tensor {
    let fusedReLU = ConvolutionKernel.fuses(activation)
    let y = try convolution(input, filter: filter, bias: bias, strides: strides, padding: padding,
                            dilations: dilations, groups: groups, fusedReLU: fusedReLU)
    return fusedReLU ? y : try activation.apply(y)
}

/// The convolution, with a ReLU computed in the same passes when `fusedReLU`.
private func convolution(_ input: Tensor, filter: Tensor, bias: Tensor?, strides: [Int], padding: Padding,
                         dilations: [Int], groups: Int, fusedReLU: Bool) throws -> Tensor {
    let op = "conv\(Swift.max(input.rank - 2, 1))d"
    guard filter.rank == input.rank, filter.rank >= 3 else { throw EngineError.shape(op: op, lhs: input.shape, rhs: filter.shape) }
    let g = try ConvGeometry.make(op: op, inputShape: input.shape, outChannels: filter.shape[0],
                                  kernel: Array(filter.shape[2...]), stride: strides, dilation: dilations,
                                  padding: padding, groups: groups)
    try g.checkColumns()
    guard filter.shape[1] * groups == input.shape[1] else { throw EngineError.shape(op: op, lhs: input.shape, rhs: filter.shape) }
    if let bias, bias.shape != [filter.shape[0]] { throw EngineError.shape(op: "\(op) bias", lhs: filter.shape, rhs: bias.shape) }
    if DepthwiseKernel.handles(g) { return try depthwise(input, filter, bias, g, fusedReLU: fusedReLU) }
    if !input.isTracked && !filter.isTracked && !(bias?.isTracked ?? false) {
        return try ConvolutionKernel.forward(input, filter, bias, g, relu: fusedReLU)
    }
    let kept = !g.isPointwise && ConvolutionKernel.keptColumns(g) <= ConvolutionKernel.keepLimit
        ? try Tensor(uninitializedShape: [ConvolutionKernel.keptColumns(g)], op: op) : nil
    let out = try ConvolutionKernel.forward(input, filter, bias, g, relu: fusedReLU, keep: kept?.pointer)
    let w = filter.detached(), x = input.detached()
    let inputs = bias.map { [input, filter, $0] } ?? [input, filter]
    let needInput = input.isTracked
    let reluOutput: Tensor? = fusedReLU ? out.detached() : nil
    return Tensor.record(out, inputs) { dy in
        let (dx, dw, db) = try ConvolutionKernel.backward(dy, x, w, g, kept: kept?.pointer, needInput: needInput, needBias: bias != nil,
                                                          reluOutput: reluOutput)
        return bias == nil ? [dx, dw] : [dx, dw, db]
    }
}

/// A depthwise convolution by the direct kernel, recorded for the backward pass.
private func depthwise(_ input: Tensor, _ filter: Tensor, _ bias: Tensor?, _ g: ConvGeometry,
                       fusedReLU: Bool) throws -> Tensor {
    let out = try DepthwiseKernel.forward(input, filter, bias, g, relu: fusedReLU)
    let w = filter.detached(), x = input.detached(), needInput = input.isTracked
    let reluOutput: Tensor? = fusedReLU ? out.detached() : nil
    return Tensor.record(out, bias.map { [input, filter, $0] } ?? [input, filter]) { dy in
        let (dx, dw, db) = try DepthwiseKernel.backward(dy, x, w, g, needInput: needInput, needBias: bias != nil,
                                                        reluOutput: reluOutput)
        return bias == nil ? [dx, dw] : [dx, dw, db]
    }
}

/// 2-D convolution: `input` [N, C, H, W], `filter` [out, C/groups, kh, kw].
public func conv2d(_ input: Tensor, filter: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Padding = .valid,
                   dilation: Int = 1, groups: Int = 1) throws -> Tensor {
    guard input.rank == 4 else { throw EngineError.invalidShape(op: "conv2d", shape: input.shape, reason: "is not [N, C, H, W]") }
    return try convolution(input, filter: filter, bias: bias, strides: [stride], padding: padding, dilations: [dilation], groups: groups)
}

/// 1-D convolution: `input` [N, C, L], `filter` [out, C/groups, k].
public func conv1d(_ input: Tensor, filter: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Padding = .valid,
                   dilation: Int = 1, groups: Int = 1) throws -> Tensor {
    guard input.rank == 3 else { throw EngineError.invalidShape(op: "conv1d", shape: input.shape, reason: "is not [N, C, L]") }
    return try convolution(input, filter: filter, bias: bias, strides: [stride], padding: padding, dilations: [dilation], groups: groups)
}

/// 3-D convolution: `input` [N, C, D, H, W], `filter` [out, C/groups, kd, kh, kw].
public func conv3d(_ input: Tensor, filter: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Padding = .valid,
                   dilation: Int = 1, groups: Int = 1) throws -> Tensor {
    guard input.rank == 5 else { throw EngineError.invalidShape(op: "conv3d", shape: input.shape, reason: "is not [N, C, D, H, W]") }
    return try convolution(input, filter: filter, bias: bias, strides: [stride], padding: padding, dilations: [dilation], groups: groups)
}

/// Transposed 2-D convolution (the gradient of conv2d with respect to its input), as
/// PyTorch's ConvTranspose2d: `filter` [C, out, kh, kw]. Output size per axis:
/// (in − 1)·stride − 2·pad + dilation·(k − 1) + 1 + outputPadding for `.valid`/`.explicit`,
/// in·stride for `.same`.
public func transposedConv2d(_ input: Tensor, filter: Tensor, bias: Tensor? = nil, stride: Int = 1,
                             padding: Padding = .valid, outputPadding: Int = 0, dilation: Int = 1) throws -> Tensor {
    let op = "transposedConv2d"
    guard input.rank == 4 else { throw EngineError.invalidShape(op: op, shape: input.shape, reason: "is not [N, C, H, W]") }
    guard filter.rank == 4, filter.shape[0] == input.shape[1] else { throw EngineError.shape(op: op, lhs: input.shape, rhs: filter.shape) }
    guard stride >= 1, dilation >= 1, outputPadding >= 0, outputPadding < Swift.max(stride, dilation) else {
        throw EngineError.value("\(op): stride and dilation must be positive and outputPadding smaller than one of them")
    }
    let outChannels = filter.shape[1]
    if let bias, bias.shape != [outChannels] { throw EngineError.shape(op: "\(op) bias", lhs: filter.shape, rhs: bias.shape) }
    let (n, h, w) = (input.shape[0], input.shape[2], input.shape[3])
    var outSize = [0, 0], pads = [0, 0]
    for (axis, size) in [h, w].enumerated() {
        (outSize[axis], pads[axis]) = try ConvGeometry.transposed(
            op: op, inputShape: input.shape, size: size, kernel: filter.shape[2 + axis], stride: stride,
            dilation: dilation, padding: padding, axis: axis, outputPadding: outputPadding)
    }
    // The forward conv that maps the output back to the input shape defines the columns.
    var g = try ConvGeometry.make(op: op, inputShape: [n, outChannels, outSize[0], outSize[1]], outChannels: input.shape[1],
                                  kernel: [filter.shape[2], filter.shape[3]], stride: [stride], dilation: [dilation],
                                  padding: .explicit(pads))
    g.output = [1, h, w]
    let (y, x2) = try TransposedConvolutionKernel.forward(input, filter, bias, g)
    let wt = filter.detached()
    let inputs = bias.map { [input, filter, $0] } ?? [input, filter]
    return Tensor.record(y, inputs) { dy in
        let (dx, dw, db) = try TransposedConvolutionKernel.backward(dy, x2, wt, g, needBias: bias != nil)
        return bias == nil ? [dx, dw] : [dx, dw, db]
    }
}
