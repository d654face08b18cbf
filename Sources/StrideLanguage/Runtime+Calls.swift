/// The call sequence. Every call of user code (a global function, a closure, a method, an
/// initializer, `callAsFunction`, a getter or setter, a native calling back into a closure)
/// runs `Runtime.call(_:captured:receiver:_:)`; every call of a native runs `callNative`; and
/// `call(value:_:)` picks between them for any callable value. The arguments arrive through
/// `CallArguments`: compiled at a call site (`SiteArguments`, CallSite.swift) or already
/// evaluated (`ValueArguments`). The generic sequence is specialised for each, so a call site
/// evaluates its arguments straight into the callee's frame.
///
/// The one speed trick outside this file is the global call site's inline sequence
/// (`GlobalCall` in CallSite.swift), which runs the same steps for the common case of a
/// global function with up to two plain arguments.

/// Where a method's `self` comes from.
enum Receiver {
    /// No `self` beyond the one the function value is bound to, if any.
    case none
    /// `self` of a non-mutating method, or the type of a static method.
    case value(Value)
    /// `self` of a mutating method or an initializer: moved into the frame, so it stays
    /// uniquely referenced and is mutated in place, and moved back out when the call ends,
    /// also when it throws (as Swift writes back `inout` arguments).
    case moved(UnsafeMutablePointer<Value>)
}

/// The arguments of one call as the call sequence reads them.
protocol CallArguments {
    var count: Int { get }
    var labels: [String?] { get }
    /// The index of the first trailing closure (`count` when there is none).
    var trailingFrom: Int { get }
    /// Where the call is, for errors and tracebacks (nil for a call from a native).
    var callRange: SourceRange? { get }
    func value(_ i: Int) throws -> Value
    /// The reference of an `&x` argument.
    func reference(_ i: Int) -> InoutReference?
    /// Where argument `i` is written, for an error about it.
    func range(_ i: Int) -> SourceRange?
    /// How `code`'s parameters take these arguments.
    func match(for code: FunctionCode) throws -> ArgumentMatch
    /// Every argument evaluated, in source order (for natives and builtin methods).
    func values() throws -> [Value]
}

extension CallArguments {
    func values() throws -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(count)
        for i in 0..<count { out.append(try value(i)) }
        return out
    }
}

/// Arguments already evaluated: a native calling back into a closure, a getter, `==`.
struct ValueArguments: CallArguments {
    let evaluated: [Value]
    let labels: [String?]
    let trailingFrom: Int
    var callRange: SourceRange? { nil }

    init(_ values: [Value], labels: [String?]? = nil, trailingFrom: Int? = nil) {
        self.evaluated = values
        self.labels = labels ?? Array(repeating: nil, count: values.count)
        self.trailingFrom = trailingFrom ?? values.count
    }

    var count: Int { evaluated.count }
    @inline(__always) func value(_ i: Int) throws -> Value { evaluated[i] }
    func values() throws -> [Value] { evaluated }
    @inline(__always) func reference(_ i: Int) -> InoutReference? { nil }
    func range(_ i: Int) -> SourceRange? { nil }
    func match(for code: FunctionCode) throws -> ArgumentMatch {
        try code.match(labels: labels, trailingFrom: trailingFrom)
    }
}

extension Runtime {
    /// Calls user code: matches the arguments to the parameters, pushes a frame, places
    /// `self`, the arguments (each checked against its declared type) and the captured cells,
    /// runs the body, writes back `self` and `inout` arguments, and pops the frame. An error
    /// leaving the call gains the callee's frame in its traceback.
    func call<A: CallArguments>(_ code: FunctionCode, captured: [Cell], receiver: Receiver, _ args: A) throws -> Value {
        let match: ArgumentMatch
        do { match = try args.match(for: code) } catch {
            // `zip(a, b).map { $0 + $1 }`: a closure of several parameters takes one tuple apart.
            if args.count == 1, code.decl?.isClosure == true, case .tuple(let t) = try args.value(0),
               t.elements.count == code.decl?.params.count, t.elements.count > 1 {
                return try call(code, captured: captured, receiver: receiver, ValueArguments(t.elements))
            }
            throw Compiler.locate(error, args.callRange)
        }
        do {
            guard frameFits(code.frameSize) else { throw Runtime.recursionError(code.name) }
            return try inNewFrame(code.frameSize) { frame in
                var references: [(slot: Int, reference: InoutReference)] = []
                if let s = code.selfSlot {
                    switch receiver {
                    case .none: break
                    case .value(let v): frame[s] = v
                    case .moved(let p): frame[s] = p.move(); p.initialize(to: .void)
                    }
                }
                func writeBack() throws {
                    if case .moved(let p) = receiver, let s = code.selfSlot {
                        p.pointee = frame[s].cellContents
                        frame[s] = .void
                    }
                    for (slot, reference) in references { try reference.set(frame[slot].cellContents) }
                }
                do {
                    try placeArguments(code, match, args, frame, references: &references)
                    if code.needsCellSetup { Runtime.setUpCells(code, captured, frame) }
                } catch { try? writeBack(); throw error }
                let result: Value
                do { result = try code.body(frame) } catch { try? writeBack(); throw error }
                try writeBack()
                return result
            }
        } catch let err as RuntimeError {
            throw Compiler.traced(err, function: code.name, callRange: args.callRange)
        }
    }

    /// Puts each parameter's value in its slot: the argument it takes, its default (evaluated
    /// in the callee's frame) or the array of its variadic arguments, checked against the
    /// parameter's declared type.
    @inline(__always)
    func placeArguments<A: CallArguments>(_ code: FunctionCode, _ match: ArgumentMatch, _ args: A, _ frame: Env,
                                          references: inout [(slot: Int, reference: InoutReference)]) throws {
        let sources = match.sources
        for p in 0..<sources.count {
            var v: Value
            var at: SourceRange?
            switch sources[p] {
            case .arg(let i):
                if let r = args.reference(i) {
                    references.append((code.paramSlots[p], r))
                    v = try r.get()
                } else {
                    v = try args.value(i)
                }
                at = args.range(i)
            case .defaultValue:
                guard let d = code.defaults[p] else { throw RuntimeError(.typeError, "\(code.name): missing argument") }
                defaultCallLine = args.callRange?.start.line ?? 0
                v = try d(frame)
            case .variadic(let items):
                v = .array(try items.map { try args.value($0) })
            }
            if case .none = code.checks[p] {} else { v = try code.checked(v, parameter: p, at: at) }
            frame[code.paramSlots[p]] = v
        }
    }

    /// Calls a native with the arguments in source order; its errors become runtime errors.
    func callNative<A: CallArguments>(_ body: (NativeCall) throws -> Value, _ args: A, callee: String) throws -> Value {
        var arguments: [NativeArgument] = []
        arguments.reserveCapacity(args.count)
        for i in 0..<args.count {
            arguments.append(NativeArgument(label: args.labels[i], value: try args.value(i), reference: args.reference(i)))
        }
        do { return try body(NativeCall(arguments: arguments, interpreter: interpreter, callee: callee)) }
        catch let e as StrideError { throw RuntimeError(bridging: e, at: args.callRange) }
    }

    /// Calls any callable value: a function or closure, a native, a type (its initializer),
    /// or an instance with `callAsFunction`. `name` is how the call site wrote the callee.
    func call<A: CallArguments>(value callee: Value, _ args: A, name: String? = nil) throws -> Value {
        do {
            switch callee {
            case .function(let f):
                if let native = f.native { return try callNative(native, args, callee: f.name) }
                guard let code = f.code else { return .void }
                return try call(code, captured: f.captured, receiver: f.boundSelf.map(Receiver.value) ?? .none, args)
            case .type(let t):
                return try construct(t, args)
            case .structInstance(let s):
                if let m = s.type.methods["callAsFunction"] { return try call(m, captured: [], receiver: .value(callee), args) }
            case .object(let o):
                if let m = o.type.methods["callAsFunction"] { return try call(m, captured: [], receiver: .value(callee), args) }
            case .native(let n):
                return try callNative(n.callAsFunction, args, callee: n.typeName)
            default: break
            }
        } catch { throw Compiler.locate(error, args.callRange) }
        throw Runtime.notCallable(callee, name: name, at: args.callRange)
    }

    /// Calls a value with arguments already evaluated and unlabelled: a closure passed to a
    /// native (`map`, `filter`, a training callback).
    func callClosure(_ f: Value, _ args: [Value]) throws -> Value {
        try call(value: f, ValueArguments(args))
    }

    /// The error for calling something that cannot be called.
    static func notCallable(_ v: Value, name: String?, at range: SourceRange?) -> RuntimeError {
        if case .void = v, let name = name {
            return RuntimeError(.nameError, "'\(name)' is used before it is assigned a value", range)
        }
        let what = name.map { "'\($0)', a value of type \(v.typeName)" } ?? "a value of type \(v.typeName)"
        switch v {
        case .structInstance, .object:
            // A model's forward pass is this call: say what the type lacks.
            return RuntimeError(.typeError, "cannot call \(what): it declares no callAsFunction", range)
        default:
            return RuntimeError(.typeError, "cannot call \(what)", range)
        }
    }

    static func recursionError(_ function: String) -> RuntimeError {
        RuntimeError(.recursionError, "maximum recursion depth (\(Runtime.maxDepth) calls) exceeded in '\(function)'")
    }

    /// Whether a call may push a frame of `size` slots: under the recursion limit and within
    /// the value stack.
    @inline(__always) func frameFits(_ size: Int) -> Bool {
        state.pointee.depth < Runtime.maxDepth && state.pointee.sp + size < Runtime.stackCapacity
    }

    /// The frame discipline every call shares: polls for an interrupt, pushes a frame of
    /// `size` slots (all `.void`), runs `body` on it and pops it however `body` ends. The
    /// caller has checked `frameFits(size)`.
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

    /// Runs code that takes no arguments and no `self` (a cell, a default value, a static
    /// initializer) in a frame of its own. It is no call of a function: its errors gain no
    /// traceback frame.
    func run(_ code: FunctionCode) throws -> Value {
        guard frameFits(code.frameSize) else { throw Runtime.recursionError(code.name) }
        return try inNewFrame(code.frameSize) { frame in
            if code.needsCellSetup { Runtime.setUpCells(code, [], frame) }
            return try code.body(frame)
        }
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

    /// Places the cells a closure captured and boxes the parameters that closures capture.
    static func setUpCells(_ code: FunctionCode, _ captured: [Cell], _ frame: Env) {
        var k = 0
        for slot in code.captureSlots where k < captured.count {
            frame[slot] = .cell(captured[k]); k += 1
        }
        for slot in code.cellParams { frame[slot] = .cell(Cell(frame[slot])) }
    }
}

extension Value {
    /// The value in a captured variable's cell, or the value itself.
    var cellContents: Value {
        if case .cell(let c) = self { return c.value }
        return self
    }
}

/// What a `lazy var` holds until its first read: the closure that computes its value.
final class LazyValue: NativeObject {
    let closure: Value
    init(_ closure: Value) { self.closure = closure }
    var typeName: String { "lazy value" }
    var description: String { "lazy value" }
    func member(_ name: String, in interp: Interpreter) throws -> Value {
        throw StrideError(.typeError, "a lazy variable has no member '\(name)' before it is read")
    }
}

extension Runtime {
    /// The value of a `lazy var`: `v` itself once computed; otherwise its closure runs now,
    /// once, its result (checked against the declared type) is stored, and returned.
    func forceLazy(_ v: Value, _ convert: Converter?, at range: SourceRange, store: (Value) -> Void) throws -> Value {
        guard case .native(let n) = v, let lazy = n as? LazyValue else { return v }
        var result = try callClosure(lazy.closure, [])
        if let c = convert {
            do { result = try c(result) } catch let e as RuntimeError { throw e.located(at: range) }
        }
        store(result)
        return result
    }
}

/// The value of a `lazy var` property before its first read.
final class UnsetLazyProperty: NativeObject {
    static let shared = UnsetLazyProperty()
    var typeName: String { "lazy property" }
    var description: String { "nil" }
    func member(_ name: String, in interp: Interpreter) throws -> Value {
        throw StrideError(.typeError, "a lazy property has no member '\(name)' before it is read")
    }
}
