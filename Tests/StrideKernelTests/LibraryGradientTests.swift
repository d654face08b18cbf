import XCTest
import StrideEngine
import StrideLanguage
@testable import StrideKernel

/// Gradients from the language over tensors, library models and user `: Layer` types,
/// checked against hand-computed values and central finite differences of the loss the
/// language computes.
final class LibraryGradientTests: XCTestCase {
    var h: LibraryHarness!
    override func setUp() { h = LibraryHarness() }

    func testValueWithGradientOfATensor() {
        XCTAssertEqual(h.run("""
        let x = Tensor([1, 2, 3])
        let (v, g) = valueWithGradient(at: x) { x in (x * x).sum() }
        print(v, g)
        """), "14.0 [2.0, 4.0, 6.0]\n")
        // d/dx Σ sin-free composite: Σ exp(2x) → 2·exp(2x)
        assertClose(h.scalars("gradient(at: Tensor([0, 1])) { x in exp(x * 2).sum() }"), [2, 2 * expf(2)], tolerance: 1e-5)
        // mean over 4 elements: gradient 1/4 each
        XCTAssertEqual(h.scalars("gradient(at: Tensor([[1, 2], [3, 4]])) { x in x.mean() }"), [0.25, 0.25, 0.25, 0.25])
        let labelled = h.run("let r = valueWithGradient(at: Tensor([3])) { x in x * x }\nprint(r.value, r.gradient)")
        XCTAssertEqual(labelled, "[9.0] [6.0]\n")
    }

    func testGradientAtTwoTensors() {
        // d/da Σ a·b = b, d/db Σ a·b = a
        XCTAssertEqual(h.run("""
        let (da, db) = gradient(at: Tensor([1, 2]), Tensor([3, 5])) { a, b in (a * b).sum() }
        print(da, db)
        """), "[3.0, 5.0] [1.0, 2.0]\n")
    }

    func testClosureMustReturnATensor() {
        guard let e = h.error("gradient(at: Tensor([1])) { x in 3 }") else { return }
        XCTAssertEqual(e.kind, .typeError)
        XCTAssertTrue(e.message.contains("must return a Tensor"), e.message)
    }

    /// The loss of `model` on fixed data, computed by the language.
    private func loss() -> Float {
        h.scalars("crossEntropy(logits: model(images), labels: labels)").first ?? .nan
    }

    /// Central differences of the language's loss with respect to each scalar of the
    /// parameter at `path` of the engine model behind `model`.
    private func finiteDifferences(_ model: Layer, path: String, epsilon: Float = 1e-2) -> [Float] {
        guard let p = model.namedParameters().first(where: { $0.path == path })?.parameter else {
            XCTFail("no parameter \(path)"); return []
        }
        var result: [Float] = []
        for i in 0..<p.value.scalarCount {
            let original = p.value.scalars[i]
            func set(_ v: Float) { var t = p.value; t.withUnsafeMutableBufferPointer { $0[i] = v }; p.value = t }
            set(original + epsilon); let up = loss()
            set(original - epsilon); let down = loss()
            set(original)
            result.append((up - down) / (2 * epsilon))
        }
        return result
    }

    func testModelGradientMatchesFiniteDifferences() throws {
        h.run("""
        var model = Sequential { Dense(units: 3, activation: .tanh); Dense(units: 2) }
        let images = Tensor(randomNormal: [4, 5], seed: 7)
        let labels = Tensor([0, 1, 1, 0])
        let grads = gradient(at: model) { m in crossEntropy(logits: m(images), labels: labels) }
        """)
        XCTAssertEqual(h.run("print(grads.paths)"), "[\"0.weight\", \"0.bias\", \"1.weight\", \"1.bias\"]\n")
        let model = try XCTUnwrap(h.value("model")?.asLayer)
        for path in ["0.weight", "0.bias", "1.weight", "1.bias"] {
            let analytic = h.scalars("grads[\"\(path)\"]")
            assertClose(analytic, finiteDifferences(model, path: path), tolerance: 2e-3)
        }
    }

    func testUserLayerGradientMatchesFiniteDifferences() throws {
        h.run("""
        struct TinyNet: Layer {
            var conv = Conv2D(filters: 2, kernelSize: 3, padding: .same)
            var head = Dense(units: 3)
            func callAsFunction(_ x: Tensor) -> Tensor {
                // tanh rather than relu: smooth, so finite differences are exact to O(ε²).
                head(globalAvgPool2d(tanh(conv(x))))
            }
        }
        var model = TinyNet()
        let images = Tensor(randomNormal: [2, 1, 5, 5], seed: 1)
        let labels = Tensor([2, 0])
        let grads = gradient(at: model) { m in crossEntropy(logits: m(images), labels: labels) }
        """)
        XCTAssertEqual(h.run("print(grads.paths)"), "[\"conv.weight\", \"conv.bias\", \"head.weight\", \"head.bias\"]\n")
        let adapter = try modelAdapter(for: XCTUnwrap(h.value("model")), interpreter: h.interpreter)
        for path in ["conv.weight", "conv.bias", "head.weight", "head.bias"] {
            assertClose(h.scalars("grads[\"\(path)\"]"), finiteDifferences(adapter, path: path), tolerance: 3e-3)
        }
        XCTAssertEqual(h.run("print(model is Layer)"), "true\n")
        // The gradient mirrors the model's structure: property, then parameter.
        XCTAssertEqual(h.scalars("grads.head.bias"), h.scalars("grads[\"head.bias\"]"))
        XCTAssertEqual(h.run("print(grads.conv.paths)"), "[\"weight\", \"bias\"]\n")
        // The optimizer updates the layers the struct holds.
        h.run("let before = model.head.parameters[\"bias\"]!; SGD(learningRate: 1).update(&model, along: grads)")
        assertClose(h.scalars("model.head.parameters[\"bias\"]!"),
                    zip(h.scalars("before"), h.scalars("grads.head.bias")).map { $0 - $1 }, tolerance: 1e-6)
    }

    func testSGDUpdateFollowsTheGradient() {
        h.run("""
        var model = Sequential { Dense(units: 2) }
        let x = Tensor([[1, -2, 3]])
        let labels = Tensor([1])
        let _ = model(x)
        let before = model.parameters["0.weight"]!
        let lossBefore = crossEntropy(logits: model(x), labels: labels)
        let grads = gradient(at: model) { m in crossEntropy(logits: m(x), labels: labels) }
        let optimizer = SGD(learningRate: 0.1)
        optimizer.update(&model, along: grads)
        """)
        let before = h.scalars("before"), g = h.scalars("grads[\"0.weight\"]"), after = h.scalars("model.parameters[\"0.weight\"]!")
        assertClose(after, zip(before, g).map { $0 - 0.1 * $1 }, tolerance: 1e-6)
        XCTAssertLessThan(h.scalars("crossEntropy(logits: model(x), labels: labels)")[0], h.scalars("lossBefore")[0])
    }

    func testAdamFirstStepMovesEachWeightByTheLearningRate() {
        // At Adam's first step m̂ = g and v̂ = g², so each weight moves by lr·g/(|g| + ε) ≈ lr·sign(g).
        h.run("""
        var model = Sequential { Dense(units: 2) }
        let x = Tensor([[1, -2, 3]])
        let _ = model(x)
        let before = model.parameters["0.weight"]!
        let grads = gradient(at: model) { m in (m(x) * Tensor([[1, -1]])).sum() }
        let optimizer = Adam(learningRate: 0.01)
        optimizer.update(&model, along: grads)
        """)
        let before = h.scalars("before"), g = h.scalars("grads[\"0.weight\"]"), after = h.scalars("model.parameters[\"0.weight\"]!")
        // d/dW of Σ (W x)·[1, -1]: row 0 gets x, row 1 gets −x.
        XCTAssertEqual(g, [1, -2, 3, -1, 2, -3])
        assertClose(after, zip(before, g).map { $0 - 0.01 * ($1 > 0 ? 1 : -1) }, tolerance: 1e-5)
        XCTAssertEqual(h.run("print(optimizer.learningRate); optimizer.learningRate = 0.5; print(optimizer.learningRate)"), "0.01\n0.5\n")
    }

    func testGradientsArithmetic() {
        h.run("""
        let model = Sequential { Dense(units: 1) }
        let x = Tensor([[2, 3]])
        let g = gradient(at: model) { m in m(x).sum() }
        """)
        XCTAssertEqual(h.scalars("g[\"0.weight\"]"), [2, 3])
        XCTAssertEqual(h.scalars("(g + g)[\"0.weight\"]"), [4, 6])
        XCTAssertEqual(h.scalars("(g * 0.5)[\"0.weight\"]"), [1, 1.5])
        XCTAssertEqual(h.error("g[\"nope\"]")?.kind, .keyError)
        XCTAssertEqual(h.error("SGD().update(&x, along: g)")?.kind, .typeError)
        guard let e = h.error("var other = Sequential { Flatten(); Dense(units: 1, name: \"fc\") }; SGD().update(&other, along: g)") else { return }
        XCTAssertEqual(e.kind, .valueError)
        XCTAssertTrue(e.message.contains("'0.weight'"), e.message)
        XCTAssertEqual(h.run("let o: Optimizer = Adam(); print(o is Optimizer, g is Gradients)"), "true true\n")
    }

    func testLearningPhaseControlsDropout() {
        h.run("let drop = Dropout(rate: 0.5); let x = Tensor(ones: [1000])")
        XCTAssertEqual(h.scalars("drop(x)"), [Float](repeating: 1, count: 1000))
        let trained = h.scalars("withLearningPhase(.training) { drop(x) }")
        XCTAssertTrue(trained.allSatisfy { $0 == 0 || $0 == 2 })
        let kept = trained.filter { $0 == 2 }.count
        XCTAssertTrue((400...600).contains(kept), "kept \(kept) of 1000")
        // gradient(at:) runs its closure in training mode too.
        let g = h.scalars("gradient(at: x) { x in drop(x).sum() }")
        XCTAssertTrue(g.contains(0) && g.contains(2))
    }

    func testLosses() {
        assertClose(h.scalars("crossEntropy(logits: Tensor([[0, 0]]), labels: Tensor([1]))"), [logf(2)])
        assertClose(h.scalars("meanSquaredError(predicted: Tensor([1, 2]), expected: Tensor([0, 0]))"), [2.5])
        assertClose(h.scalars("binaryCrossEntropy(predicted: Tensor([0.5, 0.5]), expected: Tensor([1, 0]))"), [logf(2)])
        assertClose(h.scalars("binaryCrossEntropy(logits: Tensor([0]), labels: Tensor([1]))"), [logf(2)])
        // lengths 0.95 (its class, above m⁺ → 0) and 0.3 (other class: 0.5·(0.3 − 0.1)² = 0.02)
        assertClose(h.scalars("marginLoss(lengths: Tensor([[0.95, 0.3]]), labels: Tensor([0]))"), [0.02], tolerance: 1e-4)
        XCTAssertEqual(h.error("crossEntropy(logits: Tensor([[0, 0]]), labels: Tensor([1, 0]))")?.kind, .shapeError)
    }

    func testSchedules() {
        XCTAssertEqual(h.run("print(LearningRateSchedule(.step(every: 2, factor: 0.5)).rate(base: 1, epoch: 3))"), "0.5\n")
        // Half-way through a cosine schedule: (1 + cos(π/2)) / 2 = 0.5.
        XCTAssertEqual(Double(h.run("print(LearningRateSchedule(.cosine(epochs: 10)).rate(base: 1, epoch: 5))").dropLast()) ?? 0, 0.5, accuracy: 1e-6)
        XCTAssertEqual(h.error("LearningRateSchedule(.linear(epochs: 3))")?.kind, .valueError)
        XCTAssertEqual(h.run("print(SGD(learningRate: 0.1, momentum: 0.9, nesterov: true))"),
                       "SGD(learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.0)\n")
        XCTAssertEqual(h.error("Adam(learningRate: -1)")?.kind, .valueError)
        XCTAssertEqual(h.run("print(AdamW().learningRate, RMSProp().learningRate)"), "0.001 0.01\n")
    }
}
