/// N-d convolution (1 to 3 spatial axes) of `input` [N, C, ...] with `filter`
/// [out, C/groups, k...] (PyTorch's layout), an optional `bias` [out], per-axis strides and
/// dilations (one value applies to every axis), and `groups` (C for depthwise).
public func convolution(_ input: Tensor, filter: Tensor, bias: Tensor? = nil, strides: [Int] = [1],
                        padding: Padding = .valid, dilations: [Int] = [1], groups: Int = 1) throws -> Tensor {
    try convolution(input, filter: filter, bias: bias, strides: strides, padding: padding, dilations: dilations,
                    groups: groups, fusedReLU: false)
}

/// The convolution, optionally followed by a ReLU computed in the same passes.
func convolution(_ input: Tensor, filter: Tensor, bias: Tensor?, strides: [Int], padding: Padding,
                 dilations: [Int], groups: Int, fusedReLU: Bool) throws -> Tensor {
    let op = "conv\(Swift.max(input.rank - 2, 1))d"
    guard filter.rank == input.rank, filter.rank >= 3 else { throw EngineError.shape(op: op, lhs: input.shape, rhs: filter.shape) }
    let g = try ConvGeometry.make(op: op, inputShape: input.shape, outChannels: filter.shape[0],
                                  kernel: Array(filter.shape[2...]), stride: strides, dilation: dilations,
                                  padding: padding, groups: groups)
    try g.checkColumns()
    guard filter.shape[1] * groups == input.shape[1] else { throw EngineError.shape(op: op, lhs: input.shape, rhs: filter.shape) }
    if let bias, bias.shape != [filter.shape[0]] { throw EngineError.shape(op: "\(op) bias", lhs: filter.shape, rhs: bias.shape) }
    if !input.isTracked && !filter.isTracked && !(bias?.isTracked ?? false) {
        return try ConvolutionKernel.forward(input, filter, bias, g, relu: fusedReLU)
    }
    let kept = ConvolutionKernel.keptColumns(g) <= ConvolutionKernel.keepLimit
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
    let cin = input.shape[1], NL = n * h * w
    let x2 = try Tensor(uninitializedShape: [cin, NL], op: op)
    Im2col.channelsMajor(input.pointer, batch: n, channels: cin, plane: h * w, x2.pointer)
    let col = try Tensor(uninitializedShape: [g.colRows, NL], op: op)
    gemm(transA: true, transB: false, m: g.colRows, n: NL, k: cin, a: filter.pointer, lda: g.colRows,
         b: x2.pointer, ldb: NL, c: col.pointer, ldc: NL)
    var out = try Tensor(zeros: [n, outChannels, outSize[0], outSize[1]])
    Im2col.col2im(col.pointer, g, out.pointer)
    if let bias {
        let plane = outSize[0] * outSize[1]
        for b in 0..<n { for c in 0..<outChannels {
            let p = out.pointer + (b * outChannels + c) * plane, v = bias.pointer[c]
            for i in 0..<plane { p[i] += v }
        } }
    }
    let wt = filter.detached()
    let inputs = bias.map { [input, filter, $0] } ?? [input, filter]
    out = Tensor.record(out, inputs) { dy in
        let dcol = try Tensor(uninitializedShape: [g.colRows, NL])
        Im2col.im2col(dy.pointer, g, dcol.pointer)
        let dx2 = try Tensor(uninitializedShape: [cin, NL])
        gemm(transA: false, transB: false, m: cin, n: NL, k: g.colRows, a: wt.pointer, lda: g.colRows,
             b: dcol.pointer, ldb: NL, c: dx2.pointer, ldc: NL)
        let dx = try Tensor(uninitializedShape: [n, cin, h, w])
        Im2col.batchMajor(dx2.pointer, batch: n, channels: cin, plane: h * w, bias: nil, dx.pointer)
        let dw = try Tensor(uninitializedShape: wt.shape)
        gemm(transA: false, transB: true, m: cin, n: g.colRows, k: NL, a: x2.pointer, lda: NL,
             b: dcol.pointer, ldb: NL, c: dw.pointer, ldc: g.colRows)
        if bias == nil { return [dx, dw] }
        return [dx, dw, try dy.sum(axes: [0, 2, 3])]
    }
    return out
}
