import StrideDisplay
import StrideEngine
import StrideLanguage

/// A labelled dataset as a language value: `count`, `classes`, `d[i]` → `(image:, label:)`,
/// `split`, `shuffled`, `prefix`, `batches`, `images`, `labels`. A notebook shows a grid of
/// samples with their labels.
final class DatasetValue: NativeObject, RichRepresentable {
    let dataset: Dataset
    private var cachedImages: Tensor?
    private var cachedTrainingData: TrainingData?

    init(_ dataset: Dataset) { self.dataset = dataset }

    /// How many samples the grid of a dataset shows.
    static let samplesShown = 24

    static let memberNames = ["count", "classes", "images", "labels", "sampleShape", "name", "vocabularySize",
                              "texts", "split", "shuffled", "prefix", "batches"]

    var typeName: String { "Dataset" }

    var description: String {
        let shape = dataset.sampleShape.map(String.init).joined(separator: "×")
        let vocabulary = dataset.vocabularySize > 0 ? ", vocabulary of \(dataset.vocabularySize) words" : ""
        return "<\(dataset.name): \(dataset.count) samples of \(shape), \(dataset.classes.count) classes\(vocabulary)>"
    }

    /// All samples as one tensor `[N, ...]` (built once).
    var images: Tensor {
        get throws {
            if let cachedImages { return cachedImages }
            let t = try Tensor(shape: dataset.images.shape, scalars: dataset.images.scalars)
            cachedImages = t
            return t
        }
    }

    /// The samples and their labels as the engine trains on them (built once).
    var trainingData: TrainingData {
        get throws {
            if let cachedTrainingData { return cachedTrainingData }
            let labels = try Tensor(shape: [dataset.count], scalars: dataset.labels.map(Float.init))
            let data = try TrainingData(images: images, labels: labels)
            cachedTrainingData = data
            return data
        }
    }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "count": return .int(dataset.count)
        case "classes": return .array(dataset.classes.map { .string($0) })
        case "images": return .tensor(try bridgingErrors { try images })
        case "labels": return .array(dataset.labels.map { .int($0) })
        case "sampleShape": return .array(dataset.sampleShape.map { .int($0) })
        case "name": return .string(dataset.name)
        case "vocabularySize": return .int(dataset.vocabularySize)
        case "texts": return .array(dataset.texts.map { .string($0) })
        case "split":
            return method(name, "func split(fraction: Double, seed: Int = 0) -> (first: Dataset, second: Dataset)",
                          "Two disjoint parts after shuffling by `seed`: `first` holds `fraction` of the samples, `second` the rest.") { call in
                try call.expect(["fraction", "seed"])
                let fraction = try call.double("fraction", default: .nan)
                guard call.argument("fraction") != nil else { throw StrideError(.typeError, "split: missing argument 'fraction:'") }
                let (a, b) = try bridgingErrors { try self.dataset.split(fraction: fraction, seed: try call.int("seed", default: 0)) }
                return .tuple(TupleStorage([.native(DatasetValue(a)), .native(DatasetValue(b))], labels: ["first", "second"]))
            }
        case "shuffled":
            return method(name, "func shuffled(seed: Int = 0) -> Dataset", "The samples in an order drawn from `seed`.") { call in
                try call.expect(["seed"])
                return .native(DatasetValue(self.dataset.shuffled(seed: try call.int("seed", default: 0))))
            }
        case "prefix":
            return method(name, "func prefix(_ count: Int) -> Dataset", "The first `count` samples (all when there are fewer).") { call in
                try call.expect([], unlabelled: 1)
                let n = try call.requiredInt(nil)
                return .native(DatasetValue(try bridgingErrors { try self.dataset.prefix(n) }))
            }
        case "batches":
            return method(name, "func batches(size: Int, shuffle: Bool = false, seed: Int = 0) -> [(images: Tensor, labels: Tensor)]",
                          "The samples in batches of `size` (the last may be smaller), in order or shuffled by `seed`; labels as a Tensor of class indices for the loss functions.") { call in
                try call.expect(["size", "shuffle", "seed"])
                let size = try call.requiredInt("size")
                let batches = try bridgingErrors {
                    try self.dataset.batches(size: size, shuffle: try call.bool("shuffle", default: false),
                                             seed: try call.int("seed", default: 0))
                }
                return .array(try batches.map { batch in
                    let images = try bridgingErrors { try Tensor(shape: batch.images.shape, scalars: batch.images.scalars) }
                    let labels = try bridgingErrors { try Tensor(shape: [batch.labels.count], scalars: batch.labels.map(Float.init)) }
                    return .tuple(TupleStorage([.tensor(images), .tensor(labels)], labels: ["images", "labels"]))
                })
            }
        default:
            throw StrideError(.typeError, "value of type Dataset has no member '\(name)'")
        }
    }

    /// `d[i]` → `(image: Tensor, label: Int)`; `d[a..<b]` → the samples in the range as a Dataset.
    func subscriptGet(_ args: NativeCall) throws -> Value {
        guard args.count == 1, args.arguments[0].label == nil else {
            throw StrideError(.typeError, "a Dataset takes one index: d[i] or d[a..<b]")
        }
        switch args.arguments[0].value {
        case .int(var i):
            if i < 0 { i += dataset.count }   // d[-1] is the last sample, as in Python
            guard i >= 0 && i < dataset.count else {
                throw StrideError(.indexError, "index \(args.arguments[0].value) is out of range for a dataset of \(dataset.count) samples")
            }
            let (image, label) = try bridgingErrors { try dataset[i] }
            let tensor = try bridgingErrors { try Tensor(shape: image.shape, scalars: image.scalars) }
            return .tuple(TupleStorage([.tensor(tensor), .int(label)], labels: ["image", "label"]))
        case .range(let r):
            let lower = r.lower ?? 0
            let upper = r.upper.map { r.closed ? $0 + 1 : $0 } ?? dataset.count
            guard lower >= 0, upper <= dataset.count, lower <= upper else {
                throw StrideError(.indexError, "range \(lower)..<\(upper) is out of range for a dataset of \(dataset.count) samples")
            }
            return .native(DatasetValue(try bridgingErrors { try dataset.subset(Array(lower..<upper)) }))
        case let other:
            throw StrideError(.typeError, "a Dataset index must be an Int or a range, got \(other.typeName)")
        }
    }

    func mimeBundle() -> (data: [String: String], metadata: [String: [String: String]]) {
        do {
            let bundle = try picture()
            return (bundle.data, bundle.metadata)
        } catch {
            return ([MimeType.plainText: description], [:])
        }
    }

    /// A few samples of every class as a grid with their labels; sentences as a table, 1-D
    /// signals as a line chart.
    func picture() throws -> MimeBundle {
        guard dataset.count > 0 else { return MimeBundle(plainText: description) }
        // A table of 12 sentences, a chart of 8 signals, a grid of 24 images.
        let isText = !dataset.texts.isEmpty, isSignal = dataset.sampleShape.count == 2
        let shown = isText ? 12 : isSignal ? 8 : Self.samplesShown
        let indices = Self.sampleIndices(labels: dataset.labels, count: min(shown, dataset.count))
        let title = "\(dataset.name): \(dataset.count) samples, \(dataset.classes.count) classes"
        if isText {
            return sentenceTable(indices, title: title)
        }
        let samples = try indices.map { i -> (Tensor, Int) in
            let (image, label) = try dataset[i]
            return (try Tensor(shape: image.shape, scalars: image.scalars), label)
        }
        if isSignal {
            let series = samples.enumerated().map { k, sample in
                Series(name: "\(indices[k]): \(className(sample.1, dataset.classes))",
                       values: Array(sample.0.scalars.prefix(sample.0.shape.last ?? 0)).map(Double.init))
            }
            var bundle = try Render.lineChart(series, title: title, xLabel: "time step")
            bundle.data[MimeType.plainText] = description
            return bundle
        }
        let pictures = try samples.map { try Pictures.picture(of: $0.0) }
        var bundle = try Render.sampleGrid(images: pictures, labels: samples.map(\.1), classNames: dataset.classes,
                                           title: title, totalCount: dataset.count)
        bundle.data[MimeType.plainText] = description
        return bundle
    }

    /// `count` sample indices, as many of each class as the data allow (the first ones of
    /// each, in class order), so a grid shows every class whether the data are sorted or
    /// shuffled; without labels, evenly spaced samples.
    static func sampleIndices(labels: [Int], count: Int) -> [Int] {
        let classes = Set(labels).sorted()
        guard !classes.isEmpty, count > 0 else { return (0..<count).map { $0 * max(labels.count, 1) / max(count, 1) } }
        var byClass: [Int: [Int]] = [:]
        for (i, label) in labels.enumerated() where byClass[label, default: []].count < count {
            byClass[label, default: []].append(i)
        }
        // Take the samples round by round (each class's first, then each one's second, ...),
        // so every class appears before any has a third; show them grouped by class.
        var quota: [Int: Int] = [:]
        var taken = 0, round = 0
        while taken < count && round < count {
            for c in classes where taken < count && byClass[c]!.count > round {
                quota[c, default: 0] += 1; taken += 1
            }
            round += 1
        }
        return classes.flatMap { c in byClass[c]!.prefix(quota[c] ?? 0) }
    }

    private func sentenceTable(_ indices: [Int], title: String) -> MimeBundle {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        var html = "<table><caption>\(escape(title))</caption><thead><tr><th>#</th><th>text</th><th>label</th></tr></thead><tbody>"
        var text = [description]
        for i in indices {
            let label = className(dataset.labels[i], dataset.classes)
            html += "<tr><td>\(i)</td><td style=\"text-align:left\">\(escape(dataset.texts[i]))</td><td>\(escape(label))</td></tr>"
            text.append("\(i): \(dataset.texts[i]) → \(label)")
        }
        html += "</tbody></table>"
        return MimeBundle(data: [MimeType.html: html, MimeType.plainText: text.joined(separator: "\n")])
    }

    private func method(_ name: String, _ signature: String, _ doc: String,
                        _ body: @escaping (NativeCall) throws -> Value) -> Value {
        .function(Function(native: "Dataset.\(name)", signature: signature, doc: doc, body))
    }
}

/// The name of class `label`, or the number when there is no name.
func className(_ label: Int, _ names: [String]) -> String {
    names.indices.contains(label) ? names[label] : String(label)
}
