/// Runs `layers` one after another on `input` (what `Sequential` and a residual branch do).
/// In inference, outside gradient computations and with no observer watching the layers, a
/// convolution followed by a BatchNorm, and an activation layer after it, runs as one
/// convolution: the batch norm's running statistics are folded into the filter and bias
/// (w·γ/√(σ²+ε), (b − μ)·γ/√(σ²+ε) + β), and a ReLU is computed in the kernel's own pass.
/// That saves the batch norm's and the activation's passes over the feature map. The fold
/// is computed on every call (a filter's size of work), so it always reads the current
/// weights. Anything else runs layer by layer, as it would in training.
func runLayers(_ layers: [Layer], _ input: Tensor) throws -> Tensor {
    let context = EngineContext.current
    let folding = context.phase == .inference && context.observer == nil && context.gradients == nil && !input.isTracked
    var x = input, i = 0
    while i < layers.count {
        if folding, i + 1 < layers.count, let conv = layers[i] as? ConvolutionLayer,
           let norm = layers[i + 1] as? BatchNorm {
            let activation = (i + 2 < layers.count ? layers[i + 2] as? ActivationLayer : nil)?.activation
            if let y = try conv.foldedForward(x, norm, activation: activation ?? .identity) {
                x = y
                i += activation == nil ? 2 : 3
                continue
            }
        }
        x = try layers[i](x)
        i += 1
    }
    return x
}

extension ConvolutionLayer {
    /// This convolution with `norm` (inference statistics) folded in, then `activation`; nil
    /// when the pair does not fold: a convolution with its own activation, or weights not
    /// built yet (the first call builds them layer by layer) or not matching.
    func foldedForward(_ input: Tensor, _ norm: BatchNorm, activation: Activation) throws -> Tensor? {
        guard self.activation == .identity, input.rank == spatialRank + 2, let weight = weight?.value,
              weight.shape[1] * groups == input.shape[1], let gamma = norm.weight?.value, let beta = norm.bias?.value,
              let mean = norm.runningMean?.value, let variance = norm.runningVariance?.value,
              gamma.shape == [filters] else { return nil }
        let perFilter = weight.scalarCount / filters
        let folded = try Tensor(uninitializedShape: weight.shape, op: typeName)
        let shift = try Tensor(uninitializedShape: [filters], op: typeName)
        let (w, f, s) = (weight.pointer, folded.pointer, shift.pointer)
        for o in 0..<filters {
            let scale = gamma.pointer[o] / (variance.pointer[o] + norm.epsilon).squareRoot()
            for k in o * perFilter..<(o + 1) * perFilter { f[k] = w[k] * scale }
            s[o] = ((bias?.value.pointer[o] ?? 0) - mean.pointer[o]) * scale + beta.pointer[o]
        }
        return try convolution(input, filter: folded, bias: shift, strides: stride, padding: padding,
                               dilations: dilation, groups: groups, activation: activation)
    }
}
