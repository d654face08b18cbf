import Foundation
import XCTest
@testable import StrideEngine

final class DataDatasetTests: XCTestCase {
    /// Ten samples of shape [1, 2, 2] whose values encode their index (sample i holds i*10 + k).
    private func numbered() throws -> Dataset {
        let scalars = (0..<10).flatMap { i in (0..<4).map { Float(i * 10 + $0) } }
        return try Dataset(images: HostTensor(shape: [10, 1, 2, 2], scalars: scalars), labels: (0..<10).map { $0 % 3 })
    }

    func testMembers() throws {
        let data = try numbered()
        XCTAssertEqual(data.count, 10)
        XCTAssertEqual(data.classes, ["0", "1", "2"])
        XCTAssertEqual(data.sampleShape, [1, 2, 2])
        XCTAssertEqual(data.vocabularySize, 0)
        XCTAssertEqual(data.description, "Dataset: 10 samples of [1, 2, 2], 3 classes")
        let sample = try data[7]
        XCTAssertEqual(sample.image, try HostTensor(shape: [1, 2, 2], scalars: [70, 71, 72, 73]))
        XCTAssertEqual(sample.label, 1)
        let prefix = try data.prefix(3)
        XCTAssertEqual(prefix.labels, [0, 1, 2])
        XCTAssertEqual(prefix.images.shape, [3, 1, 2, 2])
        XCTAssertEqual(try data.prefix(50).count, 10)
        XCTAssertEqual(try data.subset([9, 0]).images.scalars, [90, 91, 92, 93, 0, 1, 2, 3])
    }

    func testShuffleSplitAndBatchesAreDeterministicPermutations() throws {
        let data = try numbered()
        let a = data.shuffled(seed: 42), b = data.shuffled(seed: 42), c = data.shuffled(seed: 43)
        XCTAssertEqual(a.images, b.images)
        XCTAssertNotEqual(a.images, c.images)
        // Each sample keeps its label: the first value of sample i is 10 × (its original index).
        for i in 0..<a.count {
            let original = Int(try a[i].image.scalars[0]) / 10
            XCTAssertEqual(try a[i].label, original % 3)
        }
        XCTAssertEqual(Set(a.images.scalars), Set(data.images.scalars))

        let (first, second) = try data.split(fraction: 0.7, seed: 5)
        XCTAssertEqual(first.count, 7)
        XCTAssertEqual(second.count, 3)
        XCTAssertEqual(Set(first.images.scalars + second.images.scalars), Set(data.images.scalars))
        XCTAssertTrue(Set(first.images.scalars).isDisjoint(with: second.images.scalars))
        XCTAssertEqual(try data.split(fraction: 0.7, seed: 5).first.images, first.images)

        let batches = try data.batches(size: 4)
        XCTAssertEqual(batches.count, 3)
        XCTAssertEqual(batches.map(\.labels.count), [4, 4, 2])
        XCTAssertEqual(batches[2].images.shape, [2, 1, 2, 2])
        XCTAssertEqual(batches.flatMap(\.labels), data.labels)
        let shuffled = try data.batches(size: 3, shuffle: true, seed: 9)
        XCTAssertEqual(shuffled.map(\.labels.count), [3, 3, 3, 1])
        XCTAssertEqual(shuffled.flatMap(\.images.scalars), data.shuffled(seed: 9).images.scalars)
        XCTAssertNotEqual(shuffled.flatMap(\.labels), data.labels)
    }

    func testSeededGeneratorMatchesSplitMix64ReferenceValues() {
        // The first outputs of SplitMix64 seeded with 1234567, from the reference C code by
        // Sebastiano Vigna (prng.di.unimi.it/splitmix64.c), also used by Java's SplittableRandom tests.
        var generator = SeededGenerator(seed: UInt64(1234567))
        XCTAssertEqual(generator.next(), 6457827717110365317)
        XCTAssertEqual(generator.next(), 3203168211198807973)
        XCTAssertEqual(generator.next(), 9817491932198370423)
        var permutation = SeededGenerator(seed: 3)
        XCTAssertEqual(permutation.permutation(6).sorted(), Array(0..<6))
        var uniform = SeededGenerator(seed: 8)
        let draws = (0..<10_000).map { _ in uniform.nextInt(below: 3) }
        for k in 0..<3 { XCTAssertEqual(Double(draws.filter { $0 == k }.count) / 10_000, 1.0 / 3, accuracy: 0.03) }
    }

    func testInvalidArgumentsAreErrors() throws {
        let data = try numbered()
        let three = try HostTensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
        DataFixtures.assertError(try data[10], .invalidArgument, "index 10 is out of range for a dataset of 10 samples")
        DataFixtures.assertError(try data[-1], .invalidArgument, "index -1 is out of range for a dataset of 10 samples")
        DataFixtures.assertError(try data.prefix(-2), .invalidArgument, "prefix length must not be negative, but it is -2")
        DataFixtures.assertError(try data.split(fraction: 1.5, seed: 0), .invalidArgument, "split fraction must be between 0 and 1, but it is 1.5")
        DataFixtures.assertError(try data.batches(size: 0), .invalidArgument, "batch size must be positive, but it is 0")
        DataFixtures.assertError(try Dataset(images: three, labels: [0, 1]), .invalidArgument, "3 images (shape [3, 2]) but 2 labels")
        DataFixtures.assertError(try Dataset(images: three, labels: [0, -1, 0]), .invalidArgument,
                                 "labels must be non-negative class indices, but one is -1")
        DataFixtures.assertError(try Dataset(images: three, labels: [0, 1, 2], classes: ["a", "b"]), .invalidArgument,
                                 "label 2 has no class: there are 2 classes")
        DataFixtures.assertError(try HostTensor(shape: [2, 2], scalars: [1]), .invalidArgument, "shape [2, 2] needs 4 values but 1 were given")
    }

    func testCSVWithHeaderTextLabelsShapeAndGzip() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let text = "label,a,b,c,d\r\ncat,0,255,51,102\ndog,1.5,-2,3e1,4\n\n\"cat\",1,2,3,4\n"
        try DataFixtures.write(Array(text.utf8), to: directory + "/pets.csv")
        try DataFixtures.write(try DataFixtures.gzip(Array(text.utf8)), to: directory + "/pets.csv.gz")
        for name in ["pets.csv", "pets.csv.gz"] {
            let data = try Dataset.csv(directory + "/" + name, labelColumn: 0, shape: [1, 2, 2], scale: 0.5)
            XCTAssertEqual(data.classes, ["cat", "dog"])
            XCTAssertEqual(data.labels, [0, 1, 0])
            XCTAssertEqual(data.images.shape, [3, 1, 2, 2])
            XCTAssertEqual(data.images.scalars, [0, 127.5, 25.5, 51, 0.75, -1, 15, 2, 0.5, 1, 1.5, 2])
        }
        try DataFixtures.write(Array("1,2,7\n3,4,2\n".utf8), to: directory + "/numbers.csv")
        let numbers = try Dataset.csv(directory + "/numbers.csv")
        XCTAssertEqual(numbers.labels, [7, 2])
        XCTAssertEqual(numbers.classes.count, 8)
        XCTAssertEqual(numbers.images, try HostTensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
    }

    func testMalformedCSVErrorsNameFileAndLine() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        func check(_ text: String, _ reason: String, kind: DataError.Kind = .malformed, shape: [Int]? = nil, labelColumn: Int = -1, line: UInt = #line) throws {
            let path = directory + "/bad.csv"
            try DataFixtures.write(Array(text.utf8), to: path)
            DataFixtures.assertError(try Dataset.csv(path, labelColumn: labelColumn, shape: shape), kind, "\(path): \(reason)", line: line)
        }
        try check("1,2,3\n4,5\n", "line 2: 2 columns, but the first row has 3")
        try check("1,2,3\n4,x,5\n", "line 2, column 2: 'x' is not a number")
        try check("1,2,3\n", "label column 5 does not exist: the rows have 3 columns", kind: .invalidArgument, labelColumn: 5)
        try check("1,2,3\n", "shape [3] holds 3 values but each row has 2", kind: .invalidArgument, shape: [3])
        try check("1,2,3\n", "shape [-2] has a negative or too large dimension", kind: .invalidArgument, shape: [-2])
        try check("a,b\n", "the file has no data rows")
        try check("1,\"2,3\n", "line 1: a quoted field is not closed")
        try check("1,2,-3\n", "data row 1: label -3 is negative")
        DataFixtures.assertError(try Dataset.csv(directory + "/none.csv"), .notFound, "\(directory)/none.csv: no such file")
    }

    /// IDX files built byte by byte; labels and pixels known by construction.
    func testIDXDatasetAndMismatchedCounts() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let images: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 255, 51, 204]
        let labels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 2, 3, 1]
        try DataFixtures.write(try DataFixtures.gzip(images), to: directory + "/img.gz")
        try DataFixtures.write(labels, to: directory + "/lab")
        let data = try Dataset.idx(images: directory + "/img.gz", labels: directory + "/lab")
        XCTAssertEqual(data.images.shape, [2, 1, 1, 2])
        XCTAssertEqual(data.images.scalars, [0, 1, 0.2, 0.8])
        XCTAssertEqual(data.labels, [3, 1])
        XCTAssertEqual(data.classes, ["0", "1", "2", "3"])
        try DataFixtures.write([0, 0, 8, 1, 0, 0, 0, 3, 3, 1, 1], to: directory + "/lab3")
        DataFixtures.assertError(try Dataset.idx(images: directory + "/img.gz", labels: directory + "/lab3"), .malformed,
                                 "\(directory)/img.gz: 2 images but \(directory)/lab3 has 3 labels")
        try DataFixtures.write(try DataFixtures.gzip(Array(images.dropLast(2))), to: directory + "/short.gz")
        DataFixtures.assertError(try Dataset.idx(images: directory + "/short.gz", labels: directory + "/lab"), .truncated,
                                 "\(directory)/short.gz: IDX dimensions [2, 1, 2] need 20 bytes but the file has 18")
    }

    func testImageFolderDecodesClassesInOrder() throws {
        let data = try Dataset.imageFolder(DataFixtures.path("folder"))
        let expected = try XCTUnwrap(try DataFixtures.json("png_expected.json")["folder"] as? [String: [Int]])
        XCTAssertEqual(data.classes, ["circle", "square"])
        XCTAssertEqual(data.labels, [0, 0, 1, 1, 1])
        XCTAssertEqual(data.images.shape, [5, 1, 4, 4])
        let files = ["circle/0.png", "circle/1.png", "square/0.png", "square/1.png", "square/2.png"]
        for (i, file) in files.enumerated() {
            XCTAssertEqual(try data[i].image.scalars, expected[file]!.map { Float($0) / 255 }, file)
        }
    }

    func testImageFolderRefusesMixedSizesAndEmptyClasses() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let manager = FileManager.default
        for folder in ["a", "b", ".hidden"] { try manager.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true) }
        try manager.copyItem(atPath: DataFixtures.path("png/rgb.png"), toPath: directory + "/a/x.png")
        try manager.copyItem(atPath: DataFixtures.path("png/rgba.png"), toPath: directory + "/b/y.PNG")
        try DataFixtures.write(Array("notes".utf8), to: directory + "/b/readme.txt")
        // rgb.png is 6×4 and rgba.png 5×3: refused, naming the odd file.
        DataFixtures.assertError(try Dataset.imageFolder(directory), .malformed,
                                 "\(directory)/b/y.PNG: the image is 5×3 but \(directory)/a/x.png is 6×4; all images must have one size")
        try manager.removeItem(atPath: directory + "/b/y.PNG")
        DataFixtures.assertError(try Dataset.imageFolder(directory), .malformed, "\(directory)/b: the class folder has no PNG files")
        try manager.copyItem(atPath: DataFixtures.path("png/rgb.png"), toPath: directory + "/b/z.png")
        let color = try Dataset.imageFolder(directory)   // readme.txt and .hidden are ignored
        XCTAssertEqual(color.images.shape, [2, 3, 4, 6])
        XCTAssertEqual(color.classes, ["a", "b"])
        XCTAssertEqual(color.labels, [0, 1])
        DataFixtures.assertError(try Dataset.imageFolder(directory + "/nope"), .notFound, "\(directory)/nope: no such folder")
        DataFixtures.assertError(try Dataset.imageFolder(directory + "/b/z.png"), .invalidArgument,
                                 "\(directory)/b/z.png: is a file, not a folder of class folders")
        try DataFixtures.write([0x89, 0x50, 0x4E, 0x47], to: directory + "/b/broken.png")
        DataFixtures.assertError(try Dataset.imageFolder(directory), .malformed, "\(directory)/b/broken.png: not a PNG file (bad signature)")
    }

    func testImageFolderConvertsGrayToRGBWhenAnyImageHasColor() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let manager = FileManager.default
        for folder in ["color", "gray"] { try manager.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true) }
        try manager.copyItem(atPath: DataFixtures.path("png/small_rgb.png"), toPath: directory + "/color/c.png")
        try manager.copyItem(atPath: DataFixtures.path("folder/circle/0.png"), toPath: directory + "/gray/g.png")
        let data = try Dataset.imageFolder(directory)
        XCTAssertEqual(data.images.shape, [2, 3, 4, 4])
        let expected = try DataFixtures.json("png_expected.json")
        let rgb = try XCTUnwrap((expected["small_rgb.png"] as? [String: Any])?["pixels"] as? [Int])
        let gray = try XCTUnwrap((expected["folder"] as? [String: [Int]])?["circle/0.png"])
        let colorImage = try data[0].image.scalars, grayImage = try data[1].image.scalars
        for p in 0..<16 {
            for c in 0..<3 {
                // Channel planes (CHW) from Pillow's interleaved RGB; gray repeated in every channel.
                XCTAssertEqual(colorImage[c * 16 + p], Float(rgb[3 * p + c]) / 255)
                XCTAssertEqual(grayImage[c * 16 + p], Float(gray[p]) / 255)
            }
        }
    }
}
