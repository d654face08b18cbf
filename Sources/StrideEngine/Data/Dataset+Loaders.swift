extension Dataset {
    /// Reads a CSV file (gzipped or not): one sample per row, the label in `labelColumn`
    /// (negative counts from the end, so -1 is the last column), the other columns the sample's
    /// values multiplied by `scale` and shaped as `shape` (default: a flat vector). A first row
    /// whose feature fields are not numbers is taken as a header. Labels that are whole numbers
    /// are class indices; otherwise the distinct label texts, sorted, become the classes.
    public static func csv(_ path: String, labelColumn: Int = -1, shape: [Int]? = nil, scale: Float = 1) throws -> Dataset {
        // Every value takes two bytes of text at least ("0,") and becomes a 4-byte Float.
        let limit = Inflate.outputLimit / 2
        let bytes = try Inflate.isGzipFile(path) ? Inflate.gunzipFile(path, limit: limit) : PosixFile.readAll(path)
        var columns: Int?
        var label = 0
        var values: [Float] = []
        var rawLabels: [String] = []
        var isFirstRow = true
        try CSVReader(bytes: bytes, path: path).forEachRow { fields, line in
            if columns == nil {
                columns = fields.count
                label = labelColumn < 0 ? fields.count + labelColumn : labelColumn
                guard label >= 0 && label < fields.count else {
                    throw DataError(.invalidArgument, path: path, "label column \(labelColumn) does not exist: the rows have \(fields.count) columns")
                }
                guard fields.count >= 2 else {
                    throw DataError(.malformed, path: path, "line \(line): a row needs a label and at least one value, but it has \(fields.count) column")
                }
            }
            guard fields.count == columns else {
                throw DataError(.malformed, path: path, "line \(line): \(fields.count) columns, but the first row has \(columns!)")
            }
            var row: [Float] = []
            row.reserveCapacity(fields.count - 1)
            for (column, field) in fields.enumerated() where column != label {
                guard let value = CSVReader.number(field) else {
                    if isFirstRow { break }
                    throw DataError(.malformed, path: path, "line \(line), column \(column + 1): '\(CSVReader.text(field))' is not a number")
                }
                row.append(value * scale)
            }
            if isFirstRow && row.count < fields.count - 1 {
                isFirstRow = false   // a header row
                return
            }
            isFirstRow = false
            values.append(contentsOf: row)
            rawLabels.append(CSVReader.text(fields[label]))
        }
        guard let columns, !rawLabels.isEmpty else { throw DataError(.malformed, path: path, "the file has no data rows") }
        let features = columns - 1
        let sample = shape ?? [features]
        guard let sampleCount = HostTensor.elementCount(of: sample) else {
            throw DataError(.invalidArgument, path: path, "shape \(sample) has a negative or too large dimension")
        }
        guard sampleCount == features else {
            throw DataError(.invalidArgument, path: path, "shape \(sample) holds \(sampleCount) values but each row has \(features)")
        }
        let (labels, classes) = try classIndices(rawLabels, path: path)
        let images = HostTensor(validShape: [rawLabels.count] + sample, scalars: values)
        return try Dataset(images: images, labels: labels, classes: classes, name: baseName(path))
    }

    /// Labels as class indices: whole numbers as they are, anything else by sorted distinct text.
    static func classIndices(_ raw: [String], path: String) throws -> ([Int], [String]?) {
        let numeric = raw.map { Int($0) }
        if numeric.allSatisfy({ $0 != nil }) {
            let labels = numeric.map { $0! }
            if let (line, negative) = labels.enumerated().first(where: { $0.1 < 0 }).map({ ($0.0, $0.1) }) {
                throw DataError(.malformed, path: path, "data row \(line + 1): label \(negative) is negative")
            }
            return (labels, nil)
        }
        let classes = Array(Set(raw)).sorted()
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        return (raw.map { index[$0]! }, classes)
    }

    /// Reads an IDX image file (`[N, H, W]` or `[N, C, H, W]`, or `[N, L]` signals) and an IDX
    /// label file, gzipped or not. Byte images are scaled to [0, 1]; a channel axis is added to
    /// `[N, H, W]` images.
    public static func idx(images imagesPath: String, labels labelsPath: String) throws -> Dataset {
        let imageArray = try IDX.read(imagesPath)
        let labelArray = try IDX.read(labelsPath)
        guard labelArray.dimensions.count == 1 else {
            throw DataError(.malformed, path: labelsPath, "a label file has one dimension, but this one has \(labelArray.dimensions)")
        }
        guard let labels = labelArray.integers() else {
            throw DataError(.malformed, path: labelsPath, "labels must be whole numbers")
        }
        guard imageArray.dimensions.count >= 2 else {
            throw DataError(.malformed, path: imagesPath, "an image file has at least two dimensions, but this one has \(imageArray.dimensions)")
        }
        guard imageArray.dimensions[0] == labels.count else {
            throw DataError(.malformed, path: imagesPath, "\(imageArray.dimensions[0]) images but \(labelsPath) has \(labels.count) labels")
        }
        if let negative = labels.first(where: { $0 < 0 }) {
            throw DataError(.malformed, path: labelsPath, "label \(negative) is negative")
        }
        var shape = imageArray.dimensions
        if shape.count == 3 { shape.insert(1, at: 1) }
        let divisor: Float = imageArray.elementType == .uint8 ? 255 : 1
        let images = HostTensor(validShape: shape, scalars: imageArray.scalars(dividedBy: divisor))
        return try Dataset(images: images, labels: labels, name: baseName(imagesPath))
    }

    /// Reads PNG images from a folder with one subfolder per class (the subfolder names, sorted,
    /// are the classes; files not ending in `.png` and hidden entries are ignored). All images
    /// must have the same size. Images are grayscale (`[N, 1, H, W]`) when every image is gray,
    /// otherwise RGB (`[N, 3, H, W]`; gray is repeated, alpha dropped); values are in [0, 1].
    public static func imageFolder(_ path: String) throws -> Dataset {
        guard PosixFile.isDirectory(path) else {
            if PosixFile.isFile(path) { throw DataError(.invalidArgument, path: path, "is a file, not a folder of class folders") }
            throw DataError(.notFound, path: path, "no such folder")
        }
        let classes = try PosixFile.listDirectory(path).filter { !$0.hasPrefix(".") && PosixFile.isDirectory(path + "/" + $0) }
        guard !classes.isEmpty else { throw DataError(.malformed, path: path, "the folder has no class subfolders") }
        var decoded: [(image: PNGImage, label: Int, file: String)] = []
        for (label, name) in classes.enumerated() {
            let folder = path + "/" + name
            let files = try PosixFile.listDirectory(folder).filter { !$0.hasPrefix(".") && $0.lowercased().hasSuffix(".png") }
            guard !files.isEmpty else { throw DataError(.malformed, path: folder, "the class folder has no PNG files") }
            for file in files {
                let filePath = folder + "/" + file
                decoded.append((try PNGDecoder.decode(file: filePath), label, filePath))
            }
        }
        let first = decoded[0]
        for item in decoded where item.image.width != first.image.width || item.image.height != first.image.height {
            throw DataError(.malformed, path: item.file,
                            "the image is \(item.image.width)×\(item.image.height) but \(first.file) is \(first.image.width)×\(first.image.height); all images must have one size")
        }
        let channels = decoded.allSatisfy { $0.image.channels <= 2 } ? 1 : 3
        let (height, width) = (first.image.height, first.image.width)
        let plane = height * width
        try EngineLimits.checkAllocation(scalarCount: decoded.count * channels * plane)
        var scalars = [Float](repeating: 0, count: decoded.count * channels * plane)
        for (n, item) in decoded.enumerated() {
            let image = item.image
            let colorChannels = image.channels <= 2 ? 1 : 3
            for pixel in 0..<plane {
                for c in 0..<channels {
                    let source = pixel * image.channels + min(c, colorChannels - 1)
                    scalars[(n * channels + c) * plane + pixel] = Float(image.pixels[source]) / 255
                }
            }
        }
        let images = HostTensor(validShape: [decoded.count, channels, height, width], scalars: scalars)
        return try Dataset(images: images, labels: decoded.map(\.label), classes: classes, name: baseName(path))
    }

    /// The last component of a path, for dataset names.
    static func baseName(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.split(separator: "/").last.map(String.init) ?? path
    }
}
