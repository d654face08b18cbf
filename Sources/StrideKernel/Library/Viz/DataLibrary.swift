import StrideEngine
import StrideLanguage

/// The datasets of the language: MNIST, Fashion-MNIST, the synthetic sets and the loaders.
enum DataLibrary {
    static func install(into interp: Interpreter) {
        let split = NativeParameter("split", ".train or .test")
        defineDataset(interp, NativeDeclaration(
            "MNIST", [split],
            doc: "The 5,000-image MNIST subset (28×28 digits in [0, 1]): 4,000 training and 1,000 test images; every fifth image is in the test split.")
        ) { a in try Dataset.mnist(split: try DataLibrary.split(a)) }
        defineDataset(interp, NativeDeclaration(
            "FashionMNIST", [split],
            doc: "Fashion-MNIST (28×28 clothing images in [0, 1], ten classes): 60,000 training and 10,000 test images.")
        ) { a in try Dataset.fashionMNIST(split: try DataLibrary.split(a)) }
        defineDataset(interp, NativeDeclaration(
            "Shapes", [.int("count"), .int("size", 28), .int("seed", 0)],
            doc: "Grayscale images of circles, squares, triangles and crosses at random positions and scales; the same seed gives the same images.")
        ) { a in try Dataset.shapes(count: try a.int("count"), size: try a.int("size"), seed: try a.int("seed")) }
        defineDataset(interp, NativeDeclaration(
            "Tones", [.int("count"), .int("length", 128), .int("seed", 0)],
            doc: "1-D signals [1, length] of four waveforms (sine, square, triangle, sawtooth) with random frequency, phase and noise.")
        ) { a in try Dataset.tones(count: try a.int("count"), length: try a.int("length"), seed: try a.int("seed")) }
        defineDataset(interp, NativeDeclaration(
            "Sentences", [.int("count"), .int("length", 12), .int("seed", 0)],
            doc: "Short positive and negative sentences as token ids [length] (0 pads), for Embedding + Conv1D; `vocabularySize` and `texts` tell the words.")
        ) { a in try Dataset.sentences(count: try a.int("count"), length: try a.int("length"), seed: try a.int("seed")) }
        defineDataset(interp, NativeDeclaration(
            "Volumes", [.int("count"), .int("size", 16), .int("seed", 0)],
            doc: "3-D volumes [1, size, size, size] holding a sphere or a cube, for Conv3D.")
        ) { a in try Dataset.volumes(count: try a.int("count"), size: try a.int("size"), seed: try a.int("seed")) }

        let loaders: [String: Value] = [
            "csv": .function(NativeDeclaration(
                "Dataset.csv", [.string("_ path"), .int("labelColumn", -1), .optionalInts("shape"), .double("scale", 1)],
                doc: "Reads a CSV file (gzipped or not): one sample per row, the label in `labelColumn` (-1 is the last), the other values times `scale`, shaped as `shape`.")
                .function { a in
                    let path = try a.string("path"), shape = try a.optionalInts("shape")
                    let labelColumn = try a.int("labelColumn"), scale = try a.float("scale")
                    return .native(DatasetValue(try bridgingErrors {
                        try Dataset.csv(path, labelColumn: labelColumn, shape: shape, scale: scale)
                    }))
                }),
            "idx": .function(NativeDeclaration(
                "Dataset.idx", [.string("images"), .string("labels")],
                doc: "Reads MNIST's IDX files (gzipped or not): byte images scaled to [0, 1] and their labels.")
                .function { a in
                    let images = try a.string("images"), labels = try a.string("labels")
                    return .native(DatasetValue(try bridgingErrors { try Dataset.idx(images: images, labels: labels) }))
                }),
            "imageFolder": .function(NativeDeclaration(
                "Dataset.imageFolder", [.string("_ path")],
                doc: "Reads PNG images from one folder per class (the folder names, sorted, are the classes); values in [0, 1].")
                .function { a in
                    let path = try a.string("path")
                    return .native(DatasetValue(try bridgingErrors { try Dataset.imageFolder(path) }))
                }),
        ]
        interp.defineNativeType(NativeTypeInfo(
            NativeDeclaration("Dataset", [.tensor("images"), .value("labels", "[Int] or Tensor"), .optionalValue("classes", "[String]?")],
                              doc: "Labelled samples: `count`, `classes`, `d[i]` → (image:, label:), `split(fraction:seed:)`, `shuffled(seed:)`, `prefix(_:)`, `batches(size:shuffle:seed:)`, `images`, `labels`."),
            construct: { a in
                let images = try a.tensor("images")
                let labels = try labelList(try a.required("labels"), "Dataset: labels")
                let classes = try a.value("classes").map { try stringList($0, "Dataset: classes") }
                let host = try bridgingErrors { try HostTensor(shape: images.shape, scalars: images.scalars) }
                return .native(DatasetValue(try bridgingErrors { try Dataset(images: host, labels: labels, classes: classes) }))
            },
            staticMember: { name in loaders[name] },
            memberNames: DatasetValue.memberNames,
            staticMemberNames: loaders.keys.sorted(),
            isInstance: { v in if case .native(let n) = v { return n is DatasetValue }; return false }))
    }

    /// A dataset type whose constructor builds an engine Dataset.
    private static func defineDataset(_ interp: Interpreter, _ declaration: NativeDeclaration,
                                      _ make: @escaping (NativeArguments) throws -> Dataset) {
        let name = declaration.name
        interp.defineNativeType(NativeTypeInfo(
            declaration,
            construct: { a in .native(DatasetValue(try bridgingErrors { try make(a) })) },
            memberNames: DatasetValue.memberNames,
            isInstance: { v in
                if case .native(let n) = v, let d = n as? DatasetValue { return d.dataset.name.hasPrefix(name) }
                return false
            }))
    }

    private static func split(_ a: NativeArguments) throws -> DatasetSplit {
        guard a.has("split") else { throw StrideError(.typeError, "\(a.callee): missing argument 'split:' (.train or .test)") }
        return try a.choice("split", ["train", "test"]) == "test" ? .test : .train
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
