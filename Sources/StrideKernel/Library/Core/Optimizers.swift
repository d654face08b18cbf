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

    static let update = NativeDeclaration(
        "update", kind: .method, [.value("_ model", "inout Layer"), .value("along gradients", "Gradients")],
        doc: "Applies one step of the optimizer to the model's parameters.")

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "learningRate": return .double(LanguageArray.double(from: optimizer.learningRate))
        case "update":
            return .function(Self.update.function(named: "\(kind).update") { [optimizer] args in
                let model = try modelAdapter(for: args.required("model"), interpreter: args.interpreter)
                guard case .native(let g as GradientsValue)? = args.given("along")?.unwrappedOptional else {
                    throw StrideError(.typeError, "\(args.callee): argument 'along:' must be the Gradients of gradient(at: model) { ... }")
                }
                let owned = Set(model.trainableParameters().map(\.path))
                if let stray = g.gradients.paths.first(where: { !owned.contains($0) }) {
                    throw StrideError(.valueError, "\(args.callee): the gradients do not belong to this model (it has no parameter '\(stray)')")
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
    static let rate = NativeDeclaration(
        "rate", kind: .method, [.double("base"), .int("epoch")], returns: "Double",
        doc: "The learning rate for a 0-based epoch from the base rate.")

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        guard name == "rate" else { throw StrideError(.typeError, "value of type LearningRateSchedule has no member '\(name)'") }
        return .function(Self.rate.function(named: "LearningRateSchedule.rate") { [schedule] args in
            let base = try args.float("base"), epoch = try args.int("epoch")
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
        define(interp, NativeDeclaration(
            "SGD", [rate(0.01), .double("momentum", 0), .bool("nesterov", false), .double("weightDecay", 0)],
            doc: "Stochastic gradient descent with momentum, Nesterov momentum and L2 weight decay (torch.optim.SGD).")
        ) { args in
            SGD(learningRate: try rate(args), momentum: try args.float("momentum"), nesterov: try args.bool("nesterov"),
                weightDecay: try args.float("weightDecay"))
        }
        for (name, defaultDecay, doc) in [("Adam", 0.0, "Adam (Kingma & Ba 2015) with L2 weight decay, as torch.optim.Adam."),
                                          ("AdamW", 0.01, "Adam with decoupled weight decay (Loshchilov & Hutter 2019), as torch.optim.AdamW.")] {
            define(interp, NativeDeclaration(
                name, [rate(0.001), .double("beta1", 0.9), .double("beta2", 0.999), .double("epsilon", 1e-8),
                       .double("weightDecay", defaultDecay)], doc: doc)
            ) { args in
                let lr = try rate(args), b1 = try args.float("beta1"), b2 = try args.float("beta2")
                let eps = try args.float("epsilon"), wd = try args.float("weightDecay")
                return name == "AdamW"
                    ? AdamW(learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd)
                    : Adam(learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd)
            }
        }
        define(interp, NativeDeclaration(
            "RMSProp", [rate(0.01), .double("alpha", 0.99), .double("epsilon", 1e-8), .double("momentum", 0),
                        .bool("centered", false), .double("weightDecay", 0)],
            doc: "RMSProp (Hinton 2012), as torch.optim.RMSprop.")
        ) { args in
            RMSProp(learningRate: try rate(args), alpha: try args.float("alpha"), epsilon: try args.float("epsilon"),
                    momentum: try args.float("momentum"), centered: try args.bool("centered"),
                    weightDecay: try args.float("weightDecay"))
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
            NativeDeclaration("LearningRateSchedule", [.value("_ kind", ".step(every: Int, factor: Double) or .cosine(epochs: Int)")],
                              doc: "A learning rate changing per epoch: .step(every:factor:) (PyTorch's StepLR) or .cosine(epochs:) (CosineAnnealingLR)."),
            construct: { args in
                guard args.has("kind"), let s = try args.symbol("kind") else {
                    throw StrideError(.typeError, "LearningRateSchedule: missing .step(every:factor:) or .cosine(epochs:)")
                }
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

    /// `learningRate: Double = lr`, which must be positive and finite.
    private static func rate(_ defaultValue: Double) -> NativeParameter { .double("learningRate", defaultValue) }

    private static func rate(_ args: NativeArguments) throws -> Float {
        let lr = try args.float("learningRate")
        guard lr > 0, lr.isFinite else { throw StrideError(.valueError, "\(args.callee): learningRate must be positive, got \(lr)") }
        return lr
    }

    private static func show(_ f: Float) -> String { "\(LanguageArray.double(from: f))" }

    /// An optimizer type; its description lists every setting of its declaration as read.
    private static func define(_ interp: Interpreter, _ declaration: NativeDeclaration,
                               _ make: @escaping (NativeArguments) throws -> Optimizer) {
        let name = declaration.name
        interp.defineNativeType(NativeTypeInfo(
            declaration,
            construct: { args in
                let optimizer = try make(args)
                let settings = try args.signature.parameters.map { p -> String in
                    if p.type == "Bool" { return "\(p.key): \(try args.bool(p.key))" }
                    return "\(p.key): \(show(try args.float(p.key)))"
                }
                return .native(OptimizerValue(optimizer, kind: name, settings: settings.joined(separator: ", ")))
            },
            memberNames: ["learningRate", "update"],
            isInstance: { v in if case .native(let n as OptimizerValue) = v { return n.kind == name }; return false }))
    }
}
