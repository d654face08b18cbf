/// The value of `f` at `x` and the gradient of its sum with respect to `x`.
/// The closure runs in the training phase.
public func valueWithGradient(at x: Tensor, in f: (Tensor) throws -> Tensor) throws -> (value: Tensor, gradient: Tensor) {
    let (value, grads) = try valueWithGradient(at: [x]) { try f($0[0]) }
    return (value, grads[0])
}

/// The gradient of the sum of `f` with respect to `x`.
public func gradient(at x: Tensor, in f: (Tensor) throws -> Tensor) throws -> Tensor {
    try valueWithGradient(at: x, in: f).gradient
}

/// The value of `f` and the gradient of its sum with respect to each tensor of `xs`.
public func valueWithGradient(at xs: [Tensor], in f: ([Tensor]) throws -> Tensor) throws -> (value: Tensor, gradients: [Tensor]) {
    let leaves = xs.map { $0.trackedLeaf() }
    let y = try withLearningPhase(.training) { try f(leaves) }
    try y.backpropagate()
    var grads: [Tensor] = []
    for leaf in leaves {
        grads.append(try leaf.node?.grad ?? Tensor(zeros: leaf.shape))
    }
    return (y.detached(), grads)
}

/// The gradient of the sum of `f` with respect to `a` and `b`.
public func valueWithGradient(at a: Tensor, _ b: Tensor, in f: (Tensor, Tensor) throws -> Tensor) throws -> (value: Tensor, gradient: (Tensor, Tensor)) {
    let (v, g) = try valueWithGradient(at: [a, b]) { try f($0[0], $0[1]) }
    return (v, (g[0], g[1]))
}
