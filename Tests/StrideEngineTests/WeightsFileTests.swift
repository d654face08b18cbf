import Foundation
import XCTest
@testable import StrideEngine

final class WeightsFileTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("stride-weights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func model() -> Sequential {
        Sequential {
            Conv2D(filters: 3, kernelSize: 3, name: "conv1"); BatchNorm(name: "bn"); ReLU()
            Flatten(); Dense(units: 2, name: "head")
        }
    }

    func testSaveAndLoadRoundTripIntoAFreshModel() throws {
        EngineRandom.seed(3)
        let a = model()
        let x = randn([2, 1, 5, 5], seed: 1)
        _ = try gradient(at: a) { m in try m(x).sum() }   // moves the running statistics
        let path = directory.appendingPathComponent("m.safetensors").path
        try a.save(to: path)
        let b = model()
        try b.load(from: path)
        XCTAssertEqual(try b(x), try a(x))
        XCTAssertEqual(try (b.layer(at: "bn") as! BatchNorm).batchesTracked!.value.scalarValue(), 1)
        let file = try SafeTensors.read(path)
        XCTAssertEqual(file.dtypes["bn.num_batches_tracked"], .int64)
        XCTAssertEqual(file.tensors["conv1.weight"]?.shape, [3, 1, 3, 3])
    }

    func testLoadRefusesWrongShapesAndMissingFiles() throws {
        let path = directory.appendingPathComponent("t.safetensors").path
        try saveTensors(["conv1.weight": try Tensor(zeros: [3, 2, 3, 3])], to: path)
        XCTAssertEqual(try loadTensors(path)["conv1.weight"]?.shape, [3, 2, 3, 3])
        let m = model()
        _ = try m.summary(inputShape: [1, 1, 5, 5])
        let before = m.namedTensors().map(\.tensor)
        XCTAssertThrowsError(try m.load(from: path)) { XCTAssertEqual(($0 as? EngineError)?.kind, "ShapeError") }
        XCTAssertEqual(m.namedTensors().map(\.tensor), before)
        XCTAssertThrowsError(try m.load(from: directory.appendingPathComponent("none.safetensors").path)) {
            XCTAssertEqual(($0 as? EngineError)?.kind, "IOError")
        }
        XCTAssertThrowsError(try model().save(to: path)) { XCTAssertEqual(($0 as? EngineError)?.kind, "ValueError") }
    }
}
