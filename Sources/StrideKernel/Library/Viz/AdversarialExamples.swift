import StrideDisplay
import StrideEngine
import StrideLanguage

/// What `fgsm` returns: the adversarial images with the model's predictions before and after.
/// A notebook shows the originals above their adversarial versions, wrong predictions in red.
final class AdversarialExamples: NativeObject, RichRepresentable {
    let original: Tensor
    let adversarial: Tensor
    let labels: [Int]
    let epsilon: Double
    let originalPredictions: [Int]
    let predictions: [Int]

    init(original: Tensor, adversarial: Tensor, labels: [Int], epsilon: Double,
         originalPredictions: [Int], predictions: [Int]) {
        self.original = original; self.adversarial = adversarial; self.labels = labels
        self.epsilon = epsilon; self.originalPredictions = originalPredictions; self.predictions = predictions
    }

    var typeName: String { "AdversarialExamples" }

    var originalAccuracy: Double { accuracy(originalPredictions) }
    var accuracy: Double { accuracy(predictions) }

    private func accuracy(_ guesses: [Int]) -> Double {
        guard !labels.isEmpty else { return 0 }
        return Double(zip(guesses, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }

    var description: String {
        "<Adversarial examples (FGSM, epsilon \(formatMetric(epsilon))): \(labels.count) images, accuracy \(formatMetric(originalAccuracy)) → \(formatMetric(accuracy))>"
    }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "images": return .tensor(adversarial)
        case "original": return .tensor(original)
        case "labels": return .array(labels.map { .int($0) })
        case "predictions": return .array(predictions.map { .int($0) })
        case "originalPredictions": return .array(originalPredictions.map { .int($0) })
        case "accuracy": return .double(accuracy)
        case "originalAccuracy": return .double(originalAccuracy)
        case "epsilon": return .double(epsilon)
        default: throw StrideError(.typeError, "value of type AdversarialExamples has no member '\(name)'")
        }
    }

    func mimeBundle() -> (data: [String: String], metadata: [String: [String: String]]) {
        do {
            let shown = min(labels.count, 8)
            var tiles: [ImageTile] = []
            for (tensor, guesses) in [(original, originalPredictions), (adversarial, predictions)] {
                for i in 0..<shown {
                    let image = try Pictures.picture(of: try tensor.element(i))
                    let wrong = guesses[i] != labels[i]
                    tiles.append(ImageTile(image: image, caption: wrong ? "\(guesses[i]) (true \(labels[i]))" : "\(guesses[i])",
                                           marked: wrong))
                }
            }
            // The accuracies are over every image; say so when only the first few are shown.
            let which = shown < labels.count ? "the first \(shown) of \(labels.count) shown; " : ""
            let title = "FGSM, epsilon \(formatMetric(epsilon)): accuracy \(formatMetric(originalAccuracy)) → \(formatMetric(accuracy)) (\(which)top: original, bottom: adversarial; captions are predictions)"
            var bundle = try Render.imageGrid(tiles, title: title, columns: shown, normalization: .automatic, tileSide: 84)
            bundle.data[MimeType.plainText] = description
            return (bundle.data, bundle.metadata)
        } catch {
            return ([MimeType.plainText: description], [:])
        }
    }
}
