import Foundation

// Reductions along axes. Multi-axis reductions compose single-axis ones, so their
// gradients come from the single-axis rules below.

extension Tensor {
    /// Resolves a possibly negative axis against `rank`.
    static func normalize(axis: Int, rank: Int, op: String, shape: [Int]) throws -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0 && a < Swift.max(rank, 1) else {
            throw EngineError.invalidShape(op: op, shape: shape, reason: "has no axis \(axis)")
        }
        return a
    }

    /// (outer, n, inner) sizes around `axis`.
    func split(around axis: Int) -> (Int, Int, Int) {
        let outer = shape[..<axis].reduce(1, *)
        let inner = shape[(axis + 1)...].reduce(1, *)
        return (outer, shape[axis], inner)
    }

    private enum ReduceKind { case sum, max, min }

    /// Reduces one axis, keeping it with size 1. Returns the values and, for max/min, the
    /// index of the winner along the axis.
    private func reduceAxis(_ axis: Int, _ kind: ReduceKind) throws -> (Tensor, [Int32]?) {
        let (outer, n, inner) = split(around: axis)
        var outShape = shape; outShape[axis] = 1
        if n == 0 && kind != .sum {
            throw EngineError.invalidShape(op: kind == .max ? "max" : "min", shape: shape, reason: "has an empty axis \(axis)")
        }
        let out = try Tensor(uninitializedShape: outShape)
        let pi = pointer, po = out.pointer
        switch kind {
        case .sum:
            po.initialize(repeating: 0, count: outer * inner)
            for o in 0..<outer {
                let dst = po + o * inner
                for k in 0..<n {
                    let src = pi + (o * n + k) * inner
                    for i in 0..<inner { dst[i] += src[i] }
                }
            }
            return (out, nil)
        case .max, .min:
            var winners = [Int32](repeating: 0, count: outer * inner)
            let isMax = kind == .max
            for o in 0..<outer {
                for i in 0..<inner {
                    var best = pi[o * n * inner + i], bestK = 0
                    for k in 1..<Swift.max(n, 1) {
                        let v = pi[(o * n + k) * inner + i]
                        if (isMax ? v > best : v < best) || (v.isNaN && !best.isNaN) { best = v; bestK = k }
                    }
                    po[o * inner + i] = best
                    winners[o * inner + i] = Int32(bestK)
                }
            }
            return (out, winners)
        }
    }

    private func reduce(axes: [Int]?, keepDims: Bool, kind: ReduceKind, op: String) throws -> Tensor {
        let list = try (axes ?? Array(0..<rank)).map { try Tensor.normalize(axis: $0, rank: rank, op: op, shape: shape) }
        var result = self
        for axis in Set(list).sorted() { result = try result.reduceOneAxis(axis, kind: kind) }
        if keepDims { return result }
        let kept = (0..<rank).filter { !list.contains($0) }.map { shape[$0] }
        return try result.reshaped(to: kept)
    }

    private func reduceOneAxis(_ axis: Int, kind: ReduceKind) throws -> Tensor {
        let (out, winners) = try detached().reduceAxis(axis, kind)
        let inShape = shape
        let (outer, n, inner) = split(around: axis)
        return Tensor.record(out, [self]) { g in
            let gx = try Tensor(zeros: inShape)
            let pg = g.pointer, px = gx.pointer
            if let winners {
                for o in 0..<outer { for i in 0..<inner {
                    px[(o * n + Int(winners[o * inner + i])) * inner + i] = pg[o * inner + i]
                } }
            } else {
                for o in 0..<outer { for k in 0..<n {
                    let dst = px + (o * n + k) * inner, src = pg + o * inner
                    for i in 0..<inner { dst[i] = src[i] }
                } }
            }
            return [gx]
        }
    }

    /// Sum over `axes` (all when nil); negative axes count from the end.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try reduce(axes: axes, keepDims: keepDims, kind: .sum, op: "sum")
    }
    /// Sum over one axis.
    public func sum(axis: Int, keepDims: Bool = false) throws -> Tensor { try sum(axes: [axis], keepDims: keepDims) }

    /// Mean over `axes` (all when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let list = try (axes ?? Array(0..<rank)).map { try Tensor.normalize(axis: $0, rank: rank, op: "mean", shape: shape) }
        let n = Set(list).reduce(1) { $0 * shape[$1] }
        guard n > 0 else { throw EngineError.invalidShape(op: "mean", shape: shape, reason: "has no elements to average") }
        return try sum(axes: list, keepDims: keepDims) * (1 / Float(n))
    }
    /// Mean over one axis.
    public func mean(axis: Int, keepDims: Bool = false) throws -> Tensor { try mean(axes: [axis], keepDims: keepDims) }

    /// Maximum over `axes` (all when nil); the gradient flows to the first maximal element.
    public func max(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try reduce(axes: axes, keepDims: keepDims, kind: .max, op: "max")
    }
    /// Maximum over one axis.
    public func max(axis: Int, keepDims: Bool = false) throws -> Tensor { try max(axes: [axis], keepDims: keepDims) }

    /// Minimum over `axes` (all when nil).
    public func min(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try reduce(axes: axes, keepDims: keepDims, kind: .min, op: "min")
    }
    /// Minimum over one axis.
    public func min(axis: Int, keepDims: Bool = false) throws -> Tensor { try min(axes: [axis], keepDims: keepDims) }

    /// Population variance (divides by n, as NumPy's default) over `axes` (all when nil).
    public func variance(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let m = try mean(axes: axes, keepDims: true)
        let d = try self - m
        return try (d * d).mean(axes: axes, keepDims: keepDims)
    }
    /// Population variance over one axis.
    public func variance(axis: Int, keepDims: Bool = false) throws -> Tensor { try variance(axes: [axis], keepDims: keepDims) }

    /// Population standard deviation over `axes` (all when nil).
    public func standardDeviation(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        try sqrt(variance(axes: axes, keepDims: keepDims))
    }

    /// Index of the maximum along `axis` (the first on ties), as floats; the axis is removed.
    public func argmax(axis: Int) throws -> Tensor {
        let a = try Tensor.normalize(axis: axis, rank: rank, op: "argmax", shape: shape)
        let (_, winners) = try detached().reduceAxis(a, .max)
        var outShape = shape; outShape.remove(at: a)
        return try Tensor(shape: outShape, scalars: winners!.map(Float.init))
    }
    /// Index of the minimum along `axis`, as floats; the axis is removed.
    public func argmin(axis: Int) throws -> Tensor {
        let a = try Tensor.normalize(axis: axis, rank: rank, op: "argmin", shape: shape)
        let (_, winners) = try detached().reduceAxis(a, .min)
        var outShape = shape; outShape.remove(at: a)
        return try Tensor(shape: outShape, scalars: winners!.map(Float.init))
    }
    /// Index of the largest scalar in row-major order.
    public func argmax() throws -> Int {
        guard scalarCount > 0 else { throw EngineError.invalidShape(op: "argmax", shape: shape, reason: "is empty") }
        var best = 0
        for i in 1..<scalarCount where pointer[i] > pointer[best] { best = i }
        return best
    }
}

// MARK: Softmax

extension Tensor {
    fileprivate func softmaxCore(axis: Int, log: Bool) throws -> Tensor {
        let (outer, n, inner) = split(around: axis)
        let out = try Tensor(uninitializedShape: shape, op: log ? "logSoftmax" : "softmax")
        let pi = pointer, po = out.pointer
        Parallel.forRanges(outer * inner, grain: 4096) { range in
            for idx in range {
                let o = idx / inner, i = idx % inner
                let base = o * n * inner + i
                var m = -Float.infinity
                for k in 0..<n { m = Swift.max(m, pi[base + k * inner]) }
                var total: Float = 0
                for k in 0..<n { total += Foundation.exp(pi[base + k * inner] - m) }
                if log {
                    // (x − m) − log Σ keeps precision when |x| is large.
                    let logTotal = Foundation.log(total)
                    for k in 0..<n { po[base + k * inner] = (pi[base + k * inner] - m) - logTotal }
                } else {
                    let inv = 1 / total
                    for k in 0..<n { po[base + k * inner] = Foundation.exp(pi[base + k * inner] - m) * inv }
                }
            }
        }
        return out
    }
}

/// Softmax along `axis`, stable (the maximum is subtracted first).
public func softmax(_ x: Tensor, axis: Int = -1) throws -> Tensor {
    let a = try Tensor.normalize(axis: axis, rank: x.rank, op: "softmax", shape: x.shape)
    let y = try x.detached().softmaxCore(axis: a, log: false)
    let dy = y.detached()
    return Tensor.record(y, [x]) { g in
        // dx = y · (g − Σ g·y)
        let s = try (g * dy).sum(axis: a, keepDims: true)
        return [try dy * (g - s)]
    }
}

/// Log-softmax along `axis`, stable.
public func logSoftmax(_ x: Tensor, axis: Int = -1) throws -> Tensor {
    let a = try Tensor.normalize(axis: axis, rank: x.rank, op: "logSoftmax", shape: x.shape)
    let y = try x.detached().softmaxCore(axis: a, log: true)
    let dy = y.detached()
    return Tensor.record(y, [x]) { g in
        // dx = g − softmax · Σ g
        let s = try g.sum(axis: a, keepDims: true)
        return [try g - exp(dy) * s]
    }
}
