/// Call sites: what a call expression compiles to. A `CallSite` is built once per call
/// expression and holds its compiled arguments, labels and ranges, and the match it learned
/// for the last function it called; `SiteArguments` hands them to the call sequence
/// (Runtime+Calls.swift), which evaluates them straight into the callee's frame.

/// One argument: its value, and for `&x` a reference that writes back.
struct ArgCode {
    let value: Code
    let reference: ((Env) -> InoutReference)?
}

/// The parts of one call expression that do not change from call to call.
final class CallSite {
    let arguments: [ArgCode]
    let labels: [String?]
    let trailingFrom: Int
    let argumentRanges: [SourceRange]
    let range: SourceRange
    let hasInout: Bool
    /// The code the site called last and how its parameters took the arguments. The code
    /// is held so that its identity cannot be reused by another function while cached.
    private var learnedCode: FunctionCode?
    private var learnedMatch: ArgumentMatch?

    init(arguments: [ArgCode], labels: [String?], trailingFrom: Int, argumentRanges: [SourceRange], range: SourceRange) {
        self.arguments = arguments; self.labels = labels; self.trailingFrom = trailingFrom
        self.argumentRanges = argumentRanges; self.range = range
        hasInout = arguments.contains { $0.reference != nil }
    }

    /// How `code` takes this site's arguments, learned on the first call of that code.
    @inline(__always) func match(for code: FunctionCode) throws -> ArgumentMatch {
        if code === learnedCode, let m = learnedMatch { return m }
        let m = try code.match(labels: labels, trailingFrom: trailingFrom)
        learnedCode = code
        learnedMatch = m
        return m
    }

    /// Whether the last code called here takes the arguments one to one, with no defaults,
    /// variadics or `inout` (what the inline global call needs).
    func takesArgumentsInOrder(_ code: FunctionCode) -> Bool {
        code === learnedCode && learnedMatch?.isIdentity == true && !hasInout && !code.isInout.contains(true)
    }

}

/// A call site's arguments in the frame of one call.
struct SiteArguments: CallArguments {
    let site: CallSite
    let env: Env

    var count: Int { site.arguments.count }
    var labels: [String?] { site.labels }
    var trailingFrom: Int { site.trailingFrom }
    var callRange: SourceRange? { site.range }
    @inline(__always) func value(_ i: Int) throws -> Value { try site.arguments[i].value(env) }
    @inline(__always) func reference(_ i: Int) -> InoutReference? {
        site.hasInout ? site.arguments[i].reference?(env) : nil
    }
    func range(_ i: Int) -> SourceRange? { i < site.argumentRanges.count ? site.argumentRanges[i] : nil }
    @inline(__always) func match(for code: FunctionCode) throws -> ArgumentMatch { try site.match(for: code) }
}

extension Runtime {
    /// The call of a call expression's callee value. A struct in a variable (`target`) whose
    /// `callAsFunction` is mutating is called in place, with its arguments evaluated first.
    func call(value callee: Value, _ site: CallSite, _ env: Env, name: String, in target: Modify?) throws -> Value {
        if let target = target, case .structInstance(let s) = callee, let m = s.type.methods["callAsFunction"], m.isMutating {
            let args = EvaluatedArguments(try SiteArguments(site: site, env: env).values(), site: site, env: env)
            return try target(env) { v in try callMethod(m, on: &v, args) }
        }
        return try call(value: callee, SiteArguments(site: site, env: env), name: name)
    }
}

/// A call site's arguments evaluated before the call: a mutating method's, whose receiver is
/// taken out of its variable while the method runs, so an argument that reads the variable
/// must be read first. References, ranges and the learned match still come from the site.
struct EvaluatedArguments: CallArguments {
    let evaluated: [Value]
    let site: CallSite
    let env: Env

    init(_ values: [Value], site: CallSite, env: Env) {
        evaluated = values; self.site = site; self.env = env
    }

    var count: Int { evaluated.count }
    var labels: [String?] { site.labels }
    var trailingFrom: Int { site.trailingFrom }
    var callRange: SourceRange? { site.range }
    @inline(__always) func value(_ i: Int) throws -> Value { evaluated[i] }
    func values() throws -> [Value] { evaluated }
    func reference(_ i: Int) -> InoutReference? { site.hasInout ? site.arguments[i].reference?(env) : nil }
    func range(_ i: Int) -> SourceRange? { i < site.argumentRanges.count ? site.argumentRanges[i] : nil }
    func match(for code: FunctionCode) throws -> ArgumentMatch { try site.match(for: code) }
}

/// The language's one call-speed trick: a call of a global function with up to two plain
/// arguments (`fib(n - 1)`), the common case in recursive code. The first call goes through
/// the call sequence and learns the function in the global; later calls check, without
/// retaining it, that the global still holds that function, and run the same steps inline
/// (frame, arguments read in place as operands, the Int check of a one-Int-parameter
/// function, the body) with the site's parts borrowed. Anything else (another function,
/// `self`, captured cells, other checks, the recursion limit) takes the general path, which
/// reads the global again: reading it has no side effect.
final class GlobalCall {
    let global: Env
    let site: CallSite
    let rt: Runtime
    let arity: Int
    let arg0: Operand
    let arg1: Operand
    /// The function the inline sequence calls: one the global held after a general call,
    /// referenced without retaining (`known` owns it) so a call neither retains nor releases.
    var fast: Unmanaged<Function>?
    /// Every function `fast` has named, kept alive so that `fast` never dangles even when the
    /// global is redefined while the function runs. A site that sees more than a few
    /// functions stays on the general path.
    var known: [Function] = []
    let name: String
    let target: Modify?

    init(global: Env, site: CallSite, rt: Runtime, arg0: Operand, arg1: Operand, name: String, target: Modify?) {
        self.global = global; self.site = site; self.rt = rt; self.arity = site.arguments.count
        self.arg0 = arg0; self.arg1 = arg1; self.name = name; self.target = target
    }

    /// Whether the global holds `f`, compared by identity (no copy of the value is made).
    @inline(__always) func globalHolds(_ f: Unmanaged<Function>) -> Bool {
        if case .function(let g) = global.pointee { return Unmanaged.passUnretained(g).toOpaque() == f.toOpaque() }
        return false
    }

    func call(_ env: Env) throws -> Value {
        guard let known = fast, globalHolds(known) else { return try learn(env) }
        return try known._withUnsafeGuaranteedRef { try callInline($0, env) }
    }

    @inline(__always) func callInline(_ f: Function, _ env: Env) throws -> Value {
        guard rt.frameFits(f.shape.frameSize) else { return try general(env) }
        return try rt.inNewFrame(f.shape.frameSize) { frame in try runInline(f, env, frame) }
    }

    @inline(__always) func runInline(_ f: Function, _ env: Env, _ frame: Env) throws -> Value {
        do {
            let first = f.shape.firstParamSlot
            if arity >= 1 {
                let v = try arg0.value(env)
                if !f.shape.allUnchecked, case .int = v {} else if !f.shape.allUnchecked {
                    throw f.code.unsafelyUnwrapped.parameterError(
                        RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to Int"),
                        parameter: 0, at: site.argumentRanges[0])
                }
                (frame + first).initialize(to: v)
            }
            if arity == 2 { (frame + first + 1).initialize(to: try arg1.value(env)) }
            return f.shape.returnsIntExpression ? try f.runIntExpression(frame) : try f.run(frame)
        } catch let err as RuntimeError {
            throw Compiler.traced(err, function: f.name, callRange: site.range)
        }
    }

    /// The call sequence, for any callee the global holds.
    func general(_ env: Env) throws -> Value {
        try rt.call(value: global.pointee, site, env, name: name, in: target)
    }

    /// The general call, then learning whether the function now in the global can take the
    /// inline sequence.
    @inline(never) func learn(_ env: Env) throws -> Value {
        let result = try general(env)
        if case .function(let f) = global.pointee, fast?.toOpaque() != Unmanaged.passUnretained(f).toOpaque(),
           known.count < 8, let code = f.code, site.takesArgumentsInOrder(code),
           code.paramSlots == Array(f.shape.firstParamSlot..<(f.shape.firstParamSlot + arity)),
           !f.shape.hasSelfSlot, !f.shape.needsCellSetup,
           f.shape.allUnchecked || (arity == 1 && f.shape.singleIntParam) {
            known.append(f)
            fast = Unmanaged.passUnretained(f)
        }
        return result
    }
}
