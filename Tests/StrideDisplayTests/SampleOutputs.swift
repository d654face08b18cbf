import Foundation
@testable import StrideDisplay

/// Representative inputs for every picture, shared by the validity tests and by the sample
/// writer (which feeds tests/display/test_display_validity.py).
enum SampleOutputs {
    /// A 28×28 "digit": a ring with a bar, values in 0…1.
    static func digit(_ seed: Int) -> FloatImage {
        var values = [Float](repeating: 0, count: 28 * 28)
        let radius = Float(6 + seed % 4)
        for y in 0..<28 {
            for x in 0..<28 {
                let dx = Float(x) - 14, dy = Float(y) - 14 - Float(seed % 3)
                let r = (dx * dx + dy * dy).squareRoot()
                var v = max(0, 1 - abs(r - radius) / 2)
                if seed % 2 == 1 && abs(Float(x) - 14 - Float(seed % 5)) < 1.5 && y > 5 && y < 24 { v = 1 }
                values[y * 28 + x] = min(1, v)
            }
        }
        return try! FloatImage(values: values, channels: 1, height: 28, width: 28)
    }

    /// A 3×32×32 colour image: a red-green gradient with a blue square.
    static func colourImage() -> FloatImage {
        var values = [Float](repeating: 0, count: 3 * 32 * 32)
        for y in 0..<32 {
            for x in 0..<32 {
                values[y * 32 + x] = Float(x) / 31
                values[1024 + y * 32 + x] = Float(y) / 31
                values[2048 + y * 32 + x] = (x > 10 && x < 20 && y > 10 && y < 20) ? 1 : 0.2
            }
        }
        return try! FloatImage(values: values, channels: 3, height: 32, width: 32)
    }

    static let classNames = ["zero", "one", "two", "three", "four", "five", "six", "seven",
                             "eight", "nine"]

    static func curves(epochs: Int, of total: Int) -> TrainingCurves {
        let steps = 63
        var c = TrainingCurves(stepsPerEpoch: steps, totalEpochs: total)
        for i in 0..<(epochs * steps) {
            let t = Double(i) / Double(steps)
            let wobble = sin(Double(i) * 1.7) * 0.08
            c.stepLoss.append(2.3 * exp(-t * 1.5) + 0.05 + wobble * exp(-t * 0.5))
            c.stepAccuracy.append(min(1, 1 - 0.9 * exp(-t * 1.8) + wobble * 0.3))
        }
        for e in 1...max(1, epochs) where e <= epochs {
            let t = Double(e)
            c.epochLoss.append(2.3 * exp(-t * 1.5) + 0.08)
            c.epochAccuracy.append(1 - 0.9 * exp(-t * 1.8) - 0.01)
            c.validationLoss.append(2.3 * exp(-t * 1.4) + 0.11)
            c.validationAccuracy.append(1 - 0.9 * exp(-t * 1.6) - 0.03)
        }
        return c
    }

    /// Every sample, by file stem.
    static func all() throws -> [(String, MimeBundle)] {
        var out: [(String, MimeBundle)] = []
        let noise = (0..<(28 * 28)).map { i in Float((i * 7919) % 1000) / 1000 }
        let randomImage = try FloatImage(values: noise, height: 28, width: 28)
        for map in Colormap.allCases {
            out.append(("imshow-\(map.rawValue)", try Render.imshow(randomImage, colormap: map)))
        }
        out.append(("imshow-rgb", try Render.imshow(colourImage())))
        out.append(("plot-loss", try Render.lineChart(
            [Series(name: "train", values: [2.1, 1.2, 0.8, 0.55, 0.41, 0.33, 0.29, 0.26],
                    x: Array(1...8).map(Double.init)),
             Series(name: "validation <& \"quotes\">", values: [2.0, 1.3, .nan, 0.7, 0.62, .infinity, 0.58, 0.6],
                    x: Array(1...8).map(Double.init))],
            title: "Loss", xLabel: "epoch", yLabel: "loss")))
        out.append(("plot-single", try Render.lineChart(
            [Series(name: "", values: (0..<200).map { sin(Double($0) / 15) * 1e-3 })])))
        out.append(("training-live", try Render.trainingChart(curves(epochs: 2, of: 10))))
        out.append(("training-final", try Render.trainingChart(curves(epochs: 10, of: 10))))
        out.append(("training-empty", try Render.trainingChart(TrainingCurves(stepsPerEpoch: 63, totalEpochs: 5))))
        out.append(("training-long", try Render.trainingChart(curves(epochs: 300, of: 300))))
        var regression = curves(epochs: 4, of: 6)
        regression.stepAccuracy = []
        regression.epochAccuracy = []
        regression.validationAccuracy = []
        out.append(("training-loss-only", try Render.trainingChart(regression)))
        out.append(("progress", Render.progressLine(TrainingProgress(
            epoch: 3, epochs: 10, step: 45, stepsPerEpoch: 63, loss: 0.23456, accuracy: 0.931,
            imagesPerSecond: 1234.4, secondsRemaining: 42))))
        let digits = (0..<20).map(digit)
        let labels = (0..<20).map { $0 % 10 }
        out.append(("dataset-grid", try Render.sampleGrid(images: digits, labels: labels,
                                                          title: "MNIST train", totalCount: 4000)))
        out.append(("dataset-named", try Render.sampleGrid(images: Array(digits.prefix(8)),
                                                           labels: Array(labels.prefix(8)),
                                                           classNames: classNames)))
        out.append(("predictions", try Render.predictionGrid(
            images: Array(digits.prefix(16)), labels: Array(labels.prefix(16)),
            predictions: (0..<16).map { $0 % 5 == 3 ? ($0 + 5) % 10 : $0 % 10 })))
        out.append(("colour-grid", try Render.imageGrid(
            [ImageTile(image: colourImage(), caption: "colour"),
             ImageTile(image: digit(3), caption: "gray & <odd>", marked: true)], title: "Mixed")))
        out.append(("feature-maps", try Render.featureMaps(featureMaps(), layerName: "conv1")))
        out.append(("filters-gray", try Render.filters(filterBank(out: 6, in: 1, side: 5), layerName: "conv1")))
        out.append(("filters-deep", try Render.filters(filterBank(out: 4, in: 6, side: 3), layerName: "conv2")))
        out.append(("filters-rgb", try Render.filters(filterBank(out: 8, in: 3, side: 5), layerName: "stem")))
        let camValues: [Float] = (0..<49).map { (i: Int) -> Float in
            let distance: Int = abs(i % 7 - 4) + abs(i / 7 - 3)
            return Float(max(0, 3 - distance))
        }
        let cam = try FloatImage(values: camValues, height: 7, width: 7)
        out.append(("gradcam", try Render.heatmapOverlay(image: digit(3), heatmap: cam,
                                                         title: "Grad-CAM for class 3 at conv2")))
        let saliencyValues: [Float] = (0..<1024).map { (i: Int) -> Float in Float((i % 32) * (i / 32)) }
        let saliency = try FloatImage(values: saliencyValues, height: 32, width: 32)
        out.append(("saliency-rgb", try Render.heatmapOverlay(image: colourImage(), heatmap: saliency,
                                                              title: "Saliency", colormap: .viridis)))
        out.append(("confusion", try Render.confusionMatrix(confusionCounts(10), classNames: classNames)))
        out.append(("confusion-digits", try Render.confusionMatrix(confusionCounts(10))))
        out.append(("confusion-3", try Render.confusionMatrix([[5, 1, 0], [2, 7, 1], [0, 0, 9]],
                                                               classNames: ["cat & dog", "<bird>", "fish \"f\""],
                                                               title: "Pets")))
        out.append(("summary", Render.summary(lenetSummary())))
        out.append(("table", try Render.table(header: ["name", "value", "note"],
                                              rows: [["loss", "0.1723", "<lower> & better"],
                                                     ["accuracy", "0.9512", ""]],
                                              title: "evaluate")))
        out.append(("dictionary", try Render.keyValueTable([("loss", "0.17"), ("accuracy", "0.95")])))
        return out
    }

    static func featureMaps() -> FloatImage {
        var values: [Float] = []
        for c in 0..<6 {
            for y in 0..<28 {
                for x in 0..<28 {
                    values.append(sin(Float(x) * Float(c + 1) / 9) * cos(Float(y) / Float(c + 2)))
                }
            }
        }
        return try! FloatImage(values: values, channels: 6, height: 28, width: 28)
    }

    static func filterBank(out: Int, in inChannels: Int, side: Int) -> FilterBank {
        let count = out * inChannels * side * side
        let weights = (0..<count).map { i in sin(Float(i) * 0.77) * 0.3 }
        return try! FilterBank(weights: weights, outChannels: out, inChannels: inChannels,
                               height: side, width: side)
    }

    static func confusionCounts(_ n: Int) -> [[Int]] {
        (0..<n).map { i in (0..<n).map { j in i == j ? 90 + (i * 7) % 11 : ((i * 3 + j * 5) % 7 == 0 ? (i + j) % 6 : 0) } }
    }

    static func lenetSummary() -> ModelSummary {
        ModelSummary(title: "Sequential", inputShape: [1, 1, 28, 28], rows: [
            LayerSummaryRow(name: "conv1", type: "Conv2D", outputShape: [1, 6, 28, 28], parameters: 156,
                            activationBytes: 6 * 28 * 28 * 4, receptiveField: [5, 5]),
            LayerSummaryRow(name: "pool1", type: "MaxPool2D", outputShape: [1, 6, 14, 14], parameters: 0,
                            activationBytes: 6 * 14 * 14 * 4, receptiveField: [6, 6]),
            LayerSummaryRow(name: "conv2", type: "Conv2D", outputShape: [1, 16, 10, 10], parameters: 2416,
                            activationBytes: 1600 * 4, receptiveField: [14, 14], nonFiniteParameters: true),
            LayerSummaryRow(name: "block", type: "Residual", outputShape: [1, 16, 10, 10], parameters: 2320,
                            activationBytes: 1600 * 4, receptiveField: [18, 18]),
            LayerSummaryRow(name: "block.conv", type: "Conv2D", outputShape: [1, 16, 10, 10], parameters: 2320,
                            activationBytes: 1600 * 4, receptiveField: [18, 18], depth: 1),
            LayerSummaryRow(name: "flatten", type: "Flatten", outputShape: [1, 1600], parameters: 0,
                            activationBytes: 1600 * 4),
            LayerSummaryRow(name: "fc", type: "Dense", outputShape: [1, 10], parameters: 16010,
                            activationBytes: 40, allZeroParameters: true),
        ])
    }

    static func fileExtension(for mime: String) -> String {
        switch mime {
        case MimeType.png: return "png"
        case MimeType.svg: return "svg"
        case MimeType.html: return "html"
        default: return "txt"
        }
    }

    /// Writes each bundle entry as `stem.ext` (PNG decoded from base64) into `directory`.
    static func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (stem, bundle) in try all() {
            for (mime, content) in bundle.data {
                let url = directory.appendingPathComponent("\(stem).\(fileExtension(for: mime))")
                if mime == MimeType.png {
                    try Data(base64Encoded: content)!.write(to: url)
                } else {
                    try Data(content.utf8).write(to: url)
                }
            }
        }
    }
}
