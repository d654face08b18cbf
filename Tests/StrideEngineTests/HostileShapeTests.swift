import XCTest
@testable import StrideEngine

/// Sizes that a hostile or mistaken user gives the engine: products that overflow, windows
/// larger than any input, inputs with no scalars. Each is a clean error of the right kind or
/// the value PyTorch gives, never a trap, stale memory or a loop that does not end.
final class HostileShapeTests: XCTestCase {
    private func assertKind<T>(_ kind: String, _ body: @autoclosure () throws -> T, _ fragment: String = "",
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            let engine = error as? EngineError
            XCTAssertEqual(engine?.kind, kind, "\(error)", file: file, line: line)
            XCTAssertTrue(fragment.isEmpty || engine?.message.contains(fragment) == true, "\(error)", file: file, line: line)
        }
    }

    func testReshapeWhoseProductWrapsIsAShapeError() throws {
        let t = Tensor([1, 2, 3, 4])
        // 5 × 3689348814741910324 wraps to 4 in 64 bits.
        assertKind("ShapeError", try t.reshaped(to: [5, 3689348814741910324]), "[4] and [5, 3689348814741910324]")
        assertKind("ShapeError", try t.reshaped(to: [-1, 3689348814741910324, 5]))
        assertKind("ShapeError", try t.reshaped(to: [3689348814741910324, -1, 5]))
        XCTAssertEqual(try t.reshaped(to: [2, -1]).shape, [2, 2])
    }

    func testZeroSizeShapesKeepTheirOtherDimensionsCountable() throws {
        // No scalars, but a row of 2^62 × 4 would overflow every stride computed from it.
        assertKind("ShapeError", try Tensor(zeros: [0, 4611686018427387904, 4]), "overflows")
        assertKind("ShapeError", try Tensor(zeros: [0, 4]).reshaped(to: [0, 4611686018427387904, 4]))
        XCTAssertEqual(try Tensor(zeros: [0, 1 << 20, 1 << 20]).scalarCount, 0)
        XCTAssertNil(HostTensor.elementCount(of: [0, 1 << 40, 1 << 40]))
    }

    func testMatmulOfAWrappedShapeCannotHappen() throws {
        // The shape that used to wrap is refused before matmul could read past the 4 scalars.
        assertKind("ShapeError", try matmul(Tensor([1, 2, 3, 4]).reshaped(to: [3689348814741910324, 5]), Tensor(ones: [5, 1])))
        // A rank-4 operand goes through reshape's -1 form, which checks the same way.
        let a = try Tensor(ones: [2, 1, 3, 4]), b = try Tensor(ones: [4, 2])
        XCTAssertEqual(try matmul(a, b).shape, [2, 1, 3, 2])
        XCTAssertEqual(try matmul(a, b).scalars, [Float](repeating: 4, count: 12))
    }

    func testDenseOnInputsWithNoFeaturesGivesTheBias() throws {
        // An empty dot product is 0, so each of the 3 rows is the bias (PyTorch's F.linear agrees).
        let bias = Tensor([1, 2, 3, 4])
        let y = try linear(Tensor(zeros: [3, 0]), weight: Tensor(zeros: [4, 0]), bias: bias)
        XCTAssertEqual(y.shape, [3, 4])
        XCTAssertEqual(y.scalars, [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4])
        let dense = Dense(units: 64)
        let out = try dense(Tensor(zeros: [64, 0]))
        XCTAssertEqual(out.shape, [64, 64])
        XCTAssertEqual(out.scalars, [Float](repeating: 0, count: 64 * 64), "zeros from the zero bias, not stale memory")
    }

    func testConvolutionWithAnOverflowingDilationIsRefused() throws {
        // PyTorch: "Kernel size can't be greater than actual input size" for this one.
        let x = try Tensor(ones: [1, 1, 5, 5]), w = try Tensor(ones: [1, 1, 3, 3])
        assertKind("ShapeError", try conv2d(x, filter: w, padding: .explicit([2]), dilation: Int.max), "smaller than the window")
        assertKind("ShapeError", try conv2d(x, filter: w, padding: .same, dilation: Int.max))
        assertKind("ValueError", try conv2d(x, filter: w, padding: .explicit([Int.max])), "padding")
        assertKind("ShapeError", try conv2d(x, filter: w, stride: Int.max, padding: .explicit([1]), dilation: 1 << 62))
        XCTAssertEqual(try conv2d(x, filter: w, stride: Int.max, padding: .same).shape, [1, 1, 1, 1])
        assertKind("ValueError", try conv2d(x, filter: w, groups: Int.max))
    }

    func testTransposedConvolutionWithHugeSizesIsRefused() throws {
        let x = try Tensor(ones: [1, 1, 3, 3]), w = try Tensor(ones: [1, 1, 2, 2])
        assertKind("ShapeError", try transposedConv2d(x, filter: w, stride: Int.max), "too large to count")
        assertKind("ShapeError", try transposedConv2d(x, filter: w, stride: 1 << 62, padding: .same))
        assertKind("ShapeError", try transposedConv2d(x, filter: w, dilation: Int.max))
        XCTAssertEqual(try transposedConv2d(x, filter: w, stride: 2).shape, [1, 1, 6, 6])
    }

    func testConvolutionLayersWithAHugeKernelAreAMemoryError() throws {
        assertKind("MemoryError", try Conv2D(filters: 1, kernelSize: 4611686018427387904)(Tensor(ones: [1, 1, 5, 5])))
        assertKind("MemoryError", try ConvTranspose2D(filters: 1, kernelSize: 4611686018427387904)(Tensor(ones: [1, 1, 5, 5])))
    }

    func testPoolsWithAWindowOfTwoToTheSixtySecond() throws {
        let huge = 4611686018427387904
        let x = try Tensor(randomNormal: [1, 2, 5, 5], seed: 3)
        assertKind("ShapeError", try maxPool2d(x, size: huge), "smaller than the window")
        assertKind("ShapeError", try avgPool2d(x, size: huge, stride: 1))
        // With .same padding the one window covers the whole plane (TensorFlow's rule), so the
        // result is each plane's maximum and mean, computed here without the engine.
        let planes = [Array(x.scalars[0..<25]), Array(x.scalars[25..<50])]
        let maxima = try maxPool2d(x, size: huge, padding: .same)
        XCTAssertEqual(maxima.shape, [1, 2, 1, 1])
        XCTAssertEqual(maxima.scalars, planes.map { $0.max()! })
        let means = try avgPool2d(x, size: huge, padding: .same)
        for (value, plane) in zip(means.scalars, planes) {
            XCTAssertEqual(value, plane.reduce(0, +) / 25, accuracy: 1e-5)
        }
        // Stride 1 keeps every position; each window is still the whole plane.
        let strided = try maxPool(x, size: [huge], stride: [1], padding: .same)
        XCTAssertEqual(strided.shape, [1, 2, 5, 5])
        XCTAssertEqual(strided.scalars, planes.flatMap { plane in [Float](repeating: plane.max()!, count: 25) })
        // The gradient of a whole-plane mean spreads 1/25 to every input.
        let g = try gradient(at: x) { x in try avgPool2d(x, size: huge, padding: .same).sum() }
        XCTAssertEqual(g.scalars.count, 50)
        for v in g.scalars { XCTAssertEqual(v, 1 / 25, accuracy: 1e-6) }
    }

    func testPoolsWithExplicitPaddingCountTheBorderAsPyTorchDoes() throws {
        // avg_pool2d(ones(1,1,3,3), 2, stride=2, padding=1, count_include_pad=True): every
        // window holds 4 positions and 1 input (corners: 1/4), as the padded border counts.
        let x = try Tensor(ones: [1, 1, 3, 3])
        let y = try avgPool(x, size: [2], stride: [2], padding: .explicit([1]))
        XCTAssertEqual(y.shape, [1, 1, 2, 2])
        XCTAssertEqual(y.scalars, [0.25, 0.5, 0.5, 1])
    }

    func testLargePoolsStopWhenAsked() throws {
        // Each output of a stride-1 whole-plane window reads the whole plane: 64² × 64² reads
        // per plane, so the pool polls many times and stops at the first poll that says stop.
        let x = try Tensor(randomNormal: [1, 4, 64, 64], seed: 4)
        let pools: [() throws -> Tensor] = [{ try maxPool(x, size: [1 << 40], stride: [1], padding: .same) },
                                            { try avgPool(x, size: [1 << 40], stride: [1], padding: .same) }]
        for pool in pools {
            let check = CancellationTests.CountingCheck(after: 2)
            XCTAssertThrowsError(try EngineCancellation.whileRunning(check: { check() }) { try pool() }) { error in
                XCTAssertEqual((error as? EngineError)?.kind, "Interrupted")
            }
            XCTAssertGreaterThanOrEqual(check.calls, 2)
        }
    }
}
