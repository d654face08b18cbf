import Foundation

/// A gradient computation over a model: hands out one tracked leaf per parameter read
/// during the forward pass, so that gradients come back by parameter. Bound as the
/// `gradients` of an `EngineContext`.
final class GradientSession {
    /// The session of the running work, if any.
    static var current: GradientSession? { EngineContext.current.gradients }

    private var leaves: [ObjectIdentifier: Tensor] = [:]

    func leaf(for parameter: Parameter) -> Tensor {
        let id = ObjectIdentifier(parameter)
        if let leaf = leaves[id] { return leaf }
        let leaf = parameter.value.trackedLeaf()
        leaves[id] = leaf
        return leaf
    }

    func gradient(for parameter: Parameter) -> Tensor? { leaves[ObjectIdentifier(parameter)]?.node?.grad }
}

/// Gradients of a model's trainable parameters by path ("conv1.weight"), in model order.
public struct Gradients: CustomStringConvertible {
    /// Paths in the model's order.
    public private(set) var paths: [String] = []
    /// Gradient by path.
    public private(set) var tensors: [String: Tensor] = [:]

    /// Empty gradients.
    public init() {}

    /// Gradients from (path, tensor) pairs.
    public init(_ pairs: [(String, Tensor)]) { for (p, t) in pairs { self[p] = t } }

    /// The gradient at `path`.
    public subscript(path: String) -> Tensor? {
        get { tensors[path] }
        set {
            if tensors[path] == nil, newValue != nil { paths.append(path) }
            if newValue == nil { paths.removeAll { $0 == path } }
            tensors[path] = newValue
        }
    }

    /// Every gradient multiplied by `factor`.
    public func scaled(by factor: Float) throws -> Gradients {
        var g = Gradients()
        for p in paths { g[p] = try tensors[p]! * factor }
        return g
    }

    /// The sum of two sets of gradients (for accumulation over batches).
    public static func + (a: Gradients, b: Gradients) throws -> Gradients {
        var g = a
        for p in b.paths { g[p] = try a[p].map { try $0 + b[p]! } ?? b[p]! }
        return g
    }

    /// The global L2 norm of all gradients.
    public var norm: Float {
        var s: Double = 0
        for t in tensors.values { t.withUnsafeBufferPointer { for v in $0 { s += Double(v) * Double(v) } } }
        return Float(s.squareRoot())
    }

    /// "Gradients(conv1.weight: [6, 1, 5, 5], ...)".
    public var description: String {
        "Gradients(" + paths.map { "\($0): \(tensors[$0]!.shape)" }.joined(separator: ", ") + ")"
    }
}

/// The value of `f(model)` and the gradients of its sum with respect to every trainable
/// parameter of `model`, by path. Runs in the training phase.
public func valueWithGradient<M: Layer>(at model: M, in f: (M) throws -> Tensor) throws -> (value: Tensor, gradients: Gradients) {
    let session = GradientSession()
    let y = try EngineContext.with({ $0.gradients = session; $0.phase = .training }) { try f(model) }
    try y.backpropagate()
    var grads = Gradients()
    for (path, p) in model.trainableParameters() {
        grads[path] = try session.gradient(for: p) ?? Tensor(zeros: p.value.shape)
    }
    return (y.detached(), grads)
}

/// The gradients of `f(model)` with respect to every trainable parameter, by path.
public func gradient<M: Layer>(at model: M, in f: (M) throws -> Tensor) throws -> Gradients {
    try valueWithGradient(at: model, in: f).gradients
}
