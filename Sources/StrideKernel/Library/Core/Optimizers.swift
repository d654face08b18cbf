import StrideEngine
import StrideLanguage

/// An optimizer as a language value: `optimizer.update(&model, along: grads)`, and its
/// `learningRate` can be read and set. `fit` takes `optimizer` from it.
final class OptimizerValue: NativeObject {
    let optimizer: Optimizer
    let kind: String
    private let settings: String

    init(_ optimizer: Optimizer, kind: String, settings: String) {
        self.optimizer = optimizer; self.kind = kind; self.settings = settings
    }

    var typeName: String { kind }
    var description: String { "\(kind)(\(settings))" }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "learningRate": return .double(LanguageArray.double(from: optimizer.learningRate))
        case "update":
            return .function(Function(native: "\(kind).update", signature: "func update(_ model: inout Layer, along gradients: Gradients)",
                                      doc: "Applies one step of the optimizer to the model's parameters.") { [optimizer] call in
                try call.expect(["along"], unlabelled: 1)
                let model = try modelAdapter(for: call.required(nil), interpreter: call.interpreter)
                guard case .native(let g as GradientsValue)? = call.argument("along")?.unwrappedOptional else {
                    throw StrideError(.typeError, "\(call.callee): argument 'along:' must be the Gradients of gradient(at: model) { ... }")
                }
                let owned = Set(model.trainableParameters().map(\.path))
                if let stray = g.gradients.paths.first(where: { !owned.contains($0) }) {
                    throw StrideError(.valueError, "\(call.callee): the gradients do not belong to this model (it has no parameter '\(stray)')")
                }
                // Layers are references: the model's parameters change in place.
                try engine { try optimizer.update(model, along: g.gradients) }
                return .void
            })
        default: throw StrideError(.typeError, "value of type \(kind) has no member '\(name)'")
        }
    }

    func setMember(_ name: String, _ value: Value) throws {
        guard name == "learningRate", let rate = value.asDoubleValue else {
            throw StrideError(.typeError, "cannot assign to property '\(name)' of \(kind)")
        }
        optimizer.learningRate = Float(rate)
    }
}

/// A learning-rate schedule: `LearningRateSchedule(.step(every: 2, factor: 0.5))`,
/// `LearningRateSchedule(.cosine(epochs: 10))`.
final class ScheduleValue: NativeObject {
    let schedule: LearningRateSchedule
    init(_ schedule: LearningRateSchedule) { self.schedule = schedule }
    var typeName: String { "LearningRateSchedule" }
    var description: String {
        switch schedule.kind {
        case let .step(every, factor): return "LearningRateSchedule(.step(every: \(every), factor: \(LanguageArray.double(from: factor))))"
        case let .cosine(epochs): return "LearningRateSchedule(.cosine(epochs: \(epochs)))"
        }
    }
    func member(_ name: String, in interp: Interpreter) throws -> Value {
        guard name == "rate" else { throw StrideError(.typeError, "value of type LearningRateSchedule has no member '\(name)'") }
        return .function(Function(native: "LearningRateSchedule.rate", signature: "func rate(base: Double, epoch: Int) -> Double",
                                  doc: "The learning rate for a 0-based epoch from the base rate.") { [schedule] call in
            try call.expect(["base", "epoch"])
            let base = try call.float("base", default: 0), epoch = try call.requiredInt("epoch")
            return .double(LanguageArray.double(from: schedule.rate(base: base, epoch: epoch)))
        })
    }
}

extension Value {
    /// The engine optimizer inside an optimizer value.
    var asOptimizer: Optimizer? {
        if case .native(let n as OptimizerValue) = self.unwrappedOptional { return n.optimizer }
        return nil
    }
    /// The engine schedule inside a schedule value (or a bare `.step(...)`/`.cosine(...)` symbol).
    var asSchedule: LearningRateSchedule? {
        if case .native(let n as ScheduleValue) = self.unwrappedOptional { return n.schedule }
        if case .symbol(let s) = self.unwrappedOptional { return try? OptimizerTypes.schedule(from: s) }
        return nil
    }
}

/// The optimizer types and `LearningRateSchedule`.
enum OptimizerTypes {
    static func install(into interp: Interpreter) {
        define(interp, "SGD", "SGD(learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false, weightDecay: Double = 0)",
               "Stochastic gradient descent with momentum, Nesterov momentum and L2 weight decay (torch.optim.SGD).") { call in
            try call.expect(["learningRate", "momentum", "nesterov", "weightDecay"])
            let lr = try rate(call, 0.01), m = try call.float("momentum", default: 0)
            let nesterov = try call.bool("nesterov", default: false), wd = try call.float("weightDecay", default: 0)
            return OptimizerValue(SGD(learningRate: lr, momentum: m, nesterov: nesterov, weightDecay: wd), kind: "SGD",
                                  settings: "learningRate: \(show(lr)), momentum: \(show(m)), nesterov: \(nesterov), weightDecay: \(show(wd))")
        }
        for (name, defaultDecay, doc) in [("Adam", Float(0), "Adam (Kingma & Ba 2015) with L2 weight decay, as torch.optim.Adam."),
                                          ("AdamW", Float(0.01), "Adam with decoupled weight decay (Loshchilov & Hutter 2019), as torch.optim.AdamW.")] {
            define(interp, name, "\(name)(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = \(show(defaultDecay)))", doc) { call in
                try call.expect(["learningRate", "beta1", "beta2", "epsilon", "weightDecay"])
                let lr = try rate(call, 1e-3), b1 = try call.float("beta1", default: 0.9), b2 = try call.float("beta2", default: 0.999)
                let eps = try call.float("epsilon", default: 1e-8), wd = try call.float("weightDecay", default: defaultDecay)
                let optimizer: Optimizer = name == "AdamW"
                    ? AdamW(learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd)
                    : Adam(learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd)
                return OptimizerValue(optimizer, kind: name,
                                      settings: "learningRate: \(show(lr)), beta1: \(show(b1)), beta2: \(show(b2)), epsilon: \(show(eps)), weightDecay: \(show(wd))")
            }
        }
        define(interp, "RMSProp", "RMSProp(learningRate: Double = 0.01, alpha: Double = 0.99, epsilon: Double = 1e-8, momentum: Double = 0, centered: Bool = false, weightDecay: Double = 0)",
               "RMSProp (Hinton 2012), as torch.optim.RMSprop.") { call in
            try call.expect(["learningRate", "alpha", "epsilon", "momentum", "centered", "weightDecay"])
            let lr = try rate(call, 0.01), alpha = try call.float("alpha", default: 0.99), eps = try call.float("epsilon", default: 1e-8)
            let m = try call.float("momentum", default: 0), centered = try call.bool("centered", default: false)
            let wd = try call.float("weightDecay", default: 0)
            return OptimizerValue(RMSProp(learningRate: lr, alpha: alpha, epsilon: eps, momentum: m, centered: centered, weightDecay: wd),
                                  kind: "RMSProp", settings: "learningRate: \(show(lr)), alpha: \(show(alpha)), epsilon: \(show(eps)), momentum: \(show(m)), centered: \(centered), weightDecay: \(show(wd))")
        }
        interp.defineNativeType(NativeTypeInfo(
            name: "Optimizer", doc: "An optimizer: SGD, Adam, AdamW or RMSProp.", isProtocol: true,
            memberNames: ["learningRate", "update"],
            isInstance: { v in if case .native(let n) = v.unwrappedOptional { return n is OptimizerValue }; return false }))
        interp.defineNativeType(NativeTypeInfo(
            name: "Gradients", doc: "Gradients of a model's parameters by path, from gradient(at: model) { ... }.",
            memberNames: ["paths", "norm", "count"],
            isInstance: { v in if case .native(let n) = v.unwrappedOptional { return n is GradientsValue }; return false }))
        interp.defineNativeType(NativeTypeInfo(
            name: "LearningRateSchedule",
            doc: "A learning rate changing per epoch: .step(every:factor:) (PyTorch's StepLR) or .cosine(epochs:) (CosineAnnealingLR).",
            initSignatures: ["LearningRateSchedule(_ kind: .step(every: Int, factor: Double) or .cosine(epochs: Int))"],
            construct: { call in
                try call.expect([], unlabelled: 1)
                guard let s = try call.symbol(nil) else { throw StrideError(.typeError, "LearningRateSchedule: missing .step(every:factor:) or .cosine(epochs:)") }
                return .native(ScheduleValue(try schedule(from: s)))
            },
            memberNames: ["rate"],
            isInstance: { v in if case .native(let n) = v { return n is ScheduleValue }; return false }))
    }

    /// A schedule from `.step(every:factor:)` or `.cosine(epochs:)`.
    static func schedule(from s: Symbol) throws -> LearningRateSchedule {
        func arg(_ label: String) -> Value? { s.arguments.first { $0.label == label }?.value }
        switch s.name {
        case "step":
            guard case .int(let every)? = arg("every"), every > 0, let factor = arg("factor")?.asDoubleValue else {
                throw StrideError(.typeError, "LearningRateSchedule: .step needs every: (a positive Int) and factor: (a Double)")
            }
            return LearningRateSchedule(.step(every: every, factor: Float(factor)))
        case "cosine":
            guard case .int(let epochs)? = arg("epochs"), epochs > 0 else {
                throw StrideError(.typeError, "LearningRateSchedule: .cosine needs epochs: (a positive Int)")
            }
            return LearningRateSchedule(.cosine(epochs: epochs))
        default:
            throw StrideError(.valueError, "LearningRateSchedule: unknown schedule .\(s.name) (use .step(every:factor:) or .cosine(epochs:))")
        }
    }

    private static func rate(_ call: NativeCall, _ defaultValue: Float) throws -> Float {
        let lr = try call.float("learningRate", default: defaultValue)
        guard lr > 0, lr.isFinite else { throw StrideError(.valueError, "\(call.callee): learningRate must be positive, got \(lr)") }
        return lr
    }

    private static func show(_ f: Float) -> String { "\(LanguageArray.double(from: f))" }

    private static func define(_ interp: Interpreter, _ name: String, _ signature: String, _ doc: String,
                               _ make: @escaping (NativeCall) throws -> OptimizerValue) {
        interp.defineNativeType(NativeTypeInfo(
            name: name, doc: doc, initSignatures: [signature],
            construct: { call in .native(try make(call)) },
            memberNames: ["learningRate", "update"],
            isInstance: { v in if case .native(let n as OptimizerValue) = v { return n.kind == name }; return false }))
    }
}
