import XCTest
@testable import StrideEngine

/// Forward outputs and gradients compared with PyTorch (Fixtures/torch, made by
/// scripts/make_torch_fixtures.py). Gradients are of sum(output · r) for a stored r.
final class TorchReferenceTests: XCTestCase {
    /// Compares an op's output and its gradients with the fixture's under `prefix`.
    func compare(_ f: [String: Tensor], _ prefix: String, inputs: [String], gradients: [String],
                 tolerance: Float = 1e-4, file: StaticString = #filePath, line: UInt = #line,
                 _ op: ([Tensor]) throws -> Tensor) throws {
        let xs = try inputs.map { try f.get("\(prefix)\($0)") }
        let r = try f.get("\(prefix)r")
        let (y, grads) = try valueWithGradient(at: xs) { try op($0) * r }
        assertClose(try y / r, try f.get("\(prefix)y"), tolerance: 1e-3, "\(prefix)y", file: file, line: line)
        let output = try op(xs)
        assertClose(output, try f.get("\(prefix)y"), tolerance: tolerance, "\(prefix)y", file: file, line: line)
        for (i, name) in gradients.enumerated() where !name.isEmpty {
            assertClose(grads[i], try f.get("\(prefix)\(name)"), tolerance: tolerance, "\(prefix)\(name)", file: file, line: line)
        }
    }

    func testConvolutionsMatchPyTorch() throws {
        let f = try TorchFixtures.load("conv")
        let io = ["x", "w", "b"], grads = ["gx", "gw", "gb"]
        try compare(f, "conv2d_stride2_pad1.", inputs: io, gradients: grads) {
            try conv2d($0[0], filter: $0[1], bias: $0[2], stride: 2, padding: .explicit([1]))
        }
        try compare(f, "conv2d_dilation2.", inputs: io, gradients: grads) {
            try conv2d($0[0], filter: $0[1], bias: $0[2], dilation: 2)
        }
        try compare(f, "conv2d_groups2.", inputs: io, gradients: grads) {
            try conv2d($0[0], filter: $0[1], bias: $0[2], padding: .explicit([1]), groups: 2)
        }
        try compare(f, "conv2d_depthwise.", inputs: io, gradients: grads) {
            try conv2d($0[0], filter: $0[1], bias: $0[2], padding: .same, groups: 3)
        }
        try compare(f, "conv2d_same.", inputs: io, gradients: grads) {
            try conv2d($0[0], filter: $0[1], bias: $0[2], padding: .same)
        }
        try compare(f, "conv1d.", inputs: io, gradients: grads) {
            try conv1d($0[0], filter: $0[1], bias: $0[2], stride: 2, padding: .explicit([1]))
        }
        try compare(f, "conv3d.", inputs: io, gradients: grads) {
            try conv3d($0[0], filter: $0[1], bias: $0[2], padding: .explicit([1]))
        }
        try compare(f, "convT.", inputs: io, gradients: grads) {
            try transposedConv2d($0[0], filter: $0[1], bias: $0[2], stride: 2, padding: .explicit([1]), outputPadding: 1)
        }
    }

    func testPoolsMatchPyTorch() throws {
        var f = try TorchFixtures.load("pool")
        let x = try f.get("x")
        let cases: [(String, (Tensor) throws -> Tensor)] = [
            ("max2", { try maxPool2d($0, size: 2) }),
            ("max3s2p1", { try maxPool2d($0, size: 3, stride: 2, padding: .explicit([1])) }),
            ("avg2", { try avgPool2d($0, size: 2) }),
            ("avg3s2p1", { try avgPool2d($0, size: 3, stride: 2, padding: .explicit([1])) }),
            ("gap", { try globalAvgPool2d($0) }),
            ("gmp", { try globalMaxPool2d($0) }),
            ("up2", { try upsample2d($0, scale: 2) }),
        ]
        for (name, op) in cases {
            f["\(name).x"] = x
            try compare(f, "\(name).", inputs: ["x"], gradients: ["gx"]) { try op($0[0]) }
        }
        try compare(f, "max1d.", inputs: ["x"], gradients: ["gx"]) { try maxPool1d($0[0], size: 3, stride: 2) }
        try compare(f, "avg3d.", inputs: ["x"], gradients: ["gx"]) { try avgPool3d($0[0], size: 2) }
    }

    func testDenseMatchesPyTorch() throws {
        let f = try TorchFixtures.load("dense_norm")
        try compare(f, "dense.", inputs: ["x", "w", "b"], gradients: ["gx", "gw", "gb"]) {
            try linear($0[0], weight: $0[1], bias: $0[2])
        }
    }

    func testLayerNormMatchesPyTorch() throws {
        let f = try TorchFixtures.load("dense_norm")
        let layer = LayerNorm(normalizedRank: 2)
        _ = try layer(try f.get("ln.x"))
        layer.weight!.value = try f.get("ln.w"); layer.bias!.value = try f.get("ln.b")
        let r = try f.get("ln.r")
        let (y, grads) = try valueWithGradient(at: layer) { m in try (m(try f.get("ln.x")) * r).sum() }
        _ = y
        assertClose(try layer(try f.get("ln.x")), try f.get("ln.y"), "ln.y")
        assertClose(grads["weight"]!, try f.get("ln.gw"), "ln.gw")
        assertClose(grads["bias"]!, try f.get("ln.gb"), "ln.gb")
        let gx = try gradient(at: try f.get("ln.x")) { x in try layer(x) * r }
        assertClose(gx, try f.get("ln.gx"), "ln.gx")
    }

    func testBatchNormMatchesPyTorchInBothPhases() throws {
        let f = try TorchFixtures.load("dense_norm")
        let x = try f.get("bn.x"), r = try f.get("bn.train.r")
        let bn = BatchNorm()
        _ = try bn(x)   // builds parameters (inference: statistics untouched)
        bn.weight!.value = try f.get("bn.weight"); bn.bias!.value = try f.get("bn.bias")
        // Training: batch statistics, gradients, and one running-statistics update.
        let (_, grads) = try valueWithGradient(at: bn) { m in try (m(x) * r).sum() }
        assertClose(grads["weight"]!, try f.get("bn.train.gweight"), tolerance: 1e-3, "gweight")
        assertClose(grads["bias"]!, try f.get("bn.train.gbias"), tolerance: 1e-3, "gbias")
        assertClose(bn.runningMean!.value, try f.get("bn.running_mean"), "running_mean")
        assertClose(bn.runningVariance!.value, try f.get("bn.running_var"), "running_var")
        XCTAssertEqual(try bn.batchesTracked!.value.scalarValue(), 1)
        let trainY = try withLearningPhase(.training) { try bn(x) }
        assertClose(trainY, try f.get("bn.train.y"), tolerance: 1e-4, "train y")
        // Put the statistics back to the state after one update, then check inference.
        bn.runningMean!.value = try f.get("bn.running_mean"); bn.runningVariance!.value = try f.get("bn.running_var")
        let gx = try gradient(at: x) { x in try withLearningPhase(.training) { try bn(x) * r } }
        assertClose(gx, try f.get("bn.train.gx"), tolerance: 1e-3, "train gx")
        bn.runningMean!.value = try f.get("bn.running_mean"); bn.runningVariance!.value = try f.get("bn.running_var")
        assertClose(try bn(x), try f.get("bn.eval.y"), "eval y")
        let gxEval = try gradient(at: x) { x in try withLearningPhase(.inference) { try bn(x) * r } }
        assertClose(gxEval, try f.get("bn.eval.gx"), tolerance: 1e-3, "eval gx")
    }

    func testLossesMatchPyTorch() throws {
        let f = try TorchFixtures.load("loss")
        func check(_ prefix: String, _ input: String, _ loss: (Tensor) throws -> Tensor) throws {
            let (v, g) = try valueWithGradient(at: try f.get("\(prefix).\(input)"), in: loss)
            XCTAssertEqual(try v.scalarValue(), try f.get("\(prefix).loss").scalars[0], accuracy: 1e-5, prefix)
            assertClose(g, try f.get("\(prefix).grad"), tolerance: 1e-4, prefix)
        }
        try check("ce", "logits") { try crossEntropy(logits: $0, labels: try f.get("ce.labels")) }
        try check("mse", "p") { try meanSquaredError(predicted: $0, expected: try f.get("mse.e")) }
        try check("bce", "p") { try binaryCrossEntropy(predicted: $0, expected: try f.get("bce.t")) }
        try check("margin", "lengths") { try marginLoss(lengths: $0, labels: try f.get("margin.labels")) }
    }

    func testOptimizerStepsMatchPyTorch() throws {
        let f = try TorchFixtures.load("optimizer")
        let optimizers: [(String, () -> Optimizer)] = [
            ("sgd", { SGD(learningRate: 0.1) }),
            ("sgd_momentum_wd", { SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01) }),
            ("sgd_nesterov", { SGD(learningRate: 0.1, momentum: 0.9, nesterov: true) }),
            ("adam", { Adam(learningRate: 0.01) }),
            ("adam_wd", { Adam(learningRate: 0.01, beta1: 0.8, beta2: 0.99, weightDecay: 0.1) }),
            ("adamw", { AdamW(learningRate: 0.01, weightDecay: 0.1) }),
            ("rmsprop", { RMSProp(learningRate: 0.01) }),
            ("rmsprop_momentum_centered", { RMSProp(learningRate: 0.01, momentum: 0.9, centered: true, weightDecay: 0.01) }),
        ]
        for (name, make) in optimizers {
            let model = PReLU()           // a layer with one parameter, "weight"
            model.slope.value = try f.get("p0")
            let optimizer = make()
            for step in 1...3 {
                try optimizer.update(model, along: Gradients([("weight", try f.get("g\(step)"))]))
                assertClose(model.slope.value, try f.get("\(name).step\(step)"), tolerance: 1e-5, "\(name) step \(step)")
            }
        }
    }

    func makeLeNet() -> Sequential {
        Sequential {
            Conv2D(filters: 6, kernelSize: 5, padding: .same, name: "conv1"); ReLU(name: "r1"); MaxPool2D(size: 2, name: "p1")
            Conv2D(filters: 16, kernelSize: 5, name: "conv2"); ReLU(name: "r2"); MaxPool2D(size: 2, name: "p2")
            Flatten(name: "flat")
            Dense(units: 120, name: "fc1"); ReLU(name: "r3")
            Dense(units: 84, name: "fc2"); ReLU(name: "r4")
            Dense(units: 10, name: "fc3")
        }
    }

    func testLeNetLoadsPyTorchWeightsAndMatchesItsOutput() throws {
        let f = try TorchFixtures.load("lenet")
        let lenet = makeLeNet()
        _ = try lenet.summary(inputShape: [1, 1, 28, 28])
        XCTAssertEqual(lenet.namedParameters().map(\.path),
                       ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
                        "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"])
        try lenet.loadNamedTensors(f)
        assertClose(try lenet(try f.get("input")), try f.get("output"), tolerance: 1e-4, "lenet output")
        // A model never called builds its layers from the file's shapes.
        let fresh = makeLeNet()
        try fresh.loadNamedTensors(f)
        assertClose(try fresh(try f.get("input")), try f.get("output"), tolerance: 1e-4, "fresh lenet output")
    }

    func makeBlock() -> Residual {
        Residual(activation: .relu) {
            Conv2D(filters: 8, kernelSize: 3, stride: 2, padding: .explicit([1]), useBias: false, name: "conv1")
            BatchNorm(name: "bn1"); ReLU(name: "relu")
            Conv2D(filters: 8, kernelSize: 3, padding: .explicit([1]), useBias: false, name: "conv2")
            BatchNorm(name: "bn2")
        }
    }

    func testResidualBlockMatchesPyTorchInInference() throws {
        let f = try TorchFixtures.load("resblock")
        let block = makeBlock()
        _ = try block(try f.get("input"))
        XCTAssertEqual(Set(block.namedParameters().map(\.path)), Set(f.keys.filter { $0 != "input" && $0 != "output" }))
        try block.loadNamedTensors(f)
        assertClose(try block(try f.get("input")), try f.get("output"), tolerance: 1e-4, "residual output")
        let fresh = makeBlock()
        try fresh.loadNamedTensors(f)
        assertClose(try fresh(try f.get("input")), try f.get("output"), tolerance: 1e-4, "fresh residual output")
    }
}
