/// An input plane laid out so that every kernel offset of a strided, dilated, padded window
/// reads one contiguous range: the padded plane split into stride_h × stride_w phase planes
/// (phase (a, b) holds padded[a + sh·i][b + sw·j]), each `rows × pitch`. An output laid at
/// the same pitch then reads, for kernel offset (kh, kw), `phase + offset(kh, kw)` at its
/// own index q = oh·pitch + ow, so a depthwise convolution is one long multiply-add per
/// kernel offset instead of one short one per output row. The `pitch − OW` columns past
/// each output row are scratch: written by the forward pass, kept zero in gradients.
struct PhasePlanes {
    let H, W, OH, OW, KH, KW: Int
    let sh, sw, dh, dw, ph, pw: Int
    /// Rows and columns of one phase plane.
    let rows, pitch: Int

    init(_ g: ConvGeometry) {
        (H, W, OH, OW) = (g.input[1], g.input[2], g.output[1], g.output[2])
        (KH, KW) = (g.kernel[1], g.kernel[2])
        (sh, sw, dh, dw) = (g.stride[1], g.stride[2], g.dilation[1], g.dilation[2])
        (ph, pw) = (g.padBefore[1], g.padBefore[2])
        rows = OH + (KH - 1) * dh / sh
        pitch = OW + (KW - 1) * dw / sw
    }

    /// Floats of the phase planes of one input plane.
    var count: Int { sh * sw * rows * pitch }
    /// Floats an output plane spans at the phase pitch (its last row ends at OW).
    var span: Int { (OH - 1) * pitch + OW }

    /// Where kernel offset (kh, kw) reads for output index 0.
    @inline(__always) func offset(_ kh: Int, _ kw: Int) -> Int {
        let r = kh * dh, c = kw * dw
        return ((r % sh) * sw + c % sw) * rows * pitch + (r / sh) * pitch + c / sw
    }

    /// Input row and column of phase (a, b)'s entry (i, j).
    @inline(__always) private func source(_ a: Int, _ b: Int, _ i: Int, _ j: Int) -> (Int, Int) {
        (a + sh * i - ph, b + sw * j - pw)
    }

    /// The phase planes of input plane `x` (zeros where the window reads the padding).
    func fill(_ x: UnsafePointer<Float>, _ planes: UnsafeMutablePointer<Float>) {
        forEachRow(in: planes) { a, b, i, row, r, first, last in
            row.initialize(repeating: 0, count: pitch)
            guard r >= 0 && r < H else { return }
            let (_, c0) = source(a, b, i, 0)
            if sw == 1 { (row + first).update(from: x + r * W + c0 + first, count: last - first) }
            else { for j in first..<last { row[j] = x[r * W + c0 + sw * j] } }
        }
    }

    /// Adds phase-laid gradients back onto input plane `dx` (the inverse of `fill`).
    func scatter(_ planes: UnsafeMutablePointer<Float>, _ dx: UnsafeMutablePointer<Float>) {
        forEachRow(in: planes) { a, b, i, row, r, first, last in
            guard r >= 0 && r < H else { return }
            let (_, c0) = source(a, b, i, 0)
            if sw == 1 { Vector.add(row + first, into: dx + r * W + c0 + first, last - first) }
            else { for j in first..<last { dx[r * W + c0 + sw * j] += row[j] } }
        }
    }

    /// `body(a, b, i, row, inputRow, first, last)` for every row of every phase, where
    /// columns [first, last) of the row read input columns inside [0, W).
    @inline(__always)
    private func forEachRow(in planes: UnsafeMutablePointer<Float>,
                            _ body: (Int, Int, Int, UnsafeMutablePointer<Float>, Int, Int, Int) -> Void) {
        for a in 0..<sh { for b in 0..<sw {
            let (_, c0) = source(a, b, 0, 0)
            // Columns j with 0 ≤ c0 + sw·j < W.
            let first = c0 >= 0 ? 0 : Swift.min(pitch, (-c0 + sw - 1) / sw)
            let last = Swift.max(first, Swift.min(pitch, W - c0 > 0 ? (W - c0 + sw - 1) / sw : 0))
            let plane = planes + (a * sw + b) * rows * pitch
            for i in 0..<rows {
                let (r, _) = source(a, b, i, 0)
                body(a, b, i, plane + i * pitch, r, first, last)
            }
        } }
    }
}
