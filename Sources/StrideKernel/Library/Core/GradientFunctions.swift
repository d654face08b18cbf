import StrideEngine
import StrideLanguage

/// Gradients of a model by parameter path, as returned by `gradient(at: model) { ... }`.
/// `grads["conv1.weight"]` reads one; `grads * 0.5` and `g1 + g2` scale and accumulate.
final class GradientsValue: NativeObject {
    var gradients: Gradients

    init(_ gradients: Gradients) { self.gradients = gradients }

    var typeName: String { "Gradients" }
    var description: String { gradients.description }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "paths": return .array(gradients.paths.map { .string($0) })
        case "norm": return .double(Double(gradients.norm))
        case "count": return .int(gradients.paths.count)
        default:
            // The model's structure: `grads.conv.weight` for a user layer's `conv` property.
            if let t = gradients[name] { return .tensor(t) }
            let prefix = name + "."
            let inner = gradients.paths.filter { $0.hasPrefix(prefix) }
            guard !inner.isEmpty else { throw StrideError(.typeError, "value of type Gradients has no member '\(name)' (paths: \(gradients.paths.joined(separator: ", ")))") }
            return .native(GradientsValue(Gradients(inner.map { (String($0.dropFirst(prefix.count)), gradients[$0]!) })))
        }
    }

    func subscriptGet(_ args: NativeCall) throws -> Value {
        let path = try args.requiredString(nil)
        guard let t = gradients[path] else {
            throw StrideError(.keyError, "no gradient for '\(path)' (paths: \(gradients.paths.joined(separator: ", ")))")
        }
        return .tensor(t)
    }

    func binary(_ op: BinaryOperator, _ other: Value, selfOnLeft: Bool) throws -> Value? {
        switch (op, other) {
        case (.add, .native(let n as GradientsValue)):
            return .native(GradientsValue(try engine { try gradients + n.gradients }))
        case (.multiply, _):
            guard let factor = other.asDoubleValue else { return nil }
            return .native(GradientsValue(try engine { try gradients.scaled(by: Float(factor)) }))
        case (.divide, _) where selfOnLeft:
            guard let d = other.asDoubleValue else { return nil }
            guard d != 0 else { throw StrideError(.arithmeticError, "division of gradients by zero") }
            return .native(GradientsValue(try engine { try gradients.scaled(by: Float(1 / d)) }))
        default:
            return nil
        }
    }
}

/// `gradient(at:)`, `valueWithGradient(at:)` and `withLearningPhase(_:)`.
enum GradientFunctions {
    static func install(into interp: Interpreter) {
        interp.defineNative(function: "valueWithGradient",
                            signature: "valueWithGradient(at x: Tensor or Layer, _ y: Tensor? = nil, in f: (Tensor or Layer) -> Tensor) -> (value: Tensor, gradient: Tensor or Gradients)",
                            doc: "The value of f at x and the gradient of its sum: a tensor for a tensor, gradients by parameter path for a model. f runs in training mode.") { call in
            let (value, gradient) = try differentiate(call)
            return .tuple(TupleStorage([.tensor(value), gradient], labels: ["value", "gradient"]))
        }
        interp.defineNative(function: "gradient",
                            signature: "gradient(at x: Tensor or Layer, _ y: Tensor? = nil, in f: (Tensor or Layer) -> Tensor) -> Tensor or Gradients",
                            doc: "The gradient of the sum of f at x: a tensor for a tensor, gradients by parameter path for a model (for `optimizer.update(&model, along:)`). f runs in training mode.") { call in
            try differentiate(call).gradient
        }
        interp.defineNative(function: "withLearningPhase",
                            signature: "withLearningPhase(_ phase: LearningPhase, _ body: () -> T) -> T",
                            doc: "Runs body with layers in `.training` (dropout on, batch-norm statistics updated) or `.inference` mode.") { call in
            try call.expect([], unlabelled: 2)
            let phase: LearningPhase
            switch try call.choice(nil, ["training", "inference"]) {
            case "training": phase = .training
            case "inference": phase = .inference
            default: throw StrideError(.typeError, "withLearningPhase: missing the phase (.training or .inference)")
            }
            let body = try call.closure(nil)
            return try withLearningPhase(phase) { try call.interpreter.call(body, []) }
        }
    }

    /// Runs `f` at `x` under differentiation; the gradient is a tensor, a tuple of tensors
    /// (for `at: a, b`), or a GradientsValue for a model.
    private static func differentiate(_ call: NativeCall) throws -> (value: Tensor, gradient: Value) {
        try call.expect(["at", "in"], unlabelled: 2)
        let point = try call.required("at")
        let f = try call.argument("in").map { v -> Value in
            guard case .function = v else { throw StrideError(.typeError, "\(call.callee): argument 'in:' must be a closure, got \(v.typeName)") }
            return v
        } ?? call.closure(nil)
        let interp = call.interpreter
        func result(_ v: Value) throws -> Tensor {
            guard let t = v.asTensor else {
                throw StrideError(.typeError, "\(call.callee): the closure must return a Tensor, got \(v.typeName)")
            }
            return t
        }
        // `at: a, b`: a second point follows `at:` without a label (the closure comes last).
        let extra = call.arguments.filter { $0.label == nil }.map(\.value).filter { $0.asTensor != nil }
        if let x = point.asTensor {
            let points = [x] + extra.compactMap(\.asTensor)
            let (value, grads) = try engine {
                try valueWithGradient(at: points) { leaves in try result(interp.call(f, leaves.map { .tensor($0) })) }
            }
            if grads.count == 1 { return (value, .tensor(grads[0])) }
            return (value, .tuple(TupleStorage(grads.map { .tensor($0) })))
        }
        guard isLayerValue(point) else {
            throw StrideError(.typeError, "\(call.callee): argument 'at:' must be a Tensor or a model, got \(point.typeName)")
        }
        let model = try modelAdapter(for: point, interpreter: interp)
        let (value, grads) = try engine {
            try valueWithGradient(at: model) { _ in try result(interp.call(f, [point])) }
        }
        return (value, .native(GradientsValue(grads)))
    }
}
