import XCTest
import StrideLanguage
@testable import StrideKernel

/// The language's results against PyTorch: the engine's fixtures (made by
/// scripts/make_torch_fixtures.py) are read with `loadTensors` and compared with what
/// Stride source computes. Gradients are of sum(output · r) for the stored r.
final class LibraryTorchReferenceTests: XCTestCase {
    var h: LibraryHarness!
    override func setUp() { h = LibraryHarness() }

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("StrideEngineTests/Fixtures/torch/\(name).safetensors").path
    }

    /// Checks `expression` (of the fixture tensors x, w, b) and its gradients against the
    /// fixture entries under `prefix`.
    private func checkOp(_ file: String, _ prefix: String, _ expression: String, inputs: [String],
                         line: UInt = #line) {
        h.run("let f = loadTensors(\"\(Self.fixture(file))\")", line: line)
        let bindings = inputs.map { "let \($0) = f[\"\(prefix).\($0)\"]!" }.joined(separator: "; ")
        h.run("\(bindings); let r = f[\"\(prefix).r\"]!", line: line)
        assertClose(h.scalars(expression, line: line), h.scalars("f[\"\(prefix).y\"]!", line: line), tolerance: 1e-4, line: line)
        for name in inputs {
            let g = h.scalars("gradient(at: \(name)) { \(name) in (\(expression) * r).sum() }", line: line)
            assertClose(g, h.scalars("f[\"\(prefix).g\(name)\"]!", line: line), tolerance: 1e-3, line: line)
        }
    }

    func testConvolutionsMatchPyTorch() {
        checkOp("conv", "conv2d_same", "conv2d(x, filter: w, bias: b, padding: .same)", inputs: ["x", "w", "b"])
        checkOp("conv", "conv2d_depthwise", "conv2d(x, filter: w, bias: b, padding: .same, groups: 3)", inputs: ["x", "w", "b"])
        checkOp("conv", "conv2d_stride2_pad1", "conv2d(x, filter: w, bias: b, stride: 2, padding: 1)", inputs: ["x", "w", "b"])
        checkOp("conv", "conv2d_dilation2", "conv2d(x, filter: w, bias: b, dilation: 2)", inputs: ["x", "w", "b"])
        checkOp("conv", "conv2d_groups2", "conv2d(x, filter: w, bias: b, padding: 1, groups: 2)", inputs: ["x", "w", "b"])
        checkOp("conv", "conv1d", "conv1d(x, filter: w, bias: b, stride: 2, padding: 1)", inputs: ["x", "w", "b"])
        checkOp("conv", "convT", "transposedConv2d(x, filter: w, bias: b, stride: 2, padding: 1, outputPadding: 1)", inputs: ["x", "w", "b"])
    }

    func testPoolsMatchPyTorch() {
        for (prefix, expression) in [("max2", "maxPool2d(x, size: 2)"), ("avg2", "avgPool2d(x, size: 2)"),
                                     ("max3s2p1", "maxPool2d(x, size: 3, stride: 2, padding: 1)"),
                                     ("gap", "globalAvgPool2d(x)"), ("gmp", "globalMaxPool2d(x)"),
                                     ("up2", "upsample2d(x, scale: 2)")] {
            h.run("let f = loadTensors(\"\(Self.fixture("pool"))\"); let x = f[\"x\"]!; let r = f[\"\(prefix).r\"]!")
            assertClose(h.scalars(expression), h.scalars("f[\"\(prefix).y\"]!"), tolerance: 1e-5)
            assertClose(h.scalars("gradient(at: x) { x in (\(expression) * r).sum() }"), h.scalars("f[\"\(prefix).gx\"]!"), tolerance: 1e-5)
        }
    }

    func testLossesMatchPyTorch() {
        h.run("let f = loadTensors(\"\(Self.fixture("loss"))\")")
        let cases = [
            ("ce", "logits", "crossEntropy(logits: v, labels: f[\"ce.labels\"]!)"),
            ("mse", "p", "meanSquaredError(predicted: v, expected: f[\"mse.e\"]!)"),
            ("bce", "p", "binaryCrossEntropy(predicted: v, expected: f[\"bce.t\"]!)"),
            ("margin", "lengths", "marginLoss(lengths: v, labels: f[\"margin.labels\"]!)"),
        ]
        for (prefix, input, expression) in cases {
            h.run("let (loss, grad) = valueWithGradient(at: f[\"\(prefix).\(input)\"]!) { v in \(expression) }")
            assertClose(h.scalars("loss"), h.scalars("f[\"\(prefix).loss\"]!"), tolerance: 1e-5)
            assertClose(h.scalars("grad"), h.scalars("f[\"\(prefix).grad\"]!"), tolerance: 1e-5)
        }
    }

    /// Three optimizer steps on a Dense bias fed zeros, whose gradient is exactly the
    /// fixture's g1, g2, g3 (the weight's gradient is zero).
    func testOptimizerStepsMatchPyTorch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stride-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let start = dir.appendingPathComponent("start.safetensors").path
        h.run("""
        let f = loadTensors("\(Self.fixture("optimizer"))")
        saveTensors(["0.weight": Tensor(zeros: [10, 1]), "0.bias": f["p0"]!], to: "\(start)")
        let zero = Tensor(zeros: [1, 1])
        """)
        let optimizers = [
            ("sgd", "SGD(learningRate: 0.1)"),
            ("sgd_momentum_wd", "SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)"),
            ("sgd_nesterov", "SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)"),
            ("adam", "Adam(learningRate: 0.01)"),
            ("adam_wd", "Adam(learningRate: 0.01, beta1: 0.8, beta2: 0.99, weightDecay: 0.1)"),
            ("adamw", "AdamW(learningRate: 0.01, weightDecay: 0.1)"),
            ("rmsprop", "RMSProp(learningRate: 0.01)"),
            ("rmsprop_momentum_centered", "RMSProp(learningRate: 0.01, momentum: 0.9, centered: true, weightDecay: 0.01)"),
        ]
        for (name, make) in optimizers {
            h.run("var model = Sequential { Dense(units: 10) }; model.load(\"\(start)\"); let opt = \(make)")
            for step in 1...3 {
                h.run("""
                let g = gradient(at: model) { m in (m(zero) * f["g\(step)"]!).sum() }
                opt.update(&model, along: g)
                """)
                assertClose(h.scalars("model.parameters[\"0.bias\"]!"), h.scalars("f[\"\(name).step\(step)\"]!"), tolerance: 1e-5)
            }
        }
    }

    func testLeNetWeightsFromPyTorchGiveItsOutput() {
        h.run("""
        let lenet = Sequential {
            Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu, name: "conv1")
            MaxPool2D(size: 2)
            Conv2D(filters: 16, kernelSize: 5, activation: .relu, name: "conv2")
            MaxPool2D(size: 2)
            Flatten()
            Dense(units: 120, activation: .relu, name: "fc1")
            Dense(units: 84, activation: .relu, name: "fc2")
            Dense(units: 10, name: "fc3")
        }
        lenet.load("\(Self.fixture("lenet"))")
        let f = loadTensors("\(Self.fixture("lenet"))")
        """)
        assertClose(h.scalars("lenet(f[\"input\"]!)"), h.scalars("f[\"output\"]!"), tolerance: 1e-4)
    }
}
