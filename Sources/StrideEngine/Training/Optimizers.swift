import Foundation

/// Updates a model's trainable parameters from gradients by path. Each optimizer follows
/// PyTorch's update formula exactly (torch.optim, version 2), so one step matches it.
public protocol Optimizer: AnyObject {
    /// The step size currently in use (schedules change it between epochs).
    var learningRate: Float { get set }
    /// Applies one step to every trainable parameter that has a gradient.
    func update<M: Layer>(_ model: inout M, along gradients: Gradients) throws
}

extension Optimizer {
    /// Applies one step (a layer is a reference, so `inout` is optional).
    public func update(_ model: Layer, along gradients: Gradients) throws {
        var m = model
        try update(&m, along: gradients)
    }
}

/// The base of the optimizers: per-path state and the loop that matches parameters and
/// gradients by path (checking every shape before changing anything).
public class PathOptimizer {
    /// Per-parameter state by path (momentum buffers, moments), created at the first step.
    var state: [String: [Tensor]] = [:]
    var step = 0

    /// Runs `body(parameter, gradient, state, first)` for each parameter with a gradient,
    /// updating parameters in place; `buffers` state buffers start at zero.
    func forEachParameter<M: Layer>(_ model: M, _ gradients: Gradients, buffers: Int,
                                    _ body: (UnsafeMutableBufferPointer<Float>, UnsafePointer<Float>, [UnsafeMutablePointer<Float>], Bool) throws -> Void) throws {
        let params = model.trainableParameters()
        for (path, p) in params {
            guard let g = gradients[path] else { continue }
            guard g.shape == p.value.shape else {
                throw EngineError.invalidShape(op: "optimizer update '\(path)'", shape: g.shape, reason: "does not match the parameter's \(p.value.shape)")
            }
        }
        step += 1
        for (path, p) in params {
            guard let g = gradients[path] else { continue }
            let first = state[path] == nil
            if first { state[path] = try (0..<buffers).map { _ in try Tensor(zeros: p.value.shape) } }
            // The state tensors are never shared, so writing through their pointers is safe.
            let pointers = state[path]!.map { $0.pointer }
            try p.value.withUnsafeMutableBufferPointer { pv in
                try g.withUnsafeBufferPointer { try body(pv, $0.baseAddress!, pointers, first) }
            }
        }
    }
}

/// Stochastic gradient descent with momentum, Nesterov momentum and L2 weight decay
/// (torch.optim.SGD, dampening 0): g += wd·p; b = μ·b + g (b = g at the first step);
/// g = g + μ·b (Nesterov) or b; p −= lr·g.
public final class SGD: PathOptimizer, Optimizer {
    public var learningRate: Float
    public let momentum: Float, nesterov: Bool, weightDecay: Float

    /// An SGD optimizer.
    public init(learningRate: Float = 0.01, momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        self.learningRate = learningRate; self.momentum = momentum; self.nesterov = nesterov; self.weightDecay = weightDecay
    }

    public func update<M: Layer>(_ model: inout M, along gradients: Gradients) throws {
        try forEachParameter(model, gradients, buffers: momentum != 0 ? 1 : 0) { p, g, b, first in
            for i in 0..<p.count {
                var d = g[i] + weightDecay * p[i]
                if momentum != 0 {
                    b[0][i] = first ? d : momentum * b[0][i] + d
                    d = nesterov ? d + momentum * b[0][i] : b[0][i]
                }
                p[i] -= learningRate * d
            }
        }
    }
}

/// Adam (Kingma & Ba 2015) as torch.optim.Adam, L2 weight decay added to the gradient:
/// m = β₁m + (1−β₁)g; v = β₂v + (1−β₂)g²; p −= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
public class Adam: PathOptimizer, Optimizer {
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    let decoupled: Bool

    /// An Adam optimizer.
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
        self.epsilon = epsilon; self.weightDecay = weightDecay; self.decoupled = false
    }

    init(learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float, decoupled: Bool) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
        self.epsilon = epsilon; self.weightDecay = weightDecay; self.decoupled = decoupled
    }

    public func update<M: Layer>(_ model: inout M, along gradients: Gradients) throws {
        let t = Float(step + 1)
        let bc1 = 1 - Foundation.pow(beta1, t), bc2 = 1 - Foundation.pow(beta2, t)
        let stepSize = learningRate / bc1, bc2Root = bc2.squareRoot()
        try forEachParameter(model, gradients, buffers: 2) { p, g, s, _ in
            let m = s[0], v = s[1]
            for i in 0..<p.count {
                var d = g[i]
                if decoupled { p[i] *= 1 - learningRate * weightDecay } else { d += weightDecay * p[i] }
                m[i] = beta1 * m[i] + (1 - beta1) * d
                v[i] = beta2 * v[i] + (1 - beta2) * d * d
                let denominator = v[i].squareRoot() / bc2Root + epsilon
                p[i] -= stepSize * m[i] / denominator
            }
        }
    }
}

/// AdamW (Loshchilov & Hutter 2019) as torch.optim.AdamW: decoupled weight decay
/// p ← p·(1 − lr·wd) before the Adam step; default weight decay 0.01.
public final class AdamW: Adam {
    /// An AdamW optimizer.
    public override init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0.01) {
        super.init(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay, decoupled: true)
    }
}

/// RMSProp as torch.optim.RMSprop: v = αv + (1−α)g²; with `centered`, v − ḡ² is used;
/// p −= lr·g/(√v + ε), or through a momentum buffer b = μb + g/(√v + ε).
public final class RMSProp: PathOptimizer, Optimizer {
    public var learningRate: Float
    public let alpha: Float, epsilon: Float, momentum: Float, centered: Bool, weightDecay: Float

    /// An RMSProp optimizer (PyTorch's defaults).
    public init(learningRate: Float = 0.01, alpha: Float = 0.99, epsilon: Float = 1e-8, momentum: Float = 0,
                centered: Bool = false, weightDecay: Float = 0) {
        self.learningRate = learningRate; self.alpha = alpha; self.epsilon = epsilon
        self.momentum = momentum; self.centered = centered; self.weightDecay = weightDecay
    }

    public func update<M: Layer>(_ model: inout M, along gradients: Gradients) throws {
        // State: square average, momentum buffer, gradient average.
        try forEachParameter(model, gradients, buffers: 3) { p, g, s, _ in
            for i in 0..<p.count {
                let d = g[i] + weightDecay * p[i]
                s[0][i] = alpha * s[0][i] + (1 - alpha) * d * d
                var avg = s[0][i]
                if centered {
                    s[2][i] = alpha * s[2][i] + (1 - alpha) * d
                    avg -= s[2][i] * s[2][i]
                }
                let denominator = avg.squareRoot() + epsilon
                if momentum > 0 {
                    s[1][i] = momentum * s[1][i] + d / denominator
                    p[i] -= learningRate * s[1][i]
                } else {
                    p[i] -= learningRate * d / denominator
                }
            }
        }
    }
}

/// A learning rate that changes per epoch.
public struct LearningRateSchedule: Equatable, Sendable {
    /// The rule.
    public enum Kind: Equatable, Sendable {
        /// Multiply by `factor` every `every` epochs (PyTorch's StepLR).
        case step(every: Int, factor: Float)
        /// Half a cosine from the base rate to 0 over `epochs` (PyTorch's CosineAnnealingLR, η_min 0).
        case cosine(epochs: Int)
    }
    public let kind: Kind

    /// A schedule of the given kind.
    public init(_ kind: Kind) { self.kind = kind }

    /// The rate for `epoch` (0-based) from the base rate.
    public func rate(base: Float, epoch: Int) -> Float {
        switch kind {
        case let .step(every, factor):
            return base * Foundation.pow(factor, Float(epoch / Swift.max(every, 1)))
        case let .cosine(epochs):
            let t = Float(Swift.min(epoch, Swift.max(epochs, 1))) / Float(Swift.max(epochs, 1))
            return base * (1 + Foundation.cos(Float.pi * t)) / 2
        }
    }
}
