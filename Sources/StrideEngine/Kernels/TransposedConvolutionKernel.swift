/// Transposed convolution by GEMM + col2im: the gradient of a convolution with respect to
/// its input, run forward. `g` is the geometry of that convolution, which maps this op's
/// output [N, outC, OH, OW] back to its input [N, C, H, W] (so `g.outChannels` is C and
/// `g.outPlane` is H·W). The input is laid channels-major once, [C, N·H·W], so that the
/// whole batch is one product with the filter: columns = filterᵀ·x, then col2im.
enum TransposedConvolutionKernel {
    /// The output, and the input laid [C, N·H·W], which the backward pass reads again.
    static func forward(_ x: Tensor, _ w: Tensor, _ bias: Tensor?, _ g: ConvGeometry) throws -> (Tensor, Tensor) {
        let op = "transposedConv2d"
        let cin = g.outChannels, NL = g.batch * g.outPlane
        let x2 = try Tensor(uninitializedShape: [cin, NL], op: op)
        Im2col.channelsMajor(x.pointer, batch: g.batch, channels: cin, plane: g.outPlane, x2.pointer)
        let col = try Tensor(uninitializedShape: [g.colRows, NL], op: op)
        gemm(transA: true, transB: false, m: g.colRows, n: NL, k: cin, a: w.pointer, lda: g.colRows,
             b: x2.pointer, ldb: NL, c: col.pointer, ldc: NL)
        let out = try Tensor(zeros: g.inputShape())
        Im2col.col2im(col.pointer, g, out.pointer)
        if let bias {
            let plane = g.inPlane, outC = g.inChannels
            for b in 0..<g.batch { for c in 0..<outC {
                let p = out.pointer + (b * outC + c) * plane, v = bias.pointer[c]
                for i in 0..<plane { p[i] += v }
            } }
        }
        return (out, x2)
    }

    /// Gradients of input, filter and (with `needBias`) bias from the output gradient `dy`
    /// and the channels-major input `x2` that `forward` returned.
    static func backward(_ dy: Tensor, _ x2: Tensor, _ w: Tensor, _ g: ConvGeometry,
                         needBias: Bool) throws -> (Tensor, Tensor, Tensor?) {
        let cin = g.outChannels, NL = g.batch * g.outPlane
        let dcol = try Tensor(uninitializedShape: [g.colRows, NL])
        Im2col.im2col(dy.pointer, g, dcol.pointer)
        let dx2 = try Tensor(uninitializedShape: [cin, NL])
        gemm(transA: false, transB: false, m: cin, n: NL, k: g.colRows, a: w.pointer, lda: g.colRows,
             b: dcol.pointer, ldb: NL, c: dx2.pointer, ldc: NL)
        let dx = try Tensor(uninitializedShape: g.outputShape(channels: cin))
        Im2col.batchMajor(dx2.pointer, batch: g.batch, channels: cin, plane: g.outPlane, bias: nil, dx.pointer)
        let dw = try Tensor(uninitializedShape: w.shape)
        gemm(transA: false, transB: true, m: cin, n: g.colRows, k: NL, a: x2.pointer, lda: NL,
             b: dcol.pointer, ldb: NL, c: dw.pointer, ldc: g.colRows)
        return (dx, dw, needBias ? try dy.sum(axes: [0, 2, 3]) : nil)
    }
}
