import Foundation

/// Max and average pooling over 1 to 3 spatial axes, one task per (sample, channel) plane.
enum PoolingKernel {
    /// Max pooling; also returns, for every output, the flat index of its winner in the plane.
    /// 2×2 stride-2 max pooling without winners (inference), NaN-propagating.
    static func max2x2(_ x: Tensor, _ g: ConvGeometry) throws -> Tensor {
        let out = try Tensor(uninitializedShape: g.outputShape(channels: g.inChannels), op: "maxPool")
        let (W, OH, OW) = (g.input[2], g.output[1], g.output[2])
        let inPlane = g.inPlane, outPlane = g.outPlane
        @inline(__always) func pick(_ a: Float, _ b: Float) -> Float { (a > b || a.isNaN) ? a : b }
        Parallel.forRanges(g.batch * g.inChannels, itemCost: g.inPlane) { range in
            var poll = CancellationPoll()
            for p in range where !poll.stopRequested(after: inPlane) {
                let src = x.pointer + p * inPlane, dst = out.pointer + p * outPlane
                for oh in 0..<OH {
                    let r0 = src + 2 * oh * W, r1 = r0 + W, d = dst + oh * OW
                    for ow in 0..<OW {
                        d[ow] = pick(pick(r0[2 * ow], r0[2 * ow + 1]), pick(r1[2 * ow], r1[2 * ow + 1]))
                    }
                }
            }
        }
        try EngineCancellation.checkpoint()
        return out
    }

    static func maxForward(_ x: Tensor, _ g: ConvGeometry) throws -> (Tensor, [Int32]) {
        let out = try Tensor(uninitializedShape: g.outputShape(channels: g.inChannels), op: "maxPool")
        var winners = [Int32](repeating: 0, count: out.scalarCount)
        let planes = g.batch * g.inChannels, inPlane = g.inPlane, outPlane = g.outPlane
        if g.kernel == [1, 2, 2] && g.stride == [1, 2, 2] && g.padBefore == [0, 0, 0] && g.dilation == [1, 1, 1] {
            // The common 2×2 window, stride 2: a straight loop without bounds checks.
            let (W, OH, OW) = (g.input[2], g.output[1], g.output[2])
            winners.withUnsafeMutableBufferPointer { wb in
                let wp = wb.baseAddress!
                Parallel.forRanges(planes, itemCost: inPlane) { range in
                    var poll = CancellationPoll()
                    for p in range where !poll.stopRequested(after: inPlane) {
                        let src = x.pointer + p * inPlane, dst = out.pointer + p * outPlane, win = wp + p * outPlane
                        for oh in 0..<OH {
                            let r0 = 2 * oh * W, r1 = r0 + W
                            for ow in 0..<OW {
                                let i0 = r0 + 2 * ow, i1 = i0 + 1, i2 = r1 + 2 * ow, i3 = i2 + 1
                                var best = src[i0], bi = i0
                                // Selects without branches: v wins when it is larger, or NaN
                                // while best is not (best == best), as the general path decides.
                                let v1 = src[i1], t1 = best == best && !(v1 <= best)
                                best = t1 ? v1 : best; bi = t1 ? i1 : bi
                                let v2 = src[i2], t2 = best == best && !(v2 <= best)
                                best = t2 ? v2 : best; bi = t2 ? i2 : bi
                                let v3 = src[i3], t3 = best == best && !(v3 <= best)
                                best = t3 ? v3 : best; bi = t3 ? i3 : bi
                                dst[oh * OW + ow] = best
                                win[oh * OW + ow] = Int32(bi)
                            }
                        }
                    }
                }
            }
            try EngineCancellation.checkpoint()
            return (out, winners)
        }
        winners.withUnsafeMutableBufferPointer { wb in
            let wp = wb.baseAddress!
            Parallel.forRanges(planes, itemCost: g.windowCost) { range in
                var poll = CancellationPoll()
                for p in range {
                    let src = x.pointer + p * inPlane, dst = out.pointer + p * outPlane, win = wp + p * outPlane
                    let stopped = forEachWindow(g, poll: &poll) { o, window in
                        var best = -Float.infinity, bestIndex = -1
                        for id in window.d { for ih in window.h {
                            let row = (id * g.input[1] + ih) * g.input[2]
                            for iw in window.w {
                                let v = src[row + iw]
                                if v > best || bestIndex < 0 || (v.isNaN && !best.isNaN) { best = v; bestIndex = row + iw }
                            }
                        } }
                        dst[o] = best
                        win[o] = Int32(Swift.max(bestIndex, 0))
                    }
                    if stopped { return }
                }
            }
        }
        try EngineCancellation.checkpoint()
        return (out, winners)
    }

    static func maxBackward(_ dy: Tensor, _ winners: [Int32], _ g: ConvGeometry) throws -> Tensor {
        let dx = try Tensor(zeros: g.inputShape())
        let planes = g.batch * g.inChannels, inPlane = g.inPlane, outPlane = g.outPlane
        winners.withUnsafeBufferPointer { wb in
            let wp = wb.baseAddress!
            Parallel.forRanges(planes, itemCost: outPlane) { range in
                for p in range {
                    let src = dy.pointer + p * outPlane, dst = dx.pointer + p * inPlane, win = wp + p * outPlane
                    for o in 0..<outPlane { dst[Int(win[o])] += src[o] }
                }
            }
        }
        return dx
    }

    /// The input positions (depth, height and width ranges, clamped to the input) that one
    /// output position's window covers. Pools have no dilation, so each range is contiguous.
    struct Window {
        var d: Range<Int>, h: Range<Int>, w: Range<Int>
        /// Where the window starts on each axis before clamping (negative inside the padding).
        var startD: Int, startH: Int, startW: Int
        var count: Int { d.count * h.count * w.count }
    }

    /// The inputs along one axis under a window starting at `start` (negative inside the
    /// padding) of `kernel` positions, clamped to 0..<size. Computed, never iterated, so a
    /// window of 2^62 positions over a small input costs no more than one that fits it.
    @inline(__always)
    static func covered(start: Int, kernel: Int, size: Int) -> Range<Int> {
        let lower = Swift.max(start, 0)
        // start + kernel may overflow; size - start cannot (start > -padding > -size - kernel).
        let upper = kernel >= size - start ? size : start + kernel
        return lower..<Swift.max(lower, upper)
    }

    /// Window positions along one axis up to the padded border (PyTorch's divisor when
    /// padding counts): the window, cut where the padding after the input ends.
    @inline(__always)
    static func coveredWithPadding(start: Int, kernel: Int, size: Int, padding: Int) -> Int {
        let room = size + padding - start
        return Swift.max(0, Swift.min(kernel, room))
    }

    /// Visits every output position of one plane with its window; polls for a stop once per
    /// row of outputs (through `poll`) and returns true when one was requested.
    @inline(__always)
    static func forEachWindow(_ g: ConvGeometry, poll: inout CancellationPoll,
                              _ body: (_ outIndex: Int, _ window: Window) -> Void) -> Bool {
        var o = 0
        for od in 0..<g.output[0] {
            let sd = od * g.stride[0] - g.padBefore[0]
            let d = covered(start: sd, kernel: g.kernel[0], size: g.input[0])
            for oh in 0..<g.output[1] {
                let sh = oh * g.stride[1] - g.padBefore[1]
                let h = covered(start: sh, kernel: g.kernel[1], size: g.input[1])
                var rowWork = 0
                for ow in 0..<g.output[2] {
                    let sw = ow * g.stride[2] - g.padBefore[2]
                    let w = covered(start: sw, kernel: g.kernel[2], size: g.input[2])
                    let window = Window(d: d, h: h, w: w, startD: sd, startH: sh, startW: sw)
                    body(o, window)
                    rowWork += window.count + 1
                    o += 1
                }
                if poll.stopRequested(after: rowWork) { return true }
            }
        }
        return false
    }

    /// The divisor of an average window: its inputs, or with `countPadding` its positions up
    /// to the padded border (in Double: a window's size may exceed Int's range).
    @inline(__always)
    static func divisor(_ g: ConvGeometry, _ window: Window, countPadding: Bool) -> Float {
        guard countPadding else { return Float(Swift.max(1, window.count)) }
        var positions = 1.0
        for (axis, start) in [window.startD, window.startH, window.startW].enumerated() {
            positions *= Double(coveredWithPadding(start: start, kernel: g.kernel[axis], size: g.input[axis],
                                                   padding: g.padBefore[axis]))
        }
        return Float(Swift.max(1, positions))
    }

    static func avgForward(_ x: Tensor, _ g: ConvGeometry, countPadding: Bool) throws -> Tensor {
        let out = try Tensor(uninitializedShape: g.outputShape(channels: g.inChannels), op: "avgPool")
        let inPlane = g.inPlane, outPlane = g.outPlane
        Parallel.forRanges(g.batch * g.inChannels, itemCost: g.windowCost) { range in
            var poll = CancellationPoll()
            for p in range {
                let src = x.pointer + p * inPlane, dst = out.pointer + p * outPlane
                let stopped = forEachWindow(g, poll: &poll) { o, window in
                    var s: Float = 0
                    for id in window.d { for ih in window.h {
                        let row = src + (id * g.input[1] + ih) * g.input[2]
                        for iw in window.w { s += row[iw] }
                    } }
                    dst[o] = s / divisor(g, window, countPadding: countPadding)
                }
                if stopped { return }
            }
        }
        try EngineCancellation.checkpoint()
        return out
    }

    static func avgBackward(_ dy: Tensor, _ g: ConvGeometry, countPadding: Bool) throws -> Tensor {
        let dx = try Tensor(zeros: g.inputShape())
        let inPlane = g.inPlane, outPlane = g.outPlane
        Parallel.forRanges(g.batch * g.inChannels, itemCost: g.windowCost) { range in
            var poll = CancellationPoll()
            for p in range {
                let src = dy.pointer + p * outPlane, dst = dx.pointer + p * inPlane
                let stopped = forEachWindow(g, poll: &poll) { o, window in
                    let v = src[o] / divisor(g, window, countPadding: countPadding)
                    for id in window.d { for ih in window.h {
                        let row = dst + (id * g.input[1] + ih) * g.input[2]
                        for iw in window.w { row[iw] += v }
                    } }
                }
                if stopped { return }
            }
        }
        try EngineCancellation.checkpoint()
        return dx
    }
}

extension ConvGeometry {
    /// The work of pooling one plane, for splitting planes across cores: every output reads
    /// at most its whole window and at most the whole plane (saturating, never overflowing).
    var windowCost: Int {
        let window = kernel.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        let (cost, overflow) = outPlane.multipliedReportingOverflow(by: Swift.min(window, inPlane))
        return overflow ? Int.max : cost
    }
}

/// Max pooling over the spatial axes of [N, C, ...] (1 to 3 of them); the stride defaults to the size.
public func maxPool(_ input: Tensor, size: [Int], stride: [Int]? = nil, padding: Padding = .valid) throws -> Tensor {
    let op = "maxPool\(Swift.max(input.rank - 2, 1))d"
    guard input.rank >= 3 else { throw EngineError.invalidShape(op: op, shape: input.shape, reason: "is not [N, C, ...]") }
    let g = try ConvGeometry.make(op: op, inputShape: input.shape, outChannels: input.shape[1], kernel: size,
                                  stride: stride ?? size, dilation: [1], padding: padding)
    // Winners are kept as 32-bit offsets within a plane.
    guard g.inPlane <= Int(Int32.max) else {
        throw EngineError.invalidShape(op: op, shape: input.shape, reason: "has planes above \(Int32.max) values")
    }
    if !input.isTracked && g.kernel == [1, 2, 2] && g.stride == [1, 2, 2] && g.padBefore == [0, 0, 0] {
        return try PoolingKernel.max2x2(input, g)
    }
    let (out, winners) = try PoolingKernel.maxForward(input, g)
    return Tensor.record(out, [input]) { dy in [try PoolingKernel.maxBackward(dy, winners, g)] }
}

/// Average pooling over the spatial axes of [N, C, ...]. Explicit padding counts in the
/// divisor (PyTorch's default); `.same` padding does not (TensorFlow's rule).
public func avgPool(_ input: Tensor, size: [Int], stride: [Int]? = nil, padding: Padding = .valid) throws -> Tensor {
    let op = "avgPool\(Swift.max(input.rank - 2, 1))d"
    guard input.rank >= 3 else { throw EngineError.invalidShape(op: op, shape: input.shape, reason: "is not [N, C, ...]") }
    let g = try ConvGeometry.make(op: op, inputShape: input.shape, outChannels: input.shape[1], kernel: size,
                                  stride: stride ?? size, dilation: [1], padding: padding)
    let countPadding: Bool
    if case .explicit = padding { countPadding = true } else { countPadding = false }
    let out = try PoolingKernel.avgForward(input, g, countPadding: countPadding)
    return Tensor.record(out, [input]) { dy in [try PoolingKernel.avgBackward(dy, g, countPadding: countPadding)] }
}

/// 2-D max pooling of [N, C, H, W].
public func maxPool2d(_ x: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid) throws -> Tensor {
    guard x.rank == 4 else { throw EngineError.invalidShape(op: "maxPool2d", shape: x.shape, reason: "is not [N, C, H, W]") }
    return try maxPool(x, size: [size], stride: stride.map { [$0] }, padding: padding)
}
/// 2-D average pooling of [N, C, H, W].
public func avgPool2d(_ x: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid) throws -> Tensor {
    guard x.rank == 4 else { throw EngineError.invalidShape(op: "avgPool2d", shape: x.shape, reason: "is not [N, C, H, W]") }
    return try avgPool(x, size: [size], stride: stride.map { [$0] }, padding: padding)
}
/// 1-D max pooling of [N, C, L].
public func maxPool1d(_ x: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid) throws -> Tensor {
    guard x.rank == 3 else { throw EngineError.invalidShape(op: "maxPool1d", shape: x.shape, reason: "is not [N, C, L]") }
    return try maxPool(x, size: [size], stride: stride.map { [$0] }, padding: padding)
}
/// 1-D average pooling of [N, C, L].
public func avgPool1d(_ x: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid) throws -> Tensor {
    guard x.rank == 3 else { throw EngineError.invalidShape(op: "avgPool1d", shape: x.shape, reason: "is not [N, C, L]") }
    return try avgPool(x, size: [size], stride: stride.map { [$0] }, padding: padding)
}
/// 3-D max pooling of [N, C, D, H, W].
public func maxPool3d(_ x: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid) throws -> Tensor {
    guard x.rank == 5 else { throw EngineError.invalidShape(op: "maxPool3d", shape: x.shape, reason: "is not [N, C, D, H, W]") }
    return try maxPool(x, size: [size], stride: stride.map { [$0] }, padding: padding)
}
/// 3-D average pooling of [N, C, D, H, W].
public func avgPool3d(_ x: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid) throws -> Tensor {
    guard x.rank == 5 else { throw EngineError.invalidShape(op: "avgPool3d", shape: x.shape, reason: "is not [N, C, D, H, W]") }
    return try avgPool(x, size: [size], stride: stride.map { [$0] }, padding: padding)
}

/// Mean over every spatial axis of [N, C, ...]: [N, C].
public func globalAvgPool(_ x: Tensor) throws -> Tensor {
    guard x.rank >= 3 else { throw EngineError.invalidShape(op: "globalAvgPool", shape: x.shape, reason: "is not [N, C, ...]") }
    return try x.mean(axes: Array(2..<x.rank))
}
/// Maximum over every spatial axis of [N, C, ...]: [N, C].
public func globalMaxPool(_ x: Tensor) throws -> Tensor {
    guard x.rank >= 3 else { throw EngineError.invalidShape(op: "globalMaxPool", shape: x.shape, reason: "is not [N, C, ...]") }
    return try x.reshaped(to: [x.shape[0], x.shape[1], -1]).max(axis: 2)
}
/// Global average pooling of [N, C, H, W] to [N, C].
public func globalAvgPool2d(_ x: Tensor) throws -> Tensor {
    guard x.rank == 4 else { throw EngineError.invalidShape(op: "globalAvgPool2d", shape: x.shape, reason: "is not [N, C, H, W]") }
    return try globalAvgPool(x)
}
/// Global max pooling of [N, C, H, W] to [N, C].
public func globalMaxPool2d(_ x: Tensor) throws -> Tensor {
    guard x.rank == 4 else { throw EngineError.invalidShape(op: "globalMaxPool2d", shape: x.shape, reason: "is not [N, C, H, W]") }
    return try globalMaxPool(x)
}

/// Nearest-neighbour upsampling of [N, C, H, W] by an integer factor.
public func upsample2d(_ x: Tensor, scale: Int) throws -> Tensor {
    guard x.rank == 4 else { throw EngineError.invalidShape(op: "upsample2d", shape: x.shape, reason: "is not [N, C, H, W]") }
    guard scale >= 1 else { throw EngineError.value("upsample2d: scale must be at least 1, got \(scale)") }
    let (planes, h, w) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
    let out = try Tensor(uninitializedShape: [x.shape[0], x.shape[1], h * scale, w * scale], op: "upsample2d")
    let ow = w * scale, outPlane = h * scale * ow
    Parallel.forRanges(planes, itemCost: outPlane) { range in
        for p in range {
            let src = x.pointer + p * h * w, dst = out.pointer + p * outPlane
            for i in 0..<(h * scale) { for j in 0..<ow { dst[i * ow + j] = src[(i / scale) * w + j / scale] } }
        }
    }
    let inShape = x.shape
    return Tensor.record(out, [x]) { dy in
        let dx = try Tensor(zeros: inShape)
        for p in 0..<planes {
            let src = dy.pointer + p * outPlane, dst = dx.pointer + p * h * w
            for i in 0..<(h * scale) { for j in 0..<ow { dst[(i / scale) * w + j / scale] += src[i * ow + j] } }
        }
        return [dx]
    }
}
