import Foundation

// Reshaping, transposition, slicing, concatenation and stacking.

extension Tensor {
    /// The same scalars in a new shape; one dimension may be -1 (inferred).
    public func reshaped(to newShape: [Int]) throws -> Tensor {
        var target = newShape
        let unknown = target.indices.filter { target[$0] == -1 }
        if unknown.count > 1 { throw EngineError.invalidShape(op: "reshape", shape: newShape, reason: "has more than one -1") }
        if target.contains(where: { $0 < -1 }) { throw EngineError.invalidShape(op: "reshape", shape: newShape, reason: "has a negative dimension") }
        // A product that overflows cannot equal the scalar count, which fits in an Int.
        if let u = unknown.first {
            let others = target.enumerated().lazy.filter { $0.offset != u }.map(\.element)
            guard let known = Tensor.checkedProduct(others), known > 0, scalarCount % known == 0 else {
                throw EngineError.shape(op: "reshape", lhs: shape, rhs: newShape)
            }
            target[u] = scalarCount / known
        }
        guard Tensor.checkedProduct(target) == scalarCount else { throw EngineError.shape(op: "reshape", lhs: shape, rhs: newShape) }
        // A zero-size target must still keep its other dimensions' product within Int.
        _ = try Tensor.scalarCount(of: target, op: "reshape")
        let old = shape
        return Tensor.record(viewed(as: target), [self]) { g in [g.viewed(as: old)] }
    }

    /// A 1-D tensor of all scalars.
    public func flattened() throws -> Tensor { try reshaped(to: [scalarCount]) }

    /// A size-1 axis inserted at `axis`.
    public func expandingShape(at axis: Int) throws -> Tensor {
        let a = axis < 0 ? axis + rank + 1 : axis
        guard a >= 0 && a <= rank else { throw EngineError.invalidShape(op: "expandingShape", shape: shape, reason: "has no position \(axis)") }
        var s = shape; s.insert(1, at: a)
        return try reshaped(to: s)
    }

    /// Size-1 axes removed (all of them when `axes` is empty).
    public func squeezingShape(at axes: [Int] = []) throws -> Tensor {
        let list = try axes.map { try Tensor.normalize(axis: $0, rank: rank, op: "squeezingShape", shape: shape) }
        for a in list where shape[a] != 1 {
            throw EngineError.invalidShape(op: "squeezingShape", shape: shape, reason: "has size \(shape[a]) at axis \(a), not 1")
        }
        let s = shape.enumerated().filter { list.isEmpty ? $0.element != 1 : !list.contains($0.offset) }.map(\.element)
        return try reshaped(to: s)
    }

    /// Axes reordered: output axis i is input axis `permutation[i]`.
    public func permuted(_ permutation: [Int]) throws -> Tensor {
        guard permutation.count == rank, Set(permutation) == Set(0..<rank) else {
            throw EngineError.invalidShape(op: "permute", shape: shape, reason: "cannot be permuted by \(permutation)")
        }
        if permutation == Array(0..<rank) { return self }
        let outShape = permutation.map { shape[$0] }
        let out = try Tensor(uninitializedShape: outShape, op: "permute")
        var inStrides = [Int](repeating: 1, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) { inStrides[i] = inStrides[i + 1] * shape[i + 1] }
        let strides = permutation.map { inStrides[$0] }
        let count = scalarCount
        if count > 0 {
            let pi = pointer, po = out.pointer
            let inner = outShape[rank - 1], innerStride = strides[rank - 1]
            var index = [Int](repeating: 0, count: rank)
            var offset = 0
            for row in 0..<(count / inner) {
                let dst = po + row * inner
                for j in 0..<inner { dst[j] = pi[offset + j * innerStride] }
                var axis = rank - 2
                while axis >= 0 {
                    index[axis] += 1; offset += strides[axis]
                    if index[axis] < outShape[axis] { break }
                    offset -= strides[axis] * outShape[axis]; index[axis] = 0; axis -= 1
                }
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in permutation.enumerated() { inverse[p] = i }
        return Tensor.record(out, [self]) { g in [try g.permuted(inverse)] }
    }

    /// The axes in reverse order (the matrix transpose for rank 2).
    public func transposed() throws -> Tensor {
        rank < 2 ? self : try permuted(Array((0..<rank).reversed()))
    }

    /// Two axes swapped.
    public func transposed(_ a: Int, _ b: Int) throws -> Tensor {
        let x = try Tensor.normalize(axis: a, rank: rank, op: "transpose", shape: shape)
        let y = try Tensor.normalize(axis: b, rank: rank, op: "transpose", shape: shape)
        var p = Array(0..<rank); p.swapAt(x, y)
        return try permuted(p)
    }

    // MARK: Slicing along the leading axis

    /// The rows `range` of the leading axis.
    public func slice(_ range: Range<Int>) throws -> Tensor {
        guard rank > 0 else { throw EngineError.index("a scalar tensor cannot be sliced") }
        guard range.lowerBound >= 0 && range.upperBound <= shape[0] else {
            throw EngineError.index("slice \(range.lowerBound)..<\(range.upperBound) is out of range for an axis of size \(shape[0])")
        }
        let row = scalarCount / Swift.max(shape[0], 1)
        var outShape = shape; outShape[0] = range.count
        let out = try Tensor(uninitializedShape: outShape, op: "slice")
        out.pointer.update(from: pointer + range.lowerBound * row, count: range.count * row)
        let inShape = shape
        return Tensor.record(out, [self]) { g in
            let gx = try Tensor(zeros: inShape)
            (gx.pointer + range.lowerBound * row).update(from: g.pointer, count: range.count * row)
            return [gx]
        }
    }

    /// The element `index` of the leading axis (the axis is removed).
    public func element(_ index: Int) throws -> Tensor {
        guard rank > 0 else { throw EngineError.index("a scalar tensor cannot be indexed") }
        guard index >= 0 && index < shape[0] else {
            throw EngineError.index("index \(index) is out of range for an axis of size \(shape[0])")
        }
        return try slice(index..<(index + 1)).reshaped(to: Array(shape.dropFirst()))
    }

    /// Indexes the leading axes in turn: `t[1, 0]`.
    public subscript(_ indices: Int...) -> Tensor {
        get throws {
            guard indices.count <= rank else {
                throw EngineError.index("\(indices.count) indices for a tensor of rank \(rank)")
            }
            var t = self
            for i in indices { t = try t.element(i) }
            return t
        }
    }

    /// Slices the leading axis: `t[0..<8]`.
    public subscript(_ range: Range<Int>) -> Tensor {
        get throws { try slice(range) }
    }

    /// Rows of the leading axis picked by index (repeats allowed): a batch from a data set.
    public func gathering(rows indices: [Int]) throws -> Tensor {
        guard rank > 0 else { throw EngineError.index("a scalar tensor cannot be indexed") }
        let row = scalarCount / Swift.max(shape[0], 1)
        for i in indices where i < 0 || i >= shape[0] {
            throw EngineError.index("index \(i) is out of range for an axis of size \(shape[0])")
        }
        var outShape = shape; outShape[0] = indices.count
        let out = try Tensor(uninitializedShape: outShape, op: "gather")
        for (k, i) in indices.enumerated() { (out.pointer + k * row).update(from: pointer + i * row, count: row) }
        let inShape = shape
        return Tensor.record(out, [self]) { g in
            let gx = try Tensor(zeros: inShape)
            for (k, i) in indices.enumerated() {
                let d = gx.pointer + i * row, s = g.pointer + k * row
                for j in 0..<row { d[j] += s[j] }
            }
            return [gx]
        }
    }
}

// MARK: Concatenation and stacking

/// Tensors joined along `axis`; every other axis must match.
public func concat(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
    guard let first = tensors.first else { throw EngineError.value("concat: no tensors given") }
    let a = try Tensor.normalize(axis: axis, rank: first.rank, op: "concat", shape: first.shape)
    for t in tensors.dropFirst() {
        var s1 = first.shape, s2 = t.shape
        guard s1.count == s2.count else { throw EngineError.shape(op: "concat", lhs: first.shape, rhs: t.shape) }
        s1[a] = 0; s2[a] = 0
        if s1 != s2 { throw EngineError.shape(op: "concat", lhs: first.shape, rhs: t.shape) }
    }
    var outShape = first.shape
    outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
    let out = try Tensor(uninitializedShape: outShape, op: "concat")
    let outer = first.shape[..<a].reduce(1, *)
    let inner = first.shape[(a + 1)...].reduce(1, *)
    let outRow = outShape[a] * inner
    var offset = 0
    var sizes: [Int] = []
    for t in tensors {
        let rowSize = t.shape[a] * inner
        for o in 0..<outer { (out.pointer + o * outRow + offset).update(from: t.pointer + o * rowSize, count: rowSize) }
        offset += rowSize
        sizes.append(t.shape[a])
    }
    let shapes = tensors.map(\.shape)
    return Tensor.record(out, tensors) { g in
        var grads: [Tensor?] = []
        var off = 0
        for (i, s) in shapes.enumerated() {
            let rowSize = sizes[i] * inner
            let gi = try Tensor(uninitializedShape: s)
            for o in 0..<outer { (gi.pointer + o * rowSize).update(from: g.pointer + o * outRow + off, count: rowSize) }
            off += rowSize
            grads.append(gi)
        }
        return grads
    }
}

extension Tensor {
    /// Tensors of one shape stacked along a new axis.
    public init(stacking tensors: [Tensor], axis: Int = 0) throws {
        guard let first = tensors.first else { throw EngineError.value("Tensor(stacking:): no tensors given") }
        for t in tensors where t.shape != first.shape { throw EngineError.shape(op: "stack", lhs: first.shape, rhs: t.shape) }
        let a = axis < 0 ? axis + first.rank + 1 : axis
        guard a >= 0 && a <= first.rank else { throw EngineError.invalidShape(op: "stack", shape: first.shape, reason: "has no position \(axis)") }
        self = try concat(tensors.map { try $0.expandingShape(at: a) }, axis: a)
    }
}
