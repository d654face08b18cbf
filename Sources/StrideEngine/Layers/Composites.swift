/// Layers applied one after another. Children are named by their `name` when given, else
/// by their index ("0", "1", ...), as PyTorch's nn.Sequential.
public final class Sequential: Layer {
    public private(set) var layers: [Layer]
    public let name: String?

    /// A sequence of layers.
    public init(_ layers: [Layer], name: String? = nil) { self.layers = layers; self.name = name }
    /// A sequence built with a result builder: `Sequential { Conv2D(...); ReLU() }`.
    public convenience init(name: String? = nil, @LayerBuilder _ build: () -> [Layer]) { self.init(build(), name: name) }

    public var typeName: String { "Sequential" }
    public var children: [(name: String, layer: Layer)] { namedChildren(layers) }
    /// Appends a layer.
    public func append(_ layer: Layer) { layers.append(layer) }
    public func forward(_ input: Tensor) throws -> Tensor { try runLayers(layers, input) }
}

/// Names children by their `name`, else by index.
func namedChildren(_ layers: [Layer]) -> [(name: String, layer: Layer)] {
    layers.enumerated().map { ($0.element.name ?? String($0.offset), $0.element) }
}

/// Builds arrays of layers from a closure of layer expressions.
@resultBuilder
public enum LayerBuilder {
    public static func buildExpression(_ layer: Layer) -> [Layer] { [layer] }
    public static func buildExpression(_ layers: [Layer]) -> [Layer] { layers }
    public static func buildBlock(_ parts: [Layer]...) -> [Layer] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Layer]?) -> [Layer] { part ?? [] }
    public static func buildEither(first: [Layer]) -> [Layer] { first }
    public static func buildEither(second: [Layer]) -> [Layer] { second }
    public static func buildArray(_ parts: [[Layer]]) -> [Layer] { parts.flatMap { $0 } }
}

/// y = activation(f(x) + shortcut(x)) (He et al. 2016); the shortcut is the identity, or a
/// 1×1 convolution (a dense layer for [N, F] inputs) named "projection" when f changes the
/// shape, created on first call with the stride that matches the spatial sizes.
public final class Residual: Layer {
    public private(set) var layers: [Layer]
    public let activation: Activation
    public let name: String?
    public private(set) var projection: Layer?

    /// A residual block around `layers`.
    public init(_ layers: [Layer], activation: Activation = .identity, name: String? = nil) {
        self.layers = layers; self.activation = activation; self.name = name
    }
    /// A residual block built with a result builder.
    public convenience init(activation: Activation = .identity, name: String? = nil, @LayerBuilder _ build: () -> [Layer]) {
        self.init(build(), activation: activation, name: name)
    }

    public var typeName: String { "Residual" }
    public var children: [(name: String, layer: Layer)] {
        namedChildren(layers) + (projection.map { [("projection", $0)] } ?? [])
    }
    /// Whether the projection's stride still has to be derived from the first input.
    private var projectionStrideKnown = true

    public func materialize(from tensors: [String: Tensor]) throws -> Bool {
        guard projection == nil, let w = tensors["projection.weight"] else { return false }
        if w.rank == 2 {
            projection = Dense(units: w.shape[0], useBias: false)
        } else {
            projection = ConvolutionLayer(spatialRank: w.rank - 2, filters: w.shape[0], kernelSize: [1], stride: [1],
                                          padding: .valid, dilation: [1], groups: 1, activation: .identity,
                                          useBias: false, initializer: .heUniform, name: nil)
            projectionStrideKnown = false
        }
        return true
    }
    public func unbuild() { projection = nil; projectionStrideKnown = true }

    public func forward(_ input: Tensor) throws -> Tensor {
        let y = try runLayers(layers, input)
        var shortcut = input
        if y.shape != input.shape || projection != nil {
            if !projectionStrideKnown, let conv = projection as? ConvolutionLayer, input.rank > 2 {
                conv.stride = [input.shape[2] / Swift.max(y.shape[2], 1)]
                projectionStrideKnown = true
            }
            if projection == nil {
                guard y.rank == input.rank, y.shape[0] == input.shape[0] else {
                    throw EngineError.shape(op: name ?? "Residual", lhs: input.shape, rhs: y.shape)
                }
                if input.rank == 2 {
                    projection = Dense(units: y.shape[1], useBias: false)
                } else {
                    let strides = (2..<input.rank).map { input.shape[$0] / Swift.max(y.shape[$0], 1) }
                    guard strides.allSatisfy({ $0 >= 1 }), Set(strides).count == 1 else {
                        throw EngineError.shape(op: name ?? "Residual", lhs: input.shape, rhs: y.shape)
                    }
                    projection = ConvolutionLayer(spatialRank: input.rank - 2, filters: y.shape[1], kernelSize: [1],
                                                  stride: [strides[0]], padding: .valid, dilation: [1], groups: 1,
                                                  activation: .identity, useBias: false, initializer: .heUniform, name: nil)
                }
            }
            shortcut = try projection!(input)
            guard shortcut.shape == y.shape else { throw EngineError.shape(op: name ?? "Residual", lhs: shortcut.shape, rhs: y.shape) }
        }
        return activation == .relu ? try addReLU(y, shortcut) : try activation.apply(y + shortcut)
    }
}

/// Branches applied to the same input, their outputs joined along the channel axis
/// (Inception; Szegedy et al. 2015).
public final class Concat: Layer {
    public private(set) var branches: [Layer]
    public let axis: Int
    public let name: String?

    /// Branches side by side.
    public init(_ branches: [Layer], axis: Int = 1, name: String? = nil) { self.branches = branches; self.axis = axis; self.name = name }
    /// Branches built with a result builder.
    public convenience init(axis: Int = 1, name: String? = nil, @LayerBuilder _ build: () -> [Layer]) {
        self.init(build(), axis: axis, name: name)
    }
    public var typeName: String { "Concat" }
    public var children: [(name: String, layer: Layer)] { namedChildren(branches) }
    public func forward(_ input: Tensor) throws -> Tensor {
        guard !branches.isEmpty else { throw EngineError.value("Concat: no branches") }
        return try concat(branches.map { try $0(input) }, axis: axis)
    }
}

/// A DenseNet block (Huang et al. 2017): `layers` units of BatchNorm–ReLU–Conv3×3 with
/// `growthRate` filters, each seeing the concatenation of the input and all earlier outputs;
/// the output is that concatenation (C + layers·growthRate channels).
public final class DenseBlock: Layer {
    public let growthRate: Int
    public let name: String?
    public let units: [Sequential]

    /// A dense block of `layers` units.
    public init(layers: Int, growthRate: Int, name: String? = nil) {
        self.growthRate = growthRate; self.name = name
        units = (0..<Swift.max(layers, 0)).map { _ in
            Sequential([BatchNorm(), ReLU(), Conv2D(filters: growthRate, kernelSize: 3, padding: .same, useBias: false)])
        }
    }
    public var typeName: String { "DenseBlock" }
    public var children: [(name: String, layer: Layer)] { namedChildren(units) }
    public func forward(_ input: Tensor) throws -> Tensor {
        try requireRank(input, 4...4, name ?? typeName, "a batch [N, C, H, W]")
        var features = [input]
        for unit in units {
            let x = features.count == 1 ? input : try concat(features, axis: 1)
            features.append(try unit(x))
        }
        return features.count == 1 ? input : try concat(features, axis: 1)
    }
}

/// Squeeze-and-excitation (Hu et al. 2018): channel weights from global average pooling,
/// Dense(C/ratio)–ReLU–Dense(C)–sigmoid, multiplied into the input; children "fc1", "fc2".
public final class SqueezeExcite: Layer {
    public let ratio: Int
    public let name: String?
    public private(set) var fc1: Dense?
    public private(set) var fc2: Dense?

    /// A squeeze-and-excitation block reducing channels by `ratio`.
    public init(ratio: Int = 16, name: String? = nil) { self.ratio = ratio; self.name = name }
    public var typeName: String { "SqueezeExcite" }
    public var children: [(name: String, layer: Layer)] {
        guard let fc1, let fc2 else { return [] }
        return [("fc1", fc1), ("fc2", fc2)]
    }
    public func materialize(from tensors: [String: Tensor]) throws -> Bool {
        guard fc1 == nil, let w = tensors["fc2.weight"], w.rank == 2 else { return false }
        try build(channels: w.shape[0])
        return true
    }
    public func unbuild() { fc1 = nil; fc2 = nil }

    private func build(channels c: Int) throws {
        guard ratio >= 1 else { throw EngineError.value("SqueezeExcite: ratio must be at least 1") }
        fc1 = Dense(units: Swift.max(1, c / ratio), activation: .relu)
        fc2 = Dense(units: c, activation: .sigmoid)
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        try requireRank(input, 3...5, name ?? typeName, "a batch [N, C, ...]")
        let c = input.shape[1]
        if fc1 == nil { try build(channels: c) }
        let weights = try fc2!(fc1!(globalAvgPool(input)))
        return try input * weights.reshaped(to: [input.shape[0], c] + [Int](repeating: 1, count: input.rank - 2))
    }
}
