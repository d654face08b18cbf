import Foundation
import JupyterComms
import JupyterProtocol
import StrideDisplay
import StrideEngine
import StrideLanguage

/// `explore(model, data)`: pick an image, a layer and a channel; see the input with the
/// receptive field of the channel's strongest unit outlined, the channel's feature map, and
/// the model's top-3 predictions. It is an `interact` over three controls, so it re-renders
/// in place, throttled, and an error shows in its output.
enum ExploreLibrary {
    static func install(_ library: WidgetLibrary) {
        library.interpreter.defineNative(NativeDeclaration(
            "explore", [.value("_ model", "Layer"), .value("_ data", "Dataset")], returns: "VBox",
            doc: "Pick an image of `data`, a layer and a channel of `model`: shows the input with the receptive field "
                + "of the channel's strongest unit outlined (the input pixels whose gradient for it is not zero), the "
                + "channel's feature map, and the top-3 predictions.")
        ) { call in
            let model = try modelAdapter(for: try call.required("model"), interpreter: call.interpreter)
            guard case .native(let object) = try call.required("data"),
                  let dataset = object as? DatasetValue else {
                throw StrideError(.typeError, "explore: the second argument must be a Dataset")
            }
            return .native(try explore(library, model: model, dataset: dataset))
        }
    }

    static func explore(_ library: WidgetLibrary, model: Layer, dataset: DatasetValue) throws -> WidgetValue {
        let images = try bridgingErrors { try dataset.images }
        guard images.rank >= 3, images.shape[0] > 0 else {
            throw StrideError(.valueError, "explore: the data needs images [N, C, H, W], got shape \(images.shape)")
        }
        let first = try bridgingErrors { try Pictures.asBatch(try images.element(0)) }
        let paths = model.layerPaths()
        let outputs = try bridgingErrors { try model.activations(of: first, at: paths) }
        let mapped = paths.filter { outputs[$0]?.rank == 4 }
        guard let firstLayer = mapped.first, let channels = outputs[firstLayer]?.shape[1] else {
            throw StrideError(.valueError, "explore: no layer of this model gives feature maps [C, H, W]")
        }
        let image = try intSlider(library, "image", max: images.shape[0] - 1)
        let layer = library.make(.dropdown, "Dropdown", styleModel: "DescriptionStyleModel") { layout, style in
            var state = WidgetSpecs.dropdown(labels: mapped, index: 0, layout: layout, style: style)
            state["description"] = "layer"
            return state
        }
        layer.options = mapped.map { .string($0) }
        let channel = try intSlider(library, "channel", max: channels - 1)
        // A layer of fewer channels: the channel slider's range follows before the view redraws.
        layer.observers.append { [unowned channel] widget in
            guard case .string(let name) = widget.value, let count = outputs[name]?.shape[1] else { return }
            let current = channel.model.state["value"]?.intValue ?? 0
            channel.model.set(["max": .int(count - 1), "value": .int(min(current, count - 1))])
        }
        let body = Value.function(Function(native: "explore", signature: "(image, layer, channel)", doc: "") { call in
            guard case .int(let index) = call.values[0], case .string(let name) = call.values[1],
                  case .int(let c) = call.values[2] else { return .void }
            try show(library, model: model, dataset: dataset, images: images, index: index, layer: name, channel: c)
            return .void
        })
        return InteractLibrary.interact(library, controls: [image, layer, channel], body: body)
    }

    private static func intSlider(_ library: WidgetLibrary, _ label: String, max: Int) throws -> WidgetValue {
        library.make(.intSlider, "IntSlider", styleModel: "SliderStyleModel") { layout, style in
            var state = WidgetSpecs.slider(.int, layout: layout, style: style)
            state.merge(["description": .string(label), "min": 0, "max": .int(max), "value": 0]) { $1 }
            return state
        }
    }

    /// Draws the three parts for one choice into the running capture.
    static func show(_ library: WidgetLibrary, model: Layer, dataset: DatasetValue, images: Tensor,
                     index: Int, layer: String, channel: Int) throws {
        guard let host = library.session.host else { return }
        let part = try bridgingErrors { () throws -> (MimeBundle, MimeBundle, String) in
            let sample = try images.element(index)
            let x = try Pictures.asBatch(sample)
            guard let activation = try model.activations(of: x, at: [layer])[layer], activation.rank == 4 else {
                throw VizError.value("explore: the layer '\(layer)' gives no feature maps")
            }
            let (c, h, w) = (min(channel, activation.shape[1] - 1), activation.shape[2], activation.shape[3])
            let plane = Array(activation.scalars[(c * h * w)..<((c + 1) * h * w)])
            let strongest = plane.indices.max(by: { plane[$0] < plane[$1] }) ?? 0
            var mask = [Float](repeating: 0, count: activation.scalarCount)
            mask[c * h * w + strongest] = 1
            let unit = try Tensor(shape: activation.shape, scalars: mask)
            let gradient = try model.inputGradient(of: x, at: layer) { a in try (a * unit).sum() }
            let input = try Pictures.picture(of: sample)
            let field = ReceptiveField(gradient: gradient.scalars, height: input.height, width: input.width)
            let outlined = try Render.imshow(try field.outline(on: input), normalization: .range(lower: 0, upper: 1))
            let map = try Render.imshow(try FloatImage(values: plane, height: h, width: w), colormap: .viridis)
            return (outlined, map, try topPredictions(model, x, classes: dataset.dataset.classes))
        }
        let (outlined, map, text) = part
        host.write("image \(index), \(layer) channel \(channel): \(text)\n", to: .stdout)
        host.display(outlined.displayBundle, id: nil)
        host.display(map.displayBundle, id: nil)
    }

    /// "top 3: 7 (91.2 %), 1 (4.1 %), 9 (2.0 %)", with class names when the data has them.
    static func topPredictions(_ model: Layer, _ x: Tensor, classes: [String]) throws -> String {
        let scores = try withLearningPhase(.inference) { try model(x) }
        let probabilities = try softmax(scores.reshaped(to: [1, scores.scalarCount])).scalars
        let order = probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }.prefix(3)
        let parts = order.map { i -> String in
            let name = i < classes.count ? classes[i] : String(i)
            return "\(name) (\(String(format: "%.1f", Double(probabilities[i]) * 100)) %)"
        }
        return "top \(parts.count): " + parts.joined(separator: ", ")
    }
}

/// The bounding box of the input pixels whose gradient for a unit is not zero.
struct ReceptiveField {
    var top = Int.max, left = Int.max, bottom = -1, right = -1

    init(gradient: [Float], height: Int, width: Int) {
        let plane = height * width
        guard plane > 0 else { return }
        for (i, g) in gradient.enumerated() where g != 0 {
            let p = i % plane
            top = min(top, p / width); bottom = max(bottom, p / width)
            left = min(left, p % width); right = max(right, p % width)
        }
    }

    var isEmpty: Bool { bottom < 0 }

    /// The input as RGB in 0…1 with the box drawn in red (nothing drawn when it is empty).
    func outline(on image: FloatImage) throws -> FloatImage {
        let (h, w) = (image.height, image.width)
        let lo = image.values.filter(\.isFinite).min() ?? 0, hi = image.values.filter(\.isFinite).max() ?? 1
        let scale = hi > lo ? 1 / (hi - lo) : 1
        var rgb = [Float](repeating: 0, count: 3 * h * w)
        for c in 0..<3 {
            let source = image.channels == 3 ? c : 0
            for i in 0..<(h * w) { rgb[c * h * w + i] = (image.values[source * h * w + i] - lo) * scale }
        }
        if !isEmpty {
            for y in top...bottom {
                for x in left...right where y == top || y == bottom || x == left || x == right {
                    rgb[y * w + x] = 1
                    rgb[h * w + y * w + x] = 0
                    rgb[2 * h * w + y * w + x] = 0
                }
            }
        }
        return try FloatImage(values: rgb, channels: 3, height: h, width: w)
    }
}
