/// Depthwise convolution (groups = input channels; `multiplier` output channels per input
/// channel, PyTorch's filter [C·multiplier, 1, kh, kw]) computed directly on the planes.
/// Through im2col each group is a product of one filter row with its own column matrix, a
/// call per (sample, channel) doing 9 multiply-adds per column element it built; here the
/// input plane is laid out once as phase planes (`PhasePlanes`), after which each kernel
/// offset is one long vector multiply-add over the whole output plane, which stays in L1.
/// 1-D and 2-D geometries, any stride, dilation and padding.
enum DepthwiseKernel {
    /// Whether the direct loops handle `g`.
    static func handles(_ g: ConvGeometry) -> Bool {
        g.groups > 1 && g.groups == g.inChannels && g.input[0] == 1 && g.kernel[0] == 1 && g.output[0] == 1
    }

    /// Forward: [N, C·multiplier, OH, OW], plus `bias` and then max(·, 0) when `relu`.
    static func forward(_ x: Tensor, _ w: Tensor, _ bias: Tensor?, _ g: ConvGeometry, relu: Bool) throws -> Tensor {
        let out = try Tensor(uninitializedShape: g.outputShape(channels: g.outChannels), op: "conv")
        let phases = PhasePlanes(g), C = g.inChannels, outC = g.outChannels, mult = outC / C
        let L = g.outPlane, K = g.kernelVolume, inPlane = g.inPlane, span = phases.span
        let (OH, OW, pitch) = (phases.OH, phases.OW, phases.pitch)
        let (xp, wp, op, bp) = (x.pointer, w.pointer, out.pointer, bias?.pointer)
        Parallel.forRanges(g.batch * C, itemCost: mult * L * K) { tasks in
            let planes = UnsafeMutablePointer<Float>.allocate(capacity: phases.count)
            let sum = UnsafeMutablePointer<Float>.allocate(capacity: span)
            defer { planes.deallocate(); sum.deallocate() }
            for task in tasks {
                if EngineCancellation.isRequested { return }
                let n = task / C, c = task % C
                phases.fill(xp + (n * C + c) * inPlane, planes)
                for o in c * mult..<(c + 1) * mult {
                    sum.initialize(repeating: bp?[o] ?? 0, count: span)
                    for kh in 0..<phases.KH { for kw in 0..<phases.KW {
                        Vector.addScaled(wp[(o * phases.KH + kh) * phases.KW + kw], planes + phases.offset(kh, kw),
                                         into: sum, span)
                    } }
                    let dst = op + (n * outC + o) * L
                    for oh in 0..<OH {
                        let s = sum + oh * pitch, d = dst + oh * OW
                        if relu { for i in 0..<OW { d[i] = Swift.max(s[i], 0) } } else { Vector.copy(s, to: d, OW) }
                    }
                }
            }
        }
        try EngineCancellation.checkpoint()
        return out
    }

    /// Gradients of input, filter and bias from `dy`, the forward input `x` and, for a fused
    /// ReLU, the forward output (its zeros mask `dy`). Work is split by input channel, so
    /// each worker owns the filter rows and input planes it writes.
    static func backward(_ dy: Tensor, _ x: Tensor, _ w: Tensor, _ g: ConvGeometry, needInput: Bool, needBias: Bool,
                         reluOutput: Tensor? = nil) throws -> (Tensor?, Tensor, Tensor?) {
        let phases = PhasePlanes(g), C = g.inChannels, outC = g.outChannels, mult = outC / C
        let L = g.outPlane, K = g.kernelVolume, inPlane = g.inPlane, span = phases.span
        let (OH, OW, pitch, KH, KW) = (phases.OH, phases.OW, phases.pitch, phases.KH, phases.KW)
        let dx: Tensor? = needInput ? try Tensor(zeros: g.inputShape()) : nil
        let dw = try Tensor(zeros: w.shape)
        let db: Tensor? = needBias ? try Tensor(zeros: [outC]) : nil
        let (xp, wp, dyp, yp) = (x.pointer, w.pointer, dy.pointer, reluOutput?.pointer)
        let (dxp, dwp, dbp) = (dx?.pointer, dw.pointer, db?.pointer)
        Parallel.forRanges(C, itemCost: 2 * g.batch * mult * L * K) { channels in
            let planes = UnsafeMutablePointer<Float>.allocate(capacity: phases.count)
            let dplanes = needInput ? UnsafeMutablePointer<Float>.allocate(capacity: phases.count) : nil
            // The output gradient at the phase pitch, zero past each row's OW columns.
            let grad = UnsafeMutablePointer<Float>.allocate(capacity: OH * pitch)
            defer { planes.deallocate(); dplanes?.deallocate(); grad.deallocate() }
            grad.initialize(repeating: 0, count: OH * pitch)
            for c in channels {
                if EngineCancellation.isRequested { return }
                for n in 0..<g.batch {
                    phases.fill(xp + (n * C + c) * inPlane, planes)
                    dplanes?.initialize(repeating: 0, count: phases.count)
                    for o in c * mult..<(c + 1) * mult {
                        let src = dyp + (n * outC + o) * L, y = yp.map { $0 + (n * outC + o) * L }
                        for oh in 0..<OH {
                            let s = src + oh * OW, d = grad + oh * pitch
                            if let y {
                                let yr = y + oh * OW
                                for i in 0..<OW { let v = s[i]; d[i] = yr[i] > 0 ? v : 0 }
                            }
                            else { Vector.copy(s, to: d, OW) }
                        }
                        dbp?[o] += Vector.sum(grad, span)
                        for kh in 0..<KH { for kw in 0..<KW {
                            let k = (o * KH + kh) * KW + kw, offset = phases.offset(kh, kw)
                            dwp[k] += Vector.dot(grad, planes + offset, span)
                            if let dplanes { Vector.addScaled(wp[k], grad, into: dplanes + offset, span) }
                        } }
                    }
                    if let dplanes, let dxp { phases.scatter(dplanes, dxp + (n * C + c) * inPlane) }
                }
            }
        }
        try EngineCancellation.checkpoint()   // a stopped pass left the gradients unfinished
        return (dx, dw, db)
    }
}
