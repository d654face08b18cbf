import XCTest
@testable import StrideEngine

/// The chunked, per-core convolution kernel against the definition of cross-correlation and
/// of its gradients, summed directly in Double, on batches large enough to be split across
/// cores and into several chunks (one-sample chunks and multi-sample chunks), with the
/// forward columns kept for the backward pass and rebuilt there.
final class ConvolutionKernelTests: XCTestCase {
    struct Case {
        var x: [Int]; var outC: Int; var k: Int; var stride: Int; var pad: Int; var dilation: Int; var groups: Int
        var bias: Bool; var relu: Bool
    }

    func testChunkedConvolutionMatchesDirectSums() throws {
        let savedThreads = EngineLimits.threads, savedKeepLimit = ConvolutionKernel.keepLimit
        EngineLimits.threads = 2
        defer { EngineLimits.threads = savedThreads; ConvolutionKernel.keepLimit = savedKeepLimit }
        let cases = [
            // 72 × 576 column floats per sample: one-sample chunks, several per core.
            Case(x: [5, 8, 24, 24], outC: 6, k: 3, stride: 1, pad: 1, dilation: 1, groups: 1, bias: false, relu: false),
            // 27 × 256 per sample: chunks of 9 samples, a partial last chunk on each core.
            Case(x: [23, 3, 16, 16], outC: 5, k: 3, stride: 1, pad: 1, dilation: 1, groups: 1, bias: true, relu: true),
            Case(x: [7, 4, 40, 37], outC: 6, k: 3, stride: 2, pad: 1, dilation: 2, groups: 2, bias: true, relu: false),
            Case(x: [6, 6, 12, 12], outC: 8, k: 1, stride: 2, pad: 0, dilation: 1, groups: 1, bias: false, relu: true),
            // 144 × 576 per sample, over the chunk budget: bands of 18 and 6 output rows.
            Case(x: [3, 16, 24, 24], outC: 4, k: 3, stride: 1, pad: 1, dilation: 1, groups: 1, bias: true, relu: true),
        ]
        for (index, c) in cases.enumerated() {
            let geometry = try ConvGeometry.make(op: "test", inputShape: c.x, outChannels: c.outC, kernel: [c.k, c.k],
                                                 stride: [c.stride], dilation: [c.dilation],
                                                 padding: .explicit([c.pad]), groups: c.groups)
            let cost = geometry.colRows * geometry.outPlane * geometry.outChannels / geometry.groups
            if index != 3 { XCTAssertEqual(Parallel.ranges(c.x[0], itemCost: cost).count, 2, "case \(index) uses both cores") }
            XCTAssertEqual(ConvolutionKernel.chunkSize(geometry), [1, 9, 5, 6, 1][index], "case \(index) samples per chunk")
            XCTAssertEqual(ConvolutionKernel.bandRows(geometry), [24, 16, 19, 6, 18][index], "case \(index) rows per band")
            // Once with the forward columns kept for the backward pass, once rebuilt there.
            for keepLimit in [savedKeepLimit, 0] {
                ConvolutionKernel.keepLimit = keepLimit
                try check(c, seed: UInt64(10 * index))
            }
        }
    }

    /// Depthwise convolutions (groups = input channels) take the direct kernel: against the
    /// same direct sums, at strides 1 and 2, dilation 2, a channel multiplier of 2, with and
    /// without bias and ReLU, on both cores.
    func testDepthwiseMatchesDirectSums() throws {
        let savedThreads = EngineLimits.threads
        EngineLimits.threads = 2
        defer { EngineLimits.threads = savedThreads }
        let cases = [
            Case(x: [4, 8, 12, 12], outC: 8, k: 3, stride: 1, pad: 1, dilation: 1, groups: 8, bias: false, relu: false),
            Case(x: [3, 6, 13, 11], outC: 6, k: 3, stride: 2, pad: 1, dilation: 1, groups: 6, bias: true, relu: true),
            Case(x: [2, 4, 15, 14], outC: 8, k: 3, stride: 1, pad: 2, dilation: 2, groups: 4, bias: true, relu: false),
            Case(x: [2, 3, 9, 10], outC: 6, k: 5, stride: 3, pad: 0, dilation: 1, groups: 3, bias: false, relu: true),
            Case(x: [5, 32, 16, 16], outC: 32, k: 3, stride: 1, pad: 1, dilation: 1, groups: 32,
                 bias: true, relu: true),
        ]
        for (index, c) in cases.enumerated() {
            let geometry = try ConvGeometry.make(op: "test", inputShape: c.x, outChannels: c.outC, kernel: [c.k, c.k],
                                                 stride: [c.stride], dilation: [c.dilation],
                                                 padding: .explicit([c.pad]), groups: c.groups)
            XCTAssertTrue(DepthwiseKernel.handles(geometry), "case \(index) is depthwise")
            try check(c, seed: UInt64(100 + 10 * index))
        }
    }

    /// 1×1 convolutions at stride 1 multiply each sample's input as it lies (no columns).
    func testPointwiseMatchesDirectSums() throws {
        let savedThreads = EngineLimits.threads
        EngineLimits.threads = 2
        defer { EngineLimits.threads = savedThreads }
        let cases = [
            Case(x: [6, 16, 12, 12], outC: 24, k: 1, stride: 1, pad: 0, dilation: 1, groups: 1, bias: true, relu: true),
            Case(x: [5, 8, 9, 7], outC: 6, k: 1, stride: 1, pad: 0, dilation: 1, groups: 2, bias: false, relu: false),
        ]
        for (index, c) in cases.enumerated() {
            let geometry = try ConvGeometry.make(op: "test", inputShape: c.x, outChannels: c.outC, kernel: [1, 1],
                                                 stride: [1], dilation: [1], padding: .valid, groups: c.groups)
            XCTAssertTrue(geometry.isPointwise, "case \(index) is pointwise")
            try check(c, seed: UInt64(200 + 10 * index))
        }
    }

    private func check(_ c: Case, seed: UInt64, file: StaticString = #filePath, line: UInt = #line) throws {
        let (n, cin, h, w) = (c.x[0], c.x[1], c.x[2], c.x[3])
        let x = randn(c.x, seed: seed), filter = randn([c.outC, cin / c.groups, c.k, c.k], seed: seed + 1)
        let bias = c.bias ? randn([c.outC], seed: seed + 2) : nil
        let inputs = bias.map { [x, filter, $0] } ?? [x, filter]
        let oh = (h + 2 * c.pad - c.dilation * (c.k - 1) - 1) / c.stride + 1
        let ow = (w + 2 * c.pad - c.dilation * (c.k - 1) - 1) / c.stride + 1
        let r = randn([n, c.outC, oh, ow], seed: seed + 3)
        let (y, grads) = try valueWithGradient(at: inputs) { t in
            let out = try convolution(t[0], filter: t[1], bias: t.count > 2 ? t[2] : nil, strides: [c.stride],
                                      padding: .explicit([c.pad]), dilations: [c.dilation], groups: c.groups,
                                      activation: c.relu ? .relu : .identity)
            return try (out * r).sum()
        }
        _ = y
        // Direct sums: forward pre-activation, then the gradients through the ReLU mask.
        let xs = x.scalars, ws = filter.scalars, rs = r.scalars, bs = bias?.scalars
        let inG = cin / c.groups, outG = c.outC / c.groups
        var forward = [Double](repeating: 0, count: n * c.outC * oh * ow)
        var dx = [Double](repeating: 0, count: xs.count), dw = [Double](repeating: 0, count: ws.count)
        var db = [Double](repeating: 0, count: c.outC)
        func visit(_ body: (_ o: Int, _ xi: Int, _ wi: Int) -> Void, sample b: Int, out o: Int, row i: Int, col j: Int) {
            let grp = o / outG
            for ci in 0..<inG { for ki in 0..<c.k { for kj in 0..<c.k {
                let yy = i * c.stride - c.pad + ki * c.dilation, xx = j * c.stride - c.pad + kj * c.dilation
                if yy < 0 || yy >= h || xx < 0 || xx >= w { continue }
                body(o, ((b * cin + grp * inG + ci) * h + yy) * w + xx, ((o * inG + ci) * c.k + ki) * c.k + kj)
            } } }
        }
        for b in 0..<n { for o in 0..<c.outC { for i in 0..<oh { for j in 0..<ow {
            let yi = ((b * c.outC + o) * oh + i) * ow + j
            var s = Double(bs?[o] ?? 0)
            visit({ _, xi, wi in s += Double(xs[xi]) * Double(ws[wi]) }, sample: b, out: o, row: i, col: j)
            forward[yi] = c.relu ? Swift.max(s, 0) : s
            let upstream = c.relu && s <= 0 ? 0 : Double(rs[yi])
            db[o] += upstream
            visit({ _, xi, wi in dx[xi] += upstream * Double(ws[wi]); dw[wi] += upstream * Double(xs[xi]) },
                  sample: b, out: o, row: i, col: j)
        } } } }
        let plain = try convolution(x, filter: filter, bias: bias, strides: [c.stride], padding: .explicit([c.pad]),
                                    dilations: [c.dilation], groups: c.groups, activation: c.relu ? .relu : .identity)
        assertClose(plain, try Tensor(shape: plain.shape, scalars: forward.map(Float.init)), tolerance: 1e-4,
                    "forward", file: file, line: line)
        assertClose(grads[0], try Tensor(shape: x.shape, scalars: dx.map(Float.init)), tolerance: 1e-4,
                    "input gradient", file: file, line: line)
        assertClose(grads[1], try Tensor(shape: filter.shape, scalars: dw.map(Float.init)), tolerance: 1e-3,
                    "filter gradient", file: file, line: line)
        if c.bias {
            assertClose(grads[2], try Tensor(shape: [c.outC], scalars: db.map(Float.init)), tolerance: 1e-3,
                        "bias gradient", file: file, line: line)
        }
    }
}
