import XCTest
@testable import StrideEngine

final class TensorTests: XCTestCase {
    func testConstructionAndProperties() throws {
        let a = try Tensor(nested: [[1, 2], [3, 4]])
        XCTAssertEqual(a.shape, [2, 2])
        XCTAssertEqual(a.rank, 2)
        XCTAssertEqual(a.scalarCount, 4)
        XCTAssertEqual(a.scalars, [1, 2, 3, 4])
        XCTAssertEqual(try Tensor(nested: [[1.5], [2.5]]).shape, [2, 1])
        XCTAssertThrowsError(try Tensor(nested: [[1, 2], [3]]))
        XCTAssertThrowsError(try Tensor(nested: [1, [2]] as [Any]))
        XCTAssertThrowsError(try Tensor(nested: [[1], 2] as [Any]))
        XCTAssertThrowsError(try Tensor(nested: ["a"]))
        XCTAssertEqual(try Tensor(nested: 3.5).shape, [])
        XCTAssertEqual(try Tensor(zeros: [2, 3]).scalars, [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(try Tensor(ones: [3]).scalars, [1, 1, 1])
        XCTAssertThrowsError(try Tensor(shape: [2, 2], scalars: [1, 2, 3]))
    }

    func testSeededRandomRepeatsAndHasRightMoments() throws {
        let a = try Tensor(randomNormal: [10000], seed: 7)
        let b = try Tensor(randomNormal: [10000], seed: 7)
        XCTAssertEqual(a, b)
        XCTAssertEqual(try a.mean().scalarValue(), 0, accuracy: 0.05)
        XCTAssertEqual(try a.variance().scalarValue(), 1, accuracy: 0.05)
        let u = try Tensor(randomUniform: [10000], lowerBound: -1, upperBound: 1, seed: 1)
        XCTAssertGreaterThanOrEqual(try u.min().scalarValue(), -1)
        XCTAssertLessThan(try u.max().scalarValue(), 1)
        XCTAssertEqual(try u.mean().scalarValue(), 0, accuracy: 0.05)
        XCTAssertNotEqual(try Tensor(randomNormal: [4], seed: 8), try Tensor(randomNormal: [4], seed: 7))
    }

    func testSubscriptsAndSlices() throws {
        let a = try Tensor(nested: [[1, 2], [3, 4], [5, 6]])
        XCTAssertEqual(try a[1].scalars, [3, 4])
        XCTAssertEqual(try a[1, 0].scalarValue(), 3)
        XCTAssertEqual(try a[1..<3].scalars, [3, 4, 5, 6])
        XCTAssertThrowsError(try a[3]) { XCTAssertEqual(($0 as? EngineError)?.kind, "IndexError") }
        XCTAssertThrowsError(try a[0..<4])
        XCTAssertThrowsError(try a[0, 0, 0])
    }

    func testBroadcastingArithmetic() throws {
        let a = try Tensor(nested: [[1, 2], [3, 4]])
        XCTAssertEqual(try (a + 1).scalars, [2, 3, 4, 5])
        XCTAssertEqual(try (a * a).scalars, [1, 4, 9, 16])
        XCTAssertEqual(try (a / Tensor([1, 2])).scalars, [1, 1, 3, 2])
        XCTAssertEqual(try (a - Tensor(nested: [[1], [2]])).scalars, [0, 1, 1, 2])
        XCTAssertEqual(try (Tensor(nested: [[1], [2]]) + Tensor([10, 20, 30])).shape, [2, 3])
        XCTAssertEqual(try (2 - a).scalars, [1, 0, -1, -2])
        XCTAssertThrowsError(try a + Tensor([1, 2, 3])) { error in
            let e = error as! EngineError
            XCTAssertEqual(e.kind, "ShapeError")
            XCTAssertTrue(e.message.contains("[2, 2]") && e.message.contains("[3]") && e.message.contains("add"), e.message)
        }
        XCTAssertEqual(try (a .> Tensor(2)).scalars, [0, 0, 1, 1])
    }

    func testMatmulTransposeReshape() throws {
        let a = try Tensor(nested: [[1, 2], [3, 4]])
        XCTAssertEqual(try matmul(a, a).scalars, [7, 10, 15, 22])
        XCTAssertEqual(try a.transposed().scalars, [1, 3, 2, 4])
        XCTAssertEqual(try matmul(Tensor([1, 1]), a).scalars, [4, 6])
        XCTAssertThrowsError(try matmul(a, Tensor(ones: [3, 2]))) { XCTAssertEqual(($0 as? EngineError)?.kind, "ShapeError") }
        let r = try Tensor(randomNormal: [4, 1, 3, 3], seed: 0)
        XCTAssertEqual(try r.reshaped(to: [4, -1]).shape, [4, 9])
        XCTAssertEqual(try r.flattened().shape, [36])
        XCTAssertThrowsError(try r.reshaped(to: [5, -1]))
        let p = try Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Float.init)).permuted([2, 0, 1])
        XCTAssertEqual(p.shape, [4, 2, 3])
        XCTAssertEqual(try p[1, 1, 2].scalarValue(), 1 * 12 + 2 * 4 + 1)
    }

    func testReductions() throws {
        let a = try Tensor(nested: [[1, 5], [3, 2]])
        XCTAssertEqual(try a.sum().scalarValue(), 11)
        XCTAssertEqual(try a.mean(axis: 0).scalars, [2, 3.5])
        XCTAssertEqual(try a.max().scalarValue(), 5)
        XCTAssertEqual(try a.min(axis: 1).scalars, [1, 2])
        XCTAssertEqual(try a.sum(axis: 1, keepDims: true).shape, [2, 1])
        XCTAssertEqual(try a.argmax(axis: 1).scalars, [1, 0])
        XCTAssertEqual(try a.variance().scalarValue(), 2.1875, accuracy: 1e-6)
        XCTAssertThrowsError(try a.sum(axis: 2))
    }

    func testSoftmaxIsStableAndNormalized() throws {
        let x = try Tensor(nested: [[1000, 1001, 1002], [-5, 0, 5]])
        let s = try softmax(x, axis: 1)
        XCTAssertEqual(try s.sum(axis: 1).scalars[0], 1, accuracy: 1e-6)
        XCTAssertEqual(s.scalars[2], 0.66524096, accuracy: 1e-6)   // e²/(1+e+e²)
        let l = try logSoftmax(x, axis: 1)
        XCTAssertEqual(l.scalars[2], -0.40760596, accuracy: 1e-5)
        XCTAssertFalse(l.scalars.contains { $0.isNaN })
    }

    func testConcatAndStack() throws {
        let a = try Tensor(nested: [[1, 2], [3, 4]])
        XCTAssertEqual(try concat([a, a], axis: 0).shape, [4, 2])
        XCTAssertEqual(try concat([a, a], axis: 1).scalars, [1, 2, 1, 2, 3, 4, 3, 4])
        XCTAssertEqual(try Tensor(stacking: [a, a], axis: 0).shape, [2, 2, 2])
        XCTAssertEqual(try Tensor(stacking: [a, a], axis: 2).scalars, [1, 1, 2, 2, 3, 3, 4, 4])
        XCTAssertThrowsError(try concat([a, Tensor(ones: [2, 3])], axis: 0))
    }

    func testMemoryLimitRefusesBeforeAllocation() throws {
        let saved = EngineLimits.maximumTensorBytes
        defer { EngineLimits.maximumTensorBytes = saved }
        EngineLimits.maximumTensorBytes = 1 << 20
        XCTAssertThrowsError(try Tensor(zeros: [1024, 1024])) { error in
            XCTAssertEqual((error as? EngineError)?.kind, "MemoryError")
        }
        XCTAssertNoThrow(try Tensor(zeros: [256, 256]))
        EngineLimits.maximumTensorBytes = saved
        XCTAssertThrowsError(try Tensor(zeros: [1 << 40, 1 << 40])) { XCTAssertEqual(($0 as? EngineError)?.kind, "MemoryError") }
    }

    func testCopyOnWrite() throws {
        let a = try Tensor(ones: [3])
        var b = a
        b.withUnsafeMutableBufferPointer { $0[0] = 5 }
        XCTAssertEqual(a.scalars, [1, 1, 1])
        XCTAssertEqual(b.scalars, [5, 1, 1])
    }
}
