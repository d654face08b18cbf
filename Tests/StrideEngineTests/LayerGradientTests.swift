import XCTest
@testable import StrideEngine

/// Finite-difference checks of every layer's input and parameter gradients.
final class LayerGradientTests: XCTestCase {
    override func setUp() { EngineRandom.seed(1234) }

    let image = randn([2, 3, 6, 6], seed: 1)

    func testConvolutionLayers() {
        checkLayerGradient(Conv2D(filters: 4, kernelSize: 3, stride: 2, padding: .same, activation: .tanh), input: image)
        checkLayerGradient(Conv2D(filters: 2, kernelSize: 3, dilation: 2, useBias: false), input: image)
        checkLayerGradient(Conv1D(filters: 3, kernelSize: 3, padding: .same), input: randn([2, 2, 7], seed: 2))
        checkLayerGradient(Conv3D(filters: 2, kernelSize: 2), input: randn([1, 2, 3, 3, 3], seed: 3))
        checkLayerGradient(DepthwiseConv2D(kernelSize: 3, padding: .same, depthMultiplier: 2), input: image)
        checkLayerGradient(SeparableConv2D(filters: 4, kernelSize: 3), input: image)
        // The direct depthwise kernel at stride 2 with dilation, and in one dimension.
        checkLayerGradient(DepthwiseConv2D(kernelSize: 3, stride: 2, padding: .same, dilation: 2), input: randn([2, 3, 7, 8], seed: 7))
        checkLayerGradient(Conv1D(filters: 4, kernelSize: 3, stride: 2, padding: .same, groups: 2), input: randn([2, 2, 9], seed: 8))
        checkLayerGradient(ConvTranspose2D(filters: 2, kernelSize: 3, stride: 2, padding: .same), input: randn([2, 3, 3, 3], seed: 4))
    }

    func testDenseAndShapeLayers() {
        checkLayerGradient(Dense(units: 3, activation: .sigmoid), input: randn([4, 5], seed: 5))
        checkLayerGradient(Dense(units: 3), input: randn([2, 3, 5], seed: 6))
        checkLayerGradient(Sequential { Flatten(); Dense(units: 2) }, input: image)
        checkLayerGradient(Sequential { Reshape(shape: [9, -1]); Dense(units: 2) }, input: image)
        checkLayerGradient(Identity(), input: image)
        checkLayerGradient(Upsample2D(scale: 2), input: image)
        let tokens = try! Tensor(shape: [2, 3], scalars: [0, 4, 2, 1, 1, 3])
        checkLayerGradient(Embedding(vocabularySize: 5, embeddingSize: 3), input: tokens, checkInput: false)
    }

    func testPoolingLayers() {
        checkLayerGradient(MaxPool2D(size: 2), input: image, epsilon: 1e-3)
        checkLayerGradient(AvgPool2D(size: 3, stride: 1, padding: .same), input: image)
        checkLayerGradient(MaxPool1D(size: 2), input: randn([2, 2, 8], seed: 7), epsilon: 1e-3)
        checkLayerGradient(AvgPool1D(size: 2), input: randn([2, 2, 8], seed: 8))
        checkLayerGradient(MaxPool3D(size: 2), input: randn([1, 2, 4, 4, 4], seed: 9), epsilon: 1e-3)
        checkLayerGradient(AvgPool3D(size: 2), input: randn([1, 2, 4, 4, 4], seed: 10))
        checkLayerGradient(GlobalAvgPool2D(), input: image)
        checkLayerGradient(GlobalMaxPool2D(), input: image, epsilon: 1e-3)
        checkLayerGradient(GlobalAvgPool1D(), input: randn([2, 2, 8], seed: 11))
        checkLayerGradient(GlobalMaxPool1D(), input: randn([2, 2, 8], seed: 12), epsilon: 1e-3)
        checkLayerGradient(GlobalAvgPool3D(), input: randn([1, 2, 3, 3, 3], seed: 13))
        checkLayerGradient(GlobalMaxPool3D(), input: randn([1, 2, 3, 3, 3], seed: 14), epsilon: 1e-3)
    }

    func testNormalizationLayers() {
        checkLayerGradient(BatchNorm(), input: image, tolerance: 2e-2)
        checkLayerGradient(BatchNorm(), input: randn([5, 3], seed: 15), tolerance: 2e-2)
        checkLayerGradient(LayerNorm(), input: image, tolerance: 2e-2)
        checkLayerGradient(LayerNorm(normalizedRank: 1), input: randn([3, 4], seed: 16), tolerance: 2e-2)
        checkLayerGradient(Dropout(rate: 0), input: image)
    }

    func testActivationLayers() {
        // Finite differences are meaningless across a kink: keep inputs 0.1 away from 0.
        let kinkFree = try! Tensor(shape: image.shape, scalars: image.scalars.map { $0 >= 0 ? $0 + 0.1 : $0 - 0.1 })
        for layer: Layer in [ReLU(), LeakyReLU(alpha: 0.2), ELU(alpha: 0.7), Sigmoid(), Tanh(), Softmax(), Swish(), PReLU()] {
            checkLayerGradient(layer, input: kinkFree)
        }
    }

    func testCompositeLayers() {
        // Tanh stands in for ReLU after BatchNorm: BN centres values on ReLU's kink, where
        // finite differences are meaningless.
        checkLayerGradient(Residual(activation: .tanh) {
            Conv2D(filters: 4, kernelSize: 3, stride: 2, padding: .same); BatchNorm(); Tanh()
            Conv2D(filters: 4, kernelSize: 3, padding: .same)
        }, input: image, tolerance: 2e-2)
        checkLayerGradient(Residual { Conv2D(filters: 3, kernelSize: 3, padding: .same); Tanh() }, input: image)
        checkLayerGradient(Concat {
            Conv2D(filters: 2, kernelSize: 1)
            Sequential { Conv2D(filters: 2, kernelSize: 1); Conv2D(filters: 3, kernelSize: 3, padding: .same) }
            Sequential { MaxPool2D(size: 3, stride: 1, padding: .same); Conv2D(filters: 2, kernelSize: 1) }
        }, input: image, epsilon: 1e-3, tolerance: 2e-2)
        checkLayerGradient(DenseBlock(layers: 2, growthRate: 2), input: image, epsilon: 1e-3, tolerance: 3e-2)
        checkLayerGradient(SqueezeExcite(ratio: 2), input: randn([2, 4, 3, 3], seed: 17))
    }

    func testCapsuleLayers() {
        checkLayerGradient(PrimaryCapsules(capsules: 2, dimension: 4, kernelSize: 3, stride: 2), input: image)
        checkLayerGradient(Capsules(count: 3, dimension: 4, routing: 3), input: randn([2, 5, 4], seed: 18), tolerance: 2e-2)
    }
}

/// The fused ReLU of Conv and Dense layers against the unfused composition.
final class FusedActivationTests: XCTestCase {
    func testFusedReLUMatchesComposition() throws {
        let x = randn([2, 3, 6, 6], seed: 40), w = randn([4, 3, 3, 3], seed: 41), b = randn([4], seed: 42)
        let r = randn([2, 4, 6, 6], seed: 43)
        let (fused, fusedGrads) = try valueWithGradient(at: [x, w, b]) {
            try convolution($0[0], filter: $0[1], bias: $0[2], strides: [1], padding: .same, dilations: [1], groups: 1, activation: .relu) * r
        }
        let (plain, plainGrads) = try valueWithGradient(at: [x, w, b]) {
            try relu(conv2d($0[0], filter: $0[1], bias: $0[2], padding: .same)) * r
        }
        assertClose(fused, plain, tolerance: 1e-6)
        for i in 0..<3 { assertClose(fusedGrads[i], plainGrads[i], tolerance: 1e-5, "conv input \(i)") }
        let v = randn([5, 7], seed: 44), m = randn([3, 7], seed: 45), c = randn([3], seed: 46), s = randn([5, 3], seed: 47)
        let (lf, lfg) = try valueWithGradient(at: [v, m, c]) { try linear($0[0], weight: $0[1], bias: $0[2], activation: .relu) * s }
        let (lp, lpg) = try valueWithGradient(at: [v, m, c]) { try relu(linear($0[0], weight: $0[1], bias: $0[2])) * s }
        assertClose(lf, lp, tolerance: 1e-6)
        for i in 0..<3 { assertClose(lfg[i], lpg[i], tolerance: 1e-5, "linear input \(i)") }
        let (af, afg) = try valueWithGradient(at: [v, s]) { try addReLU($0[0].slice(0..<5).reshaped(to: [5, 7]), $0[0] * 0.5) }
        let (ap, apg) = try valueWithGradient(at: [v, s]) { try relu($0[0] + $0[0] * 0.5) }
        assertClose(af, ap, tolerance: 1e-6)
        assertClose(afg[0], apg[0], tolerance: 1e-6, "addReLU")
    }

    func testReLULayersAgainstFiniteDifferences() {
        EngineRandom.seed(5)
        checkLayerGradient(Conv2D(filters: 3, kernelSize: 3, activation: .relu), input: randn([2, 2, 5, 5], seed: 48), epsilon: 1e-3, tolerance: 2e-2)
        checkLayerGradient(Dense(units: 4, activation: .relu), input: randn([3, 6], seed: 49), epsilon: 1e-3, tolerance: 2e-2)
    }
}
