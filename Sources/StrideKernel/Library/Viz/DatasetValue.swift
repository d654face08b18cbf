import StrideDisplay
import StrideEngine
import StrideLanguage

/// A labelled dataset as a language value: `count`, `classes`, `d[i]` → `(image:, label:)`,
/// `split`, `shuffled`, `prefix`, `batches`, `images`, `labels`. A notebook shows a grid of
/// samples with their labels.
final class DatasetValue: RegisteredMembers, RichRepresentable {
    let dataset: Dataset
    private var cachedImages: Tensor?
    private var cachedTrainingData: TrainingData?

    init(_ dataset: Dataset) { self.dataset = dataset }

    /// How many samples the grid of a dataset shows.
    static let samplesShown = 24

    static let registry = MemberRegistry<DatasetValue>(members + ExportMembers.datasetMembers)
    static var memberNames: [String] { (members + ExportMembers.datasetMembers).map(\.declaration.name) }

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

    private typealias Member = MemberRegistry<DatasetValue>.Member

    private static let members: [Member] = [
        .property("count", "Int", doc: "The number of samples.") { .int($0.dataset.count) },
        .property("classes", "[String]", doc: "The class names, by label.") { .array($0.dataset.classes.map { .string($0) }) },
        .property("images", "Tensor", doc: "Every sample as one tensor [N, ...].") { d in .tensor(try bridgingErrors { try d.images }) },
        .property("labels", "[Int]", doc: "Every sample's class index.") { .array($0.dataset.labels.map { .int($0) }) },
        .property("sampleShape", "[Int]", doc: "The shape of one sample.") { .array($0.dataset.sampleShape.map { .int($0) }) },
        .property("name", "String", doc: "The dataset's name.") { .string($0.dataset.name) },
        .property("vocabularySize", "Int", doc: "The number of token ids of a text dataset (0 otherwise).") {
            .int($0.dataset.vocabularySize)
        },
        .property("texts", "[String]", doc: "The sentences of a text dataset.") { .array($0.dataset.texts.map { .string($0) }) },
        method("split", [.double("fraction"), .int("seed", 0)], returns: "(first: Dataset, second: Dataset)",
               "Two disjoint parts after shuffling by `seed`: `first` holds `fraction` of the samples, `second` the rest.") { d, a in
            let fraction = try a.double("fraction"), seed = try a.int("seed")
            let (first, second) = try bridgingErrors { try d.dataset.split(fraction: fraction, seed: seed) }
            return .tuple(TupleStorage([.native(DatasetValue(first)), .native(DatasetValue(second))], labels: ["first", "second"]))
        },
        method("shuffled", [.int("seed", 0)], returns: "Dataset", "The samples in an order drawn from `seed`.") { d, a in
            .native(DatasetValue(d.dataset.shuffled(seed: try a.int("seed"))))
        },
        method("prefix", [.int("_ count")], returns: "Dataset", "The first `count` samples (all when there are fewer).") { d, a in
            let n = try a.int("count")
            return .native(DatasetValue(try bridgingErrors { try d.dataset.prefix(n) }))
        },
        method("batches", [.int("size"), .bool("shuffle", false), .int("seed", 0)], returns: "[(images: Tensor, labels: Tensor)]",
               "The samples in batches of `size` (the last may be smaller), in order or shuffled by `seed`; labels as a Tensor of class indices for the loss functions.") { d, a in
            let size = try a.int("size"), shuffle = try a.bool("shuffle"), seed = try a.int("seed")
            let batches = try bridgingErrors { try d.dataset.batches(size: size, shuffle: shuffle, seed: seed) }
            return .array(try batches.map { batch in
                let images = try bridgingErrors { try Tensor(shape: batch.images.shape, scalars: batch.images.scalars) }
                let labels = try bridgingErrors { try Tensor(shape: [batch.labels.count], scalars: batch.labels.map(Float.init)) }
                return .tuple(TupleStorage([.tensor(images), .tensor(labels)], labels: ["images", "labels"]))
            })
        },
    ]

    private static func method(_ name: String, _ parameters: [NativeParameter], returns: String, _ doc: String,
                               _ body: @escaping (DatasetValue, NativeArguments) throws -> Value) -> Member {
        .method(NativeDeclaration(name, kind: .method, parameters, returns: returns, doc: doc), body)
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
}

/// The name of class `label`, or the number when there is no name.
func className(_ label: Int, _ names: [String]) -> String {
    names.indices.contains(label) ? names[label] : String(label)
}
