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

    // Copies of the code's call shape, so a call reads them from the function it already
    // holds instead of retaining the code object.
    let body: Code
    let frameSize: Int
    let firstParamSlot: Int
    let allUnchecked: Bool
    let singleIntParam: Bool
    let needsCellSetup: Bool
    let hasSelfSlot: Bool
    let codeID: ObjectIdentifier?
    /// A body that is one expression and returns an `Int`: call sites run the expression and
    /// check the Int themselves (`runIntExpression`) instead of calling a checking wrapper.
    let returnsIntExpression: Bool
    let intExpression: Code

    init(code: FunctionCode, captured: [Cell], boundSelf: Value? = nil) {
        self.name = code.name; self.code = code; self.captured = captured; self.boundSelf = boundSelf
        native = nil; signature = code.decl?.signature ?? code.name; doc = code.decl?.doc
        body = code.body; frameSize = code.frameSize; firstParamSlot = code.firstParamSlot
        allUnchecked = code.allUnchecked; singleIntParam = code.singleIntParam
        needsCellSetup = code.needsCellSetup; hasSelfSlot = code.selfSlot != nil; codeID = ObjectIdentifier(code)
        returnsIntExpression = code.hasIntExpression
        intExpression = code.intExpression
    }
    /// A host function.
    public init(native name: String, signature: String, doc: String?, _ body: @escaping (NativeCall) throws -> Value) {
        self.name = name; code = nil; captured = []; boundSelf = nil; native = body
        self.signature = signature; self.doc = doc
        self.body = { _ in .void }; frameSize = 0; firstParamSlot = 0; allUnchecked = true; singleIntParam = false
        needsCellSetup = false; hasSelfSlot = false; codeID = nil
        returnsIntExpression = false; intExpression = self.body
    }
    /// Runs the body on a prepared frame. As a method, `self` is borrowed for the call, so
    /// the body closure is called without retaining and releasing its context.
    @inline(never) func run(_ frame: Env) throws -> Value { try body(frame) }

    /// Runs a body that is one expression declared to return `Int`, checking the result as
    /// the body's own wrapper does (same errors, same source range).
    @inline(never) func runIntExpression(_ frame: Env) throws -> Value {
        do { return try ValueCheck.int.apply(try intExpression(frame)) } catch let err as RuntimeError where err.range == nil {
            throw FunctionCode.expressionBodyError(err, function: name, returns: "Int", at: code?.intExpressionRange)
        }
    }

    func bound(to value: Value) -> Function {
        guard let code = code else { return self }
        return Function(code: code, captured: captured, boundSelf: value)
    }
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
    var frameSize = 0
    var selfSlot: Int?
    var captureSlots: [Int] = []
    /// Parameters that closures capture: wrapped in a cell on entry.
    var cellParams: [Int] = []
    var body: Code = { _ in .void }
    /// The expression of a one-expression body declared to return `Int` (see `Function`).
    /// (Not an Optional: a closure kept in one is stored in its generic form, and every call
    /// through it then goes through reabstraction thunks.)
    var intExpression: Code = { _ in .void }
    var hasIntExpression = false
    var intExpressionRange: SourceRange?
    /// Whether calls must place captured cells or box captured parameters.
    var needsCellSetup = false
    var firstParamSlot = 0
    /// One parameter declared `Int`: checked inline at call sites.
    var singleIntParam = false
    /// Whether every parameter is unchecked (no declared type to enforce).
    var allUnchecked = true
    var returnConverter: Converter?
    var isMutating = false
    weak var owner: UserType?
    /// Argument-matching results by call-site label list.
    var matchCache: [[String?]: [ArgSource]] = [:]

    init(name: String, decl: FunctionDecl?) { self.name = name; self.decl = decl }

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

    /// Matches call-site labels to parameters as Swift does: in order, labels must agree,
    /// defaulted parameters may be skipped, a trailing closure fills the last parameter.
    func match(labels argLabels: [String?], trailingFrom: Int) throws -> [ArgSource] {
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
        if matchCache.count < 16 { matchCache[key] = result }
        return result
    }
}

/// A user-declared struct, class or enum at run time.
public final class UserType {
    public let name: String
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

    init(decl: TypeDecl) {
        name = decl.name; kind = decl.kind; conformances = decl.conformances; self.decl = decl; doc = decl.doc
    }
    public var isClass: Bool { kind == .classType }

    /// `description` of a type that declares one (CustomStringConvertible).
    func customDescription(of v: Value) -> String? {
        guard let getter = computed["description"]?.getter, let rt = runtime else { return nil }
        guard let r = try? rt.invoke(Function(code: getter, captured: []), args: [], selfValue: v).result,
              case .string(let s) = r else { return nil }
        return s
    }
}

/// A struct value's storage, shared until a mutation copies it (copy on write).
public final class StructInstance {
    public let type: UserType
    public internal(set) var fields: [Value]
    init(type: UserType, fields: [Value]) { self.type = type; self.fields = fields }
    func copy() -> StructInstance { StructInstance(type: type, fields: fields) }
    public var typeName: String { type.name }
}

/// A class instance: shared by reference.
public final class ObjectInstance {
    public let type: UserType
    public internal(set) var fields: [Value]
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

    init(interpreter: Interpreter, interrupt: InterruptFlag) {
        self.interpreter = interpreter
        self.interrupt = interrupt
        stack = Env.allocate(capacity: Runtime.stackCapacity)
        globals = Env.allocate(capacity: Runtime.globalCapacity)
        globals.initialize(repeating: .void, count: Runtime.globalCapacity)
        state = UnsafeMutablePointer<RunState>.allocate(capacity: 1)
        state.initialize(to: RunState())
    }
    deinit {
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
        }
    }

    /// Pushes a frame for `code`, lets `fill` put the arguments in, runs the body, lets
    /// `finish` read back inout parameters and `self`, and pops the frame.
    @inline(__always)
    func withFrame(_ code: FunctionCode, captured: [Cell], fill: (Env) throws -> Void,
                   finish: (Env) throws -> Void = { _ in }) throws -> Value {
        guard frameFits(code.frameSize) else {
            throw RuntimeError(.recursionError, "maximum recursion depth (\(Runtime.maxDepth) calls) exceeded in '\(code.name)'")
        }
        return try inNewFrame(code.frameSize) { frame in try runBody(code, captured: captured, frame, fill: fill, finish: finish) }
    }

    /// Whether a call may push a frame of `size` slots: under the recursion limit and within
    /// the value stack.
    @inline(__always) func frameFits(_ size: Int) -> Bool {
        state.pointee.depth < Runtime.maxDepth && state.pointee.sp + size < Runtime.stackCapacity
    }

    /// The call sequence every call shares: polls for an interrupt, pushes a frame of `size`
    /// slots (all `.void`), runs `body` on it and pops it however `body` ends. The caller has
    /// checked `frameFits(size)`.
    @inline(__always) func inNewFrame<Result>(_ size: Int, _ body: (Env) throws -> Result) throws -> Result {
        let st = state
        let base = st.pointee.sp
        try poll()
        let frame = stack + base
        Runtime.prepare(frame, size)
        st.pointee.sp = base + size
        st.pointee.depth += 1
        defer {
            Runtime.release(frame, size)
            st.pointee.sp = base
            st.pointee.depth -= 1
        }
        return try body(frame)
    }

    @inline(__always)
    private func runBody(_ code: FunctionCode, captured: [Cell], _ frame: Env, fill: (Env) throws -> Void,
                         finish: (Env) throws -> Void) throws -> Value {
        try fill(frame)
        if code.needsCellSetup { Runtime.setUpCells(code, captured, frame) }
        let result: Value
        do { result = try code.body(frame) } catch {
            // inout arguments and `self` are written back even when the body throws.
            try? finish(frame)
            throw error
        }
        try finish(frame)
        return result
    }

    /// Frame slots start as `.void`; small frames are set one by one, which is cheaper than
    /// the generic array initialisation.
    @inline(__always) static func prepare(_ frame: Env, _ size: Int) {
        var i = 0
        while i < size { (frame + i).initialize(to: .void); i += 1 }
    }
    @inline(__always) static func release(_ frame: Env, _ size: Int) {
        var i = 0
        while i < size { _ = (frame + i).move(); i += 1 }
    }

    static func setUpCells(_ code: FunctionCode, _ captured: [Cell], _ frame: Env) {
        var k = 0
        for slot in code.captureSlots where k < captured.count {
            frame[slot] = .cell(captured[k]); k += 1
        }
        for slot in code.cellParams { frame[slot] = .cell(Cell(frame[slot])) }
    }

    /// Calls a function with arguments already in parameter order.
    func invoke(_ f: Function, args: [Value], selfValue: Value? = nil, labels: [String?]? = nil, trailingFrom: Int? = nil) throws -> (result: Value, newSelf: Value?, inouts: [Value]) {
        if let native = f.native {
            let call = NativeCall(arguments: args.enumerated().map { NativeArgument(label: labels?[$0.offset], value: $0.element) },
                                  interpreter: interpreter, callee: f.name)
            do { return (try native(call), nil, []) } catch let e as StrideError { throw RuntimeError(bridging: e) }
        }
        guard let code = f.code else { return (.void, nil, []) }
        let sources: [ArgSource]
        if let labels = labels {
            sources = try code.match(labels: labels, trailingFrom: trailingFrom ?? labels.count)
        } else {
            guard args.count <= code.paramCount else {
                throw RuntimeError(.typeError, "\(code.name) takes \(code.paramCount) argument\(code.paramCount == 1 ? "" : "s") but \(args.count) were given")
            }
            sources = (0..<code.paramCount).map { $0 < args.count ? .arg($0) : .defaultValue }
        }
        var newSelf: Value?
        var inouts: [Value] = []
        let selfV = selfValue ?? f.boundSelf
        let result = try withFrame(code, captured: f.captured, fill: { frame in
            if let s = code.selfSlot, let v = selfV { frame[s] = v }
            try self.fillArguments(code, sources: sources, frame: frame) { args[$0] }
        }, finish: { frame in
            if let s = code.selfSlot { newSelf = frame[s] }
            for (p, isIn) in code.isInout.enumerated() where isIn { inouts.append(frame[code.paramSlots[p]]) }
        })
        return (result, newSelf, inouts)
    }

    @inline(__always)
    func fillArguments(_ code: FunctionCode, sources: [ArgSource], frame: Env, argRanges: [SourceRange]? = nil, arg: (Int) throws -> Value) throws {
        for p in 0..<sources.count {
            var v: Value
            switch sources[p] {
            case .arg(let i): v = try arg(i)
            case .defaultValue:
                guard let d = code.defaults[p] else { throw RuntimeError(.typeError, "\(code.name): missing argument") }
                v = try d(frame)
            case .variadic(let items): v = .array(try items.map(arg))
            }
            if case .none = code.checks[p] {} else {
                do { v = try code.checks[p].apply(v) } catch var e as RuntimeError {
                    e.message = "\(code.name): parameter '\(code.decl?.params[p].name ?? "")': " + e.message
                    // A wrong argument is reported at the argument.
                    if e.range == nil, let ranges = argRanges, case .arg(let i) = sources[p], i < ranges.count { e.range = ranges[i] }
                    throw e
                }
            }
            frame[code.paramSlots[p]] = v
        }
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
