import Foundation

/// A tensor owned by a layer: a trainable weight, or state such as BatchNorm's running
/// statistics (`isTrainable == false`), which is saved but not optimized.
public final class Parameter {
    /// The current value.
    public var value: Tensor
    /// Whether optimizers update it.
    public let isTrainable: Bool

    /// A parameter holding `value`.
    public init(_ value: Tensor, trainable: Bool = true) {
        self.value = value.detached()
        self.isTrainable = trainable
    }

    /// The value to compute with: inside a gradient computation, the tracked leaf for this
    /// parameter (created on first read, so lazily built layers are differentiated too).
    public var forwardValue: Tensor {
        if isTrainable, let session = GradientSession.current { return session.leaf(for: self) }
        return value
    }
}

/// A neural-network layer: a function of one tensor with named parameters and children.
/// Paths join names with dots, as PyTorch's `state_dict` does: "conv1.weight", "0.bias".
/// The host may implement this protocol for user-defined types (a struct holding layers).
public protocol Layer: AnyObject {
    /// Computes the output. Call the layer as `layer(x)` so that summaries and hooks see it.
    func forward(_ input: Tensor) throws -> Tensor
    /// The type's display name, e.g. "Conv2D".
    var typeName: String { get }
    /// The name given by the user, used as the path component inside a Sequential.
    var name: String? { get }
    /// The layer's own tensors by local name ("weight", "bias", "running_mean").
    var parameters: [(name: String, parameter: Parameter)] { get }
    /// The layers inside this one by local name, in order.
    var children: [(name: String, layer: Layer)] { get }
    /// The spatial window of a convolution or pooling (for the receptive field), else nil.
    var window: (kernel: Int, stride: Int, dilation: Int)? { get }
    /// Creates parameters not built yet from the shapes of `tensors` (by local name), so
    /// that weights load into a model that was never called. Returns true if it built any.
    func materialize(from tensors: [String: Tensor]) throws -> Bool
    /// Forgets parameters built by `materialize` (used to undo a refused load).
    func unbuild()
}

extension Layer {
    public var name: String? { nil }
    public var parameters: [(name: String, parameter: Parameter)] { [] }
    public var children: [(name: String, layer: Layer)] { [] }
    public var window: (kernel: Int, stride: Int, dilation: Int)? { nil }
    public func materialize(from tensors: [String: Tensor]) throws -> Bool { false }
    public func unbuild() {}

    /// Runs the layer on `input` (through the observers of summaries and feature maps).
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard let observer = LayerObserver.current else { return try forward(input) }
        return try observer.call(self, input)
    }

    /// Every tensor of the tree with its path, parameters before children, in order.
    public func namedParameters() -> [(path: String, parameter: Parameter)] {
        var result: [(String, Parameter)] = []
        collect(prefix: "", into: &result)
        return result
    }

    private func collect(prefix: String, into result: inout [(String, Parameter)]) {
        for (n, p) in parameters { result.append((prefix + n, p)) }
        for (n, child) in children { child.collect(prefix: prefix + n + ".", into: &result) }
    }

    /// The trainable parameters with their paths.
    public func trainableParameters() -> [(path: String, parameter: Parameter)] {
        namedParameters().filter { $0.parameter.isTrainable }
    }

    /// The number of trainable scalars (0 for parameters not yet created by a first call).
    public var parameterCount: Int { trainableParameters().reduce(0) { $0 + $1.parameter.value.scalarCount } }

    /// Every tensor's value by path, for saving.
    public func namedTensors() -> [(path: String, tensor: Tensor)] {
        namedParameters().map { ($0.path, $0.parameter.value) }
    }

    /// Replaces every tensor of the model by the one of the same path in `tensors`. All names
    /// and shapes are checked first: on any missing name or wrong shape nothing changes.
    /// Layers not called yet are first built from the shapes in `tensors`.
    public func loadNamedTensors(_ tensors: [String: Tensor]) throws {
        var built: [Layer] = []
        do {
            try materializeTree(tensors, prefix: "", built: &built)
            let own = namedParameters()
            for (path, p) in own {
                guard let t = tensors[path] else { throw EngineError.value("the weights have no tensor named '\(path)'") }
                guard t.shape == p.value.shape else {
                    throw EngineError.invalidShape(op: "load '\(path)'", shape: t.shape, reason: "does not match the model's \(p.value.shape)")
                }
            }
            for (path, p) in own { p.value = tensors[path]!.detached() }
        } catch {
            for layer in built.reversed() { layer.unbuild() }
            throw error
        }
    }

    private func materializeTree(_ tensors: [String: Tensor], prefix: String, built: inout [Layer]) throws {
        var relative: [String: Tensor] = [:]
        for (k, v) in tensors where k.hasPrefix(prefix) { relative[String(k.dropFirst(prefix.count))] = v }
        if try materialize(from: relative) { built.append(self) }
        for (name, child) in children { try child.materializeTree(tensors, prefix: prefix + name + ".", built: &built) }
    }

    /// The layer at a dotted path ("" is the model itself), or nil.
    public func layer(at path: String) -> Layer? {
        if path.isEmpty { return self }
        var current: Layer = self
        for part in path.split(separator: ".") {
            guard let next = current.children.first(where: { $0.name == part })?.layer else { return nil }
            current = next
        }
        return current
    }

    /// Paths of every layer inside the tree (depth first).
    public func layerPaths() -> [String] {
        var result: [String] = []
        func walk(_ layer: Layer, _ prefix: String) {
            for (n, child) in layer.children {
                let path = prefix.isEmpty ? n : prefix + "." + n
                result.append(path)
                walk(child, path)
            }
        }
        walk(self, "")
        return result
    }
}

/// An activation function applied by a layer after its main computation.
public enum Activation: Equatable, Sendable {
    case identity, relu, sigmoid, tanh, softmax, swish
    case leakyRelu(alpha: Float)
    case elu(alpha: Float)

    /// Applies the activation.
    public func apply(_ x: Tensor) throws -> Tensor {
        switch self {
        case .identity: return x
        case .relu: return try StrideEngine.relu(x)
        case .sigmoid: return try StrideEngine.sigmoid(x)
        case .tanh: return try StrideEngine.tanh(x)
        case .softmax: return try StrideEngine.softmax(x, axis: x.rank > 1 ? 1 : 0)
        case .swish: return try StrideEngine.swish(x)
        case .leakyRelu(let a): return try StrideEngine.leakyRelu(x, alpha: a)
        case .elu(let a): return try StrideEngine.elu(x, alpha: a)
        }
    }
}

/// How a layer draws its initial weights. Fans follow PyTorch: fanIn = in·k…, fanOut = out·k….
public enum Initializer: Equatable, Sendable {
    /// U(−√(6/fanIn), √(6/fanIn)) (He et al. 2015).
    case heUniform
    /// N(0, 2/fanIn) (He et al. 2015).
    case heNormal
    /// U(−√(6/(fanIn+fanOut)), …) (Glorot & Bengio 2010).
    case xavierUniform
    /// N(0, 2/(fanIn+fanOut)) (Glorot & Bengio 2010).
    case xavierNormal
    /// All zeros.
    case zeros

    /// A tensor of `shape` with the given fans, drawn from the engine's shared random stream.
    public func make(_ shape: [Int], fanIn: Int, fanOut: Int) throws -> Tensor {
        let fi = Float(Swift.max(fanIn, 1)), fo = Float(Swift.max(fanOut, 1))
        switch self {
        case .heUniform: let b = (6 / fi).squareRoot(); return try Tensor(randomUniform: shape, lowerBound: -b, upperBound: b)
        case .heNormal: return try Tensor(randomNormal: shape, standardDeviation: (2 / fi).squareRoot())
        case .xavierUniform: let b = (6 / (fi + fo)).squareRoot(); return try Tensor(randomUniform: shape, lowerBound: -b, upperBound: b)
        case .xavierNormal: return try Tensor(randomNormal: shape, standardDeviation: (2 / (fi + fo)).squareRoot())
        case .zeros: return try Tensor(zeros: shape)
        }
    }
}

/// Checks that `input` has `rank` axes, naming the layer otherwise.
func requireRank(_ input: Tensor, _ ranks: ClosedRange<Int>, _ layer: String, _ expected: String) throws {
    guard ranks.contains(input.rank) else {
        throw EngineError.invalidShape(op: layer, shape: input.shape, reason: "is not \(expected)")
    }
}

/// The parameter list of a layer with a weight and an optional bias, in PyTorch's order;
/// empty entries (a layer not built yet, `useBias: false`) are left out.
func weightAndBias(_ weight: Parameter?, _ bias: Parameter?) -> [(name: String, parameter: Parameter)] {
    var list: [(name: String, parameter: Parameter)] = []
    if let weight { list.append(("weight", weight)) }
    if let bias { list.append(("bias", bias)) }
    return list
}
