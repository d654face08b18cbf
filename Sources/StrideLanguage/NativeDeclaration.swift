import Foundation

/// Declarations of natives: each native function, initializer, method and property of the
/// host library is declared once (name, parameters with labels, types, defaults and docs).
/// From the declaration come the signature that completion, inspection and `help` show,
/// the label check of every call, the defaults, and the reading of each argument
/// (`NativeArguments`).

/// One parameter: how a call writes it, how the signature shows it, and its default.
public struct NativeParameter {
    /// What an absent argument reads as.
    public enum Default {
        /// The argument must be given.
        case required
        /// `= nil`: an absent argument (or an explicit `nil`) reads as nil.
        case none
        /// An absent argument reads as this value.
        case value(Value)
    }

    /// The argument label; nil for a parameter written `_ name`.
    public var label: String?
    /// The name shown in the signature (the label unless it differs).
    public var name: String
    /// The type as the signature shows it (`Int`, `Padding`, `Tensor or Layer`).
    public var type: String
    public var defaultValue: Default
    /// How the signature shows the default, when not as the default value prints.
    public var defaultText: String?
    /// An Int that must be positive (a size, a count): a ValueError otherwise.
    public var isPositive: Bool
    /// A closure that may be written after the call's parentheses, read from the last
    /// unlabelled argument: without a label it shows as ` { name }` (`Sequential { ... }`);
    /// with one (`in f:`) it may be given either way.
    public var isTrailingClosure: Bool
    /// `_ series: [Double]...`: takes every remaining unlabelled argument.
    public var isVariadic: Bool

    /// `spec` is the parameter as Swift writes it: `stride`, `to path` or `_ input`.
    public init(_ spec: String, _ type: String, _ defaultValue: Default = .required, shown defaultText: String? = nil,
                positive: Bool = false, trailingClosure: Bool = false, variadic: Bool = false) {
        let words = spec.split(separator: " ").map(String.init)
        if words.count == 2 {
            label = words[0] == "_" ? nil : words[0]
            name = words[1]
        } else {
            label = spec
            name = spec
        }
        self.type = type
        self.defaultValue = defaultValue
        self.defaultText = defaultText
        isPositive = positive
        isTrailingClosure = trailingClosure
        isVariadic = variadic
    }

    /// How arguments name it when read: the label, or the name of an unlabelled parameter.
    public var key: String { label ?? name }

    public var isRequired: Bool {
        if case .required = defaultValue { return true }
        return false
    }

    /// The default as a call would write it (`1`, `.valid`, `nil`), or nil when required.
    public var shownDefault: String? {
        switch defaultValue {
        case .required: return nil
        case .none: return "nil"
        case .value(let v): return NativeParameter.literal(v)
        }
    }

    /// `stride: Int = 1`, `to path: String`, `_ input: Tensor`.
    public var text: String {
        var s = label == name ? name : "\(label ?? "_") \(name)"
        s += ": " + type + (isVariadic ? "..." : "")
        if let shown = defaultText ?? shownDefault { s += " = " + shown }
        return s
    }

    /// A value as a literal in a signature or a description: `1e-5`, `.same`, `"conv1"`.
    public static func literal(_ v: Value) -> String {
        switch v {
        case .int(let i): return "\(i)"
        case .double(let d): return literal(d)
        case .bool(let b): return "\(b)"
        case .string(let s): return "\"\(s)\""
        case .none: return "nil"
        case .some(let inner): return literal(inner)
        case .symbol(let s): return "." + s.name
        case .array(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
        default: return v.description
        }
    }

    /// A Double as a person writes it: `1` for 1.0, `1e-5` for 1e-05, else Swift's shortest form.
    public static func literal(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), Swift.abs(d) < 1e15 { return "\(Int(d))" }
        var text = "\(d)"
        for (long, short) in [("e-0", "e-"), ("e+0", "e"), ("e+", "e")] {
            if text.contains(long) { text = text.replacingOccurrences(of: long, with: short); break }
        }
        return text
    }
}

/// One way to call a native: its name, parameters and result. A class, made once per
/// declaration: every call's arguments refer to it without copying its parameters.
public final class NativeSignature {
    public enum Kind {
        /// A free function or an initializer: `conv2d(...)`, `Conv2D(...)`.
        case function
        /// A method, shown with `func`: `func reshaped(to shape: [Int]) -> Tensor`.
        case method
        /// A read-only property, shown with `var`: `var shape: [Int]`.
        case property
    }

    public let name: String
    public let kind: Kind
    public let parameters: [NativeParameter]
    /// The result type; nil for none (`Void`).
    public let returns: String?
    /// A remark shown after the signature (`// nested arrays of numbers, or a number`).
    public let note: String?
    /// The number of parameters without a label, for the label check.
    public let unlabelledCount: Int
    /// Each parameter's key, label and position among the unlabelled ones, kept apart so a
    /// call finds its parameters without copying them.
    private let keys: [String]
    private let labels: [String?]
    private let positions: [Int]

    public init(_ name: String, kind: Kind = .function, _ parameters: [NativeParameter] = [], returns: String? = nil,
                note: String? = nil) {
        self.name = name; self.kind = kind; self.parameters = parameters; self.returns = returns; self.note = note
        // A labelled closure parameter may also be written as a trailing closure.
        unlabelledCount = parameters.contains { $0.isVariadic } ? Int.max
            : parameters.filter { $0.label == nil || $0.isTrailingClosure }.count
        keys = parameters.map(\.key)
        labels = parameters.map(\.label)
        var position = 0
        positions = parameters.map { p in
            guard p.label == nil else { return 0 }
            defer { position += 1 }
            return position
        }
    }

    /// The signature as inspection shows it: `conv2d(_ input: Tensor, ...) -> Tensor`.
    public var text: String {
        if kind == .property { return "var \(name): \(returns ?? "Void")" }
        let trailing = parameters.filter { $0.isTrailingClosure && $0.label == nil }
        let inside = parameters.filter { !($0.isTrailingClosure && $0.label == nil) }.map(\.text)
            .joined(separator: ", ")
        var s = (kind == .method ? "func " : "") + name + "(" + inside + ")"
        for p in trailing { s += " { \(p.name) }" }
        if let r = returns { s += " -> " + r }
        if let note { s += "  // " + note }
        return s
    }

    /// The index of the parameter read as `key`, and for one without a label its position
    /// among them.
    func slot(_ key: String) -> (index: Int, position: Int)? {
        guard let i = keys.firstIndex(of: key) else { return nil }
        return (i, positions[i])
    }

    /// The first label problem of `call` for this signature: a label it does not take, or
    /// more unlabelled arguments than it has parameters without a label.
    func labelError(_ call: NativeCall) -> StrideError? {
        var unlabelled = 0
        for a in call.arguments {
            if let label = a.label {
                guard labels.contains(label) else {
                    return StrideError(.typeError, "\(call.callee): unexpected argument '\(label):'")
                }
            } else {
                unlabelled += 1
                if unlabelled > unlabelledCount {
                    return StrideError(.typeError,
                                       "\(call.callee): too many unlabelled arguments (takes \(unlabelledCount))")
                }
            }
        }
        return nil
    }
}

/// A native declared once: its name, doc and one signature per way to call it. The label
/// check runs before the body, which reads its arguments through `NativeArguments`.
public struct NativeDeclaration {
    public var name: String
    public var doc: String
    public var overloads: [NativeSignature]

    public init(_ name: String, doc: String, _ overloads: [NativeSignature]) {
        self.name = name; self.doc = doc; self.overloads = overloads
    }

    /// One signature: `NativeDeclaration("relu", [.tensor("_ x")], returns: "Tensor", doc: ...)`.
    public init(_ name: String, kind: NativeSignature.Kind = .function, _ parameters: [NativeParameter] = [],
                returns: String? = nil, doc: String) {
        self.init(name, doc: doc, [NativeSignature(name, kind: kind, parameters, returns: returns)])
    }

    /// Every signature, as a function's inspection shows them on one line.
    public var signatureText: String { overloads.map(\.text).joined(separator: "  or  ") }

    /// The signature a call means: the one whose leading label the call uses, else the one
    /// whose first parameter has no label; then its labels are checked.
    public func match(_ call: NativeCall) throws -> NativeArguments {
        var chosen = overloads[0]
        if overloads.count > 1 {
            let given = call.arguments.compactMap(\.label)
            if let keyed = overloads.first(where: { s in s.parameters.first?.label.map(given.contains) ?? false }) {
                chosen = keyed
            } else if let plain = overloads.first(where: { $0.parameters.first.map { $0.label == nil } ?? true }) {
                chosen = plain
            }
        }
        if let e = chosen.labelError(call) { throw e }
        return NativeArguments(call, chosen)
    }

    /// The body of a native function value: the label check, then `body`.
    /// `named` is how a call of the value names it in errors (`SGD.update`).
    public func function(named: String? = nil, _ body: @escaping (NativeArguments) throws -> Value) -> Function {
        let declaration = self
        return Function(native: named ?? name, signature: signatureText, doc: doc) { call in
            try body(declaration.match(call))
        }
    }
}

extension Interpreter {
    /// Defines a declared host function callable from the language.
    public func defineNative(_ declaration: NativeDeclaration, _ body: @escaping (NativeArguments) throws -> Value) {
        nativeDocs[declaration.name] = (declaration.signatureText, declaration.doc)
        defineGlobal(declaration.name, .function(declaration.function(body)))
    }
}

extension NativeTypeInfo {
    /// A host type whose initializers are declared: their signatures (one line each) and the
    /// label check come from `initializers`, then `construct` reads the arguments.
    public init(_ initializers: NativeDeclaration, isProtocol: Bool = false,
                construct: @escaping (NativeArguments) throws -> Value,
                staticMember: ((String) throws -> Value?)? = nil,
                memberNames: [String] = [], staticMemberNames: [String] = [],
                isInstance: ((Value) -> Bool)? = nil) {
        self.init(name: initializers.name, doc: initializers.doc, initSignatures: initializers.overloads.map(\.text),
                  isProtocol: isProtocol, construct: { call in try construct(initializers.match(call)) },
                  staticMember: staticMember, memberNames: memberNames, staticMemberNames: staticMemberNames,
                  isInstance: isInstance)
    }
}

// MARK: - Parameters of the common types

extension NativeParameter {
    public static func int(_ spec: String) -> Self { .init(spec, "Int") }
    public static func int(_ spec: String, _ defaultValue: Int) -> Self {
        .init(spec, "Int", .value(.int(defaultValue)))
    }
    public static func optionalInt(_ spec: String) -> Self { .init(spec, "Int?", .none) }
    /// An Int that must be positive (a size, a count).
    public static func positive(_ spec: String) -> Self { .init(spec, "Int", positive: true) }
    public static func positive(_ spec: String, _ defaultValue: Int) -> Self {
        .init(spec, "Int", .value(.int(defaultValue)), positive: true)
    }
    public static func optionalPositive(_ spec: String) -> Self { .init(spec, "Int?", .none, positive: true) }
    public static func double(_ spec: String) -> Self { .init(spec, "Double") }
    public static func double(_ spec: String, _ defaultValue: Double) -> Self {
        .init(spec, "Double", .value(.double(defaultValue)))
    }
    public static func bool(_ spec: String, _ defaultValue: Bool) -> Self {
        .init(spec, "Bool", .value(.bool(defaultValue)))
    }
    public static func string(_ spec: String) -> Self { .init(spec, "String") }
    public static func string(_ spec: String, _ defaultValue: String) -> Self {
        .init(spec, "String", .value(.string(defaultValue)))
    }
    public static func optionalString(_ spec: String) -> Self { .init(spec, "String?", .none) }
    public static func ints(_ spec: String) -> Self { .init(spec, "[Int]") }
    public static func ints(_ spec: String, _ defaultValue: [Int]) -> Self {
        .init(spec, "[Int]", .value(.array(defaultValue.map { .int($0) })))
    }
    public static func optionalInts(_ spec: String) -> Self { .init(spec, "[Int]?", .none) }
    /// A value of any type the body checks itself, shown as `type`.
    public static func value(_ spec: String, _ type: String) -> Self { .init(spec, type) }
    public static func value(_ spec: String, _ type: String, default defaultValue: Value) -> Self {
        .init(spec, type, .value(defaultValue))
    }
    public static func optionalValue(_ spec: String, _ type: String) -> Self { .init(spec, type, .none) }
    /// Every remaining unlabelled argument: `_ series: [Double]...`.
    public static func variadic(_ spec: String, _ type: String) -> Self { .init(spec, type, variadic: true) }
    /// A closure written after the parentheses: `Sequential { ... }`.
    public static func trailingClosure(_ name: String, _ type: String) -> Self {
        .init("_ " + name, type, trailingClosure: true)
    }
}
