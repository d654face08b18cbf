/// im2col and col2im over up to three spatial axes. The column matrix has one row per
/// (input channel, kernel offset) and one column per (sample, output position):
/// col[r, n·L + l], L = output positions per sample. Gathering every sample into one
/// matrix turns a convolution into a single large GEMM.
enum Im2col {
    /// `serial` keeps the work on the calling thread (for callers already split across cores).
    static func im2col(_ x: UnsafePointer<Float>, _ g: ConvGeometry, _ col: UnsafeMutablePointer<Float>, serial: Bool = false) {
        if g.isPlaneShift { planeShiftIm2col(x, g, col, serial: serial) } else { rowwiseIm2col(x, g, col, serial: serial) }
    }

    /// im2col for any geometry: one copy per output row.
    static func rowwiseIm2col(_ x: UnsafePointer<Float>, _ g: ConvGeometry, _ col: UnsafeMutablePointer<Float>, serial: Bool) {
        let L = g.outPlane, NL = g.batch * L
        let w = Window(g)
        let (D, H, W, OD, OH, OW) = (w.D, w.H, w.W, w.OD, w.OH, w.OW)
        let (KH, KW, sd, sh, sw) = (w.KH, w.KW, w.sd, w.sh, w.sw)
        let inPlane = g.inPlane, C = g.inChannels
        Parallel.forRanges(g.colRows, itemCost: NL, serial: serial) { rows in
            for r in rows {
                let kw = r % KW, kh = (r / KW) % KH, kd = (r / (KW * KH)) % w.KD, c = r / (KW * KH * w.KD)
                let (iw0, lo, hi) = w.columns(kw)
                let (id0, ih0) = (kd * w.dd - w.pd, kh * w.dh - w.ph)
                var o = col + r * NL
                for n in 0..<g.batch {
                    let src = x + (n * C + c) * inPlane
                    for od in 0..<OD {
                        let id = od * sd + id0
                        if id < 0 || id >= D { o.initialize(repeating: 0, count: OH * OW); o += OH * OW; continue }
                        for oh in 0..<OH {
                            let ih = oh * sh + ih0
                            if ih < 0 || ih >= H { o.initialize(repeating: 0, count: OW); o += OW; continue }
                            let row = src + (id * H + ih) * W + iw0
                            for ow in 0..<lo { o[ow] = 0 }
                            if sw == 1 { Vector.copy(row + lo, to: o + lo, hi - lo) }
                            else { for ow in lo..<hi { o[ow] = row[ow * sw] } }
                            for ow in hi..<OW { o[ow] = 0 }
                            o += OW
                        }
                    }
                }
            }
        }
    }

    /// im2col of a 2-D, stride-1, undilated convolution whose output rows are as wide as the
    /// input's (`padding: .same`, the common 3×3 case): a column row is then the input plane
    /// shifted by one offset, so each (row, sample) is one bulk copy plus zeros at the
    /// edges, instead of one short copy per output row (a row is 8 to 32 floats in a small
    /// CNN, where the per-row overhead was most of im2col's time).
    static func planeShiftIm2col(_ x: UnsafePointer<Float>, _ g: ConvGeometry, _ col: UnsafeMutablePointer<Float>, serial: Bool) {
        let L = g.outPlane, NL = g.batch * L
        let (H, W, OH) = (g.input[1], g.input[2], g.output[1])
        let (KH, KW, ph, pw) = (g.kernel[1], g.kernel[2], g.padBefore[1], g.padBefore[2])
        let inPlane = g.inPlane, C = g.inChannels
        Parallel.forRanges(g.colRows, itemCost: NL, serial: serial) { rows in
            for r in rows {
                let kw = r % KW, kh = (r / KW) % KH, c = r / (KW * KH)
                let shift = PlaneShift(kh: kh, kw: kw, ph: ph, pw: pw, H: H, W: W, OH: OH)
                var o = col + r * NL
                for n in 0..<g.batch {
                    let src = x + (n * C + c) * inPlane
                    o.initialize(repeating: 0, count: shift.firstRow * W)
                    if shift.lastRow > shift.firstRow {
                        let start = shift.firstRow * W + shift.lo, end = (shift.lastRow - 1) * W + shift.hi
                        (o + start).update(from: src + start + shift.offset, count: end - start)
                        // The columns that fall in the padding (inside the bulk range they
                        // read a neighbouring row's pixel) are zeros.
                        for oh in shift.firstRow..<shift.lastRow {
                            let row = o + oh * W
                            for ow in 0..<shift.lo { row[ow] = 0 }
                            for ow in shift.hi..<W { row[ow] = 0 }
                        }
                    }
                    (o + shift.lastRow * W).initialize(repeating: 0, count: (OH - shift.lastRow) * W)
                    o += L
                }
            }
        }
    }

    /// Adds the columns back into an image-shaped buffer (`x` must start zeroed).
    static func col2im(_ col: UnsafePointer<Float>, _ g: ConvGeometry, _ x: UnsafeMutablePointer<Float>, serial: Bool = false) {
        if g.isPlaneShift { planeShiftCol2im(col, g, x, serial: serial) } else { rowwiseCol2im(col, g, x, serial: serial) }
    }

    /// Runs `body` for each (sample, channel) plane of the image `x`, split across the cores
    /// unless `serial`: col2im's unit of work, since all of a channel's kernel rows add into
    /// its one plane.
    @inline(__always)
    private static func forEachPlane(_ g: ConvGeometry, _ x: UnsafeMutablePointer<Float>, serial: Bool,
                                     _ body: (_ n: Int, _ c: Int, _ plane: UnsafeMutablePointer<Float>) -> Void) {
        let C = g.inChannels, inPlane = g.inPlane
        Parallel.forRanges(g.batch * C, itemCost: g.kernelVolume * g.outPlane, serial: serial) { tasks in
            for task in tasks {
                let n = task / C, c = task % C
                body(n, c, x + (n * C + c) * inPlane)
            }
        }
    }

    /// col2im of a plane-shift geometry (see `planeShiftIm2col`): a kernel offset whose
    /// columns all read the input (the middle column of a 3×3 kernel) adds one bulk range;
    /// the others add a row at a time, without recomputing where each row goes.
    static func planeShiftCol2im(_ col: UnsafePointer<Float>, _ g: ConvGeometry, _ x: UnsafeMutablePointer<Float>, serial: Bool) {
        let L = g.outPlane, NL = g.batch * L
        let (H, W, OH) = (g.input[1], g.input[2], g.output[1])
        let (KW, ph, pw) = (g.kernel[2], g.padBefore[1], g.padBefore[2])
        let K = g.kernelVolume
        forEachPlane(g, x, serial: serial) { n, c, dst in
            for k in 0..<K {
                let shift = PlaneShift(kh: k / KW, kw: k % KW, ph: ph, pw: pw, H: H, W: W, OH: OH)
                guard shift.lastRow > shift.firstRow else { continue }
                let o = col + (c * K + k) * NL + n * L
                if shift.lo == 0 && shift.hi == W {
                    let start = shift.firstRow * W
                    Vector.add(o + start, into: dst + start + shift.offset, (shift.lastRow - shift.firstRow) * W)
                } else {
                    for oh in shift.firstRow..<shift.lastRow {
                        let p = oh * W + shift.lo
                        Vector.add(o + p, into: dst + p + shift.offset, shift.hi - shift.lo)
                    }
                }
            }
        }
    }

    /// col2im for any geometry: one add per output row.
    static func rowwiseCol2im(_ col: UnsafePointer<Float>, _ g: ConvGeometry, _ x: UnsafeMutablePointer<Float>, serial: Bool) {
        let L = g.outPlane, NL = g.batch * L
        let w = Window(g)
        let (D, H, W, OD, OH, OW) = (w.D, w.H, w.W, w.OD, w.OH, w.OW)
        let (KH, KW, sd, sh, sw) = (w.KH, w.KW, w.sd, w.sh, w.sw)
        let K = g.kernelVolume
        forEachPlane(g, x, serial: serial) { n, c, dst in
            for k in 0..<K {
                let kw = k % KW, kh = (k / KW) % KH, kd = k / (KW * KH)
                let (iw0, lo, hi) = w.columns(kw)
                let (id0, ih0) = (kd * w.dd - w.pd, kh * w.dh - w.ph)
                var o = col + (c * K + k) * NL + n * L
                for od in 0..<OD {
                    let id = od * sd + id0
                    if id < 0 || id >= D { o += OH * OW; continue }
                    for oh in 0..<OH {
                        let ih = oh * sh + ih0
                        if ih < 0 || ih >= H { o += OW; continue }
                        let row = dst + (id * H + ih) * W + iw0
                        if sw == 1 { Vector.add(o + lo, into: row + lo, hi - lo) }
                        else { for ow in lo..<hi { row[ow * sw] += o[ow] } }
                        o += OW
                    }
                }
            }
        }
    }

    /// [N, C, L] → [C, N·L]; with `reluOutput`, entries where that output is 0 become 0
    /// (the backward pass of a fused ReLU). `serial` keeps the work on the calling thread.
    static func channelsMajor(_ src: UnsafePointer<Float>, batch: Int, channels: Int, plane: Int,
                              reluOutput: UnsafePointer<Float>? = nil, _ dst: UnsafeMutablePointer<Float>,
                              serial: Bool = false) {
        Parallel.forRanges(channels, itemCost: batch * plane, serial: serial) { cs in
            for c in cs { for n in 0..<batch {
                let s = src + (n * channels + c) * plane, d = dst + (c * batch + n) * plane
                if let reluOutput {
                    let y = reluOutput + (n * channels + c) * plane
                    // An unconditional load makes this a select, which vectorizes.
                    for i in 0..<plane { let v = s[i]; d[i] = y[i] > 0 ? v : 0 }
                } else {
                    d.update(from: s, count: plane)
                }
            } }
        }
    }

    /// [C, N·L] → [N, C, L], adding `bias[c]` when given, then max(·, 0) when `relu`.
    /// `src` may equal `dst` when `batch` is 1 (the bias and ReLU then apply in place).
    static func batchMajor(_ src: UnsafePointer<Float>, batch: Int, channels: Int, plane: Int,
                           bias: UnsafePointer<Float>?, relu: Bool = false, _ dst: UnsafeMutablePointer<Float>,
                           serial: Bool = false) {
        Parallel.forRanges(channels, itemCost: batch * plane, serial: serial) { cs in
            for c in cs { for n in 0..<batch {
                let s = src + (c * batch + n) * plane, d = dst + (n * channels + c) * plane
                let b = bias?[c] ?? 0
                if relu { for i in 0..<plane { let v = s[i] + b; d[i] = v < 0 ? 0 : v } }
                else if bias != nil { for i in 0..<plane { d[i] = s[i] + b } }
                else if s != UnsafePointer(d) { d.update(from: s, count: plane) }
            } }
        }
    }
}

/// Where the kernel offset (kh, kw) of a plane-shift geometry reads: output position p of
/// a valid row reads input position p + offset (`ph` may be negative for a band of rows).
struct PlaneShift {
    /// Output rows [firstRow, lastRow) read an input row; the others are padding.
    let firstRow: Int, lastRow: Int
    /// Output columns [lo, hi) read an input column.
    let lo: Int, hi: Int
    let offset: Int

    init(kh: Int, kw: Int, ph: Int, pw: Int, H: Int, W: Int, OH: Int) {
        let dh = kh - ph, dw = kw - pw
        firstRow = Swift.min(OH, Swift.max(0, -dh))
        lastRow = Swift.max(firstRow, Swift.min(OH, H - dh))
        lo = Swift.min(W, Swift.max(0, -dw))
        hi = Swift.max(lo, Swift.min(W, W - dw))
        offset = dh * W + dw
    }
}

extension ConvGeometry {
    /// A 1×1 convolution at stride 1 without padding: its columns are the input itself.
    var isPointwise: Bool { kernelVolume == 1 && stride == [1, 1, 1] && padBefore == [0, 0, 0] && output == input }

    /// A 2-D, stride-1, undilated convolution whose output rows are as wide as the input's
    /// (`.same`, or a band of its output rows): every kernel offset reads the input plane
    /// shifted by one offset.
    var isPlaneShift: Bool {
        input[0] == 1 && kernel[0] == 1 && output[0] == 1 && stride == [1, 1, 1] && dilation == [1, 1, 1]
            && output[2] == input[2]
    }
}

/// A geometry's sizes as plain integers, read once per call, and where a kernel column
/// reads: what the row-by-row im2col and col2im share.
struct Window {
    let D, H, W, OD, OH, OW, KD, KH, KW: Int
    let sd, sh, sw, dd, dh, dw, pd, ph, pw: Int

    init(_ g: ConvGeometry) {
        (D, H, W) = (g.input[0], g.input[1], g.input[2])
        (OD, OH, OW) = (g.output[0], g.output[1], g.output[2])
        (KD, KH, KW) = (g.kernel[0], g.kernel[1], g.kernel[2])
        (sd, sh, sw) = (g.stride[0], g.stride[1], g.stride[2])
        (dd, dh, dw) = (g.dilation[0], g.dilation[1], g.dilation[2])
        (pd, ph, pw) = (g.padBefore[0], g.padBefore[1], g.padBefore[2])
    }

    /// For kernel column `kw`: the input column that output column 0 reads (`iw0`), and the
    /// output columns [lo, hi) whose input column falls inside [0, W).
    @inline(__always) func columns(_ kw: Int) -> (iw0: Int, lo: Int, hi: Int) {
        let iw0 = kw * dw - pw
        let lo = iw0 >= 0 ? 0 : Swift.min(OW, (-iw0 + sw - 1) / sw)
        let hi = Swift.max(lo, Swift.min(OW, W - iw0 > 0 ? (W - iw0 + sw - 1) / sw : 0))
        return (iw0, lo, hi)
    }
}
