import StrideEngine
import StrideLanguage

/// The loss functions: `crossEntropy(logits:labels:)`, `meanSquaredError(predicted:expected:)`,
/// `binaryCrossEntropy`, `marginLoss`.
enum LossFunctions {
    static func install(into interp: Interpreter) {
        interp.defineNative(function: "crossEntropy", signature: "crossEntropy(logits: Tensor, labels: Tensor) -> Tensor",
                            doc: "The mean softmax cross-entropy of logits [N, classes] against class indices [N] (computed stably from logits).") { call in
            try call.expect(["logits", "labels"])
            let logits = try call.tensor("logits"), labels = try call.tensor("labels")
            return .tensor(try engine { try crossEntropy(logits: logits, labels: labels) })
        }
        interp.defineNative(function: "meanSquaredError", signature: "meanSquaredError(predicted: Tensor, expected: Tensor) -> Tensor",
                            doc: "The mean of the squared differences.") { call in
            try call.expect(["predicted", "expected"])
            let p = try call.tensor("predicted"), e = try call.tensor("expected")
            return .tensor(try engine { try meanSquaredError(predicted: p, expected: e) })
        }
        interp.defineNative(function: "binaryCrossEntropy",
                            signature: "binaryCrossEntropy(predicted: Tensor, expected: Tensor) -> Tensor  or  binaryCrossEntropy(logits: Tensor, labels: Tensor) -> Tensor",
                            doc: "The mean binary cross-entropy of probabilities against 0/1 targets, or (with logits:) of logits, computed stably.") { call in
            try call.expect(["predicted", "expected", "logits", "labels"])
            if call.argument("logits") != nil {
                let logits = try call.tensor("logits"), labels = try call.tensor("labels")
                return .tensor(try engine { try binaryCrossEntropy(logits: logits, labels: labels) })
            }
            let p = try call.tensor("predicted"), e = try call.tensor("expected")
            return .tensor(try engine { try binaryCrossEntropy(predicted: p, expected: e) })
        }
        interp.defineNative(function: "marginLoss",
                            signature: "marginLoss(lengths: Tensor, labels: Tensor, positiveMargin: Double = 0.9, negativeMargin: Double = 0.1, downWeight: Double = 0.5) -> Tensor",
                            doc: "The capsule margin loss (Sabour et al. 2017) of capsule lengths [N, classes] against class indices [N].") { call in
            try call.expect(["lengths", "labels", "positiveMargin", "negativeMargin", "downWeight"])
            let lengths = try call.tensor("lengths"), labels = try call.tensor("labels")
            let mPlus = try call.float("positiveMargin", default: 0.9), mMinus = try call.float("negativeMargin", default: 0.1)
            let lambda = try call.float("downWeight", default: 0.5)
            return .tensor(try engine { try marginLoss(lengths: lengths, labels: labels, positiveMargin: mPlus, negativeMargin: mMinus, downweight: lambda) })
        }
    }
}
