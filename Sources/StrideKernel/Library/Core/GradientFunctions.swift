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

    static let subscriptDeclaration = NativeDeclaration("Gradients", [.string("_ path")], returns: "Tensor",
                                                        doc: "The gradient of the parameter at `path`.")

    func subscriptGet(_ call: NativeCall) throws -> Value {
        let path = try Self.subscriptDeclaration.match(call).string("path")
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
    /// `at x: Tensor or Layer, _ y: Tensor? = nil, in f: ...`: a second point may follow
    /// `at:` without a label, and the closure may be `in:` or trailing.
    private static let point: [NativeParameter] = [
        .value("at x", "Tensor or Layer"), .optionalValue("_ y", "Tensor?"), .init("in f", "(Tensor or Layer) -> Tensor", trailingClosure: true),
    ]

    static func install(into interp: Interpreter) {
        interp.defineNative(NativeDeclaration(
            "valueWithGradient", point, returns: "(value: Tensor, gradient: Tensor or Gradients)",
            doc: "The value of f at x and the gradient of its sum: a tensor for a tensor, gradients by parameter path for a model. f runs in training mode.")
        ) { args in
            let (value, gradient) = try differentiate(args)
            return .tuple(TupleStorage([.tensor(value), gradient], labels: ["value", "gradient"]))
        }
        interp.defineNative(NativeDeclaration(
            "gradient", point, returns: "Tensor or Gradients",
            doc: "The gradient of the sum of f at x: a tensor for a tensor, gradients by parameter path for a model (for `optimizer.update(&model, along:)`). f runs in training mode.")
        ) { args in
            try differentiate(args).gradient
        }
        interp.defineNative(NativeDeclaration(
            "withLearningPhase", [.value("_ phase", "LearningPhase"), .value("_ body", "() -> T")], returns: "T",
            doc: "Runs body with layers in `.training` (dropout on, batch-norm statistics updated) or `.inference` mode.")
        ) { args in
            let phase: LearningPhase
            switch args.has("phase") ? try args.choice("phase", ["training", "inference"]) : nil {
            case "training": phase = .training
            case "inference": phase = .inference
            default: throw StrideError(.typeError, "withLearningPhase: missing the phase (.training or .inference)")
            }
            let body = try args.closure("body")
            return try withLearningPhase(phase) { try args.interpreter.call(body, []) }
        }
    }

    /// Runs `f` at `x` under differentiation; the gradient is a tensor, a tuple of tensors
    /// (for `at: a, b`), or a GradientsValue for a model.
    private static func differentiate(_ args: NativeArguments) throws -> (value: Tensor, gradient: Value) {
        let call = args.call
        let point = try args.required("at")
        let f = try args.closure("in")
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
