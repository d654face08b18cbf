/// Runtime structures: functions, user types and instances, and the call machinery.
/// Frames live on one contiguous stack of values; a compiled function body receives a
/// pointer to its frame (`Env`) and reads its variables by slot index.

typealias Env = UnsafeMutablePointer<Value>
typealias Code = (Env) throws -> Value
typealias Converter = (Value) throws -> Value

/// An error while running: a trap (uncatchable, as in Swift) or a thrown value.
struct RuntimeError: Error {
    var kind: ErrorKind
    var message: String
    var range: SourceRange?
    var trace: [TraceFrame] = []
    /// The line of the call site in the caller, filled in as the error leaves a call.
    var pendingLine: Int?
    var omittedFrames = 0
    /// The value of a `throw`, or a library error, which `catch` can bind.
    var thrown: Value?
    init(_ kind: ErrorKind, _ message: String, _ range: SourceRange? = nil) {
        self.kind = kind; self.message = message; self.range = range
    }
    var catchable: Bool { thrown != nil }
}

/// Thrown inside an optional chain when a link is nil; the chain turns it into `nil`.
struct ChainNil: Error {}

/// Control flow out of a statement.
enum Flow { case normal, breakLoop(Int), continueLoop(Int), returned, fallthroughCase }

/// A callable value: a user function or closure (compiled code plus captured cells),
/// a method bound to its receiver, or a host native.
public final class Function {
    public let name: String
    let code: FunctionCode?
    let captured: [Cell]
    let boundSelf: Value?
    let native: ((NativeCall) throws -> Value)?
    public let signature: String
    public let doc: String?
    /// The code's call shape, copied so that the global call site's inline sequence reads it
    /// from the function it already holds instead of retaining the code object.
    let shape: CallShape
    /// The member path of a key path (`\.name.count`), which `x[keyPath:]` reads and writes.
    var keyPath: [String]?

    init(code: FunctionCode, captured: [Cell], boundSelf: Value? = nil) {
        self.name = code.name; self.code = code; self.captured = captured; self.boundSelf = boundSelf
        native = nil; signature = code.decl?.signature ?? code.name; doc = code.decl?.doc
        shape = code.shape
    }
    /// A host function.
    public init(native name: String, signature: String, doc: String?, _ body: @escaping (NativeCall) throws -> Value) {
        self.name = name; code = nil; captured = []; boundSelf = nil; native = body
        self.signature = signature; self.doc = doc
        shape = CallShape()
    }
    /// Runs the body on a prepared frame. As a method, `self` is borrowed for the call, so
    /// the body closure is called without retaining and releasing its context.
    @inline(never) func run(_ frame: Env) throws -> Value { try shape.body(frame) }

    /// Runs a body that is one expression declared to return `Int`, checking the result as
    /// the body's own wrapper does (same errors, same source range).
    @inline(never) func runIntExpression(_ frame: Env) throws -> Value {
        do { return try ValueCheck.int.apply(try shape.intExpression(frame)) } catch let err as RuntimeError where err.range == nil {
            throw FunctionCode.expressionBodyError(err, function: name, returns: "Int", at: code?.intExpressionRange)
        }
    }

    func bound(to value: Value) -> Function {
        guard let code = code else { return self }
        return Function(code: code, captured: captured, boundSelf: value)
    }
}

/// What a call needs of a function's code: its frame, where its parameters go, which steps
/// it may skip, and its body.
struct CallShape {
    var frameSize = 1
    var firstParamSlot = 0
    /// Whether every parameter is unchecked (no declared type to enforce).
    var allUnchecked = true
    /// One parameter declared `Int`: checked inline at call sites.
    var singleIntParam = false
    /// Whether calls must place captured cells or box captured parameters.
    var needsCellSetup = false
    var hasSelfSlot = false
    /// A body that is one expression declared to return `Int`: call sites run the expression
    /// and check the Int themselves (`Function.runIntExpression`) instead of calling a
    /// checking wrapper. (Closures not in Optionals: a closure kept in one is stored in its
    /// generic form, and every call through it then goes through reabstraction thunks.)
    var returnsIntExpression = false
    var body: Code = { _ in .void }
    var intExpression: Code = { _ in .void }
}

/// A parameter's or return value's declared type, with the common cases inline so a call
/// does not pay a closure call to check an `Int`.
enum ValueCheck {
    case none, int, double
    case convert(Converter)

    init(_ converter: Converter?, type: TypeRef?) {
        if case .named("Int", _)? = type { self = .int }
        else if case .named("Double", _)? = type { self = .double }
        else if let c = converter { self = .convert(c) }
        else { self = .none }
    }

    @inline(__always) func apply(_ v: Value) throws -> Value {
        switch self {
        case .none: return v
        case .int:
            if case .int = v { return v }
            throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to Int")
        case .double:
            switch v {
            case .double: return v
            case .int(let i): return .double(Double(i))
            default: throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to Double")
            }
        case .convert(let c): return try c(v)
        }
    }
}

/// Where each parameter's value comes from at one call site.
enum ArgSource { case arg(Int), defaultValue, variadic([Int]) }

/// How a function's parameters take one call's arguments, by parameter.
struct ArgumentMatch {
    let sources: [ArgSource]
    /// Parameter i takes argument i, for every parameter: no defaults, no variadics.
    let isIdentity: Bool
    init(_ sources: [ArgSource]) {
        self.sources = sources
        isIdentity = sources.enumerated().allSatisfy { if case .arg(let i) = $0.element { return i == $0.offset }; return false }
    }
}

/// The compiled form of a function declaration, shared by all its closures.
final class FunctionCode {
    let name: String
    let decl: FunctionDecl?
    var labels: [String?] = []
    var paramSlots: [Int] = []
    var defaults: [Code?] = []
    var checks: [ValueCheck] = []
    var isInout: [Bool] = []
    var variadicIndex: Int?
    var shape = CallShape()
    var selfSlot: Int? { didSet { shape.hasSelfSlot = selfSlot != nil } }
    var captureSlots: [Int] = []
    /// Parameters that closures capture: wrapped in a cell on entry.
    var cellParams: [Int] = []
    var intExpressionRange: SourceRange?
    var returnConverter: Converter?
    var isMutating = false
    weak var owner: UserType?
    /// Argument-matching results by call-site label list.
    var matchCache: [[String?]: ArgumentMatch] = [:]

    init(name: String, decl: FunctionDecl?) { self.name = name; self.decl = decl }

    var frameSize: Int { shape.frameSize }
    var body: Code { shape.body }
    var needsCellSetup: Bool { shape.needsCellSetup }

    /// An error without a place from a one-expression body or from the check of its result:
    /// it names the function and its declared result type, at the expression.
    static func expressionBodyError(_ err: RuntimeError, function: String, returns type: String,
                                    at range: SourceRange?) -> RuntimeError {
        var e = err
        e.message = "\(function) returns \(type): " + e.message
        e.range = range
        return e
    }
    var paramCount: Int { labels.count }

    /// `v` checked against parameter `p`'s declared type (and converted: Int to Double, ...).
    /// The one place that words a wrong argument: it names the function and the parameter, at
    /// the argument when the call site says where it is.
    @inline(__always) func checked(_ v: Value, parameter p: Int, at range: SourceRange?) throws -> Value {
        do { return try checks[p].apply(v) } catch let e as RuntimeError { throw parameterError(e, parameter: p, at: range) }
    }

    @inline(never) func parameterError(_ err: RuntimeError, parameter p: Int, at range: SourceRange?) -> RuntimeError {
        var e = err
        e.message = "\(name): parameter '\(decl?.params[p].name ?? "")': " + e.message
        if e.range == nil { e.range = range }
        return e
    }

    /// Matches call-site labels to parameters as Swift does: in order, labels must agree,
    /// defaulted parameters may be skipped, a trailing closure fills the last parameter.
    func match(labels argLabels: [String?], trailingFrom: Int) throws -> ArgumentMatch {
        let key = trailingFrom < argLabels.count ? argLabels + ["#trailing\(trailingFrom)"] : argLabels
        if let cached = matchCache[key] { return cached }
        var result: [ArgSource] = []
        var i = 0
        for p in 0..<labels.count {
            let label = labels[p]
            if p == variadicIndex {
                var items: [Int] = []
                if i < argLabels.count && argLabels[i] == label {
                    items.append(i); i += 1
                    while i < argLabels.count && argLabels[i] == nil && i < trailingFrom { items.append(i); i += 1 }
                }
                result.append(.variadic(items))
                continue
            }
            if i < argLabels.count && (argLabels[i] == label || (i >= trailingFrom && argLabels[i] == nil)) {
                // A trailing closure skips defaulted parameters until the last that can take it.
                if i >= trailingFrom && argLabels[i] == nil && defaults[p] != nil && p < labels.count - 1 && argLabels.count - i <= labels.count - p - 1 {
                    result.append(.defaultValue); continue
                }
                result.append(.arg(i)); i += 1
            } else if defaults[p] != nil {
                result.append(.defaultValue)
            } else {
                if i < argLabels.count {
                    let got = argLabels[i].map { "'\($0):'" } ?? "no label"
                    throw RuntimeError(.typeError, "\(name): argument \(i + 1) should be labelled \(label.map { "'\($0):'" } ?? "without a label"), found \(got)")
                }
                throw RuntimeError(.typeError, "\(name): missing argument for parameter \(label.map { "'\($0):'" } ?? "#\(p + 1)")")
            }
        }
        if i < argLabels.count {
            throw RuntimeError(.typeError, "\(name): extra argument\(argLabels[i].map { " '\($0):'" } ?? "") in call (takes \(labels.count))")
        }
        let match = ArgumentMatch(result)
        if matchCache.count < 16 { matchCache[key] = match }
        return match
    }
}

/// A user-declared struct, class or enum at run time.
public final class UserType {
    /// The full name (`Card.Rank` for a type nested in `Card`): its key, and how it prints
    /// qualified. `shortName` is how a value prints alone and what `type(of:)` shows.
    public let name: String
    public let shortName: String
    let kind: TypeDeclKind
    public internal(set) var conformances: [String]
    public internal(set) var storedNames: [String] = []
    var storedIndex: [String: Int] = [:]
    var storedConverters: [Converter?] = []
    var storedDefaults: [FunctionCode?] = []
    var letProperties: Set<String> = []
    var methods: [String: FunctionCode] = [:]
    var computed: [String: (getter: FunctionCode, setter: FunctionCode?)] = [:]
    var staticValues: [String: Value] = [:]
    /// `static var x: T { ... }`: computed at each read.
    var staticComputed: [String: FunctionCode] = [:]
    /// Methods declared more than once under one name, told apart by their labels (`increment()`,
    /// `increment(by:)`): every declaration, for the call to pick from.
    var overloads: [String: [FunctionCode]] = [:]
    /// Initializers declared in the type's own body (not an extension's) replace the memberwise one.
    var hasOwnInitializers = false
    var staticMethods: [String: FunctionCode] = [:]
    var initializers: [FunctionCode] = []
    var cases: [String: EnumCaseDecl] = [:]
    var caseOrder: [String] = []
    var rawValues: [String: Value] = [:]
    /// Converters of each case's associated values (`.circle(radius: 1)` stores 1.0).
    var caseConverters: [String: [Converter?]] = [:]
    var doc: String?
    var decl: TypeDecl
    weak var runtime: Runtime?
    /// A class's superclass, set when the class is compiled.
    var superclass: UserType?
    /// `lazy var` properties: the initializer of each, by stored index, run at the first read.
    var lazyInitializers: [Int: FunctionCode] = [:]
    /// `willSet`/`didSet` of stored properties, by name.
    var observers: [String: (willSet: FunctionCode?, didSet: FunctionCode?)] = [:]
    /// `static func +` and friends, with each overload's parameter checks (`prefix-` for prefix ones).
    var operatorOverloads: [String: [(code: FunctionCode, accepts: [(Value) -> Bool])]] = [:]
    /// Subscripts: each getter with its setter.
    var subscripts: [(getter: FunctionCode, setter: FunctionCode?)] = []
    var staticSubscripts: [(getter: FunctionCode, setter: FunctionCode?)] = []

    init(decl: TypeDecl) {
        name = decl.name; shortName = decl.shortName; kind = decl.kind; conformances = decl.conformances
        self.decl = decl; doc = decl.doc
    }
    public var isClass: Bool { kind == .classType }

    /// The name as Swift prints it in full: the module, then the full name (`prog.Card.Rank`).
    var qualifiedName: String {
        guard let module = runtime?.interpreter.moduleName else { return name }
        return module + "." + name
    }

    /// The types whose members this one inherits, nearest first: the superclass chain, then
    /// the protocols (and the protocols they refine), whose extensions hold default members.
    var ancestors: [UserType] {
        // Kept until a cell declares types again: method lookups and `==` read it often.
        let generation = runtime?.interpreter.typeGeneration ?? 0
        if let cached = ancestorCache, cached.generation == generation { return cached.list }
        let list = computeAncestors()
        ancestorCache = (generation, list)
        return list
    }
    private var ancestorCache: (generation: Int, list: [UserType])?

    private func computeAncestors() -> [UserType] {
        var out: [UserType] = []
        var queue: [UserType] = [self]
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(self)]
        while !queue.isEmpty {
            let t = queue.removeFirst()
            var next: [UserType] = []
            if let s = t.superclass { next.append(s) }
            if let types = runtime?.interpreter.userTypes {
                for c in t.conformances { if let p = types[c], p.kind == .protocolType { next.append(p) } }
            }
            for n in next where !seen.contains(ObjectIdentifier(n)) {
                seen.insert(ObjectIdentifier(n)); out.append(n); queue.append(n)
            }
        }
        return out
    }

    func inheritedMethod(_ name: String) -> FunctionCode? {
        for a in ancestors { if let m = a.methods[name] { return m } }
        return nil
    }
    func inheritedComputed(_ name: String) -> (getter: FunctionCode, setter: FunctionCode?)? {
        for a in ancestors { if let c = a.computed[name] { return c } }
        return nil
    }
    func inheritedStatic(_ name: String) -> FunctionCode? {
        for a in ancestors { if let m = a.staticMethods[name] { return m } }
        return nil
    }
    /// A static property of this type or, for a class, of a superclass (which holds it).
    func staticValue(_ name: String) throws -> Value? {
        if let v = staticValues[name] { return v }
        for t in [self] + ancestors {
            if let getter = t.staticComputed[name], let rt = runtime {
                return try rt.get(getter, of: .type(TypeValue(name: name, user: self)))
            }
        }
        return try superclass?.staticValue(name)
    }
    /// The type holding static property `name`: this one or the superclass that declares it.
    func staticOwner(_ name: String) -> UserType? {
        if staticValues[name] != nil { return self }
        return superclass?.staticOwner(name)
    }

    /// The initializers `T(...)` may call: a class without designated initializers of its
    /// own inherits its superclass's.
    var allInitializers: [FunctionCode] {
        guard let s = superclass else { return initializers }
        let ownDesignated = initializers.contains { !($0.decl?.isConvenience ?? false) }
        if !ownDesignated { return initializers + s.allInitializers }
        return initializers + s.allInitializers.filter { $0.decl?.isConvenience ?? false }
    }

    /// The user operator implementing `key` (`+`, `prefix-`) for these operands: a static
    /// function of the type or of one it inherits from, whose parameters accept them.
    func operatorFunction(_ key: String, _ operands: [Value]) -> FunctionCode? {
        let chain = ancestors
        if operatorOverloads.isEmpty && chain.allSatisfy({ $0.operatorOverloads.isEmpty }) { return nil }
        for t in [self] + chain {
            for o in t.operatorOverloads[key] ?? [] where o.accepts.count == operands.count {
                if zip(o.accepts, operands).allSatisfy({ $0.0($0.1) }) { return o.code }
            }
        }
        return nil
    }

    /// `description` of a type that declares one (CustomStringConvertible).
    func customDescription(of v: Value) -> String? {
        guard let getter = (computed["description"] ?? inheritedComputed("description"))?.getter,
              let rt = runtime else { return nil }
        guard let r = try? rt.call(getter, captured: [], receiver: .value(v), ValueArguments([])),
              case .string(let s) = r else { return nil }
        return s
    }
}

/// A struct value's storage, shared until a mutation copies it (copy on write).
public final class StructInstance {
    public let type: UserType
    public internal(set) var fields: [Value]
    /// The generic arguments of a generic type's instance (`Stack<Int>`), written or inferred
    /// from the values of its properties; empty for other types.
    var genericArguments: [TypeRef] = []
    init(type: UserType, fields: [Value], genericArguments: [TypeRef] = []) {
        self.type = type; self.fields = fields; self.genericArguments = genericArguments
    }
    func copy() -> StructInstance { StructInstance(type: type, fields: fields, genericArguments: genericArguments) }
    public var typeName: String { type.name }
}

/// A class instance: shared by reference.
public final class ObjectInstance {
    public let type: UserType
    public internal(set) var fields: [Value]
    var genericArguments: [TypeRef] = []
    init(type: UserType, fields: [Value]) { self.type = type; self.fields = fields }
    public var typeName: String { type.name }
}

/// Mutable state of a run, kept behind a pointer so hot paths skip exclusivity checks.
struct RunState {
    var sp = 0
    var depth = 0
    var returnValue: Value = .void
    var pollCountdown = 1024
    /// The frame depth whose expression statements `callCollecting` gathers (-1: none).
    var collectDepth = -1
}

final class Runtime {
    static let stackCapacity = 1 << 20
    static let globalCapacity = 1 << 16
    static let maxDepth = 10_000
    let stack: Env
    let globals: Env
    let state: UnsafeMutablePointer<RunState>
    let interrupt: InterruptFlag
    unowned let interpreter: Interpreter
    var deferStack: [[() throws -> Void]] = []
    /// The line of the call whose parameter default is being evaluated (`line: Int = #line`).
    var defaultCallLine = 0
    /// Initializers running (their stores call no property observers) and the properties
    /// whose observers are running.
    var initializing = 0
    var observing: [String] = []

    init(interpreter: Interpreter, interrupt: InterruptFlag) {
        self.interpreter = interpreter
        self.interrupt = interrupt
        stack = Env.allocate(capacity: Runtime.stackCapacity)
        globals = Env.allocate(capacity: Runtime.globalCapacity)
        globals.initialize(repeating: .void, count: Runtime.globalCapacity)
        state = UnsafeMutablePointer<RunState>.allocate(capacity: 1)
        state.initialize(to: RunState())
    }
    /// Top-level names beyond the first table: further tables of the same size, made when
    /// needed and never moved, so the compiled code's pointers to its globals stay valid.
    private var moreGlobals: [Env] = []

    /// The slot of global `index` (100,000 top-level names work: the table grows by chunks).
    func global(_ index: Int) -> UnsafeMutablePointer<Value> {
        if index < Runtime.globalCapacity { return globals + index }
        let chunk = index / Runtime.globalCapacity - 1
        while moreGlobals.count <= chunk {
            let table = Env.allocate(capacity: Runtime.globalCapacity)
            table.initialize(repeating: .void, count: Runtime.globalCapacity)
            moreGlobals.append(table)
        }
        return moreGlobals[chunk] + index % Runtime.globalCapacity
    }

    deinit {
        for table in moreGlobals { table.deinitialize(count: Runtime.globalCapacity); table.deallocate() }
        globals.deinitialize(count: Runtime.globalCapacity)
        globals.deallocate()
        stack.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Called at loop back-edges and calls: checks the interrupt flag every 1024 polls.
    @inline(__always) func poll() throws {
        state.pointee.pollCountdown -= 1
        if state.pointee.pollCountdown <= 0 {
            state.pointee.pollCountdown = 1024
            if interrupt.isSet { throw RuntimeError(.interrupted, "execution was interrupted") }
            if interpreter.checkpointHook != nil { runCheckpointHook() }
        }
    }

    /// The host's work at a running cell's interrupt checks (a widget's change from the
    /// notebook), on the evaluation thread, so user code never runs on two threads at once.
    @inline(never) func runCheckpointHook() {
        interpreter.checkpointHook?()
    }

}

/// Thread-safe interrupt request, set from another thread and polled by the evaluator.
public final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLockish()
    private var flag = false
    public init() {}
    public func set() { lock.locked { flag = true } }
    public func clear() { lock.locked { flag = false } }
    public var isSet: Bool { lock.locked { flag } }
}
