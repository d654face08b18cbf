/// A labelled dataset held in memory: samples stacked along the first axis of `images`
/// (NCHW for images, `[N, 1, length]` for signals, `[N, length]` token ids for text) and one
/// class index per sample.
public struct Dataset: Equatable, Sendable, CustomStringConvertible {
    /// All samples, stacked: `images.shape[0] == count`.
    public internal(set) var images: HostTensor
    /// The class index of each sample, in `0..<classes.count`.
    public internal(set) var labels: [Int]
    /// The name of each class, indexed by label.
    public internal(set) var classes: [String]
    /// For text datasets, the word of each token id (id 0 is padding); empty otherwise.
    public internal(set) var vocabulary: [String] = []
    /// For text datasets, the sentence of each sample; empty otherwise.
    public internal(set) var texts: [String] = []
    /// A short description for display, such as "MNIST (train)".
    public var name: String

    /// A dataset of `images` (samples along the first axis) and their `labels`. Without
    /// `classes`, the classes are named "0", "1", … up to the largest label.
    public init(images: HostTensor, labels: [Int], classes: [String]? = nil, name: String = "Dataset") throws {
        guard let first = images.shape.first else {
            throw DataError(.invalidArgument, "images must have a sample axis first, but their shape is [] (a scalar)")
        }
        guard first == labels.count else {
            throw DataError(.invalidArgument, "\(first) images (shape \(images.shape)) but \(labels.count) labels")
        }
        if let negative = labels.first(where: { $0 < 0 }) {
            throw DataError(.invalidArgument, "labels must be non-negative class indices, but one is \(negative)")
        }
        let classNames = try classes ?? Dataset.numberedClasses(upTo: labels.max() ?? 0)
        if let tooLarge = labels.first(where: { $0 >= classNames.count }) {
            throw DataError(.invalidArgument, "label \(tooLarge) has no class: there are \(classNames.count) classes")
        }
        self.images = images
        self.labels = labels
        self.classes = classNames
        self.name = name
    }

    /// The classes "0" through "\(largest)", refused as a `MemoryError` before they are made
    /// when their names would exceed the engine's memory limit (a label of 2000000000 in a
    /// CSV file asks for two billion classes).
    static func numberedClasses(upTo largest: Int) throws -> [String] {
        let what = "a table of the class names 0...\(largest)"
        try EngineLimits.checkAllocation(count: largest == Int.max ? Int.max : largest + 1,
                                         bytesEach: MemoryLayout<String>.stride, what: what)
        return (0...largest).map(String.init)
    }

    /// Builds a text dataset; token ids must lie in `0..<vocabulary.count`.
    init(tokens: HostTensor, labels: [Int], classes: [String], vocabulary: [String], texts: [String], name: String) throws {
        try self.init(images: tokens, labels: labels, classes: classes, name: name)
        self.vocabulary = vocabulary
        self.texts = texts
    }

    /// The number of samples.
    public var count: Int { labels.count }

    /// The shape of one sample, e.g. `[1, 28, 28]`.
    public var sampleShape: [Int] { Array(images.shape.dropFirst()) }

    /// The number of distinct token ids of a text dataset (0 for other datasets).
    public var vocabularySize: Int { vocabulary.count }

    /// The sample at `index` and its label; an index outside `0..<count` is an error.
    public subscript(index: Int) -> (image: HostTensor, label: Int) {
        get throws {
            guard index >= 0 && index < count else {
                throw DataError(.invalidArgument, "index \(index) is out of range for a dataset of \(count) samples")
            }
            let size = sampleSize
            let scalars = Array(images.scalars[(index * size)..<((index + 1) * size)])
            return (HostTensor(validShape: sampleShape, scalars: scalars), labels[index])
        }
    }

    /// The samples at `indices`, in that order, as a new dataset.
    public func subset(_ indices: [Int]) throws -> Dataset {
        if let bad = indices.first(where: { $0 < 0 || $0 >= count }) {
            throw DataError(.invalidArgument, "index \(bad) is out of range for a dataset of \(count) samples")
        }
        return gathering(indices)
    }

    /// The first `length` samples (all of them when `length` ≥ count).
    public func prefix(_ length: Int) throws -> Dataset {
        guard length >= 0 else { throw DataError(.invalidArgument, "prefix length must not be negative, but it is \(length)") }
        return gathering(Array(0..<min(length, count)))
    }

    /// The samples in an order drawn from `seed` (Fisher–Yates with `SeededGenerator`).
    public func shuffled(seed: Int) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        return gathering(generator.permutation(count))
    }

    /// Two disjoint parts after shuffling by `seed`: `first` holds `fraction` of the samples
    /// (rounded to the nearest whole sample), `second` the rest.
    public func split(fraction: Double, seed: Int) throws -> (first: Dataset, second: Dataset) {
        guard fraction >= 0 && fraction <= 1 else {
            throw DataError(.invalidArgument, "split fraction must be between 0 and 1, but it is \(fraction)")
        }
        var generator = SeededGenerator(seed: seed)
        let order = generator.permutation(count)
        let cut = Int((fraction * Double(count)).rounded())
        return (gathering(Array(order[..<cut])), gathering(Array(order[cut...])))
    }

    /// The dataset in batches of `size` samples (the last may be smaller), in order or, with
    /// `shuffle`, in an order drawn from `seed`.
    public func batches(size: Int, shuffle: Bool = false, seed: Int = 0) throws -> DatasetBatches {
        guard size > 0 else { throw DataError(.invalidArgument, "batch size must be positive, but it is \(size)") }
        var order = Array(0..<count)
        if shuffle {
            var generator = SeededGenerator(seed: seed)
            order = generator.permutation(count)
        }
        return DatasetBatches(dataset: self, order: order, batchSize: size)
    }

    /// A one-line summary, e.g. `MNIST (train): 4000 samples of [1, 28, 28], 10 classes`.
    public var description: String {
        var text = "\(name): \(count) samples of \(sampleShape), \(classes.count) classes"
        if !vocabulary.isEmpty { text += ", vocabulary of \(vocabularySize)" }
        return text
    }

    /// The number of values in one sample.
    var sampleSize: Int { sampleShape.reduce(1, *) }

    /// The samples at `indices` (already validated) as a new dataset with the same classes.
    func gathering(_ indices: [Int]) -> Dataset {
        let size = sampleSize
        var scalars = [Float](repeating: 0, count: indices.count * size)
        images.scalars.withUnsafeBufferPointer { source in
            scalars.withUnsafeMutableBufferPointer { target in
                for (row, index) in indices.enumerated() where size > 0 {
                    let from = source.baseAddress! + index * size
                    (target.baseAddress! + row * size).update(from: from, count: size)
                }
            }
        }
        var result = self
        result.images = HostTensor(validShape: [indices.count] + sampleShape, scalars: scalars)
        result.labels = indices.map { labels[$0] }
        if !texts.isEmpty { result.texts = indices.map { texts[$0] } }
        return result
    }
}

/// The batches of a dataset, each built when it is accessed.
public struct DatasetBatches: RandomAccessCollection, Sendable {
    let dataset: Dataset
    let order: [Int]
    /// The number of samples in each batch but possibly the last.
    public let batchSize: Int

    /// The index of the first batch.
    public var startIndex: Int { 0 }
    /// One past the index of the last batch.
    public var endIndex: Int { (order.count + batchSize - 1) / batchSize }

    /// The images (`[B, ...sample shape]`) and labels of batch `position`.
    public subscript(position: Int) -> (images: HostTensor, labels: [Int]) {
        let start = position * batchSize
        let part = dataset.gathering(Array(order[start..<Swift.min(start + batchSize, order.count)]))
        return (part.images, part.labels)
    }
}
