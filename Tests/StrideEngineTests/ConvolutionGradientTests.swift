import XCTest
@testable import StrideEngine

/// Finite-difference checks of every convolution and pooling kernel's gradients.
final class ConvolutionGradientTests: XCTestCase {
    func testConv2dGradients() {
        let x = randn([2, 3, 6, 5], seed: 1)
        checkGradient([x, randn([4, 3, 3, 3], seed: 2), randn([4], seed: 3)]) {
            try conv2d($0[0], filter: $0[1], bias: $0[2])
        }
        checkGradient([x, randn([4, 3, 3, 2], seed: 4)]) { try conv2d($0[0], filter: $0[1], stride: 2, padding: .same) }
        checkGradient([x, randn([2, 3, 3, 3], seed: 5)]) { try conv2d($0[0], filter: $0[1], padding: .explicit([1]), dilation: 2) }
        checkGradient([randn([2, 4, 5, 5], seed: 6), randn([4, 2, 3, 3], seed: 7)]) {
            try conv2d($0[0], filter: $0[1], stride: 2, padding: .explicit([1]), groups: 2)
        }
        checkGradient([randn([1, 3, 5, 5], seed: 8), randn([3, 1, 3, 3], seed: 9)]) {
            try conv2d($0[0], filter: $0[1], padding: .same, groups: 3)
        }
    }

    func testConv1dAndConv3dGradients() {
        checkGradient([randn([2, 3, 9], seed: 10), randn([2, 3, 3], seed: 11), randn([2], seed: 12)]) {
            try conv1d($0[0], filter: $0[1], bias: $0[2], stride: 2, padding: .same)
        }
        checkGradient([randn([1, 2, 4, 4, 4], seed: 13), randn([2, 2, 2, 3, 2], seed: 14)]) {
            try conv3d($0[0], filter: $0[1], padding: .same)
        }
    }

    func testTransposedConvGradients() {
        checkGradient([randn([2, 3, 3, 4], seed: 15), randn([3, 2, 3, 3], seed: 16), randn([2], seed: 17)]) {
            try transposedConv2d($0[0], filter: $0[1], bias: $0[2], stride: 2, padding: .explicit([1]), outputPadding: 1)
        }
        checkGradient([randn([1, 2, 3, 3], seed: 18), randn([2, 2, 3, 3], seed: 19)]) {
            try transposedConv2d($0[0], filter: $0[1], stride: 2, padding: .same)
        }
    }

    func testPoolingGradients() {
        let x = randn([2, 2, 6, 5], seed: 20)
        checkGradient([x]) { try maxPool2d($0[0], size: 2) }
        checkGradient([x]) { try maxPool2d($0[0], size: 3, stride: 1, padding: .same) }
        checkGradient([x]) { try avgPool2d($0[0], size: 2, stride: 2) }
        checkGradient([x]) { try avgPool2d($0[0], size: 3, stride: 2, padding: .explicit([1])) }
        checkGradient([x]) { try avgPool2d($0[0], size: 3, stride: 1, padding: .same) }
        checkGradient([randn([2, 3, 8], seed: 21)]) { try maxPool1d($0[0], size: 2) }
        checkGradient([randn([2, 3, 8], seed: 22)]) { try avgPool1d($0[0], size: 3, stride: 2) }
        checkGradient([randn([1, 2, 4, 4, 4], seed: 23)], epsilon: 1e-3) { try maxPool3d($0[0], size: 2) }
        checkGradient([randn([1, 2, 4, 4, 4], seed: 24)]) { try avgPool3d($0[0], size: 2) }
        checkGradient([x]) { try globalAvgPool2d($0[0]) }
        checkGradient([x]) { try globalMaxPool2d($0[0]) }
        checkGradient([randn([1, 2, 3, 2], seed: 25)]) { try upsample2d($0[0], scale: 2) }
    }

    func testConvolutionAgainstDirectSum() throws {
        // An independent reference: the definition of cross-correlation, summed directly.
        let x = randn([2, 2, 5, 6], seed: 30), w = randn([3, 2, 3, 2], seed: 31)
        let y = try conv2d(x, filter: w, stride: 2, padding: .explicit([1]), dilation: 1)
        XCTAssertEqual(y.shape, [2, 3, 3, 4])   // width (6 + 2 − 2) / 2 + 1
        for n in 0..<2 { for o in 0..<3 { for i in 0..<3 { for j in 0..<4 {
            var s: Float = 0
            for c in 0..<2 { for kh in 0..<3 { for kw in 0..<2 {
                let ih = i * 2 - 1 + kh, iw = j * 2 - 1 + kw
                if ih >= 0 && ih < 5 && iw >= 0 && iw < 6 {
                    s += try x[n, c, ih, iw].scalarValue() * w[o, c, kh, kw].scalarValue()
                }
            } } }
            XCTAssertEqual(try y[n, o, i, j].scalarValue(), s, accuracy: 1e-4)
        } } } }
    }

    func testShapeErrorsNameTheOperation() {
        XCTAssertThrowsError(try conv2d(randn([1, 3, 8, 8], seed: 1), filter: randn([4, 2, 3, 3], seed: 2))) {
            let e = $0 as! EngineError
            XCTAssertEqual(e.kind, "ShapeError")
            XCTAssertTrue(e.message.contains("conv2d") && e.message.contains("[1, 3, 8, 8]") && e.message.contains("[4, 2, 3, 3]"), e.message)
        }
        XCTAssertThrowsError(try conv2d(randn([1, 3, 2, 2], seed: 1), filter: randn([4, 3, 3, 3], seed: 2))) {
            XCTAssertEqual(($0 as? EngineError)?.kind, "ShapeError")
        }
        XCTAssertThrowsError(try maxPool2d(randn([3, 8, 8], seed: 1), size: 2))
    }
}

final class ConvolutionInferenceTests: XCTestCase {
    /// Inference runs the batch in chunks; the result must equal the one-shot training path.
    func testChunkedInferenceEqualsTrainingPath() throws {
        let x = randn([60, 2, 28, 28], seed: 50), w = randn([6, 2, 5, 5], seed: 51), b = randn([6], seed: 52)
        let inference = try conv2d(x, filter: w, bias: b, padding: .same)
        let (training, _) = try valueWithGradient(at: w) { try conv2d(x, filter: $0, bias: b, padding: .same) }
        XCTAssertEqual(inference, training)
    }
}

extension ConvolutionInferenceTests {
    /// The inference 2×2 max pool (no winners kept) equals the training path, NaN included.
    func testInferenceMaxPoolEqualsTrainingPath() throws {
        var x = randn([3, 2, 6, 8], seed: 53)
        x.withUnsafeMutableBufferPointer { $0[9] = .nan }
        let inference = try maxPool2d(x, size: 2)
        let (training, _) = try valueWithGradient(at: x) { try maxPool2d($0, size: 2) }
        XCTAssertEqual(inference.shape, training.shape)
        for (a, b) in zip(inference.scalars, training.scalars) { XCTAssertTrue(a == b || (a.isNaN && b.isNaN), "\(a) vs \(b)") }
        XCTAssertTrue(inference.scalars[0].isNaN || inference.scalars.contains { $0.isNaN })
    }
}
