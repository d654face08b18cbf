import StrideEngine
import StrideLanguage

/// Reading a native's arguments by label, with TypeErrors that name the function and the
/// parameter (`conv2d: argument 'stride:' must be an Int, got String`).
extension NativeCall {
    /// How a parameter is named in messages: `'stride:'`, or `#2` for an unlabelled one.
    private func parameterName(_ label: String?, position: Int = 0) -> String {
        if let label { return "'\(label):'" }
        return "#\(position + 1)"
    }

    private func mismatch(_ label: String?, _ expected: String, _ found: Value, position: Int = 0) -> StrideError {
        StrideError(.typeError, "\(callee): argument \(parameterName(label, position: position)) must be \(expected), got \(found.typeName)")
    }

    /// The `index`-th unlabelled argument (trailing closures included), if given.
    func unlabelled(_ index: Int) -> Value? {
        let values = arguments.filter { $0.label == nil }.map(\.value)
        return index < values.count ? values[index] : nil
    }

    /// A required argument: the one labelled `label`, or the `position`-th unlabelled one.
    func required(_ label: String?, position: Int = 0) throws -> Value {
        let v = label == nil ? unlabelled(position) : argument(label)
        guard let v else {
            throw StrideError(.typeError, "\(callee): missing argument \(label.map { "'\($0):'" } ?? "#\(position + 1)")")
        }
        return v
    }

    /// A tensor argument (numbers and nested arrays of numbers are converted).
    func tensor(_ label: String?, position: Int = 0) throws -> Tensor {
        let v = try required(label, position: position)
        if let t = v.asTensor { return t }
        switch v.unwrappedOptional {
        case .int, .double, .array: return try LanguageArray.tensor(from: v.unwrappedOptional, callee)
        default: throw mismatch(label, "a Tensor", v, position: position)
        }
    }

    /// An optional tensor argument: nil when absent.
    func optionalTensor(_ label: String) throws -> Tensor? {
        guard argument(label) != nil else { return nil }
        return try tensor(label)
    }

    /// An Int argument, or `defaultValue` when it is absent.
    func int(_ label: String?, default defaultValue: Int) throws -> Int {
        guard let v = argument(label) else { return defaultValue }
        if case .int(let i) = v.unwrappedOptional { return i }
        throw mismatch(label, "an Int", v)
    }

    /// A required Int argument.
    func requiredInt(_ label: String?, position: Int = 0) throws -> Int {
        let v = try required(label, position: position)
        if case .int(let i) = v.unwrappedOptional { return i }
        throw mismatch(label, "an Int", v, position: position)
    }

    /// An Int given as a positive size (a kernel size, a count): a ValueError otherwise.
    func positiveInt(_ label: String?, default defaultValue: Int? = nil) throws -> Int {
        let n: Int
        if let d = defaultValue { n = try int(label, default: d) } else { n = try requiredInt(label) }
        guard n > 0 else { throw StrideError(.valueError, "\(callee): \(parameterName(label)) must be positive, got \(n)") }
        return n
    }

    /// A Double argument (Ints are accepted), or `defaultValue` when it is absent.
    func double(_ label: String?, default defaultValue: Double) throws -> Double {
        guard let v = argument(label) else { return defaultValue }
        switch v.unwrappedOptional {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: throw mismatch(label, "a Double", v)
        }
    }

    /// A Float for the engine, from a Double argument.
    func float(_ label: String?, default defaultValue: Float) throws -> Float {
        Float(try double(label, default: Double(defaultValue)))
    }

    /// A Bool argument, or `defaultValue` when it is absent.
    func bool(_ label: String?, default defaultValue: Bool) throws -> Bool {
        guard let v = argument(label) else { return defaultValue }
        if case .bool(let b) = v.unwrappedOptional { return b }
        throw mismatch(label, "a Bool", v)
    }

    /// A String argument, or `defaultValue` when it is absent.
    func string(_ label: String?, default defaultValue: String?) throws -> String? {
        guard let v = argument(label) else { return defaultValue }
        if case .none = v { return nil }
        if case .string(let s) = v.unwrappedOptional { return s }
        throw mismatch(label, "a String", v)
    }

    /// A required String argument.
    func requiredString(_ label: String?, position: Int = 0) throws -> String {
        let v = try required(label, position: position)
        if case .string(let s) = v.unwrappedOptional { return s }
        throw mismatch(label, "a String", v, position: position)
    }

    /// An `[Int]` argument (a shape), or nil when it is absent.
    func intArray(_ label: String?) throws -> [Int]? {
        guard let v = argument(label) else { return nil }
        guard case .array = v.unwrappedOptional else { throw mismatch(label, "an array of Ints", v) }
        return try LanguageArray.ints(v, "\(callee): argument \(parameterName(label))")
    }

    /// A required `[Int]` argument.
    func requiredIntArray(_ label: String?, position: Int = 0) throws -> [Int] {
        let v = try required(label, position: position)
        guard case .array = v.unwrappedOptional else { throw mismatch(label, "an array of Ints", v, position: position) }
        return try LanguageArray.ints(v, "\(callee): argument \(parameterName(label, position: position))")
    }

    /// A dot symbol argument such as `.same` (its name and arguments), or nil when absent.
    func symbol(_ label: String?) throws -> Symbol? {
        guard let v = argument(label) else { return nil }
        if case .symbol(let s) = v.unwrappedOptional { return s }
        if case .string(let s) = v.unwrappedOptional { return Symbol(name: s) }
        throw mismatch(label, "a dot symbol such as .same", v)
    }

    /// A dot symbol that must be one of `allowed` (nil when absent).
    func choice(_ label: String?, _ allowed: [String]) throws -> String? {
        guard let s = try symbol(label) else { return nil }
        guard allowed.contains(s.name) else {
            throw StrideError(.valueError, "\(callee): \(parameterName(label)) must be one of \(allowed.map { "." + $0 }.joined(separator: ", ")), got .\(s.name)")
        }
        return s.name
    }

    /// A closure argument; with a nil label, the trailing closure (the last unlabelled argument).
    func closure(_ label: String?) throws -> Value {
        let v: Value?
        if let label { v = argument(label) } else { v = arguments.last(where: { $0.label == nil })?.value }
        guard let v else {
            throw StrideError(.typeError, "\(callee): missing closure argument \(label.map { "'\($0):'" } ?? "(a trailing closure)")")
        }
        guard case .function = v else { throw mismatch(label, "a closure", v) }
        return v
    }

    /// Rejects labels outside `allowed` and more unlabelled arguments than `unlabelled`.
    func expect(_ allowed: [String], unlabelled count: Int = 0) throws {
        var seen = 0
        for a in arguments {
            if let label = a.label {
                guard allowed.contains(label) else { throw StrideError(.typeError, "\(callee): unexpected argument '\(label):'") }
            } else {
                seen += 1
                if seen > count { throw StrideError(.typeError, "\(callee): too many unlabelled arguments (takes \(count))") }
            }
        }
    }
}

// MARK: - Engine options from dot symbols

extension NativeCall {
    /// `.valid` / `.same` as the engine's padding; an Int (or one Int per spatial axis) pads
    /// explicitly on both sides, as PyTorch's `padding=1`.
    func padding(_ label: String = "padding", default defaultValue: Padding = .valid) throws -> Padding {
        switch argument(label)?.unwrappedOptional {
        case .int(let n)?:
            guard n >= 0 else { throw StrideError(.valueError, "\(callee): 'padding:' must not be negative, got \(n)") }
            return .explicit([n])
        case .array?:
            let list = try requiredIntArray(label)
            guard !list.isEmpty, list.allSatisfy({ $0 >= 0 }) else {
                throw StrideError(.valueError, "\(callee): 'padding:' must list non-negative sizes, got \(list)")
            }
            return .explicit(list)
        default: break
        }
        switch try choice(label, ["valid", "same"]) {
        case "same": return .same
        case "valid": return .valid
        default: return defaultValue
        }
    }

    /// `.relu`, `.leakyRelu(alpha:)`, ... as the engine's activation.
    func activation(_ label: String = "activation") throws -> Activation {
        guard let s = try symbol(label) else { return .identity }
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
            throw StrideError(.valueError, "\(callee): unknown activation .\(s.name) (use .relu, .sigmoid, .tanh, .softmax, .swish, .leakyRelu, .elu or .identity)")
        }
    }

    /// `.heUniform`, `.heNormal`, `.xavierUniform`, `.xavierNormal`, `.zeros`.
    func initializer(_ label: String = "initializer", default defaultValue: Initializer) throws -> Initializer {
        switch try choice(label, ["heUniform", "heNormal", "xavierUniform", "xavierNormal", "zeros"]) {
        case "heUniform": return .heUniform
        case "heNormal": return .heNormal
        case "xavierUniform": return .xavierUniform
        case "xavierNormal": return .xavierNormal
        case "zeros": return .zeros
        default: return defaultValue
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
