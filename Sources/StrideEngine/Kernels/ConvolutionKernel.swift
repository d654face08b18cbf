/// Convolution by im2col + SGEMM, taken a few samples at a time: each core works on its own
/// share of the batch, and within it on chunks whose column matrix stays in the core's L2
/// cache, so that building the columns, BLAS's packing of them and col2im all hit the
/// cache instead of memory. A chunk of one sample needs no layout change: the SGEMM writes
/// [outC, L] straight into the sample's NCHW output, and reads its gradient in place.
/// The backward pass rebuilds the columns unless the whole batch's are small enough to keep.
/// A pointwise convolution (1×1, stride 1, no padding) needs no columns: each sample's input
/// [C, L] is its column matrix and its input gradient is the columns' gradient.
enum ConvolutionKernel {
    /// Whether `forward` and `backward` compute `activation` in their own passes (a ReLU: a
    /// select while the output is written, a mask while its gradient is read).
    static func fuses(_ activation: Activation) -> Bool { activation == .relu }

    /// Floats of column matrix per chunk (a quarter of a 1 MiB L2 cache).
    static let chunkBudget = 1 << 16

    /// Samples per chunk for `g`.
    static func chunkSize(_ g: ConvGeometry) -> Int {
        if g.isPointwise { return 1 }
        return Swift.max(1, Swift.min(g.batch, chunkBudget / Swift.max(g.colRows * g.outPlane, 1)))
    }

    /// Floats of column matrix for the whole batch.
    static func keptColumns(_ g: ConvGeometry) -> Int { g.colRows * g.outPlane * g.batch }

    /// Keep the forward columns when the whole batch's stay within this many floats (8 MiB,
    /// a quarter of the L3 cache): below it reading them back is cheaper than rebuilding them.
    static var keepLimit = 1 << 21

    /// Output rows per band: a sample whose columns alone exceed the budget is taken a band
    /// of output rows at a time (then chunks hold one sample).
    static func bandRows(_ g: ConvGeometry) -> Int {
        let rows = g.output[1], rowColumns = g.colRows * g.output[2]
        guard g.output[0] == 1, !g.isPointwise, rows * rowColumns > chunkBudget else { return rows }
        return Swift.max(1, chunkBudget / Swift.max(rowColumns, 1))
    }

    /// The geometry of output rows `first..<first + count` of a chunk.
    private static func band(_ part: ConvGeometry, first: Int, count: Int) -> ConvGeometry {
        var band = part
        band.output[1] = count
        band.padBefore[1] = part.padBefore[1] - first * part.stride[1]
        return band
    }

    /// Multiply-adds per sample, the cost that decides whether to use several cores.
    private static func sampleCost(_ g: ConvGeometry) -> Int { g.colRows * g.outPlane * g.outChannels / g.groups }

    /// Forward: the output [N, outC, spatial...], with bias and then ReLU applied when given.
    /// With `keep` (room for `keptColumns(g)` floats) the columns of every chunk are left there
    /// for the backward pass, chunk after chunk in sample order.
    static func forward(_ x: Tensor, _ w: Tensor, _ bias: Tensor?, _ g: ConvGeometry, relu: Bool,
                        keep: UnsafeMutablePointer<Float>? = nil) throws -> Tensor {
        let out = try Tensor(uninitializedShape: g.outputShape(channels: g.outChannels), op: "conv")
        let nb = chunkSize(g), L = g.outPlane, K = g.colRows, outC = g.outChannels
        let kGroup = K / g.groups, outGroup = outC / g.groups
        let OH = g.output[1], OW = g.output[2], rowsPerBand = bandRows(g), pointwise = g.isPointwise
        let (xp, wp, op, bp) = (x.pointer, w.pointer, out.pointer, bias?.pointer)
        Parallel.forRanges(g.batch, itemCost: sampleCost(g)) { samples in
            let scratch = keep == nil && !pointwise ? UnsafeMutablePointer<Float>.allocate(capacity: K * nb * L) : nil
            let product = nb > 1 ? UnsafeMutablePointer<Float>.allocate(capacity: outC * nb * L) : nil
            defer { scratch?.deallocate(); product?.deallocate() }
            var start = samples.lowerBound
            while start < samples.upperBound && !EngineCancellation.isRequested {
                var part = g
                part.batch = Swift.min(nb, samples.upperBound - start)
                let NL = part.batch * L
                let dst = op + start * outC * L
                let target = product ?? dst
                var first = 0
                while first < OH {
                    let band = band(part, first: first, count: Swift.min(rowsPerBand, OH - first))
                    let BL = part.batch * band.outPlane
                    let sample = xp + start * g.inChannels * g.inPlane
                    let col = pointwise ? sample : keep.map { $0 + start * K * L + K * first * OW } ?? scratch!
                    if !pointwise { Im2col.im2col(sample, band, col, serial: true) }
                    for grp in 0..<g.groups {
                        gemm(transA: false, transB: false, m: outGroup, n: BL, k: kGroup,
                             a: wp + grp * outGroup * kGroup, lda: kGroup, b: col + grp * kGroup * BL, ldb: BL,
                             c: target + grp * outGroup * NL + first * OW, ldc: NL, serial: true)
                    }
                    first += band.output[1]
                }
                if let product {
                    Im2col.batchMajor(product, batch: part.batch, channels: outC, plane: L, bias: bp, relu: relu, dst,
                                      serial: true)
                } else if bp != nil || relu {
                    Im2col.batchMajor(dst, batch: 1, channels: outC, plane: L, bias: bp, relu: relu, dst, serial: true)
                }
                start += part.batch
            }
        }
        try EngineCancellation.checkpoint()
        return out
    }

    /// Backward: gradients of input, filter and bias from the output gradient `dy`, the
    /// forward input `x` and, for a fused ReLU, the forward output.
    /// `kept`: the columns that `forward` left (see `keep`); without them they are rebuilt.
    static func backward(_ dy: Tensor, _ x: Tensor, _ w: Tensor, _ g: ConvGeometry, kept: UnsafePointer<Float>? = nil,
                         needInput: Bool, needBias: Bool, reluOutput: Tensor? = nil) throws -> (Tensor?, Tensor, Tensor?) {
        let nb = chunkSize(g), L = g.outPlane, K = g.colRows, outC = g.outChannels
        let kGroup = K / g.groups, outGroup = outC / g.groups
        let OH = g.output[1], OW = g.output[2], rowsPerBand = bandRows(g), pointwise = g.isPointwise
        let dx: Tensor? = needInput ? try Tensor(uninitializedShape: g.inputShape(), op: "conv backward") : nil
        let dw = try Tensor(uninitializedShape: w.shape, op: "conv backward")
        let db: Tensor? = needBias ? try Tensor(uninitializedShape: [outC], op: "conv backward") : nil
        let ranges = Parallel.ranges(g.batch, itemCost: sampleCost(g) * 3)
        // One filter and bias gradient per worker, summed at the end; worker 0 writes into dw.
        let stride = w.scalarCount + outC
        let partials = UnsafeMutablePointer<Float>.allocate(capacity: ranges.count * stride + outC)
        defer { partials.deallocate() }
        dw.pointer.initialize(repeating: 0, count: w.scalarCount)
        partials.initialize(repeating: 0, count: outC)
        let (xp, wp, dyp, yp) = (x.pointer, w.pointer, dy.pointer, reluOutput?.pointer)
        Parallel.forEach(ranges.count) { worker in
            let samples = ranges[worker]
            let dwPart = worker == 0 ? dw.pointer : partials + worker * stride
            let dbPart = worker == 0 ? partials : dwPart + w.scalarCount
            dbPart.initialize(repeating: 0, count: outC)
            let scratch = kept == nil && !pointwise ? UnsafeMutablePointer<Float>.allocate(capacity: K * nb * L) : nil
            let dcol = needInput && !pointwise ? UnsafeMutablePointer<Float>.allocate(capacity: K * nb * L) : nil
            let upstream = nb > 1 || yp != nil ? UnsafeMutablePointer<Float>.allocate(capacity: outC * nb * L) : nil
            defer { scratch?.deallocate(); dcol?.deallocate(); upstream?.deallocate() }
            var start = samples.lowerBound
            while start < samples.upperBound && !EngineCancellation.isRequested {
                var part = g
                part.batch = Swift.min(nb, samples.upperBound - start)
                let NL = part.batch * L
                let src = dyp + start * outC * L
                var d2 = UnsafePointer(src)
                if let upstream {
                    Im2col.channelsMajor(src, batch: part.batch, channels: outC, plane: L,
                                         reluOutput: yp.map { $0 + start * outC * L }, upstream, serial: true)
                    d2 = UnsafePointer(upstream)
                }
                if needBias { for c in 0..<outC { dbPart[c] += Vector.sum(d2 + c * NL, NL) } }
                let dst = dx.map { $0.pointer + start * g.inChannels * g.inPlane }
                if !pointwise { dst?.initialize(repeating: 0, count: part.batch * g.inChannels * g.inPlane) }
                var first = 0
                while first < OH {
                    let band = band(part, first: first, count: Swift.min(rowsPerBand, OH - first))
                    let BL = part.batch * band.outPlane
                    let col = pointwise ? UnsafePointer(xp + start * g.inChannels * g.inPlane)
                        : kept.map { UnsafePointer($0) + start * K * L + K * first * OW } ?? UnsafePointer(scratch!)
                    if let scratch { Im2col.im2col(xp + start * g.inChannels * g.inPlane, band, scratch, serial: true) }
                    let beta: Float = start == samples.lowerBound && first == 0 ? 0 : 1
                    for grp in 0..<g.groups {
                        gemm(transA: false, transB: true, m: outGroup, n: kGroup, k: BL,
                             a: d2 + grp * outGroup * NL + first * OW, lda: NL, b: col + grp * kGroup * BL, ldb: BL,
                             beta: beta, c: dwPart + grp * outGroup * kGroup, ldc: kGroup, serial: true)
                    }
                    // A pointwise convolution's column gradient is its input gradient.
                    if let dst, let target = pointwise ? dst : dcol {
                        for grp in 0..<g.groups {
                            gemm(transA: true, transB: false, m: kGroup, n: BL, k: outGroup,
                                 a: wp + grp * outGroup * kGroup, lda: kGroup,
                                 b: d2 + grp * outGroup * NL + first * OW, ldb: NL,
                                 c: target + grp * kGroup * BL, ldc: BL, serial: true)
                        }
                        if !pointwise { Im2col.col2im(target, band, dst, serial: true) }
                    }
                    first += band.output[1]
                }
                start += part.batch
            }
        }
        try EngineCancellation.checkpoint()   // a stopped pass left the gradients unfinished
        for worker in ranges.indices.dropFirst() {
            let part = partials + worker * stride
            Vector.add(part, into: dw.pointer, w.scalarCount)
            Vector.add(part + w.scalarCount, into: partials, outC)
        }
        if let db { db.pointer.update(from: partials, count: outC) }
        return (dx, dw, db)
    }
}
