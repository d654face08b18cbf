/// Fully connected layer on the last axis: y = x·Wᵀ + b, weight [units, in] (PyTorch's Linear).
public final class Dense: Layer {
    public let units: Int
    public let activation: Activation
    public let useBias: Bool
    public let initializer: Initializer
    public let name: String?
    /// [units, in]; nil until the first call.
    public private(set) var weight: Parameter?
    /// [units]; nil until the first call or when `useBias` is false.
    public private(set) var bias: Parameter?

    /// A dense layer with `units` outputs; the input size is inferred on first call.
    public init(units: Int, activation: Activation = .identity, useBias: Bool = true,
                initializer: Initializer = .heUniform, name: String? = nil) {
        self.units = units; self.activation = activation; self.useBias = useBias
        self.initializer = initializer; self.name = name
    }

    public var typeName: String { "Dense" }
    public var parameters: [(name: String, parameter: Parameter)] { weightAndBias(weight, bias) }

    public func materialize(from tensors: [String: Tensor]) throws -> Bool {
        guard weight == nil, let w = tensors["weight"], w.rank == 2 else { return false }
        try build(inputs: w.shape[1])
        return true
    }
    public func unbuild() { weight = nil; bias = nil }

    private func build(inputs inF: Int) throws {
        guard units >= 1 else { throw EngineError.value("Dense: units must be at least 1, got \(units)") }
        weight = Parameter(try initializer.make([units, inF], fanIn: inF, fanOut: units))
        if useBias { bias = Parameter(try Tensor(zeros: [units])) }
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        guard input.rank >= 1 else { throw EngineError.invalidShape(op: name ?? typeName, shape: input.shape, reason: "has no feature axis") }
        if weight == nil { try build(inputs: input.shape[input.rank - 1]) }
        guard weight!.value.shape[1] == input.shape[input.rank - 1] else {
            throw EngineError.shape(op: name ?? typeName, lhs: input.shape, rhs: weight!.value.shape)
        }
        return try linear(input, weight: weight!.forwardValue, bias: bias?.forwardValue, activation: activation)
    }
}

/// [N, ...] → [N, product of the rest].
public final class Flatten: Layer {
    public let name: String?
    /// A flatten layer.
    public init(name: String? = nil) { self.name = name }
    public var typeName: String { "Flatten" }
    public func forward(_ input: Tensor) throws -> Tensor {
        guard input.rank >= 1 else { throw EngineError.invalidShape(op: "Flatten", shape: input.shape, reason: "has no batch axis") }
        return try input.reshaped(to: [input.shape[0], -1])
    }
}

/// [N, ...] → [N] + shape (one entry may be -1).
public final class Reshape: Layer {
    public let shape: [Int]
    public let name: String?
    /// A reshape to `shape` per sample.
    public init(shape: [Int], name: String? = nil) { self.shape = shape; self.name = name }
    public var typeName: String { "Reshape" }
    public func forward(_ input: Tensor) throws -> Tensor {
        guard input.rank >= 1 else { throw EngineError.invalidShape(op: "Reshape", shape: input.shape, reason: "has no batch axis") }
        return try input.reshaped(to: [input.shape[0]] + shape)
    }
}

/// Returns its input.
public final class Identity: Layer {
    public let name: String?
    /// An identity layer.
    public init(name: String? = nil) { self.name = name }
    public var typeName: String { "Identity" }
    public func forward(_ input: Tensor) throws -> Tensor { input }
}

/// A lookup table: integer indices [N, ...] (as floats) → vectors [N, ..., embeddingSize];
/// weight [vocabularySize, embeddingSize] drawn from N(0, 1) as in PyTorch.
public final class Embedding: Layer {
    public let vocabularySize: Int, embeddingSize: Int
    public let name: String?
    /// [vocabularySize, embeddingSize]; nil until the first call.
    public private(set) var weight: Parameter?

    /// An embedding of `vocabularySize` tokens into `embeddingSize` dimensions.
    public init(vocabularySize: Int, embeddingSize: Int, name: String? = nil) {
        self.vocabularySize = vocabularySize; self.embeddingSize = embeddingSize; self.name = name
    }
    public var typeName: String { "Embedding" }
    public var parameters: [(name: String, parameter: Parameter)] { weight.map { [("weight", $0)] } ?? [] }

    public func materialize(from tensors: [String: Tensor]) throws -> Bool {
        guard weight == nil, tensors["weight"] != nil else { return false }
        try build()
        return true
    }
    public func unbuild() { weight = nil }

    private func build() throws {
        guard vocabularySize >= 1, embeddingSize >= 1 else { throw EngineError.value("Embedding: sizes must be positive") }
        weight = Parameter(try Tensor(randomNormal: [vocabularySize, embeddingSize]))
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        if weight == nil { try build() }
        var rows: [Int] = []
        rows.reserveCapacity(input.scalarCount)
        for v in input.detached().scalars {
            let i = Int(v)
            guard Float(i) == v, i >= 0, i < vocabularySize else {
                throw EngineError.index("Embedding: token \(v) is not an index in 0..<\(vocabularySize)")
            }
            rows.append(i)
        }
        return try weight!.forwardValue.gathering(rows: rows).reshaped(to: input.shape + [embeddingSize])
    }
}

/// Nearest-neighbour upsampling of [N, C, H, W] by an integer factor.
public final class Upsample2D: Layer {
    public let scale: Int
    public let name: String?
    /// An upsampling layer.
    public init(scale: Int, name: String? = nil) { self.scale = scale; self.name = name }
    public var typeName: String { "Upsample2D" }
    public func forward(_ input: Tensor) throws -> Tensor { try upsample2d(input, scale: scale) }
}

// MARK: Activation layers

/// A parameterless layer applying an activation function.
public class ActivationLayer: Layer {
    public let activation: Activation
    public let name: String?
    public let typeName: String
    init(_ typeName: String, _ activation: Activation, name: String?) {
        self.typeName = typeName; self.activation = activation; self.name = name
    }
    public func forward(_ input: Tensor) throws -> Tensor { try activation.apply(input) }
}

/// max(x, 0).
public final class ReLU: ActivationLayer { public init(name: String? = nil) { super.init("ReLU", .relu, name: name) } }
/// x for x > 0, alpha·x otherwise (PyTorch's default slope 0.01).
public final class LeakyReLU: ActivationLayer {
    public init(alpha: Float = 0.01, name: String? = nil) { super.init("LeakyReLU", .leakyRelu(alpha: alpha), name: name) }
}
/// x for x > 0, alpha·(eˣ − 1) otherwise.
public final class ELU: ActivationLayer {
    public init(alpha: Float = 1, name: String? = nil) { super.init("ELU", .elu(alpha: alpha), name: name) }
}
/// 1 / (1 + e⁻ˣ).
public final class Sigmoid: ActivationLayer { public init(name: String? = nil) { super.init("Sigmoid", .sigmoid, name: name) } }
/// Hyperbolic tangent.
public final class Tanh: ActivationLayer { public init(name: String? = nil) { super.init("Tanh", .tanh, name: name) } }
/// x·sigmoid(x) (Ramachandran et al. 2017).
public final class Swish: ActivationLayer { public init(name: String? = nil) { super.init("Swish", .swish, name: name) } }

/// Softmax along `axis` (default 1, the channel axis of [N, C, ...]).
public final class Softmax: Layer {
    public let axis: Int
    public let name: String?
    /// A softmax layer.
    public init(axis: Int = 1, name: String? = nil) { self.axis = axis; self.name = name }
    public var typeName: String { "Softmax" }
    public func forward(_ input: Tensor) throws -> Tensor { try softmax(input, axis: input.rank == 1 ? 0 : axis) }
}

/// Leaky ReLU with a learned slope (He et al. 2015): one slope `weight` [1], initially 0.25.
public final class PReLU: Layer {
    public let name: String?
    public let slope: Parameter
    /// A PReLU with a shared slope.
    public init(initialSlope: Float = 0.25, name: String? = nil) {
        self.name = name
        slope = Parameter(Tensor([initialSlope]))
    }
    public var typeName: String { "PReLU" }
    public var parameters: [(name: String, parameter: Parameter)] { [("weight", slope)] }
    public func forward(_ input: Tensor) throws -> Tensor {
        // max(x, 0) + a·min(x, 0): the gradient reaches both x and a.
        let zero = Tensor(0)
        return try max(input, zero) + slope.forwardValue * min(input, zero)
    }
}
