import XCTest
@testable import StrideEngine

/// Inference folds a BatchNorm (and the activation after it) into the convolution before
/// it: the outputs match the layers computed one by one, the batch norm by its definition
/// summed here in Double; observers, training and gradients still see every layer.
final class InferenceFusionTests: XCTestCase {
    /// (y − μ)/√(σ² + ε)·γ + β per channel of [N, C, ...], from the layer's tensors.
    func normalized(_ y: Tensor, _ norm: BatchNorm) throws -> Tensor {
        let (n, c) = (y.shape[0], y.shape[1]), plane = y.scalarCount / (n * c)
        let ys = y.scalars, g = norm.weight!.value.scalars, b = norm.bias!.value.scalars
        let m = norm.runningMean!.value.scalars, v = norm.runningVariance!.value.scalars
        var out = [Float](repeating: 0, count: ys.count)
        for i in 0..<ys.count {
            let ch = i / plane % c
            let z = (Double(ys[i]) - Double(m[ch])) / (Double(v[ch]) + Double(norm.epsilon)).squareRoot()
            out[i] = Float(z * Double(g[ch]) + Double(b[ch]))
        }
        return try Tensor(shape: y.shape, scalars: out)
    }

    /// A model whose batch norms have trained statistics and non-trivial γ, β.
    func trainedModel(_ layers: [Layer], input: Tensor) throws -> Sequential {
        let model = Sequential(layers)
        for _ in 0..<3 { _ = try withLearningPhase(.training) { try model(input) } }
        for (seed, layer) in layers.enumerated() {
            guard let norm = layer as? BatchNorm else { continue }
            let c = norm.weight!.value.shape[0]
            norm.weight!.value = try randn([c], seed: UInt64(50 + seed)) * 0.5 + 1
            norm.bias!.value = randn([c], seed: UInt64(60 + seed))
        }
        return model
    }

    func testFoldedConvolutionsMatchTheLayersOneByOne() throws {
        let x = randn([3, 4, 10, 10], seed: 1)
        let conv1 = Conv2D(filters: 6, kernelSize: 3, padding: .same), norm1 = BatchNorm()
        let conv2 = Conv2D(filters: 5, kernelSize: 3, stride: 2, useBias: false), norm2 = BatchNorm()
        let depthwise = DepthwiseConv2D(kernelSize: 3, padding: .same, useBias: false), norm3 = BatchNorm()
        let model = try trainedModel([conv1, norm1, ReLU(), conv2, norm2, Tanh(), depthwise, norm3], input: x)
        let folded = try model(x)
        XCTAssertNotNil(try conv1.foldedForward(x, norm1, activation: .relu), "the pair folds")
        XCTAssertNil(try Conv2D(filters: 6, kernelSize: 3).foldedForward(x, norm1, activation: .relu), "not built yet")
        var reference = try relu(normalized(conv1.forward(x), norm1))
        reference = try tanh(normalized(conv2.forward(reference), norm2))
        reference = try normalized(depthwise.forward(reference), norm3)
        assertClose(folded, reference, tolerance: 1e-4)
    }

    func testResidualBranchesFoldToo() throws {
        let x = randn([2, 3, 8, 8], seed: 2)
        let conv1 = Conv2D(filters: 4, kernelSize: 3, padding: .same, useBias: false), norm1 = BatchNorm()
        let conv2 = Conv2D(filters: 4, kernelSize: 3, padding: .same, useBias: false), norm2 = BatchNorm()
        let block = Residual([conv1, norm1, ReLU(), conv2, norm2], activation: .relu)
        let model = Sequential([block])
        for _ in 0..<3 { _ = try withLearningPhase(.training) { try model(x) } }
        norm2.bias!.value = randn([4], seed: 3)
        let y = try relu(normalized(conv2.forward(relu(normalized(conv1.forward(x), norm1))), norm2)
                         + block.projection!.forward(x))
        assertClose(try model(x), y, tolerance: 1e-4)
    }

    func testObserversTrainingAndGradientsSeeEveryLayer() throws {
        let x = randn([2, 2, 6, 6], seed: 4)
        let conv = Conv2D(filters: 3, kernelSize: 3, padding: .same, name: "conv"), norm = BatchNorm(name: "norm")
        let model = try trainedModel([conv, norm, ReLU()], input: x)
        // A feature map of the convolution is its own output, before the batch norm.
        let maps = try model.activations(of: x, at: ["conv"])
        assertClose(maps["conv"]!, try conv.forward(x), tolerance: 1e-6)
        // The input gradient in inference goes through the unfolded layers and agrees.
        let r = randn([2, 3, 6, 6], seed: 5)
        let g = try gradient(at: x) { x in try withLearningPhase(.inference) { try model(x) * r } }
        let h: Float = 1e-2
        var up = x, down = x
        up.withUnsafeMutableBufferPointer { $0[7] += h }
        down.withUnsafeMutableBufferPointer { $0[7] -= h }
        let numeric = try ((model(up) * r).sum().scalarValue() - (model(down) * r).sum().scalarValue()) / (2 * h)
        XCTAssertEqual(g.scalars[7], numeric, accuracy: 2e-2)
    }
}
