/// The host extension API: how StrideKernel binds engine types and functions.

/// A host object (a tensor, a layer, a dataset). Members, operators and subscripts
/// written in the language dispatch to these methods.
public protocol NativeObject: AnyObject {
    var typeName: String { get }
    var description: String { get }
    /// A property, or a method as a bound native function value.
    func member(_ name: String, in interp: Interpreter) throws -> Value
    /// The method `name`, for a call `value.name(...)` that runs it without making a bound
    /// function value; nil when `name` is no such method (then `member` is asked).
    func method(_ name: String, in interp: Interpreter) -> NativeMethod?
    func setMember(_ name: String, _ value: Value) throws
    /// `self op other` (or `other op self` when `selfOnLeft` is false); nil when unsupported.
    func binary(_ op: BinaryOperator, _ other: Value, selfOnLeft: Bool) throws -> Value?
    func prefix(_ op: PrefixOperator) throws -> Value?
    func subscriptGet(_ args: NativeCall) throws -> Value
    func callAsFunction(_ args: NativeCall) throws -> Value
}

extension NativeObject {
    public func method(_ name: String, in interp: Interpreter) -> NativeMethod? { nil }
    public func setMember(_ name: String, _ value: Value) throws {
        throw StrideError(.typeError, "cannot assign to property '\(name)' of \(typeName)")
    }
    public func binary(_ op: BinaryOperator, _ other: Value, selfOnLeft: Bool) throws -> Value? { nil }
    public func prefix(_ op: PrefixOperator) throws -> Value? { nil }
    public func subscriptGet(_ args: NativeCall) throws -> Value {
        throw StrideError(.typeError, "value of type \(typeName) has no subscripts")
    }
    public func callAsFunction(_ args: NativeCall) throws -> Value {
        throw StrideError(.typeError, "value of type \(typeName) cannot be called")
    }
}

/// A method of a host type, made once when the type's members are declared: it takes its
/// receiver with each call, so calling it makes no function value.
public struct NativeMethod {
    public let call: (NativeObject, NativeCall) throws -> Value
    public init(_ call: @escaping (NativeObject, NativeCall) throws -> Value) { self.call = call }
}

extension Interpreter {
    /// State a host library keeps for this interpreter under `key` (an object of the
    /// library's), such as members registered for one session only.
    public func hostState(for key: AnyObject) -> AnyObject? { hostStates[ObjectIdentifier(key)] }
    public func setHostState(_ state: AnyObject, for key: AnyObject) { hostStates[ObjectIdentifier(key)] = state }
}

/// An `inout` argument (`&x`): natives read it and write it back.
public final class InoutReference {
    private let getter: () throws -> Value
    private let setter: (Value) throws -> Void
    init(get: @escaping () throws -> Value, set: @escaping (Value) throws -> Void) { getter = get; setter = set }
    public func get() throws -> Value { try getter() }
    public func set(_ value: Value) throws { try setter(value) }
}

/// One argument passed to a native: its label, value and, for `&x`, the reference.
public struct NativeArgument {
    public var label: String?
    public var value: Value
    public var reference: InoutReference?
    public init(label: String?, value: Value, reference: InoutReference? = nil) {
        self.label = label; self.value = value; self.reference = reference
    }
}

/// The arguments of a call to a native, in source order; trailing closures come last,
/// unlabelled. A declared native reads them through `NativeArguments` (its declaration's
/// parameters, defaults and checks); these accessors are the raw view.
public struct NativeCall {
    public var arguments: [NativeArgument]
    public unowned let interpreter: Interpreter
    /// The name being called, for error messages.
    public var callee: String

    public init(arguments: [NativeArgument], interpreter: Interpreter, callee: String) {
        self.arguments = arguments; self.interpreter = interpreter; self.callee = callee
    }

    public var count: Int { arguments.count }
    public var values: [Value] { arguments.map(\.value) }
    public var labels: [String?] { arguments.map(\.label) }

    /// The value labelled `label` (nil: the first unlabelled argument), if given.
    public func argument(_ label: String?) -> Value? {
        arguments.first { $0.label == label }?.value
    }
    public func positional(_ i: Int) -> Value? {
        i >= 0 && i < arguments.count ? arguments[i].value : nil
    }
}

/// A host type: usable in annotations (`var t: Tensor`), as a constructor (`Tensor(...)`),
/// for static members (`Tensor.x`), and as a protocol (`struct Net: Layer`).
public struct NativeTypeInfo {
    public var name: String
    public var doc: String
    /// Signatures of its initializers, for inspection and completion.
    public var initSignatures: [String]
    public var isProtocol: Bool
    public var construct: ((NativeCall) throws -> Value)?
    public var staticMember: ((String) throws -> Value?)?
    /// Names offered after `.` for instances and for the type itself.
    public var memberNames: [String]
    public var staticMemberNames: [String]
    /// Whether a value belongs to the type (for annotations, `is` and `as?`).
    public var isInstance: ((Value) -> Bool)?

    public init(name: String, doc: String = "", initSignatures: [String] = [], isProtocol: Bool = false,
                construct: ((NativeCall) throws -> Value)? = nil,
                staticMember: ((String) throws -> Value?)? = nil,
                memberNames: [String] = [], staticMemberNames: [String] = [],
                isInstance: ((Value) -> Bool)? = nil) {
        self.name = name; self.doc = doc; self.initSignatures = initSignatures; self.isProtocol = isProtocol
        self.construct = construct; self.staticMember = staticMember
        self.memberNames = memberNames; self.staticMemberNames = staticMemberNames; self.isInstance = isInstance
    }
}

/// A caught library error as a value (`catch { print(error) }`).
final class ErrorValue: NativeObject {
    let error: StrideError
    init(_ e: StrideError) { error = e }
    var typeName: String { error.kind.name }
    var description: String { error.description }
    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "message", "localizedDescription": return .string(error.message)
        case "kind": return .string(error.kind.name)
        case "description": return .string(error.description)
        default: throw StrideError(.typeError, "value of type \(typeName) has no member '\(name)'")
        }
    }
}
