import StrideDisplay
import StrideEngine
import StrideLanguage

/// The pictures of LANGUAGE.md §4 as natives: each returns a value that a notebook shows.
enum PictureLibrary {
    /// `colormap: Colormap = .viridis`.
    static let colormap = NativeParameter("colormap", "Colormap", .value(.symbol(Symbol(name: "viridis"))))

    /// The layer members that look inside a model.
    static let layerMembers: [MemberRegistry<LayerValue>.Member] = [
        .method(NativeDeclaration("featureMaps", kind: .method, [.tensor("of image"), .string("layer"), colormap], returns: "Picture",
                                  doc: "The output of the named layer for one image [C, H, W]: one colormapped tile per channel.")) { model, a in
            let image = try a.tensor("of"), layer = try a.string("layer"), colormap = try colormapArgument(a)
            return try picture { try Pictures.featureMaps(model: model.layer, image: image, layer: layer, colormap: colormap) }
        },
        .method(NativeDeclaration("filters", kind: .method, [.string("layer")], returns: "Picture",
                                  doc: "The kernels of the named convolution: blue negative, red positive (RGB tiles for 3 input channels).")) { model, a in
            let layer = try a.string("layer")
            return try picture { try Pictures.filters(model: model.layer, layer: layer) }
        },
    ]

    static func install(into interp: Interpreter) {
        interp.defineNative(NativeDeclaration(
            "saliency", [.value("_ model", "Layer"), .tensor("image"), .int("label")], returns: "Picture",
            doc: "How strongly each pixel of `image` moves the model's score for `label` (|gradient|), beside and over the image.")
        ) { a in
            let model = try modelAdapter(for: try a.required("model"), interpreter: a.interpreter)
            let image = try a.tensor("image"), label = try a.int("label")
            return try picture { try Pictures.saliency(model: model, image: image, label: label) }
        }
        interp.defineNative(NativeDeclaration(
            "gradCAM", [.value("_ model", "Layer"), .tensor("image"), .string("layer"), .optionalInt("label")], returns: "Picture",
            doc: "Grad-CAM: the regions of `image` that drove the score of `label` (default: the predicted class), from the named convolution's maps, over the image.")
        ) { a in
            let model = try modelAdapter(for: try a.required("model"), interpreter: a.interpreter)
            let image = try a.tensor("image"), layer = try a.string("layer"), label = try a.optionalInt("label")
            return try picture { try Pictures.gradCAM(model: model, image: image, layer: layer, label: label) }
        }
        interp.defineNative(NativeDeclaration(
            "confusionMatrix", [.value("_ model", "Layer"), .value("_ data", "Dataset")], returns: "Picture",
            doc: "Counts of true (rows) against predicted (columns) classes over `data`, with class names.")
        ) { a in
            let model = try modelAdapter(for: try a.required("model"), interpreter: a.interpreter)
            let dataValue = try a.required("data")
            guard case .native(let n) = dataValue, let data = n as? DatasetValue else {
                throw StrideError(.typeError, "confusionMatrix: the second argument must be a Dataset, got \(dataValue.typeName)")
            }
            return try picture {
                let counts = try Pictures.confusionCounts(model: model, images: try data.images, labels: data.dataset.labels,
                                                          classes: data.dataset.classes.count,
                                                          isCancelled: cancellationCheck(a.interpreter))
                // The renderer adds the accuracy to the title.
                return try Render.confusionMatrix(counts, classNames: data.dataset.classes,
                                                  title: "Confusion matrix: \(data.dataset.name)")
            }
        }
        interp.defineNative(NativeDeclaration(
            "showImages", [.tensor("_ images"), .optionalValue("labels", "[Int]?"), .optionalValue("predictions", "[Int]?"),
                           .optionalValue("classes", "[String]?"), .optionalString("title")], returns: "Picture",
            doc: "A grid of images [N, C, H, W] with their labels; with predictions too, wrong ones are framed in red.")
        ) { a in
            let images = try TrainingLibrary.imagesArgument(try a.required("images"), "showImages")
            let labels = try a.value("labels").map { try labelList($0, "showImages: labels") }
            let predictions = try a.value("predictions").map { try labelList($0, "showImages: predictions") }
            let classes = try a.value("classes").map { try stringList($0, "showImages: classes") } ?? []
            let title = try a.optionalString("title")
            return try picture { try Pictures.showImages(images, labels: labels, predictions: predictions, classNames: classes, title: title) }
        }
        interp.defineNative(NativeDeclaration(
            "fgsm", [.value("_ model", "Layer"), .tensor("images"), .value("labels", "[Int]"), .double("epsilon")],
            returns: "AdversarialExamples",
            doc: "Adversarial examples by the fast gradient sign method: each image moved by `epsilon` in the direction that raises the loss. Shows originals and adversarial images with predictions; `.images` is the Tensor.")
        ) { a in
            let model = try modelAdapter(for: try a.required("model"), interpreter: a.interpreter)
            let images = try TrainingLibrary.imagesArgument(try a.required("images"), "fgsm")
            let labels = try labelList(try a.required("labels"), "fgsm: labels")
            let epsilon = try a.double("epsilon")
            guard epsilon.isFinite, epsilon >= 0 else { throw StrideError(.valueError, "fgsm: epsilon must be a number ≥ 0") }
            return try bridgingErrors {
                let adversarial = try Pictures.fgsm(model: model, images: images, labels: labels, epsilon: epsilon)
                return .native(AdversarialExamples(
                    original: images, adversarial: adversarial, labels: labels, epsilon: epsilon,
                    originalPredictions: try Pictures.predictedClasses(model: model, images: images),
                    predictions: try Pictures.predictedClasses(model: model, images: adversarial)))
            }
        }
        interp.defineNative(NativeDeclaration(
            "plot", [.variadic("_ series", "[Double]"), .value("labels", "[String]", default: .array([])), .optionalString("title"),
                     .optionalString("xLabel"), .optionalString("yLabel")], returns: "Picture",
            doc: "A line chart of one or more series of numbers, with axes, ticks and a legend.")
        ) { a in
            let values = a.variadic("series")
            guard !values.isEmpty else { throw StrideError(.typeError, "plot: give at least one series of numbers") }
            let names = try stringList(a.required("labels"), "plot: labels")
            guard names.isEmpty || names.count == values.count else {
                throw StrideError(.valueError, "plot: \(values.count) series but \(names.count) labels")
            }
            let series = try values.enumerated().map { i, v in
                Series(name: names.isEmpty ? (values.count > 1 ? "series \(i + 1)" : "") : names[i],
                       values: try numbers(v, "plot: series \(i + 1)"))
            }
            let title = try a.optionalString("title")
            let xLabel = try a.optionalString("xLabel"), yLabel = try a.optionalString("yLabel")
            return try picture { try Render.lineChart(series, title: title, xLabel: xLabel, yLabel: yLabel) }
        }
        interp.defineNative(NativeDeclaration(
            "imshow", [.tensor("_ image"), colormap], returns: "Picture",
            doc: "Shows a tensor [H, W] (colormapped: .viridis, .gray, .magma, .coolwarm) or [3, H, W] (RGB), scaled up so small images stay legible.")
        ) { a in
            let tensor = try a.tensor("image")
            let colormap = try colormapArgument(a)
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

    static func colormapArgument(_ args: NativeArguments) throws -> Colormap {
        try args.choice("colormap", Colormap.allCases.map(\.rawValue)).flatMap(Colormap.init(rawValue:)) ?? .viridis
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
