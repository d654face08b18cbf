import XCTest
@testable import StrideEngine

final class AutogradTests: XCTestCase {
    func testValueWithGradientOfSquareSum() throws {
        let (v, g) = try valueWithGradient(at: Tensor([1, 2, 3])) { x in try (x * x).sum() }
        XCTAssertEqual(try v.scalarValue(), 14)
        XCTAssertEqual(g.scalars, [2, 4, 6])
    }

    func testArithmeticGradients() throws {
        let a = randn([3, 4], seed: 1), b = randn([4], seed: 2), c = randn([3, 1], seed: 3)
        checkGradient([a, b]) { try $0[0] + $0[1] }
        checkGradient([a, c]) { try $0[0] - $0[1] }
        checkGradient([a, b]) { try $0[0] * $0[1] }
        checkGradient([a, try c * c + 1]) { try $0[0] / $0[1] }
        checkGradient([a]) { -$0[0] }
        checkGradient([try abs(a) + 0.5, b]) { try pow($0[0], $0[1]) }
        checkGradient([a, b]) { try max($0[0], $0[1]) }
        checkGradient([a, b]) { try min($0[0], $0[1]) }
    }

    func testUnaryGradients() throws {
        let x = randn([2, 5], seed: 4)
        let positive = try abs(x) + 0.5
        checkGradient([x]) { try relu($0[0]) }
        checkGradient([x]) { try sigmoid($0[0]) }
        checkGradient([x]) { try tanh($0[0]) }
        checkGradient([x]) { try exp($0[0]) }
        checkGradient([positive]) { try log($0[0]) }
        checkGradient([positive]) { try sqrt($0[0]) }
        checkGradient([x]) { try abs($0[0]) }
        checkGradient([positive]) { try pow($0[0], 3) }
        checkGradient([x]) { try square($0[0]) }
        checkGradient([x]) { try leakyRelu($0[0], alpha: 0.1) }
        checkGradient([x]) { try elu($0[0], alpha: 1.5) }
        checkGradient([x]) { try swish($0[0]) }
        checkGradient([x]) { try softplus($0[0]) }
        checkGradient([x]) { try clamp($0[0], min: -0.5, max: 0.5) }
    }

    func testReductionAndSoftmaxGradients() {
        let x = randn([3, 4, 2], seed: 5)
        checkGradient([x]) { try $0[0].sum(axes: [0, 2]) }
        checkGradient([x]) { try $0[0].mean(axis: 1, keepDims: true) }
        checkGradient([x]) { try $0[0].max(axis: 1) }
        checkGradient([x]) { try $0[0].min(axes: [0, 1]) }
        checkGradient([x]) { try $0[0].variance(axes: [1]) }
        checkGradient([x]) { try softmax($0[0], axis: 1) }
        checkGradient([x]) { try logSoftmax($0[0], axis: -1) }
    }

    func testShapeGradients() {
        let x = randn([2, 3, 4], seed: 6)
        checkGradient([x]) { try $0[0].reshaped(to: [6, -1]) }
        checkGradient([x]) { try $0[0].permuted([2, 0, 1]) }
        checkGradient([x]) { try $0[0].transposed() }
        checkGradient([x]) { try $0[0][1..<2] }
        checkGradient([x]) { try $0[0][1, 2] }
        checkGradient([x]) { try $0[0].gathering(rows: [1, 0, 1]) }
        checkGradient([x, randn([2, 1, 4], seed: 7)]) { try concat([$0[0], $0[1]], axis: 1) }
        checkGradient([x, x]) { try Tensor(stacking: [$0[0], $0[1]], axis: 1) }
        checkGradient([randn([2, 1], seed: 8)]) { try $0[0].broadcasted(to: [3, 2, 4]) }
    }

    func testMatmulGradients() {
        checkGradient([randn([3, 4], seed: 9), randn([4, 2], seed: 10)]) { try matmul($0[0], $0[1]) }
        checkGradient([randn([2, 3, 4], seed: 11), randn([2, 4, 5], seed: 12)]) { try matmul($0[0], $0[1]) }
        checkGradient([randn([2, 3, 4], seed: 13), randn([4, 5], seed: 14)]) { try matmul($0[0], $0[1]) }
        checkGradient([randn([4], seed: 15), randn([4, 3], seed: 16)]) { try matmul($0[0], $0[1]) }
    }

    func testGradientAccumulatesOverReuse() throws {
        let g = try gradient(at: Tensor([3])) { x in try x * x * x + x }
        XCTAssertEqual(g.scalars, [28])
    }

    func testLearningPhaseIsScoped() throws {
        XCTAssertEqual(LearningPhase.current, .inference)
        withLearningPhase(.training) {
            XCTAssertEqual(LearningPhase.current, .training)
            withLearningPhase(.inference) { XCTAssertEqual(LearningPhase.current, .inference) }
            XCTAssertEqual(LearningPhase.current, .training)
        }
        _ = try gradient(at: Tensor([1])) { x in
            XCTAssertEqual(LearningPhase.current, .training); return x
        }
        XCTAssertEqual(LearningPhase.current, .inference)
    }
}
