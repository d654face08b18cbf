import Foundation

/// Batch normalization over axis 1 of [N, C, ...] or [N, C] (Ioffe & Szegedy 2015), as
/// PyTorch's BatchNorm: weight/bias [C]; running_mean, running_var (unbiased batch variance)
/// updated as (1 − momentum)·old + momentum·batch; num_batches_tracked counts updates.
public final class BatchNorm: Layer {
    public let momentum: Float, epsilon: Float
    public let name: String?
    public private(set) var weight: Parameter?
    public private(set) var bias: Parameter?
    public private(set) var runningMean: Parameter?
    public private(set) var runningVariance: Parameter?
    public private(set) var batchesTracked: Parameter?

    /// A batch-norm layer; the channel count is inferred on first call.
    public init(momentum: Float = 0.1, epsilon: Float = 1e-5, name: String? = nil) {
        self.momentum = momentum; self.epsilon = epsilon; self.name = name
    }
    public var typeName: String { "BatchNorm" }
    public var parameters: [(name: String, parameter: Parameter)] {
        guard let weight, let bias, let runningMean, let runningVariance, let batchesTracked else { return [] }
        return [("weight", weight), ("bias", bias), ("running_mean", runningMean),
                ("running_var", runningVariance), ("num_batches_tracked", batchesTracked)]
    }

    public func materialize(from tensors: [String: Tensor]) throws -> Bool {
        guard weight == nil, let w = tensors["weight"], w.rank == 1 else { return false }
        try build(channels: w.shape[0])
        return true
    }
    public func unbuild() { weight = nil; bias = nil; runningMean = nil; runningVariance = nil; batchesTracked = nil }

    private func build(channels c: Int) throws {
        weight = Parameter(try Tensor(ones: [c])); bias = Parameter(try Tensor(zeros: [c]))
        runningMean = Parameter(try Tensor(zeros: [c]), trainable: false)
        runningVariance = Parameter(try Tensor(ones: [c]), trainable: false)
        batchesTracked = Parameter(Tensor(0), trainable: false)
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        try requireRank(input, 2...5, name ?? typeName, "a batch [N, C, ...]")
        let c = input.shape[1]
        if weight == nil { try build(channels: c) }
        guard weight!.value.shape == [c] else { throw EngineError.shape(op: name ?? typeName, lhs: input.shape, rhs: weight!.value.shape) }
        let training = LearningPhase.current == .training
        let (y, mean, variance) = try batchNorm(input, weight: weight!.forwardValue, bias: bias!.forwardValue,
                                                runningMean: runningMean!.value, runningVariance: runningVariance!.value,
                                                training: training, epsilon: epsilon)
        if training, let mean, let variance {
            let count = Float(input.scalarCount / c)
            let correction = count > 1 ? count / (count - 1) : 1
            let m = momentum
            runningMean!.value.withUnsafeMutableBufferPointer { r in for i in 0..<c { r[i] = (1 - m) * r[i] + m * mean[i] } }
            runningVariance!.value.withUnsafeMutableBufferPointer { r in
                for i in 0..<c { r[i] = (1 - m) * r[i] + m * variance[i] * correction }
            }
            batchesTracked!.value = Tensor(try batchesTracked!.value.scalarValue() + 1)
        }
        return y
    }
}

/// The batch-norm op: in training, statistics of this batch (returned, biased variance);
/// in inference, the running ones. Forward and backward are fused per channel.
func batchNorm(_ x: Tensor, weight: Tensor, bias: Tensor, runningMean: Tensor, runningVariance: Tensor,
               training: Bool, epsilon: Float) throws -> (Tensor, [Float]?, [Float]?) {
    let n = x.shape[0], c = x.shape[1], plane = x.scalarCount / Swift.max(n * c, 1)
    let count = n * plane
    var mean = [Float](repeating: 0, count: c), variance = [Float](repeating: 0, count: c)
    let out = try Tensor(uninitializedShape: x.shape, op: "BatchNorm")
    let xhat = training ? try Tensor(uninitializedShape: x.shape, op: "BatchNorm") : out
    var invStd = [Float](repeating: 0, count: c)
    let px = x.pointer, po = out.pointer, ph = xhat.pointer
    mean.withUnsafeMutableBufferPointer { mb in variance.withUnsafeMutableBufferPointer { vb in invStd.withUnsafeMutableBufferPointer { ib in
        let mp = mb.baseAddress!, vp = vb.baseAddress!, ip = ib.baseAddress!
        Parallel.forRanges(c, itemCost: 3 * count) { channels in
            for ch in channels {
                var m: Float = 0, v: Float = 0
                if training {
                    // Per-plane SIMD sums, accumulated across planes in Double.
                    var s: Double = 0
                    for b in 0..<n { s += Double(Vector.sum(px + (b * c + ch) * plane, plane)) }
                    m = Float(s / Double(Swift.max(count, 1)))
                    var q: Double = 0
                    for b in 0..<n { q += Double(Vector.sumOfSquaredDeviations(px + (b * c + ch) * plane, plane, mean: m)) }
                    v = Float(q / Double(Swift.max(count, 1)))
                } else {
                    m = runningMean.pointer[ch]; v = runningVariance.pointer[ch]
                }
                mp[ch] = m; vp[ch] = v
                let inv = 1 / (v + epsilon).squareRoot()
                ip[ch] = inv
                let gamma = weight.pointer[ch], beta = bias.pointer[ch]
                let scale = gamma * inv, shift = beta - m * gamma * inv
                for b in 0..<n {
                    let o = (b * c + ch) * plane
                    if training { for i in 0..<plane { ph[o + i] = (px[o + i] - m) * inv } }
                    for i in 0..<plane { po[o + i] = px[o + i] * scale + shift }
                }
            }
        }
    } } }
    let gammaValues = weight.detached()
    let inputs = [x, weight, bias]
    let savedInv = invStd
    let result = Tensor.record(out, inputs) { g in
        // Keep x̂ alive through its tensor; a bare pointer would not retain it.
        let ph = xhat.pointer, px = x.pointer
        let dx = try Tensor(uninitializedShape: x.shape)
        let dgamma = try Tensor(zeros: [c]), dbeta = try Tensor(zeros: [c])
        let pg = g.pointer, pdx = dx.pointer
        let meanCopy = mean
        Parallel.forRanges(c, itemCost: 3 * count) { channels in
            for ch in channels {
                var sumG: Float = 0, sumGH: Float = 0
                let inv = savedInv[ch], gamma = gammaValues.pointer[ch]
                for b in 0..<n {
                    let o = (b * c + ch) * plane
                    let g = Vector.sum(pg + o, plane)
                    sumG += g
                    if training { sumGH += Vector.dot(pg + o, ph + o, plane) }
                    else { sumGH += (Vector.dot(pg + o, px + o, plane) - meanCopy[ch] * g) * inv }
                }
                dgamma.pointer[ch] = sumGH; dbeta.pointer[ch] = sumG
                let k = gamma * inv
                if training {
                    // dx = γ/σ · (g − mean(g) − x̂·mean(g·x̂))
                    let mg = sumG / Float(count), mgh = sumGH / Float(count)
                    for b in 0..<n {
                        let o = (b * c + ch) * plane
                        for i in 0..<plane { pdx[o + i] = k * (pg[o + i] - mg - ph[o + i] * mgh) }
                    }
                } else {
                    for b in 0..<n { let o = (b * c + ch) * plane; for i in 0..<plane { pdx[o + i] = k * pg[o + i] } }
                }
            }
        }
        return [dx, dgamma, dbeta]
    }
    return (result, training ? mean : nil, training ? variance : nil)
}

/// Layer normalization (Ba et al. 2016) over the trailing axes of each sample: all but the
/// batch axis by default, or the last `normalizedRank` axes; weight/bias of those axes' shape.
public final class LayerNorm: Layer {
    public let epsilon: Float
    public let normalizedRank: Int?
    public let name: String?
    public private(set) var weight: Parameter?
    public private(set) var bias: Parameter?

    /// A layer norm; the normalized shape is inferred on first call.
    public init(normalizedRank: Int? = nil, epsilon: Float = 1e-5, name: String? = nil) {
        self.normalizedRank = normalizedRank; self.epsilon = epsilon; self.name = name
    }
    public var typeName: String { "LayerNorm" }
    public var parameters: [(name: String, parameter: Parameter)] {
        guard let weight, let bias else { return [] }
        return [("weight", weight), ("bias", bias)]
    }

    public func materialize(from tensors: [String: Tensor]) throws -> Bool {
        guard weight == nil, let w = tensors["weight"] else { return false }
        weight = Parameter(try Tensor(ones: w.shape)); bias = Parameter(try Tensor(zeros: w.shape))
        return true
    }
    public func unbuild() { weight = nil; bias = nil }

    public func forward(_ input: Tensor) throws -> Tensor {
        let k = normalizedRank ?? (input.rank - 1)
        guard k >= 1, k <= input.rank else {
            throw EngineError.invalidShape(op: name ?? typeName, shape: input.shape, reason: "has too few axes to normalize \(k) of them")
        }
        let normalized = Array(input.shape.suffix(k))
        if weight == nil {
            weight = Parameter(try Tensor(ones: normalized)); bias = Parameter(try Tensor(zeros: normalized))
        }
        guard weight!.value.shape == normalized else { throw EngineError.shape(op: name ?? typeName, lhs: input.shape, rhs: weight!.value.shape) }
        let axes = Array((input.rank - k)..<input.rank)
        let mean = try input.mean(axes: axes, keepDims: true)
        let centered = try input - mean
        let variance = try (centered * centered).mean(axes: axes, keepDims: true)
        let xhat = try centered / sqrt(variance + epsilon)
        return try xhat * weight!.forwardValue + bias!.forwardValue
    }
}

/// Zeroes each element with probability `rate` in training and scales the rest by
/// 1/(1 − rate) (inverted dropout, Srivastava et al. 2014); the identity in inference.
public final class Dropout: Layer {
    public let rate: Float
    public let name: String?
    /// A dropout layer.
    public init(rate: Float, name: String? = nil) { self.rate = rate; self.name = name }
    public var typeName: String { "Dropout" }
    public func forward(_ input: Tensor) throws -> Tensor {
        guard rate >= 0 && rate < 1 else { throw EngineError.value("Dropout: rate must be in [0, 1), got \(rate)") }
        guard LearningPhase.current == .training, rate > 0 else { return input }
        let mask = try Tensor(uninitializedShape: input.shape, op: "Dropout")
        var rng = SplitMix64(seed: EngineRandom.nextSeed())
        let keep = 1 - rate, scale = 1 / keep
        for i in 0..<mask.scalarCount { mask.pointer[i] = rng.nextUnitFloat() < keep ? scale : 0 }
        return try input * mask
    }
}
