/// v = (|s|² / (1 + |s|²)) · s / |s| along the last axis (Sabour et al. 2017, eq. 1).
public func squash(_ s: Tensor) throws -> Tensor {
    let n2 = try (s * s).sum(axis: -1, keepDims: true)
    return try s * (n2 / ((n2 + 1) * sqrt(n2 + 1e-8)))
}

/// Primary capsules (Sabour et al. 2017): a convolution with capsules·dimension filters,
/// regrouped into capsules·H'·W' vectors of `dimension`, squashed: [N, caps·H'·W', dimension].
/// Child "conv".
public final class PrimaryCapsules: Layer {
    public let capsules: Int, dimension: Int
    public let name: String?
    public let conv: Conv2D

    /// Primary capsules from a convolution of `kernelSize` and `stride`.
    public init(capsules: Int, dimension: Int, kernelSize: Int, stride: Int = 1, name: String? = nil) {
        self.capsules = capsules; self.dimension = dimension; self.name = name
        conv = Conv2D(filters: capsules * dimension, kernelSize: kernelSize, stride: stride)
    }
    public var typeName: String { "PrimaryCapsules" }
    public var children: [(name: String, layer: Layer)] { [("conv", conv)] }
    public var window: (kernel: Int, stride: Int, dilation: Int)? { nil }
    public func forward(_ input: Tensor) throws -> Tensor {
        guard capsules >= 1, dimension >= 1 else { throw EngineError.value("PrimaryCapsules: capsules and dimension must be positive") }
        let y = try conv(input)
        let (n, h, w) = (y.shape[0], y.shape[2], y.shape[3])
        let grouped = try y.reshaped(to: [n, capsules, dimension, h, w]).permuted([0, 1, 3, 4, 2])
        return try squash(grouped.reshaped(to: [n, capsules * h * w, dimension]))
    }
}

/// A capsule layer with routing by agreement (Sabour et al. 2017, procedure 1): input
/// capsules [N, I, Din] → `count` capsules of `dimension`; weight [I, count·dimension, Din].
/// The output is the capsule lengths [N, count], usable as class scores with `marginLoss`.
public final class Capsules: Layer {
    public let count: Int, dimension: Int, routing: Int
    public let name: String?
    /// [inputCapsules, count·dimension, inputDimension]; nil until the first call.
    public private(set) var weight: Parameter?
    /// The output capsule vectors [N, count, dimension] of the last call.
    public private(set) var lastPoses: Tensor?

    /// `count` capsules of `dimension` with `routing` iterations.
    public init(count: Int, dimension: Int, routing: Int = 3, name: String? = nil) {
        self.count = count; self.dimension = dimension; self.routing = routing; self.name = name
    }
    public var typeName: String { "Capsules" }
    public var parameters: [(name: String, parameter: Parameter)] { weight.map { [("weight", $0)] } ?? [] }

    public func materialize(from tensors: [String: Tensor]) throws -> Bool {
        guard weight == nil, let w = tensors["weight"], w.rank == 3 else { return false }
        weight = Parameter(try Tensor(zeros: w.shape))
        return true
    }
    public func unbuild() { weight = nil }

    public func forward(_ input: Tensor) throws -> Tensor {
        try requireRank(input, 3...3, name ?? typeName, "a batch of capsules [N, I, D]")
        guard count >= 1, dimension >= 1, routing >= 1 else { throw EngineError.value("Capsules: count, dimension and routing must be positive") }
        let (n, i, din) = (input.shape[0], input.shape[1], input.shape[2])
        if weight == nil {
            weight = Parameter(try Tensor(randomNormal: [i, count * dimension, din], standardDeviation: 0.01))
        }
        guard weight!.value.shape == [i, count * dimension, din] else {
            throw EngineError.shape(op: name ?? typeName, lhs: input.shape, rhs: weight!.value.shape)
        }
        // Predictions û[n, i, j] = W[i, j] · u[n, i], one batched product over input capsules.
        let u = try input.permuted([1, 2, 0])                                    // [I, Din, N]
        let predictions = try matmul(weight!.forwardValue, u)                   // [I, J·D, N]
            .reshaped(to: [i, count, dimension, n]).permuted([3, 0, 1, 2])     // [N, I, J, D]
        var logits = try Tensor(zeros: [n, i, count])
        var v = predictions
        for iteration in 0..<routing {
            let c = try softmax(logits, axis: 2).expandingShape(at: 3)          // [N, I, J, 1]
            let s = try (c * predictions).sum(axis: 1)                          // [N, J, D]
            v = try squash(s)
            if iteration < routing - 1 {
                let agreement = try (predictions * v.expandingShape(at: 1)).sum(axis: 3)   // [N, I, J]
                logits = try logits + agreement
            }
        }
        lastPoses = v.detached()
        return try sqrt((v * v).sum(axis: 2) + 1e-9)
    }
}
