import Foundation

/// An n-dimensional array of Float32 values, row-major; images are NCHW as in PyTorch.
/// Value semantics with copy-on-write storage. Tensors that take part in a gradient
/// computation carry a node of the autograd graph.
public struct Tensor {
    var storage: TensorStorage
    /// The size of each axis.
    public private(set) var shape: [Int]
    /// The autograd node that produced this tensor, when it is being differentiated.
    var node: GradNode?

    /// Wraps existing storage; the shape must describe exactly `storage.count` scalars.
    init(storage: TensorStorage, shape: [Int]) {
        self.storage = storage
        self.shape = shape
        self.node = nil
    }

    /// Allocates an uninitialized tensor after checking the shape and the memory limit.
    init(uninitializedShape shape: [Int], op: String = "Tensor") throws {
        let count = try Tensor.scalarCount(of: shape, op: op)
        try EngineLimits.checkAllocation(scalarCount: count)
        self.init(storage: TensorStorage(uninitializedCount: count), shape: shape)
    }

    /// Validates a shape and returns its number of scalars. Every tensor's shape passes this
    /// check, which also keeps the product of its non-zero dimensions within `Int`: the size
    /// of any group of axes (a row, a plane, the axes before one) is then computed without
    /// overflow, even for a tensor with no scalars such as `[0, 1 << 40, 1 << 40]`.
    static func scalarCount(of shape: [Int], op: String) throws -> Int {
        if shape.contains(where: { $0 < 0 }) {
            throw EngineError.invalidShape(op: op, shape: shape, reason: "has a negative dimension")
        }
        guard let nonZero = checkedProduct(shape.lazy.filter { $0 != 0 }) else {
            if shape.contains(0) {
                throw EngineError.invalidShape(op: op, shape: shape, reason: "has dimensions whose product overflows")
            }
            throw EngineError.memory(requestedBytes: Int.max, limitBytes: EngineLimits.maximumTensorBytes)
        }
        return shape.contains(0) ? 0 : nonZero
    }

    /// The product of `dimensions`, or nil when it overflows `Int`.
    static func checkedProduct<S: Sequence>(_ dimensions: S) -> Int? where S.Element == Int {
        var product = 1
        for d in dimensions {
            let (next, overflow) = product.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            product = next
        }
        return product
    }

    // MARK: Constructors

    /// A tensor of `shape` holding `scalars` in row-major order.
    public init(shape: [Int], scalars: [Float]) throws {
        try self.init(uninitializedShape: shape)
        guard scalars.count == storage.count else {
            throw EngineError.invalidShape(op: "Tensor(shape:scalars:)", shape: shape,
                                           reason: "needs \(storage.count) scalars but \(scalars.count) were given")
        }
        scalars.withUnsafeBufferPointer { storage.pointer.update(from: $0.baseAddress!, count: scalars.count) }
    }

    /// A 1-D tensor of `scalars`.
    public init(_ scalars: [Float]) {
        // A 1-D array that exists in memory already is within any sensible limit.
        self.init(storage: TensorStorage(uninitializedCount: scalars.count), shape: [scalars.count])
        scalars.withUnsafeBufferPointer { if let b = $0.baseAddress { storage.pointer.update(from: b, count: scalars.count) } }
    }

    /// A rank-0 tensor holding one scalar.
    public init(_ scalar: Float) {
        self.init(storage: TensorStorage(uninitializedCount: 1), shape: [])
        storage.pointer[0] = scalar
    }

    /// A tensor from nested arrays of numbers (`[[1, 2], [3, 4]]` as `[[Double]]`, `[[Int]]`, ...).
    /// Ragged nesting and non-numeric leaves are a `ValueError`.
    public init(nested value: Any) throws {
        var shape: [Int] = []
        var flat: [Float] = []
        var leafDepth: Int? = nil
        try Tensor.flatten(value, depth: 0, shape: &shape, leafDepth: &leafDepth, into: &flat)
        try self.init(shape: shape, scalars: flat)
    }

    private static func flatten(_ value: Any, depth: Int, shape: inout [Int], leafDepth: inout Int?, into flat: inout [Float]) throws {
        if let array = value as? [Any] {
            if let leafDepth, depth >= leafDepth {
                throw EngineError.value("Tensor: nested arrays are ragged (an array where a number was expected at depth \(depth))")
            }
            if depth == shape.count { shape.append(array.count) }
            else if shape[depth] != array.count {
                throw EngineError.value("Tensor: nested arrays are ragged (expected \(shape[depth]) elements at depth \(depth), found \(array.count))")
            }
            for element in array { try flatten(element, depth: depth + 1, shape: &shape, leafDepth: &leafDepth, into: &flat) }
            return
        }
        if leafDepth == nil { leafDepth = depth }
        guard depth == leafDepth, depth == shape.count else {
            throw EngineError.value("Tensor: nested arrays are ragged (a number at depth \(depth) where arrays of depth \(shape.count) were expected)")
        }
        switch value {
        case let x as Float: flat.append(x)
        case let x as Double: flat.append(Float(x))
        case let x as Int: flat.append(Float(x))
        case let x as Bool: flat.append(x ? 1 : 0)
        default: throw EngineError.value("Tensor: \(type(of: value)) is not a number")
        }
    }

    /// A tensor of `shape` filled with `value`.
    public init(repeating value: Float, shape: [Int]) throws {
        try self.init(uninitializedShape: shape)
        storage.pointer.initialize(repeating: value, count: storage.count)
    }

    /// A tensor of zeros.
    public init(zeros shape: [Int]) throws { try self.init(repeating: 0, shape: shape) }

    /// A tensor of ones.
    public init(ones shape: [Int]) throws { try self.init(repeating: 1, shape: shape) }

    /// Normal samples (Box–Muller over SplitMix64); `seed: nil` draws from the engine's shared stream.
    public init(randomNormal shape: [Int], mean: Float = 0, standardDeviation: Float = 1, seed: UInt64? = nil) throws {
        try self.init(uninitializedShape: shape)
        var rng = SplitMix64(seed: seed ?? EngineRandom.nextSeed())
        rng.fillNormal(UnsafeMutableBufferPointer(start: storage.pointer, count: storage.count),
                       mean: mean, standardDeviation: standardDeviation)
    }

    /// Uniform samples in [lowerBound, upperBound); `seed: nil` draws from the engine's shared stream.
    public init(randomUniform shape: [Int], lowerBound: Float = 0, upperBound: Float = 1, seed: UInt64? = nil) throws {
        guard lowerBound <= upperBound else {
            throw EngineError.value("Tensor(randomUniform:): lowerBound \(lowerBound) is above upperBound \(upperBound)")
        }
        try self.init(uninitializedShape: shape)
        var rng = SplitMix64(seed: seed ?? EngineRandom.nextSeed())
        let span = upperBound - lowerBound
        for i in 0..<storage.count { storage.pointer[i] = lowerBound + span * rng.nextUnitFloat() }
    }

    /// The integers start..<end (step 1) as floats.
    public init(range: Range<Int>) throws {
        try self.init(uninitializedShape: [range.count])
        for (i, v) in range.enumerated() { storage.pointer[i] = Float(v) }
    }

    // MARK: Properties

    /// The number of axes.
    public var rank: Int { shape.count }
    /// The number of scalars.
    public var scalarCount: Int { storage.count }
    /// All scalars in row-major order.
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: storage.pointer, count: storage.count)) }
    /// The single scalar of a one-element tensor, else nil.
    public var scalar: Float? { storage.count == 1 ? storage.pointer[0] : nil }
    /// The size of the leading axis (0 for a scalar).
    public var count: Int { shape.first ?? 0 }

    /// The scalar of a one-element tensor; a `ValueError` otherwise.
    public func scalarValue() throws -> Float {
        guard storage.count == 1 else {
            throw EngineError.value("a tensor of shape \(shape) is not a single scalar")
        }
        return storage.pointer[0]
    }

    /// The same values outside any gradient computation.
    public func detached() -> Tensor { Tensor(storage: storage, shape: shape) }

    /// Read-only access to the scalars.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Mutable access to the scalars; copies the storage first when it is shared.
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: storage.pointer, count: storage.count))
    }

    var pointer: UnsafeMutablePointer<Float> { storage.pointer }

    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            let copy = TensorStorage(uninitializedCount: storage.count)
            copy.pointer.update(from: storage.pointer, count: storage.count)
            storage = copy
        }
    }

    /// Same scalars, new shape with the same count (no checks; internal).
    func viewed(as newShape: [Int]) -> Tensor {
        var t = Tensor(storage: storage, shape: newShape)
        t.node = nil
        return t
    }
}

extension Tensor: CustomStringConvertible {
    /// Nested brackets like NumPy, abbreviated for large tensors.
    public var description: String {
        if rank == 0 { return Tensor.format(storage.pointer[0]) }
        var out = ""
        describe(axis: 0, offset: 0, into: &out, indent: 1)
        return out
    }

    static func format(_ v: Float) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded() && abs(v) < 1e7 { return String(format: "%.1f", v) }
        let s = String(format: "%.4g", v)
        return s
    }

    private func describe(axis: Int, offset: Int, into out: inout String, indent: Int) {
        let n = shape[axis]
        let stride = shape[(axis + 1)...].reduce(1, *)
        let limit = 6
        let indices: [Int?] = n > limit ? Array(0..<3) + [nil] + Array((n - 3)..<n) : Array(0..<n)
        out += "["
        var first = true
        for i in indices {
            if !first { out += axis == rank - 1 ? ", " : ",\n" + String(repeating: " ", count: indent) }
            first = false
            guard let i else { out += "..."; continue }
            if axis == rank - 1 { out += Tensor.format(storage.pointer[offset + i]) }
            else { describe(axis: axis + 1, offset: offset + i * stride, into: &out, indent: indent + 1) }
        }
        out += "]"
    }
}

extension Tensor: Equatable {
    /// Equal shapes and scalars (gradient tracking is ignored).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape else { return false }
        if lhs.storage === rhs.storage { return true }
        for i in 0..<lhs.scalarCount where lhs.pointer[i] != rhs.pointer[i] { return false }
        return true
    }
}
