/// Watches the layer calls of the work it is bound around (`observe`): tracks each layer's path and lets a client see
/// (or replace) outputs. Summaries, feature maps and Grad-CAM are built on it.
final class LayerObserver {
    /// The observer of the running work, if any.
    static var current: LayerObserver? { EngineContext.current.observer }

    private var stack: [(layer: Layer, path: String)] = []
    /// Called after each layer with (path, layer, input, output); may return a replacement output.
    let onOutput: (String, Layer, Tensor, Tensor) throws -> Tensor

    init(root: Layer, onOutput: @escaping (String, Layer, Tensor, Tensor) throws -> Tensor) {
        self.onOutput = onOutput
        stack = []
        rootLayer = root
    }
    private let rootLayer: Layer

    func call(_ layer: Layer, _ input: Tensor) throws -> Tensor {
        let path: String
        if let parent = stack.last {
            let local = parent.layer.children.first(where: { $0.layer === layer })?.name ?? layer.typeName
            path = parent.path.isEmpty ? local : parent.path + "." + local
        } else {
            path = ""
        }
        stack.append((layer, path))
        defer { stack.removeLast() }
        let out = try layer.forward(input)
        return try onOutput(path, layer, input, out)
    }

    /// Runs `body` with this observer watching its layer calls.
    func observe<R>(_ body: () throws -> R) rethrows -> R {
        try EngineContext.with({ $0.observer = self }, body)
    }
}

extension Layer {
    /// The outputs of the layers at `paths` when the model runs on `input` (inference phase).
    public func activations(of input: Tensor, at paths: [String]) throws -> [String: Tensor] {
        for p in paths where layer(at: p) == nil { throw EngineError.value("the model has no layer named '\(p)'") }
        var found: [String: Tensor] = [:]
        let wanted = Set(paths)
        let observer = LayerObserver(root: self) { path, _, _, out in
            if wanted.contains(path) { found[path] = out.detached() }
            return out
        }
        _ = try observer.observe { try withLearningPhase(.inference) { try self(input) } }
        return found
    }

    /// The output of the layer at `path` and the gradient of `objective(model output)` with
    /// respect to it (for Grad-CAM), in the inference phase.
    public func activationAndGradient(of input: Tensor, at path: String,
                                      objective: (Tensor) throws -> Tensor) throws -> (activation: Tensor, gradient: Tensor) {
        guard layer(at: path) != nil else { throw EngineError.value("the model has no layer named '\(path)'") }
        var leaf: Tensor? = nil
        let observer = LayerObserver(root: self) { p, _, _, out in
            guard p == path else { return out }
            let l = out.trackedLeaf()
            leaf = l
            return l
        }
        let y = try observer.observe { try withLearningPhase(.inference) { try objective(self(input)) } }
        guard let leaf else { throw EngineError.value("the layer '\(path)' was not called") }
        try y.backpropagate()
        return (leaf.detached(), try leaf.node?.grad ?? Tensor(zeros: leaf.shape))
    }
}
