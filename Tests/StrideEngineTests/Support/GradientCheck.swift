import XCTest
@testable import StrideEngine

/// Checks the engine's gradient of `f` at `inputs` against central finite differences.
/// The output is reduced with fixed random weights so that every output element matters.
func checkGradient(_ inputs: [Tensor], epsilon: Float = 1e-2, tolerance: Float = 1e-2,
                   file: StaticString = #filePath, line: UInt = #line,
                   _ f: @escaping ([Tensor]) throws -> Tensor) {
    do {
        let probe = try withLearningPhase(.training) { try f(inputs) }
        let weights = try Tensor(randomUniform: probe.shape, lowerBound: 0.5, upperBound: 1.5, seed: 99)
        let objective: ([Tensor]) throws -> Tensor = { xs in try (f(xs) * weights).sum() }
        let (_, analytic) = try valueWithGradient(at: inputs, in: objective)
        for (index, input) in inputs.enumerated() {
            XCTAssertEqual(analytic[index].shape, input.shape, "gradient shape of input \(index)", file: file, line: line)
            var worst: Float = 0
            for i in 0..<input.scalarCount {
                func evaluate(_ delta: Float) throws -> Double {
                    var xs = inputs
                    xs[index].withUnsafeMutableBufferPointer { $0[i] += delta }
                    return Double(try withLearningPhase(.training) { try objective(xs) }.scalarValue())
                }
                let numeric = Float((try evaluate(epsilon) - evaluate(-epsilon)) / Double(2 * epsilon))
                let a = analytic[index].scalars[i]
                let error = Swift.abs(a - numeric) / Swift.max(1, Swift.abs(numeric))
                worst = Swift.max(worst, error)
                if error > tolerance {
                    XCTFail("input \(index) element \(i): analytic \(a), numeric \(numeric)", file: file, line: line)
                    return
                }
            }
        }
    } catch {
        XCTFail("gradient check threw \(error)", file: file, line: line)
    }
}

/// Asserts two tensors have one shape and scalars within `tolerance` (absolute + relative).
func assertClose(_ a: Tensor, _ b: Tensor, tolerance: Float = 1e-4, _ message: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.shape, b.shape, "shape \(message)", file: file, line: line)
    guard a.shape == b.shape else { return }
    let x = a.scalars, y = b.scalars
    for i in 0..<x.count {
        let limit = tolerance * (1 + Swift.abs(y[i]))
        if !(Swift.abs(x[i] - y[i]) <= limit) {
            XCTFail("\(message) element \(i): \(x[i]) vs \(y[i])", file: file, line: line)
            return
        }
    }
}

/// A seeded normal tensor (shorthand for tests).
func randn(_ shape: [Int], seed: UInt64) -> Tensor {
    try! Tensor(randomNormal: shape, seed: seed)
}

/// Checks a layer's gradients with respect to its input and to every trainable parameter
/// against central finite differences (in the training phase, as `gradient(at:)` runs).
func checkLayerGradient(_ layer: Layer, input: Tensor, epsilon: Float = 1e-2, tolerance: Float = 1e-2,
                        checkInput: Bool = true, file: StaticString = #filePath, line: UInt = #line) {
    do {
        // Build lazily created parameters without touching running statistics.
        _ = try withLearningPhase(.inference) { try layer(input) }
        let probe = try withLearningPhase(.inference) { try layer(input) }
        let weights = try Tensor(randomUniform: probe.shape, lowerBound: 0.5, upperBound: 1.5, seed: 77)
        let state = layer.namedParameters().filter { !$0.parameter.isTrainable }.map { ($0.parameter, $0.parameter.value) }
        func restoreState() { for (p, v) in state { p.value = v } }
        func objective() throws -> Double {
            defer { restoreState() }
            return Double(try withLearningPhase(.training) { try (layer(input) * weights).sum() }.scalarValue())
        }
        if checkInput {
            checkGradient([input], epsilon: epsilon, tolerance: tolerance, file: file, line: line) { xs in
                defer { restoreState() }
                return try layer(xs[0]) * weights
            }
        }
        let (_, grads) = try valueWithGradient(at: layer) { m in try (m(input) * weights).sum() }
        restoreState()
        for (path, p) in layer.trainableParameters() {
            guard let g = grads[path] else { XCTFail("no gradient for \(path)", file: file, line: line); continue }
            for i in 0..<p.value.scalarCount {
                let original = p.value
                p.value.withUnsafeMutableBufferPointer { $0[i] += epsilon }
                let plus = try objective()
                p.value = original
                p.value.withUnsafeMutableBufferPointer { $0[i] -= epsilon }
                let minus = try objective()
                p.value = original
                let numeric = Float((plus - minus) / Double(2 * epsilon))
                let a = g.scalars[i]
                if Swift.abs(a - numeric) / Swift.max(1, Swift.abs(numeric)) > tolerance {
                    XCTFail("\(path) element \(i): analytic \(a), numeric \(numeric)", file: file, line: line)
                    break
                }
            }
        }
    } catch {
        XCTFail("layer gradient check threw \(error)", file: file, line: line)
    }
}
