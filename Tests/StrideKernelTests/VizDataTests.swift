import Foundation
import StrideLanguage
import XCTest
@testable import StrideKernel

final class VizDataTests: XCTestCase {
    func testDatasetMembers() {
        let h = VizHarness()
        let out = h.output("""
        let data = Shapes(count: 40, size: 12, seed: 4)
        print(data.count, data.classes, data.images.shape, data.labels[0..<5])
        let sample = data[1]
        print(sample.image.shape, sample.label, data[-1].label)
        let (a, b) = data.split(fraction: 0.75, seed: 1)
        print(a.count, b.count, data.prefix(7).count, data.shuffled(seed: 2).count, data[10..<15].count)
        let batches = data.batches(size: 16)
        print(batches.count, batches[2].images.shape, batches[2].labels.shape)
        """)
        XCTAssertEqual(out, """
        40 ["circle", "square", "triangle", "cross"] [40, 1, 12, 12] [0, 1, 2, 3, 0]
        [1, 12, 12] 1 3
        30 10 7 40 5
        3 [8, 1, 12, 12] [8]

        """)
    }

    func testSyntheticSetsAndTheirShapes() {
        let h = VizHarness()
        let out = h.output("""
        let tones = Tones(count: 8, length: 64, seed: 1)
        let sentences = Sentences(count: 6, seed: 1)
        let volumes = Volumes(count: 4, size: 8, seed: 1)
        print(tones.images.shape, tones.classes.count, sentences.images.shape, sentences.vocabularySize > 10, volumes.images.shape)
        """)
        XCTAssertEqual(out, "[8, 1, 64] 4 [6, 12] true [4, 1, 8, 8, 8]\n")
        // Each shows as a picture: a line chart of signals, a table of sentences, a grid of slices.
        assertWellFormedXML(h.result("tones")?.string("image/svg+xml") ?? "")
        XCTAssertTrue(h.result("sentences")?.string("text/html")?.contains("<table>") == true)
        assertWellFormedXML(h.result("volumes")?.string("image/svg+xml") ?? "")
        // Both classes of sentences are in the table, and every waveform is in the chart.
        let table = h.result("Sentences(count: 200, seed: 2)")?.string("text/plain") ?? ""
        XCTAssertTrue(table.contains("→ positive") && table.contains("→ negative"), table)
        let chart = h.result("Tones(count: 40, length: 32, seed: 2)")?.string("image/svg+xml") ?? ""
        for waveform in ["sine", "square", "triangle", "sawtooth"] { XCTAssertTrue(chart.contains(waveform), waveform) }
    }

    func testShowingADatasetIsAGridOfLabelledSamples() {
        let h = VizHarness()
        guard let bundle = h.result("Shapes(count: 40, size: 12, seed: 4)") else { return }
        let svg = bundle.string("image/svg+xml") ?? ""
        assertWellFormedXML(svg)
        XCTAssertTrue(svg.contains(">triangle</text>"))
        XCTAssertEqual(bundle.string("text/plain"), "<Shapes: 40 samples of 1×12×12, 4 classes>")
    }

    func testAGridShowsEveryClassWhetherTheDataAreSortedOrShuffled() {
        // Sorted: 100 of class 0, then 100 of class 1, 2 and 3; 10 shown → 3, 3, 2, 2.
        let sorted = (0..<400).map { $0 / 100 }
        XCTAssertEqual(DatasetValue.sampleIndices(labels: sorted, count: 10), [0, 1, 2, 100, 101, 102, 200, 201, 300, 301])
        // Shuffled: the first samples of each class, grouped by class.
        let shuffled = [2, 0, 2, 1, 1, 0, 2, 1, 0, 0]
        XCTAssertEqual(DatasetValue.sampleIndices(labels: shuffled, count: 5), [1, 5, 3, 4, 0])
        // A class with fewer samples than its share leaves room for the others.
        XCTAssertEqual(DatasetValue.sampleIndices(labels: [0, 0, 0, 0, 1], count: 4), [0, 1, 2, 4])
        XCTAssertEqual(DatasetValue.sampleIndices(labels: [], count: 3), [0, 0, 0])
    }

    func testMNISTAndFashionMNISTAreFoundWithoutAPath() {
        let h = VizHarness()
        let out = h.output("""
        let train = MNIST(split: .train)
        let test = MNIST(split: .test)
        print(train.count, test.count, train.images.shape, test.classes.count)
        print(FashionMNIST(split: .test).count)
        """)
        XCTAssertEqual(out, "4000 1000 [4000, 1, 28, 28] 10\n10000\n")
    }

    func testDatasetFromTensors() {
        let h = VizHarness()
        let out = h.output("""
        let d = Dataset(images: Tensor(zeros: [3, 1, 4, 4]), labels: [0, 2, 1], classes: ["a", "b", "c"])
        print(d.count, d.classes, d[1].label)
        """)
        XCTAssertEqual(out, "3 [\"a\", \"b\", \"c\"] 2\n")
        let f = h.failure("Dataset(images: Tensor(zeros: [3, 1, 4, 4]), labels: [0, 1])")
        XCTAssertEqual(f?.name, "ValueError")
    }

    func testBadFilesAreIOErrorsNamingTheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("viz-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("missing.csv").path
        let truncated = dir.appendingPathComponent("images.idx").path
        // An IDX header announcing 10 images of 28×28 bytes, followed by only 5 bytes.
        try Data([0, 0, 8, 3, 0, 0, 0, 10, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3, 4, 5]).write(to: URL(fileURLWithPath: truncated))
        let h = VizHarness()
        for (source, path) in [("Dataset.csv(\"\(missing)\")", missing),
                               ("Dataset.idx(images: \"\(truncated)\", labels: \"\(truncated)\")", truncated),
                               ("Dataset.imageFolder(\"\(dir.path)/nothing\")", dir.path + "/nothing")] {
            let f = h.failure(source)
            XCTAssertEqual(f?.name, "IOError", source)
            XCTAssertTrue(f?.value.contains(path) == true, f?.value ?? "")
        }
    }

    func testIndexOutOfRangeIsAnIndexError() {
        let h = VizHarness()
        XCTAssertEqual(h.failure("Shapes(count: 4, size: 8)[4]")?.name, "IndexError")
        XCTAssertEqual(h.failure("MNIST(split: .validation)")?.name, "ValueError")
    }
}
