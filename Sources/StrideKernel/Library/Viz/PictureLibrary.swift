import StrideDisplay
import StrideEngine
import StrideLanguage

/// The pictures of LANGUAGE.md §4 as natives: each returns a value that a notebook shows.
enum PictureLibrary {
    static func install(into interp: Interpreter) {
        LayerValue.registerMethod("featureMaps", signature: "func featureMaps(of image: Tensor, layer: String, colormap: Colormap = .viridis) -> Picture",
                                  doc: "The output of the named layer for one image [C, H, W]: one colormapped tile per channel.") { model, call in
            try call.expect(["of", "layer", "colormap"])
            let image = try call.tensor("of")
            let layer = try call.requiredString("layer")
            let colormap = try colormapArgument(call) ?? .viridis
            return try picture { try Pictures.featureMaps(model: model.layer, image: image, layer: layer, colormap: colormap) }
        }
        LayerValue.registerMethod("filters", signature: "func filters(layer: String) -> Picture",
                                  doc: "The kernels of the named convolution: blue negative, red positive (RGB tiles for 3 input channels).") { model, call in
            try call.expect(["layer"])
            let layer = try call.requiredString("layer")
            return try picture { try Pictures.filters(model: model.layer, layer: layer) }
        }

        interp.defineNative(function: "saliency", signature: "saliency(_ model: Layer, image: Tensor, label: Int) -> Picture",
                            doc: "How strongly each pixel of `image` moves the model's score for `label` (|gradient|), beside and over the image.") { call in
            try call.expect(["image", "label"], unlabelled: 1)
            let model = try modelAdapter(for: try call.required(nil), interpreter: call.interpreter)
            let image = try call.tensor("image"), label = try call.requiredInt("label")
            return try picture { try Pictures.saliency(model: model, image: image, label: label) }
        }
        interp.defineNative(function: "gradCAM", signature: "gradCAM(_ model: Layer, image: Tensor, layer: String, label: Int? = nil) -> Picture",
                            doc: "Grad-CAM: the regions of `image` that drove the score of `label` (default: the predicted class), from the named convolution's maps, over the image.") { call in
            try call.expect(["image", "layer", "label"], unlabelled: 1)
            let model = try modelAdapter(for: try call.required(nil), interpreter: call.interpreter)
            let image = try call.tensor("image"), layer = try call.requiredString("layer")
            let label: Int? = call.argument("label")?.unwrappedOptional.isNotNil == true ? try call.requiredInt("label") : nil
            return try picture { try Pictures.gradCAM(model: model, image: image, layer: layer, label: label) }
        }
        interp.defineNative(function: "confusionMatrix", signature: "confusionMatrix(_ model: Layer, _ data: Dataset) -> Picture",
                            doc: "Counts of true (rows) against predicted (columns) classes over `data`, with class names.") { call in
            try call.expect([], unlabelled: 2)
            let model = try modelAdapter(for: try call.required(nil), interpreter: call.interpreter)
            let dataValue = try call.required(nil, position: 1)
            guard case .native(let n) = dataValue.unwrappedOptional, let data = n as? DatasetValue else {
                throw StrideError(.typeError, "confusionMatrix: the second argument must be a Dataset, got \(dataValue.typeName)")
            }
            return try picture {
                let counts = try Pictures.confusionCounts(model: model, images: try data.images, labels: data.dataset.labels,
                                                          classes: data.dataset.classes.count,
                                                          isCancelled: cancellationCheck(call.interpreter))
                // The renderer adds the accuracy to the title.
                return try Render.confusionMatrix(counts, classNames: data.dataset.classes,
                                                  title: "Confusion matrix: \(data.dataset.name)")
            }
        }
        interp.defineNative(function: "showImages", signature: "showImages(_ images: Tensor, labels: [Int]? = nil, predictions: [Int]? = nil, classes: [String]? = nil, title: String? = nil) -> Picture",
                            doc: "A grid of images [N, C, H, W] with their labels; with predictions too, wrong ones are framed in red.") { call in
            try call.expect(["labels", "predictions", "classes", "title"], unlabelled: 1)
            let images = try TrainingLibrary.imagesArgument(try call.required(nil), "showImages")
            let labels = try optionalLabels(call, "labels")
            let predictions = try optionalLabels(call, "predictions")
            let classes = try call.argument("classes").map { try stringList($0, "showImages: classes") } ?? []
            let title = try call.string("title", default: nil)
            return try picture { try Pictures.showImages(images, labels: labels, predictions: predictions, classNames: classes, title: title) }
        }
        interp.defineNative(function: "fgsm", signature: "fgsm(_ model: Layer, images: Tensor, labels: [Int], epsilon: Double) -> AdversarialExamples",
                            doc: "Adversarial examples by the fast gradient sign method: each image moved by `epsilon` in the direction that raises the loss. Shows originals and adversarial images with predictions; `.images` is the Tensor.") { call in
            try call.expect(["images", "labels", "epsilon"], unlabelled: 1)
            let model = try modelAdapter(for: try call.required(nil), interpreter: call.interpreter)
            let images = try TrainingLibrary.imagesArgument(try call.required("images"), "fgsm")
            let labels = try labelList(try call.required("labels"), "fgsm: labels")
            let epsilon = try call.double("epsilon", default: .nan)
            guard epsilon.isFinite, epsilon >= 0 else { throw StrideError(.valueError, "fgsm: epsilon must be a number ≥ 0") }
            return try bridgingErrors {
                let adversarial = try Pictures.fgsm(model: model, images: images, labels: labels, epsilon: epsilon)
                return .native(AdversarialExamples(
                    original: images, adversarial: adversarial, labels: labels, epsilon: epsilon,
                    originalPredictions: try Pictures.predictedClasses(model: model, images: images),
                    predictions: try Pictures.predictedClasses(model: model, images: adversarial)))
            }
        }
        interp.defineNative(function: "plot", signature: "plot(_ series: [Double]..., labels: [String] = [], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil) -> Picture",
                            doc: "A line chart of one or more series of numbers, with axes, ticks and a legend.") { call in
            try call.expect(["labels", "title", "xLabel", "yLabel"], unlabelled: 64)
            let values = call.arguments.filter { $0.label == nil }.map(\.value)
            guard !values.isEmpty else { throw StrideError(.typeError, "plot: give at least one series of numbers") }
            let names = try call.argument("labels").map { try stringList($0, "plot: labels") } ?? []
            guard names.isEmpty || names.count == values.count else {
                throw StrideError(.valueError, "plot: \(values.count) series but \(names.count) labels")
            }
            let series = try values.enumerated().map { i, v in
                Series(name: names.isEmpty ? (values.count > 1 ? "series \(i + 1)" : "") : names[i],
                       values: try numbers(v, "plot: series \(i + 1)"))
            }
            let title = try call.string("title", default: nil)
            let xLabel = try call.string("xLabel", default: nil), yLabel = try call.string("yLabel", default: nil)
            return try picture { try Render.lineChart(series, title: title, xLabel: xLabel, yLabel: yLabel) }
        }
        interp.defineNative(function: "imshow", signature: "imshow(_ image: Tensor, colormap: Colormap = .viridis) -> Picture",
                            doc: "Shows a tensor [H, W] (colormapped: .viridis, .gray, .magma, .coolwarm) or [3, H, W] (RGB), scaled up so small images stay legible.") { call in
            try call.expect(["colormap"], unlabelled: 1)
            let tensor = try call.tensor(nil)
            let colormap = try colormapArgument(call) ?? .viridis
            return try picture {
                let image = try Pictures.picture(of: tensor.rank == 4 && tensor.shape[0] == 1 ? try tensor.element(0) : tensor)
                return try Render.imshow(image, colormap: colormap)
            }
        }
    }

    /// A rendered picture as a value; engine and rendering errors keep their kind.
    private static func picture(_ render: () throws -> MimeBundle) throws -> Value {
        .native(PictureValue(try bridgingErrors(render)))
    }

    static func colormapArgument(_ call: NativeCall) throws -> Colormap? {
        guard let name = try call.choice("colormap", Colormap.allCases.map(\.rawValue)) else { return nil }
        return Colormap(rawValue: name)
    }

    private static func optionalLabels(_ call: NativeCall, _ label: String) throws -> [Int]? {
        guard let v = call.argument(label), v.unwrappedOptional.isNotNil else { return nil }
        return try labelList(v, "showImages: \(label)")
    }

    /// Numbers from an array of Ints and Doubles, or a Tensor.
    static func numbers(_ v: Value, _ what: String) throws -> [Double] {
        if let t = v.asTensor { return t.scalars.map(Double.init) }
        guard case .array(let items) = v.unwrappedOptional else {
            throw StrideError(.typeError, "\(what) must be an array of numbers, got \(v.typeName)")
        }
        return try items.map { item in
            guard let d = item.asDoubleValue else { throw StrideError(.typeError, "\(what) must hold numbers, found \(item.typeName)") }
            return d
        }
    }
}
