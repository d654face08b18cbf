import Foundation

/// Mean cross-entropy of `logits` [N, C] against `labels`: class indices [N] (as floats) or
/// target probabilities [N, C]. Computed from log-softmax, so it is stable for any logits.
public func crossEntropy(logits: Tensor, labels: Tensor) throws -> Tensor {
    guard logits.rank == 2 else { throw EngineError.invalidShape(op: "crossEntropy", shape: logits.shape, reason: "is not [N, classes]") }
    let (n, c) = (logits.shape[0], logits.shape[1])
    if labels.shape == logits.shape {
        return try -(labels * logSoftmax(logits, axis: 1)).sum() / Float(Swift.max(n, 1))
    }
    guard labels.shape == [n] else { throw EngineError.shape(op: "crossEntropy", lhs: logits.shape, rhs: labels.shape) }
    var classes = [Int](repeating: 0, count: n)
    for i in 0..<n {
        let v = labels.pointer[i], k = Int(v)
        guard Float(k) == v, k >= 0, k < c else { throw EngineError.value("crossEntropy: label \(v) is not a class index in 0..<\(c)") }
        classes[i] = k
    }
    // Fused: loss = mean(logsumexp − logit[label]); gradient (softmax − onehot)/N.
    let probabilities = try softmax(logits.detached(), axis: 1)
    let lse = try logSoftmax(logits.detached(), axis: 1)
    var total: Double = 0
    for i in 0..<n { total -= Double(lse.pointer[i * c + classes[i]]) }
    let loss = Tensor(Float(total / Double(Swift.max(n, 1))))
    return Tensor.record(loss, [logits]) { g in
        let scale = try g.scalarValue() / Float(Swift.max(n, 1))
        var d = probabilities
        d.makeUnique()
        for i in 0..<n { d.pointer[i * c + classes[i]] -= 1 }
        for j in 0..<(n * c) { d.pointer[j] *= scale }
        return [d]
    }
}

/// Mean of (predicted − expected)² over all elements.
public func meanSquaredError(predicted: Tensor, expected: Tensor) throws -> Tensor {
    guard predicted.shape == expected.shape else { throw EngineError.shape(op: "meanSquaredError", lhs: predicted.shape, rhs: expected.shape) }
    let d = try predicted - expected
    return try (d * d).mean()
}

/// Mean binary cross-entropy of probabilities `predicted` in [0, 1] against `expected`
/// (PyTorch's BCELoss: each log is clamped at −100).
public func binaryCrossEntropy(predicted: Tensor, expected: Tensor) throws -> Tensor {
    guard predicted.shape == expected.shape else { throw EngineError.shape(op: "binaryCrossEntropy", lhs: predicted.shape, rhs: expected.shape) }
    let logP = try max(log(predicted), Tensor(-100))
    let log1mP = try max(log(1 - predicted), Tensor(-100))
    return try -(expected * logP + (1 - expected) * log1mP).mean()
}

/// Mean binary cross-entropy from logits, stable: max(x, 0) − x·y + log(1 + e^−|x|).
public func binaryCrossEntropy(logits: Tensor, labels: Tensor) throws -> Tensor {
    guard logits.shape == labels.shape else { throw EngineError.shape(op: "binaryCrossEntropy", lhs: logits.shape, rhs: labels.shape) }
    return try (max(logits, Tensor(0)) - logits * labels + softplus(-abs(logits))).mean()
}

/// The capsule margin loss (Sabour et al. 2017, eq. 4) on capsule lengths [N, C] and class
/// indices [N]: Σ_k T_k·max(0, m⁺ − ‖v_k‖)² + λ(1 − T_k)·max(0, ‖v_k‖ − m⁻)², mean over N.
public func marginLoss(lengths: Tensor, labels: Tensor, positiveMargin: Float = 0.9,
                       negativeMargin: Float = 0.1, downweight: Float = 0.5) throws -> Tensor {
    guard lengths.rank == 2 else { throw EngineError.invalidShape(op: "marginLoss", shape: lengths.shape, reason: "is not [N, classes]") }
    let targets = try oneHot(labels, classes: lengths.shape[1], op: "marginLoss")
    let present = try relu(positiveMargin - lengths), absent = try relu(lengths - negativeMargin)
    let perClass = try targets * present * present + downweight * (1 - targets) * absent * absent
    return try perClass.sum(axis: 1).mean()
}

/// One-hot rows [N, classes] from class indices [N].
public func oneHot(_ labels: Tensor, classes: Int) throws -> Tensor { try oneHot(labels, classes: classes, op: "oneHot") }

func oneHot(_ labels: Tensor, classes: Int, op: String) throws -> Tensor {
    guard labels.rank == 1 else { throw EngineError.invalidShape(op: op, shape: labels.shape, reason: "is not a vector of class indices") }
    let out = try Tensor(zeros: [labels.shape[0], classes])
    for i in 0..<labels.shape[0] {
        let v = labels.pointer[i], k = Int(v)
        guard Float(k) == v, k >= 0, k < classes else { throw EngineError.value("\(op): label \(v) is not a class index in 0..<\(classes)") }
        out.pointer[i * classes + k] = 1
    }
    return out
}

/// The losses that `fit` and `evaluate` accept by name.
public enum Loss: Equatable, Sendable {
    case crossEntropy, meanSquaredError, binaryCrossEntropy, margin

    /// The loss of `output` against `labels`.
    public func callAsFunction(_ output: Tensor, _ labels: Tensor) throws -> Tensor {
        switch self {
        case .crossEntropy: return try StrideEngine.crossEntropy(logits: output, labels: labels)
        case .meanSquaredError:
            if output.shape != labels.shape, output.rank == 2, labels.rank == 1 {
                return try StrideEngine.meanSquaredError(predicted: output, expected: oneHot(labels, classes: output.shape[1]))
            }
            return try StrideEngine.meanSquaredError(predicted: output, expected: labels)
        case .binaryCrossEntropy:
            let expected = output.shape == labels.shape ? labels : try labels.reshaped(to: output.shape)
            return try StrideEngine.binaryCrossEntropy(predicted: output, expected: expected)
        case .margin: return try marginLoss(lengths: output, labels: labels)
        }
    }
}
