import Foundation

// Elementwise arithmetic with NumPy broadcasting; each op's forward and backward side by side.

extension Tensor {
    /// The shape that NumPy broadcasting gives `a` and `b`, or a `ShapeError` naming `op`.
    static func broadcastShape(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
        let rank = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db }
            else { throw EngineError.shape(op: op, lhs: a, rhs: b) }
        }
        return out
    }

    /// Strides of `shape` seen inside `outShape` (0 along broadcast axes).
    static func broadcastStrides(_ shape: [Int], in outShape: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: outShape.count)
        var s = 1
        let offset = outShape.count - shape.count
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i + offset] = shape[i] == 1 ? 0 : s
            s *= shape[i]
        }
        return strides
    }

    /// Applies `f` to pairs of elements with broadcasting.
    @inline(__always)
    static func zipBroadcast(_ a: Tensor, _ b: Tensor, op: String, _ f: (Float, Float) -> Float) throws -> Tensor {
        let pa = a.pointer, pb = b.pointer
        if a.shape == b.shape {
            var out = try Tensor(uninitializedShape: a.shape, op: op)
            let po = out.pointer
            Parallel.forRanges(a.scalarCount) { r in for i in r { po[i] = f(pa[i], pb[i]) } }
            out.node = nil
            return out
        }
        if b.scalarCount == 1 && b.rank <= a.rank {
            let out = try Tensor(uninitializedShape: a.shape, op: op)
            let po = out.pointer, s = pb[0]
            Parallel.forRanges(a.scalarCount) { r in for i in r { po[i] = f(pa[i], s) } }
            return out
        }
        if a.scalarCount == 1 && a.rank <= b.rank {
            let out = try Tensor(uninitializedShape: b.shape, op: op)
            let po = out.pointer, s = pa[0]
            Parallel.forRanges(b.scalarCount) { r in for i in r { po[i] = f(s, pb[i]) } }
            return out
        }
        let shape = try broadcastShape(a.shape, b.shape, op: op)
        let out = try Tensor(uninitializedShape: shape, op: op)
        if out.scalarCount == 0 { return out }
        let sa = broadcastStrides(a.shape, in: shape), sb = broadcastStrides(b.shape, in: shape)
        let rank = shape.count
        let inner = shape[rank - 1], ia = sa[rank - 1], ib = sb[rank - 1]
        let rows = out.scalarCount / inner
        let po = out.pointer
        var index = [Int](repeating: 0, count: rank)
        var offA = 0, offB = 0
        for row in 0..<rows {
            let o = po + row * inner
            if ia == 1 && ib == 0 { let s = pb[offB]; for j in 0..<inner { o[j] = f(pa[offA + j], s) } }
            else if ia == 0 && ib == 1 { let s = pa[offA]; for j in 0..<inner { o[j] = f(s, pb[offB + j]) } }
            else { for j in 0..<inner { o[j] = f(pa[offA + j * ia], pb[offB + j * ib]) } }
            // Advance the odometer over the outer axes.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                offA += sa[axis]; offB += sb[axis]
                if index[axis] < shape[axis] { break }
                offA -= sa[axis] * shape[axis]; offB -= sb[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return out
    }

    /// Applies `f` to every element.
    @inline(__always)
    func mapScalars(op: String, _ f: (Float) -> Float) throws -> Tensor {
        let out = try Tensor(uninitializedShape: shape, op: op)
        let pi = pointer, po = out.pointer
        Parallel.forRanges(scalarCount) { r in for i in r { po[i] = f(pi[i]) } }
        return out
    }

    /// This tensor copied into `target`, a shape it broadcasts to.
    public func broadcasted(to target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let shape = try Tensor.broadcastShape(self.shape, target, op: "broadcast")
        guard shape == target else { throw EngineError.shape(op: "broadcast", lhs: self.shape, rhs: target) }
        let out = try Tensor.zipBroadcast(detached(), try Tensor(zeros: target), op: "broadcast") { a, _ in a }
        let source = self
        return Tensor.record(out, [self]) { g in [try g.summed(toShape: source.shape)] }
    }

    /// Sums a broadcast gradient back down to `target` (the inverse of broadcasting).
    func summed(toShape target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let extra = rank - target.count
        guard extra >= 0 else { throw EngineError.shape(op: "reduce to shape", lhs: shape, rhs: target) }
        var result = self
        var axes: [Int] = Array(0..<extra)
        for (i, d) in target.enumerated() where d == 1 && shape[i + extra] != 1 { axes.append(i + extra) }
        result = try result.sum(axes: axes, keepDims: true)
        return try result.reshaped(to: target)
    }

    // MARK: Binary ops

    static func add(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try zipBroadcast(a, b, op: "add") { $0 + $1 }
        let sa = a.shape, sb = b.shape
        return record(out, [a, b]) { g in [try g.summed(toShape: sa), try g.summed(toShape: sb)] }
    }

    static func subtract(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try zipBroadcast(a, b, op: "subtract") { $0 - $1 }
        let sa = a.shape, sb = b.shape
        return record(out, [a, b]) { g in [try g.summed(toShape: sa), try (-g).summed(toShape: sb)] }
    }

    static func multiply(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try zipBroadcast(a, b, op: "multiply") { $0 * $1 }
        let da = a.detached(), db = b.detached()
        return record(out, [a, b]) { g in
            [a.node == nil ? nil : try (g * db).summed(toShape: da.shape),
             b.node == nil ? nil : try (g * da).summed(toShape: db.shape)]
        }
    }

    static func divide(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try zipBroadcast(a, b, op: "divide") { $0 / $1 }
        let da = a.detached(), db = b.detached()
        return record(out, [a, b]) { g in
            [a.node == nil ? nil : try (g / db).summed(toShape: da.shape),
             b.node == nil ? nil : try (-(g * da) / (db * db)).summed(toShape: db.shape)]
        }
    }

    /// Elementwise power with broadcasting.
    public static func pow(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try zipBroadcast(a, b, op: "pow") { Foundation.pow($0, $1) }
        let da = a.detached(), db = b.detached(), dout = out.detached()
        return record(out, [a, b]) { g in
            let ga: Tensor? = a.node == nil ? nil :
                try (g * db * zipBroadcast(da, db, op: "pow") { Foundation.pow($0, $1 - 1) }).summed(toShape: da.shape)
            let gb: Tensor? = b.node == nil ? nil :
                try (g * dout * da.mapScalars(op: "log") { Foundation.log($0) }).summed(toShape: db.shape)
            return [ga, gb]
        }
    }

    /// Elementwise maximum with broadcasting (the gradient goes to the larger input; to `a` on ties).
    public static func maximum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try zipBroadcast(a, b, op: "maximum") { Swift.max($0, $1) }
        let da = a.detached(), db = b.detached()
        return record(out, [a, b]) { g in
            let mask = try zipBroadcast(da, db, op: "maximum") { $0 >= $1 ? 1 : 0 }
            return [try (g * mask).summed(toShape: da.shape), try (g * (1 - mask)).summed(toShape: db.shape)]
        }
    }

    /// Elementwise minimum with broadcasting (the gradient goes to the smaller input; to `a` on ties).
    public static func minimum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try zipBroadcast(a, b, op: "minimum") { Swift.min($0, $1) }
        let da = a.detached(), db = b.detached()
        return record(out, [a, b]) { g in
            let mask = try zipBroadcast(da, db, op: "minimum") { $0 <= $1 ? 1 : 0 }
            return [try (g * mask).summed(toShape: da.shape), try (g * (1 - mask)).summed(toShape: db.shape)]
        }
    }

    // MARK: Operators

    /// Elementwise sum with broadcasting.
    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try add(a, b) }
    /// Elementwise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try subtract(a, b) }
    /// Elementwise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try multiply(a, b) }
    /// Elementwise quotient with broadcasting.
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try divide(a, b) }
    /// Adds a scalar.
    public static func + (a: Tensor, b: Float) throws -> Tensor { try add(a, Tensor(b)) }
    /// Subtracts a scalar.
    public static func - (a: Tensor, b: Float) throws -> Tensor { try subtract(a, Tensor(b)) }
    /// Multiplies by a scalar.
    public static func * (a: Tensor, b: Float) throws -> Tensor { try multiply(a, Tensor(b)) }
    /// Divides by a scalar.
    public static func / (a: Tensor, b: Float) throws -> Tensor { try divide(a, Tensor(b)) }
    /// Adds to a scalar.
    public static func + (a: Float, b: Tensor) throws -> Tensor { try add(Tensor(a), b) }
    /// Subtracts from a scalar.
    public static func - (a: Float, b: Tensor) throws -> Tensor { try subtract(Tensor(a), b) }
    /// Multiplies a scalar.
    public static func * (a: Float, b: Tensor) throws -> Tensor { try multiply(Tensor(a), b) }
    /// Divides a scalar.
    public static func / (a: Float, b: Tensor) throws -> Tensor { try divide(Tensor(a), b) }

    /// Negation (never fails).
    public static prefix func - (a: Tensor) -> Tensor {
        // The output has the input's shape, which was already allowed.
        var out = Tensor(storage: TensorStorage(uninitializedCount: a.scalarCount), shape: a.shape)
        let pi = a.pointer, po = out.pointer
        for i in 0..<a.scalarCount { po[i] = -pi[i] }
        out = record(out, [a]) { g in [-g] }
        return out
    }

    // MARK: Comparisons (no gradient; 1 where true, 0 where false)

    /// 1 where `a == b` elementwise, else 0.
    public static func .== (a: Tensor, b: Tensor) throws -> Tensor { try zipBroadcast(a.detached(), b.detached(), op: ".==") { $0 == $1 ? 1 : 0 } }
    /// 1 where `a != b` elementwise, else 0.
    public static func .!= (a: Tensor, b: Tensor) throws -> Tensor { try zipBroadcast(a.detached(), b.detached(), op: ".!=") { $0 != $1 ? 1 : 0 } }
    /// 1 where `a < b` elementwise, else 0.
    public static func .< (a: Tensor, b: Tensor) throws -> Tensor { try zipBroadcast(a.detached(), b.detached(), op: ".<") { $0 < $1 ? 1 : 0 } }
    /// 1 where `a <= b` elementwise, else 0.
    public static func .<= (a: Tensor, b: Tensor) throws -> Tensor { try zipBroadcast(a.detached(), b.detached(), op: ".<=") { $0 <= $1 ? 1 : 0 } }
    /// 1 where `a > b` elementwise, else 0.
    public static func .> (a: Tensor, b: Tensor) throws -> Tensor { try zipBroadcast(a.detached(), b.detached(), op: ".>") { $0 > $1 ? 1 : 0 } }
    /// 1 where `a >= b` elementwise, else 0.
    public static func .>= (a: Tensor, b: Tensor) throws -> Tensor { try zipBroadcast(a.detached(), b.detached(), op: ".>=") { $0 >= $1 ? 1 : 0 } }
}

// MARK: Unary math

extension Tensor {
    /// A unary op whose backward uses the input and the output.
    @inline(__always)
    func unary(_ op: String, _ f: (Float) -> Float, derivative: @escaping (_ x: Float, _ y: Float) -> Float) throws -> Tensor {
        let out = try mapScalars(op: op, f)
        let x = detached(), y = out.detached()
        return Tensor.record(out, [self]) { g in
            let gx = try Tensor(uninitializedShape: x.shape)
            let px = x.pointer, py = y.pointer, pg = g.pointer, po = gx.pointer
            Parallel.forRanges(x.scalarCount) { r in for i in r { po[i] = pg[i] * derivative(px[i], py[i]) } }
            return [gx]
        }
    }
}

/// max(x, 0).
public func relu(_ x: Tensor) throws -> Tensor {
    // Its own backward (a select on the output, y > 0 exactly where x > 0) rather than
    // `unary`'s per-element derivative closure, which does not inline.
    let out = try x.mapScalars(op: "relu") { $0 < 0 ? 0 : $0 }
    let y = out.detached()
    return Tensor.record(out, [x]) { g in
        let gx = try Tensor(uninitializedShape: y.shape)
        let pg = g.pointer, py = y.pointer, po = gx.pointer
        Parallel.forRanges(y.scalarCount) { r in for i in r { let v = pg[i]; po[i] = py[i] > 0 ? v : 0 } }
        return [gx]
    }
}
/// 1 / (1 + e^-x), computed without overflow.
public func sigmoid(_ x: Tensor) throws -> Tensor {
    try x.unary("sigmoid", { $0 >= 0 ? 1 / (1 + Foundation.exp(-$0)) : Foundation.exp($0) / (1 + Foundation.exp($0)) }) { _, y in y * (1 - y) }
}
/// Hyperbolic tangent.
public func tanh(_ x: Tensor) throws -> Tensor { try x.unary("tanh", { Foundation.tanh($0) }) { _, y in 1 - y * y } }
/// e^x.
public func exp(_ x: Tensor) throws -> Tensor { try x.unary("exp", { Foundation.exp($0) }) { _, y in y } }
/// Natural logarithm.
public func log(_ x: Tensor) throws -> Tensor { try x.unary("log", { Foundation.log($0) }) { x, _ in 1 / x } }
/// Square root.
public func sqrt(_ x: Tensor) throws -> Tensor { try x.unary("sqrt", { $0.squareRoot() }) { _, y in 0.5 / y } }
/// Absolute value (gradient 0 at 0).
public func abs(_ x: Tensor) throws -> Tensor { try x.unary("abs", { Swift.abs($0) }) { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) } }
/// x raised to a scalar power.
public func pow(_ x: Tensor, _ p: Float) throws -> Tensor {
    try x.unary("pow", { Foundation.pow($0, p) }) { x, _ in p * Foundation.pow(x, p - 1) }
}
/// Elementwise power with broadcasting.
public func pow(_ x: Tensor, _ p: Tensor) throws -> Tensor { try Tensor.pow(x, p) }
/// x squared.
public func square(_ x: Tensor) throws -> Tensor { try x.unary("square", { $0 * $0 }) { x, _ in 2 * x } }
/// x where x > 0, alpha·x elsewhere.
public func leakyRelu(_ x: Tensor, alpha: Float = 0.01) throws -> Tensor {
    try x.unary("leakyRelu", { $0 > 0 ? $0 : alpha * $0 }) { x, _ in x > 0 ? 1 : alpha }
}
/// x where x > 0, alpha·(e^x − 1) elsewhere.
public func elu(_ x: Tensor, alpha: Float = 1) throws -> Tensor {
    try x.unary("elu", { $0 > 0 ? $0 : alpha * (Foundation.exp($0) - 1) }) { x, y in x > 0 ? 1 : y + alpha }
}
/// x · sigmoid(x) (also called SiLU).
public func swish(_ x: Tensor) throws -> Tensor {
    try x.unary("swish", { $0 / (1 + Foundation.exp(-$0)) }) { x, _ in
        let s = 1 / (1 + Foundation.exp(-x)); return s * (1 + x * (1 - s))
    }
}
/// log(1 + e^x), computed without overflow.
public func softplus(_ x: Tensor) throws -> Tensor {
    try x.unary("softplus", { $0 > 20 ? $0 : Foundation.log1p(Foundation.exp($0)) }) { x, _ in 1 / (1 + Foundation.exp(-x)) }
}
/// Elementwise maximum with broadcasting.
public func max(_ a: Tensor, _ b: Tensor) throws -> Tensor { try Tensor.maximum(a, b) }
/// Elementwise minimum with broadcasting.
public func min(_ a: Tensor, _ b: Tensor) throws -> Tensor { try Tensor.minimum(a, b) }
/// Values limited to [low, high] (gradient 0 outside).
public func clamp(_ x: Tensor, min low: Float, max high: Float) throws -> Tensor {
    try x.unary("clamp", { Swift.min(Swift.max($0, low), high) }) { x, _ in (x >= low && x <= high) ? 1 : 0 }
}

/// relu(a + b) for tensors of one shape, in one pass each way (a residual block's join).
func addReLU(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    guard a.shape == b.shape else { return try relu(a + b) }
    let out = try Tensor(uninitializedShape: a.shape, op: "add")
    let pa = a.pointer, pb = b.pointer, po = out.pointer
    Parallel.forRanges(a.scalarCount) { r in for i in r { let v = pa[i] + pb[i]; po[i] = v < 0 ? 0 : v } }
    let y = out.detached()
    return Tensor.record(out, [a, b]) { g in
        let gx = try Tensor(uninitializedShape: y.shape)
        let pg = g.pointer, py = y.pointer, px = gx.pointer
        Parallel.forRanges(y.scalarCount) { r in for i in r { let v = pg[i]; px[i] = py[i] > 0 ? v : 0 } }
        return [gx, gx]
    }
}
