import StrideEngine
import StrideLanguage

/// The loss functions: `crossEntropy(logits:labels:)`, `meanSquaredError(predicted:expected:)`,
/// `binaryCrossEntropy`, `marginLoss`.
enum LossFunctions {
    static func install(into interp: Interpreter) {
        interp.defineNative(NativeDeclaration(
            "crossEntropy", [.tensor("logits"), .tensor("labels")], returns: "Tensor",
            doc: "The mean softmax cross-entropy of logits [N, classes] against class indices [N] (computed stably from logits).")
        ) { args in
            let logits = try args.tensor("logits"), labels = try args.tensor("labels")
            return .tensor(try engine { try crossEntropy(logits: logits, labels: labels) })
        }
        interp.defineNative(NativeDeclaration(
            "meanSquaredError", [.tensor("predicted"), .tensor("expected")], returns: "Tensor",
            doc: "The mean of the squared differences.")
        ) { args in
            let p = try args.tensor("predicted"), e = try args.tensor("expected")
            return .tensor(try engine { try meanSquaredError(predicted: p, expected: e) })
        }
        interp.defineNative(NativeDeclaration("binaryCrossEntropy", doc: """
            The mean binary cross-entropy of probabilities against 0/1 targets, or (with logits:) of logits, computed stably.
            """, [
                NativeSignature("binaryCrossEntropy", [.tensor("predicted"), .tensor("expected")], returns: "Tensor"),
                NativeSignature("binaryCrossEntropy", [.tensor("logits"), .tensor("labels")], returns: "Tensor"),
            ])
        ) { args in
            if args.has("logits") {
                let logits = try args.tensor("logits"), labels = try args.tensor("labels")
                return .tensor(try engine { try binaryCrossEntropy(logits: logits, labels: labels) })
            }
            let p = try args.tensor("predicted"), e = try args.tensor("expected")
            return .tensor(try engine { try binaryCrossEntropy(predicted: p, expected: e) })
        }
        interp.defineNative(NativeDeclaration(
            "marginLoss", [.tensor("lengths"), .tensor("labels"), .double("positiveMargin", 0.9),
                           .double("negativeMargin", 0.1), .double("downWeight", 0.5)], returns: "Tensor",
            doc: "The capsule margin loss (Sabour et al. 2017) of capsule lengths [N, classes] against class indices [N].")
        ) { args in
            let lengths = try args.tensor("lengths"), labels = try args.tensor("labels")
            let mPlus = try args.float("positiveMargin"), mMinus = try args.float("negativeMargin")
            let lambda = try args.float("downWeight")
            return .tensor(try engine {
                try marginLoss(lengths: lengths, labels: labels, positiveMargin: mPlus, negativeMargin: mMinus, downweight: lambda)
            })
        }
    }
}
