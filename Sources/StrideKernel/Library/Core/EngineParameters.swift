import StrideEngine
import StrideLanguage

/// Parameters of the engine's types, declared once for every native that takes them.
extension NativeParameter {
    static func tensor(_ spec: String) -> Self { .init(spec, "Tensor") }
    static func optionalTensor(_ spec: String) -> Self { .init(spec, "Tensor?", .none) }
    /// `padding: Padding = .valid (or an Int)`.
    static let padding = NativeParameter("padding", "Padding", .value(.symbol(Symbol(name: "valid"))),
                                         shown: ".valid (or an Int)")
    /// `activation: Activation = .identity`.
    static let activation = NativeParameter("activation", "Activation", .value(.symbol(Symbol(name: "identity"))))
    /// `initializer: Initializer = .heUniform`.
    static let initializer = NativeParameter("initializer", "Initializer", .value(.symbol(Symbol(name: "heUniform"))))
    /// `name: String? = nil`, which every layer takes.
    static let name = NativeParameter.optionalString("name")
}

/// Reading the engine's types from arguments.
extension NativeArguments {
    /// A tensor (numbers and nested arrays of numbers are converted).
    func tensor(_ key: String) throws -> Tensor {
        let v = try required(key)
        if let t = v.asTensor { return t }
        switch v {
        case .int, .double, .array: return try LanguageArray.tensor(from: v, callee)
        default: throw mismatch(key, "a Tensor", v)
        }
    }

    /// A tensor, or nil when absent.
    func optionalTensor(_ key: String) throws -> Tensor? {
        has(key) ? try tensor(key) : nil
    }

    /// `.valid` / `.same` as the engine's padding; an Int (or one Int per spatial axis) pads
    /// explicitly on both sides, as PyTorch's `padding=1`.
    func padding(_ key: String = "padding") throws -> Padding {
        switch try value(key) {
        case .int(let n)?:
            guard n >= 0 else { throw StrideError(.valueError, "\(callee): 'padding:' must not be negative, got \(n)") }
            return .explicit([n])
        case .array?:
            let list = try ints(key)
            guard !list.isEmpty, list.allSatisfy({ $0 >= 0 }) else {
                throw StrideError(.valueError, "\(callee): 'padding:' must list non-negative sizes, got \(list)")
            }
            return .explicit(list)
        default:
            return try choice(key, ["valid", "same"]) == "same" ? .same : .valid
        }
    }

    /// `.relu`, `.leakyRelu(alpha:)`, ... as the engine's activation.
    func activation(_ key: String = "activation") throws -> Activation {
        guard let s = try symbol(key) else { return .identity }
        let alpha = s.arguments.first(where: { $0.label == "alpha" }).flatMap { $0.value.asDoubleValue }
        switch s.name {
        case "identity", "linear", "none": return .identity
        case "relu": return .relu
        case "sigmoid": return .sigmoid
        case "tanh": return .tanh
        case "softmax": return .softmax
        case "swish": return .swish
        case "leakyRelu": return .leakyRelu(alpha: Float(alpha ?? 0.01))
        case "elu": return .elu(alpha: Float(alpha ?? 1))
        default:
            throw StrideError(.valueError, "\(callee): unknown activation .\(s.name) (use .relu, .sigmoid, .tanh, "
                              + ".softmax, .swish, .leakyRelu, .elu or .identity)")
        }
    }

    /// `.heUniform`, `.heNormal`, `.xavierUniform`, `.xavierNormal`, `.zeros`.
    func initializer(_ key: String = "initializer") throws -> Initializer {
        switch try choice(key, ["heUniform", "heNormal", "xavierUniform", "xavierNormal", "zeros"]) {
        case "heNormal": return .heNormal
        case "xavierUniform": return .xavierUniform
        case "xavierNormal": return .xavierNormal
        case "zeros": return .zeros
        default: return .heUniform
        }
    }
}

extension Value {
    /// An Int or Double as a Double.
    var asDoubleValue: Double? {
        switch self.unwrappedOptional {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
}
