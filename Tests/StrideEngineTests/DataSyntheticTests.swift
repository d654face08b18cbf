import XCTest
@testable import StrideEngine

final class DataSyntheticTests: XCTestCase {
    /// The accuracy of a 1-nearest-neighbour classifier (squared Euclidean distance on the given
    /// features) trained on `train` and scored on `test`: a model-free check that a set is learnable.
    private func nearestNeighbourAccuracy(_ train: [[Float]], _ trainLabels: [Int], _ test: [[Float]], _ testLabels: [Int]) -> Double {
        var correct = 0
        for (x, label) in zip(test, testLabels) {
            var best = Float.infinity, bestLabel = -1
            for (y, candidate) in zip(train, trainLabels) {
                var distance: Float = 0
                for k in 0..<x.count { let d = x[k] - y[k]; distance += d * d }
                if distance < best { best = distance; bestLabel = candidate }
            }
            if bestLabel == label { correct += 1 }
        }
        return Double(correct) / Double(test.count)
    }

    private func samples(_ data: Dataset) throws -> [[Float]] {
        try (0..<data.count).map { try data[$0].image.scalars }
    }

    private func assertBalanced(_ data: Dataset, file: StaticString = #filePath, line: UInt = #line) {
        let per = data.count / data.classes.count
        for k in data.classes.indices { XCTAssertEqual(data.labels.filter { $0 == k }.count, per, file: file, line: line) }
    }

    func testShapesAreDeterministicBalancedAndLearnable() throws {
        let data = try Dataset.shapes(count: 400, size: 20, seed: 1)
        XCTAssertEqual(data.images.shape, [400, 1, 20, 20])
        XCTAssertEqual(data.classes, ["circle", "square", "triangle", "cross"])
        assertBalanced(data)
        XCTAssertEqual(try Dataset.shapes(count: 400, size: 20, seed: 1).images, data.images)
        XCTAssertNotEqual(try Dataset.shapes(count: 400, size: 20, seed: 2).images, data.images)
        XCTAssertGreaterThanOrEqual(data.images.scalars.min()!, 0)
        XCTAssertLessThanOrEqual(data.images.scalars.max()!, 1)
        // Shapes are neither empty nor filling the image: between 5% and 60% of pixels are bright.
        for i in 0..<data.count {
            let bright = try data[i].image.scalars.filter { $0 > 0.5 }.count
            XCTAssertGreaterThan(bright, 20)
            XCTAssertLessThan(bright, 240)
        }
        let train = data, test = try Dataset.shapes(count: 100, size: 20, seed: 99)
        let accuracy = nearestNeighbourAccuracy(try samples(train), train.labels, try samples(test), test.labels)
        XCTAssertGreaterThan(accuracy, 0.5, "chance is 0.25")
        XCTAssertEqual(try Dataset.shapes(count: 0).count, 0)
        DataFixtures.assertError(try Dataset.shapes(count: 4, size: 4), .invalidArgument, "size must be between 8 and 1024, but it is 4")
        DataFixtures.assertError(try Dataset.shapes(count: -1), .invalidArgument, "count must not be negative, but it is -1")
    }

    func testTonesAreDeterministicBalancedAndLearnable() throws {
        let data = try Dataset.tones(count: 400, length: 64, seed: 3)
        XCTAssertEqual(data.images.shape, [400, 1, 64])
        XCTAssertEqual(data.classes, ["sine", "square", "triangle", "sawtooth"])
        assertBalanced(data)
        XCTAssertEqual(try Dataset.tones(count: 400, length: 64, seed: 3).images, data.images)
        XCTAssertNotEqual(try Dataset.tones(count: 400, length: 64, seed: 4).images, data.images)
        // The waveforms differ in shape, not in phase: sorted values (the amplitude distribution)
        // separate them without any learning of time shifts.
        func profile(_ d: Dataset) throws -> [[Float]] { try samples(d).map { $0.sorted() } }
        let test = try Dataset.tones(count: 100, length: 64, seed: 77)
        let accuracy = nearestNeighbourAccuracy(try profile(data), data.labels, try profile(test), test.labels)
        XCTAssertGreaterThan(accuracy, 0.6, "chance is 0.25")
        DataFixtures.assertError(try Dataset.tones(count: 1, length: 8), .invalidArgument, "length must be between 16 and 1048576, but it is 8")
    }

    func testSentencesAreDeterministicBalancedAndLearnable() throws {
        let data = try Dataset.sentences(count: 300, seed: 5)
        XCTAssertEqual(data.images.shape, [300, 12])
        XCTAssertEqual(data.classes, ["negative", "positive"])
        assertBalanced(data)
        XCTAssertEqual(data.vocabulary.prefix(2), ["<pad>", "<unk>"])
        XCTAssertEqual(data.vocabularySize, data.vocabulary.count)
        XCTAssertEqual(data.description, "Sentences: 300 samples of [12], 2 classes, vocabulary of \(data.vocabularySize)")
        XCTAssertEqual(Set(data.vocabulary).count, data.vocabularySize)
        XCTAssertEqual(try Dataset.sentences(count: 300, seed: 5).texts, data.texts)
        XCTAssertNotEqual(try Dataset.sentences(count: 300, seed: 6).texts, data.texts)
        // Token ids decode back to the text, and padding follows the words.
        for i in 0..<data.count {
            let ids = try data[i].image.scalars.map { Int($0) }
            let words = ids.filter { $0 != 0 }.map { data.vocabulary[$0] }
            XCTAssertEqual(words.joined(separator: " "), data.texts[i])
            XCTAssertEqual(ids, try data.encode(data.texts[i]))
            XCTAssertTrue(ids.allSatisfy { $0 >= 0 && $0 < data.vocabularySize })
        }
        XCTAssertEqual(try data.encode("What a GREAT zebra"), [data.vocabulary.firstIndex(of: "what")!, data.vocabulary.firstIndex(of: "a")!,
                                                              data.vocabulary.firstIndex(of: "great")!, 1] + Array(repeating: 0, count: 8))
        // A bag of words with bigrams (so "not bad" differs from "bad") classifies held-out
        // sentences by nearest neighbour.
        func features(_ d: Dataset) throws -> [[Float]] {
            let v = d.vocabularySize
            return try (0..<d.count).map { i in
                let ids = try d[i].image.scalars.map { Int($0) }
                var f = [Float](repeating: 0, count: v + v * v)
                for (j, id) in ids.enumerated() where id != 0 {
                    f[id] += 1
                    if j + 1 < ids.count, ids[j + 1] != 0 { f[v + id * v + ids[j + 1]] += 1 }
                }
                return f
            }
        }
        let test = try Dataset.sentences(count: 100, seed: 50)
        XCTAssertGreaterThan(nearestNeighbourAccuracy(try features(data), data.labels, try features(test), test.labels), 0.75, "chance is 0.5")
        DataFixtures.assertError(try Dataset.shapes(count: 2).encode("hello"), .invalidArgument, "Shapes is not a text dataset, so it cannot encode text")
        DataFixtures.assertError(try Dataset.sentences(count: 2, length: 3), .invalidArgument, "length must be between 8 and 4096, but it is 3")
    }

    func testVolumesAreDeterministicBalancedAndLearnable() throws {
        let data = try Dataset.volumes(count: 200, size: 10, seed: 7)
        XCTAssertEqual(data.images.shape, [200, 1, 10, 10, 10])
        XCTAssertEqual(data.classes, ["sphere", "cube"])
        assertBalanced(data)
        XCTAssertEqual(try Dataset.volumes(count: 200, size: 10, seed: 7).images, data.images)
        XCTAssertNotEqual(try Dataset.volumes(count: 200, size: 10, seed: 8).images, data.images)
        XCTAssertGreaterThanOrEqual(data.images.scalars.min()!, 0)
        XCTAssertLessThanOrEqual(data.images.scalars.max()!, 1)
        let test = try Dataset.volumes(count: 60, size: 10, seed: 70)
        XCTAssertGreaterThan(nearestNeighbourAccuracy(try samples(data), data.labels, try samples(test), test.labels), 0.6, "chance is 0.5")
        DataFixtures.assertError(try Dataset.volumes(count: 1, size: 3), .invalidArgument, "size must be between 6 and 256, but it is 3")
    }
}
