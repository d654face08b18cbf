import StrideDisplay
import StrideEngine

/// The pictures that look inside a model, computed with the engine and drawn with
/// StrideDisplay. Inputs are single samples (`[C, H, W]`) or batches (`[N, C, H, W]`).
enum Pictures {
    /// One colormapped tile per channel of the output of the layer at `path` for `image`.
    static func featureMaps(model: Layer, image: Tensor, layer path: String,
                            colormap: Colormap = .viridis) throws -> MimeBundle {
        let batch = try asBatch(image)
        guard let output = try model.activations(of: batch, at: [path])[path] else {
            throw VizError.value("the layer '\(path)' was not called when the model ran")
        }
        let maps = try planes(of: output, what: "featureMaps: the output of '\(path)'")
        return try Render.featureMaps(maps, layerName: path, colormap: colormap)
    }

    /// The kernels of the convolution at `path`.
    static func filters(model: Layer, layer path: String) throws -> MimeBundle {
        guard let layer = model.layer(at: path) else { throw unknownLayer(path, in: model) }
        guard let weight = layer.parameters.first(where: { $0.name == "weight" })?.parameter.value else {
            throw VizError.value("filters: the layer '\(path)' (\(layer.typeName)) has no weights yet; run the model once or train it first")
        }
        let s = weight.shape
        let bank: FilterBank
        switch s.count {
        case 4: bank = try FilterBank(weights: weight.scalars, outChannels: s[0], inChannels: s[1], height: s[2], width: s[3])
        case 3: bank = try FilterBank(weights: weight.scalars, outChannels: s[0], inChannels: s[1], height: 1, width: s[2])
        default:
            throw VizError.value("filters: the layer '\(path)' (\(layer.typeName)) has weights of shape \(s), not convolution filters")
        }
        return try Render.filters(bank, layerName: path)
    }

    /// How much each input pixel moves the score of `label`: |∂score/∂pixel|, the largest over
    /// channels (Simonyan et al. 2013), over the image.
    static func saliency(model: Layer, image: Tensor, label: Int) throws -> MimeBundle {
        let batch = try asBatch(image)
        let input = try picture(of: try batch.element(0))
        let map = try FloatImage(values: try saliencyMap(model: model, batch: batch, label: label),
                                 height: input.height, width: input.width)
        return try Render.heatmapOverlay(image: input, heatmap: map, title: "Saliency for class \(label)")
    }

    /// The saliency values of a one-image batch, one per pixel of a channel plane.
    static func saliencyMap(model: Layer, batch: Tensor, label: Int) throws -> [Float] {
        let (_, grad) = try valueWithGradient(at: batch) { x in
            let scores = try withLearningPhase(.inference) { try model(x) }
            return try (scores * classMask(label, like: scores)).sum()
        }
        let g = grad.scalars, c = batch.shape[1], plane = grad.scalarCount / c
        var heat = [Float](repeating: 0, count: plane)
        for ch in 0..<c {
            for i in 0..<plane { heat[i] = max(heat[i], abs(g[ch * plane + i])) }
        }
        return heat
    }

    /// Grad-CAM (Selvaraju et al. 2017): the channels of the layer at `path`, weighted by the
    /// mean gradient of the class score over each channel, summed and rectified. Without a
    /// `label`, the predicted class.
    static func gradCAM(model: Layer, image: Tensor, layer path: String, label: Int? = nil) throws -> MimeBundle {
        let batch = try asBatch(image)
        guard model.layer(at: path) != nil else { throw unknownLayer(path, in: model) }
        let target = try label ?? model.predict(batch).argmax()
        let (activation, gradient) = try model.activationAndGradient(of: batch, at: path) { scores in
            try (scores * classMask(target, like: scores)).sum()
        }
        guard activation.rank == 4 else {
            throw VizError.value("gradCAM: the layer '\(path)' outputs \(activation.shape), not feature maps; choose a convolution or pooling layer")
        }
        let c = activation.shape[1], h = activation.shape[2], w = activation.shape[3], plane = h * w
        let a = activation.scalars, g = gradient.scalars
        var cam = [Float](repeating: 0, count: plane)
        for ch in 0..<c {
            let weight = g[(ch * plane)..<((ch + 1) * plane)].reduce(0, +) / Float(plane)
            for i in 0..<plane { cam[i] += weight * a[ch * plane + i] }
        }
        for i in 0..<plane { cam[i] = max(0, cam[i]) }
        let input = try picture(of: try batch.element(0))
        let map = try FloatImage(values: cam, height: h, width: w)
        return try Render.heatmapOverlay(image: input, heatmap: map, title: "Grad-CAM of \(path) for class \(target)")
    }

    /// Counts of (true class, predicted class) over `images` and `labels`.
    static func confusionCounts(model: Layer, images: Tensor, labels: [Int], classes: Int,
                                isCancelled: (() -> Bool)? = nil) throws -> [[Int]] {
        let predicted = try predictedClasses(model: model, images: images, isCancelled: isCancelled)
        let n = max(classes, (labels.max() ?? 0) + 1, (predicted.max() ?? 0) + 1)
        var counts = Array(repeating: Array(repeating: 0, count: n), count: n)
        for (truth, guess) in zip(labels, predicted) { counts[truth][guess] += 1 }
        return counts
    }

    /// The class with the highest score for each image.
    static func predictedClasses(model: Layer, images: Tensor, isCancelled: (() -> Bool)? = nil) throws -> [Int] {
        let scores = try model.predict(images, isCancelled: isCancelled)
        guard scores.rank == 2 else {
            throw VizError.value("the model's output has shape \(scores.shape), not one score per class")
        }
        return try scores.argmax(axis: 1).scalars.map { Int($0) }
    }

    /// The fast gradient sign method (Goodfellow et al. 2014): each image moved by `epsilon`
    /// in the sign of the loss gradient, kept inside the inputs' value range.
    static func fgsm(model: Layer, images: Tensor, labels: [Int], epsilon: Double) throws -> Tensor {
        guard images.rank >= 2, images.shape[0] == labels.count else {
            throw VizError.value("fgsm: \(images.shape.first ?? 0) images but \(labels.count) labels")
        }
        let labelTensor = try Tensor(shape: [labels.count], scalars: labels.map(Float.init))
        let (_, grad) = try valueWithGradient(at: images) { x in
            try crossEntropy(logits: withLearningPhase(.inference) { try model(x) }, labels: labelTensor)
        }
        let x = images.scalars, g = grad.scalars
        let low = x.min() ?? 0, high = x.max() ?? 1, step = Float(epsilon)
        var moved = [Float](repeating: 0, count: x.count)
        for i in 0..<x.count {
            let sign: Float = g[i] > 0 ? 1 : (g[i] < 0 ? -1 : 0)
            moved[i] = min(high, max(low, x[i] + step * sign))
        }
        return try Tensor(shape: images.shape, scalars: moved)
    }

    /// A grid of images with their labels and, when given, the predictions (wrong ones red).
    static func showImages(_ images: Tensor, labels: [Int]?, predictions: [Int]?,
                           classNames: [String] = [], title: String? = nil) throws -> MimeBundle {
        // A batch of planes [N, H, W] (or strips [N, L]) gets a channel axis.
        let batch = images.rank <= 3 ? try images.expandingShape(at: 1) : images
        let count = batch.shape.first ?? 0
        guard count > 0 else { throw VizError.value("showImages: there are no images to show") }
        let pictures = try (0..<count).map { try picture(of: try batch.element($0)) }
        if let labels, let predictions {
            return try Render.predictionGrid(images: pictures, labels: labels, predictions: predictions,
                                             classNames: classNames, title: title)
        }
        if let shown = labels ?? predictions {
            return try Render.sampleGrid(images: pictures, labels: shown, classNames: classNames, title: title)
        }
        let tiles = pictures.enumerated().map { ImageTile(image: $1, caption: String($0)) }
        return try Render.imageGrid(tiles, title: title)
    }

    /// A sample or batch as `[N, ...]`: a lone `[C, H, W]` or `[C, L]` image gets a batch axis.
    static func asBatch(_ image: Tensor) throws -> Tensor {
        switch image.rank {
        case 2, 3: return try image.expandingShape(at: 0)
        case 4, 5:
            guard image.shape[0] == 1 else {
                throw VizError.value("expected one image, got a batch of \(image.shape[0]) (shape \(image.shape)); pick one with images[i]")
            }
            return image
        default:
            throw VizError.value("expected an image of shape [channels, height, width], got \(image.shape)")
        }
    }

    /// One picture from a sample: `[H, W]`, `[C, H, W]` (1 or 3 channels shown as such, others
    /// as their first channel), `[C, L]` as a strip, `[C, D, H, W]` as its middle slice.
    static func picture(of sample: Tensor) throws -> FloatImage {
        let s = sample.shape, v = sample.scalars
        switch s.count {
        case 2: return try FloatImage(values: v, height: s[0], width: s[1])
        case 3 where s[0] == 1 || s[0] == 3:
            return try FloatImage(values: v, channels: s[0], height: s[1], width: s[2])
        case 3: return try FloatImage(values: Array(v[0..<(s[1] * s[2])]), height: s[1], width: s[2])
        case 4:
            let plane = s[2] * s[3], start = (s[1] / 2) * plane
            return try FloatImage(values: Array(v[start..<(start + plane)]), height: s[2], width: s[3])
        case 1: return try FloatImage(values: v, height: 1, width: s[0])
        default: throw VizError.value("cannot show a tensor of shape \(s) as an image")
        }
    }

    /// The channels of a layer output `[1, C, H, W]` (or `[1, C, L]`) as planes.
    static func planes(of output: Tensor, what: String) throws -> FloatImage {
        let s = output.shape
        switch s.count {
        case 4: return try FloatImage(values: output.scalars, channels: s[1], height: s[2], width: s[3])
        case 3: return try FloatImage(values: output.scalars, channels: s[1], height: 1, width: s[2])
        default:
            throw VizError.value("\(what) has shape \(s), not feature maps; choose a convolution or pooling layer")
        }
    }

    /// A tensor shaped like `scores` [N, K] that is 1 in column `label` and 0 elsewhere.
    static func classMask(_ label: Int, like scores: Tensor) throws -> Tensor {
        guard scores.rank == 2 else {
            throw VizError.value("the model's output has shape \(scores.shape), not one score per class")
        }
        let k = scores.shape[1]
        guard label >= 0 && label < k else {
            throw VizError.index("class \(label) is out of range: the model scores \(k) classes")
        }
        var mask = [Float](repeating: 0, count: scores.scalarCount)
        for row in 0..<scores.shape[0] { mask[row * k + label] = 1 }
        return try Tensor(shape: scores.shape, scalars: mask)
    }

    static func unknownLayer(_ path: String, in model: Layer) -> VizError {
        let names = model.layerPaths()
        return .value("the model has no layer named '\(path)'; its layers are \(names.map { "'\($0)'" }.joined(separator: ", "))")
    }
}
