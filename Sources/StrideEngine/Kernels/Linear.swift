/// x·Wᵀ + b along the last axis of `x` (PyTorch's `F.linear`): `weight` [out, in], `bias` [out].
/// One fused op so that a dense layer costs one GEMM forward and two backward.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
    try linear(x, weight: weight, bias: bias, activation: .identity)
}

/// The linear map followed by `activation`: a ReLU is computed in the same passes (a select
/// on the product, a mask on its gradient), the others are applied after.
func linear(_ x: Tensor, weight: Tensor, bias: Tensor?, activation: Activation) throws -> Tensor {
    let fusedReLU = activation == .relu
    let y = try linear(x, weight: weight, bias: bias, fusedReLU: fusedReLU)
    return fusedReLU ? y : try activation.apply(y)
}

/// The linear map, with a ReLU computed in the same passes when `fusedReLU`.
private func linear(_ x: Tensor, weight: Tensor, bias: Tensor?, fusedReLU: Bool) throws -> Tensor {
    guard x.rank >= 1, weight.rank == 2, x.shape[x.rank - 1] == weight.shape[1] else {
        throw EngineError.shape(op: "linear", lhs: x.shape, rhs: weight.shape)
    }
    let (outF, inF) = (weight.shape[0], weight.shape[1])
    if let bias, bias.shape != [outF] { throw EngineError.shape(op: "linear bias", lhs: weight.shape, rhs: bias.shape) }
    // Counted from the shape: a [rows, 0] input has rows too, each the bias alone.
    let rows = x.shape.dropLast().reduce(1, *)
    try checkBLASSizes(op: "linear", x.shape, weight.shape, sizes: rows, outF, inF)
    let outShape = Array(x.shape.dropLast()) + [outF]
    let out = try Tensor(uninitializedShape: outShape, op: "linear")
    if let bias {
        for r in 0..<rows { (out.pointer + r * outF).update(from: bias.pointer, count: outF) }
    }
    gemm(transA: false, transB: true, m: rows, n: outF, k: inF, a: x.pointer, lda: inF, b: weight.pointer, ldb: inF,
         beta: bias == nil ? 0 : 1, c: out.pointer, ldc: outF)
    if fusedReLU { let p = out.pointer; for i in 0..<out.scalarCount where p[i] < 0 { p[i] = 0 } }
    let reluOutput: Tensor? = fusedReLU ? out.detached() : nil
    let dx = x.detached(), dw = weight.detached()
    let needInput = x.isTracked
    let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
    return Tensor.record(out, inputs) { upstream in
        var g = upstream
        if let reluOutput {
            let masked = try Tensor(uninitializedShape: upstream.shape)
            let y = reluOutput.pointer, u = upstream.pointer, m = masked.pointer
            for i in 0..<masked.scalarCount { let v = u[i]; m[i] = y[i] > 0 ? v : 0 }
            g = masked
        }
        var gx: Tensor? = nil
        if needInput {
            let t = try Tensor(uninitializedShape: dx.shape)
            gemm(transA: false, transB: false, m: rows, n: inF, k: outF, a: g.pointer, lda: outF, b: dw.pointer, ldb: inF,
                 c: t.pointer, ldc: inF)
            gx = t
        }
        let gw = try Tensor(uninitializedShape: dw.shape)
        gemm(transA: true, transB: false, m: outF, n: inF, k: rows, a: g.pointer, lda: outF, b: dx.pointer, ldb: inF,
             c: gw.pointer, ldc: inF)
        guard bias != nil else { return [gx, gw] }
        let gb = try Tensor(zeros: [outF])
        for r in 0..<rows { let row = g.pointer + r * outF; for j in 0..<outF { gb.pointer[j] += row[j] } }
        return [gx, gw, gb]
    }
}
