/// Which input values move a layer's output: the gradient with respect to the input.
extension Layer {
    /// The gradient, with respect to `input`, of `objective` applied to the output of the layer
    /// at `path`, in the inference phase. Its non-zero entries are the input values that move
    /// that objective (one unit: its receptive field as this input sees it), which `explore`
    /// outlines.
    public func inputGradient(of input: Tensor, at path: String,
                              objective: (Tensor) throws -> Tensor) throws -> Tensor {
        guard layer(at: path) != nil else { throw EngineError.value("the model has no layer named '\(path)'") }
        let (_, gradient) = try valueWithGradient(at: input) { x -> Tensor in
            var activation: Tensor?
            let observer = LayerObserver(root: self) { p, _, _, out in
                if p == path && activation == nil { activation = out }
                return out
            }
            _ = try observer.observe { try withLearningPhase(.inference) { try self(x) } }
            guard let activation else { throw EngineError.value("the layer '\(path)' was not called") }
            return try objective(activation)
        }
        return gradient
    }
}
