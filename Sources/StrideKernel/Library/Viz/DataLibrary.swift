import StrideEngine
import StrideLanguage

/// The datasets of the language: MNIST, Fashion-MNIST, the synthetic sets and the loaders.
enum DataLibrary {
    static func install(into interp: Interpreter) {
        defineDataset(interp, "MNIST", "MNIST(split: .train or .test)",
                      "The 5,000-image MNIST subset (28×28 digits in [0, 1]): 4,000 training and 1,000 test images; every fifth image is in the test split.") { call in
            try call.expect(["split"])
            return try Dataset.mnist(split: try split(call))
        }
        defineDataset(interp, "FashionMNIST", "FashionMNIST(split: .train or .test)",
                      "Fashion-MNIST (28×28 clothing images in [0, 1], ten classes): 60,000 training and 10,000 test images.") { call in
            try call.expect(["split"])
            return try Dataset.fashionMNIST(split: try split(call))
        }
        defineDataset(interp, "Shapes", "Shapes(count: Int, size: Int = 28, seed: Int = 0)",
                      "Grayscale images of circles, squares, triangles and crosses at random positions and scales; the same seed gives the same images.") { call in
            try call.expect(["count", "size", "seed"])
            return try Dataset.shapes(count: try call.requiredInt("count"), size: try call.int("size", default: 28),
                                      seed: try call.int("seed", default: 0))
        }
        defineDataset(interp, "Tones", "Tones(count: Int, length: Int = 128, seed: Int = 0)",
                      "1-D signals [1, length] of four waveforms (sine, square, triangle, sawtooth) with random frequency, phase and noise.") { call in
            try call.expect(["count", "length", "seed"])
            return try Dataset.tones(count: try call.requiredInt("count"), length: try call.int("length", default: 128),
                                     seed: try call.int("seed", default: 0))
        }
        defineDataset(interp, "Sentences", "Sentences(count: Int, length: Int = 12, seed: Int = 0)",
                      "Short positive and negative sentences as token ids [length] (0 pads), for Embedding + Conv1D; `vocabularySize` and `texts` tell the words.") { call in
            try call.expect(["count", "length", "seed"])
            return try Dataset.sentences(count: try call.requiredInt("count"), length: try call.int("length", default: 12),
                                         seed: try call.int("seed", default: 0))
        }
        defineDataset(interp, "Volumes", "Volumes(count: Int, size: Int = 16, seed: Int = 0)",
                      "3-D volumes [1, size, size, size] holding a sphere or a cube, for Conv3D.") { call in
            try call.expect(["count", "size", "seed"])
            return try Dataset.volumes(count: try call.requiredInt("count"), size: try call.int("size", default: 16),
                                       seed: try call.int("seed", default: 0))
        }

        let loaders: [String: Value] = [
            "csv": .function(Function(
                native: "Dataset.csv", signature: "Dataset.csv(_ path: String, labelColumn: Int = -1, shape: [Int]? = nil, scale: Double = 1)",
                doc: "Reads a CSV file (gzipped or not): one sample per row, the label in `labelColumn` (-1 is the last), the other values times `scale`, shaped as `shape`.") { call in
                try call.expect(["labelColumn", "shape", "scale"], unlabelled: 1)
                let path = try call.requiredString(nil)
                let shape = try call.intArray("shape")
                let data = try bridgingErrors {
                    try Dataset.csv(path, labelColumn: try call.int("labelColumn", default: -1), shape: shape,
                                    scale: try call.float("scale", default: 1))
                }
                return .native(DatasetValue(data))
            }),
            "idx": .function(Function(
                native: "Dataset.idx", signature: "Dataset.idx(images: String, labels: String)",
                doc: "Reads MNIST's IDX files (gzipped or not): byte images scaled to [0, 1] and their labels.") { call in
                try call.expect(["images", "labels"])
                let images = try call.requiredString("images"), labels = try call.requiredString("labels")
                return .native(DatasetValue(try bridgingErrors { try Dataset.idx(images: images, labels: labels) }))
            }),
            "imageFolder": .function(Function(
                native: "Dataset.imageFolder", signature: "Dataset.imageFolder(_ path: String)",
                doc: "Reads PNG images from one folder per class (the folder names, sorted, are the classes); values in [0, 1].") { call in
                try call.expect([], unlabelled: 1)
                let path = try call.requiredString(nil)
                return .native(DatasetValue(try bridgingErrors { try Dataset.imageFolder(path) }))
            }),
        ]
        interp.defineNativeType(NativeTypeInfo(
            name: "Dataset",
            doc: "Labelled samples: `count`, `classes`, `d[i]` → (image:, label:), `split(fraction:seed:)`, `shuffled(seed:)`, `prefix(_:)`, `batches(size:shuffle:seed:)`, `images`, `labels`.",
            initSignatures: ["Dataset(images: Tensor, labels: [Int] or Tensor, classes: [String]? = nil)"],
            construct: { call in
                try call.expect(["images", "labels", "classes"])
                let images = try call.tensor("images")
                let labels = try labelList(try call.required("labels"), "Dataset: labels")
                let classes = try call.argument("classes").map { try stringList($0, "Dataset: classes") }
                let host = try bridgingErrors { try HostTensor(shape: images.shape, scalars: images.scalars) }
                return .native(DatasetValue(try bridgingErrors { try Dataset(images: host, labels: labels, classes: classes) }))
            },
            staticMember: { name in loaders[name] },
            memberNames: DatasetValue.memberNames,
            staticMemberNames: loaders.keys.sorted(),
            isInstance: { v in if case .native(let n) = v { return n is DatasetValue }; return false }))
    }

    /// A dataset type whose constructor builds an engine Dataset.
    private static func defineDataset(_ interp: Interpreter, _ name: String, _ signature: String, _ doc: String,
                                      _ make: @escaping (NativeCall) throws -> Dataset) {
        interp.defineNativeType(NativeTypeInfo(
            name: name, doc: doc, initSignatures: [signature],
            construct: { call in .native(DatasetValue(try bridgingErrors { try make(call) })) },
            memberNames: DatasetValue.memberNames,
            isInstance: { v in
                if case .native(let n) = v, let d = n as? DatasetValue { return d.dataset.name.hasPrefix(name) }
                return false
            }))
    }

    private static func split(_ call: NativeCall) throws -> DatasetSplit {
        switch try call.choice("split", ["train", "test"]) {
        case "test": return .test
        case "train": return .train
        default: throw StrideError(.typeError, "\(call.callee): missing argument 'split:' (.train or .test)")
        }
    }
}

/// Class indices from an `[Int]` array or a Tensor of whole numbers.
func labelList(_ v: Value, _ what: String) throws -> [Int] {
    if let t = v.asTensor {
        return try t.scalars.map { x in
            guard x == x.rounded(), x >= 0 else { throw StrideError(.valueError, "\(what) must be class indices (whole numbers ≥ 0), found \(x)") }
            return Int(x)
        }
    }
    guard case .array(let items) = v.unwrappedOptional else {
        throw StrideError(.typeError, "\(what) must be an [Int] or a Tensor, got \(v.typeName)")
    }
    return try items.map { item in
        guard case .int(let i) = item.unwrappedOptional else {
            throw StrideError(.typeError, "\(what) must hold Ints, found \(item.typeName)")
        }
        return i
    }
}

/// Strings from a `[String]` array.
func stringList(_ v: Value, _ what: String) throws -> [String] {
    guard case .array(let items) = v.unwrappedOptional else {
        throw StrideError(.typeError, "\(what) must be a [String], got \(v.typeName)")
    }
    return try items.map { item in
        guard case .string(let s) = item.unwrappedOptional else {
            throw StrideError(.typeError, "\(what) must hold Strings, found \(item.typeName)")
        }
        return s
    }
}
