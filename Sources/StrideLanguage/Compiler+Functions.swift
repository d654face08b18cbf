/// The last function called at a call site and how its parameters take the arguments.
/// `code` is held so its identity cannot be reused by another function while cached.
final class CallSiteCache { var codeID: ObjectIdentifier?; var code: FunctionCode?; var sources: [ArgSource] = []; var direct = false }

/// A call of a global function with up to two plain arguments, the common case. The first
/// general call learns the function in the global; later calls check, without retaining it,
/// that the global still holds that function, and run the call sequence inline with the
/// arguments read in place and the site's parts borrowed. Anything else (another function,
/// self, cells, checks, the recursion limit) goes to `general`, which reads the global again:
/// reading it has no side effect.
final class GlobalCall {
    let global: Env
    let cache: CallSiteCache
    let general: Code
    let rt: Runtime
    let arity: Int
    let arg0: Operand
    let arg1: Operand
    let argRanges: [SourceRange]
    let range: SourceRange
    /// The function the inline sequence calls: one the global held after a general call,
    /// referenced without retaining (`known` owns it) so a call neither retains nor releases.
    var fast: Unmanaged<Function>?
    /// Every function `fast` has named, kept alive so that `fast` never dangles even when the
    /// global is redefined while the function runs. A site that sees more than a few
    /// functions stays on the general path.
    var known: [Function] = []

    init(global: Env, cache: CallSiteCache, general: @escaping Code, rt: Runtime, arity: Int, arg0: Operand,
         arg1: Operand, argRanges: [SourceRange], range: SourceRange) {
        self.global = global; self.cache = cache; self.general = general; self.rt = rt; self.arity = arity
        self.arg0 = arg0; self.arg1 = arg1; self.argRanges = argRanges; self.range = range
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
        guard rt.frameFits(f.frameSize) else { return try general(env) }
        return try rt.inNewFrame(f.frameSize) { frame in try runInline(f, env, frame) }
    }

    @inline(__always) func runInline(_ f: Function, _ env: Env, _ frame: Env) throws -> Value {
        do {
            let first = f.firstParamSlot
            if arity >= 1 {
                let v = try arg0.value(env)
                if !f.allUnchecked, case .int = v {} else if !f.allUnchecked { throw Compiler.intParameterError(f, v, argRanges[0]) }
                (frame + first).initialize(to: v)
            }
            if arity == 2 { (frame + first + 1).initialize(to: try arg1.value(env)) }
            return f.returnsIntExpression ? try f.runIntExpression(frame) : try f.run(frame)
        } catch let err as RuntimeError {
            throw Compiler.traced(err, function: f.name, callRange: range)
        }
    }

    /// The general call, then learning whether the function now in the global can take the
    /// inline sequence.
    @inline(never) func learn(_ env: Env) throws -> Value {
        let result = try general(env)
        if case .function(let f) = global.pointee, fast?.toOpaque() != Unmanaged.passUnretained(f).toOpaque(),
           known.count < 8, let fid = f.codeID,
           cache.codeID == fid, cache.direct, !f.hasSelfSlot, !f.needsCellSetup,
           f.allUnchecked || (arity == 1 && f.singleIntParam) {
            known.append(f)
            fast = Unmanaged.passUnretained(f)
        }
        return result
    }
}

/// Functions and closures: compiling a declaration into `FunctionCode`, and calls.
extension Compiler {
    /// Builds the shared code of a function and returns an expression that creates the
    /// function value (capturing the current cells).
    func compileFunction(_ f: FunctionDecl, owner: UserType?) -> Code {
        let code = makeFunctionCode(f, owner: owner)
        let fromSlots = f.captures.map(\.fromSlot)
        if fromSlots.isEmpty {
            let fn = Value.function(Function(code: code, captured: []))
            return { _ in fn }
        }
        return { env in
            var cells: [Cell] = []
            cells.reserveCapacity(fromSlots.count)
            for s in fromSlots {
                if case .cell(let c) = env[s] { cells.append(c) } else {
                    // A variable declared after the closure (a nested function's later local): box it now.
                    let c = Cell(env[s]); env[s] = .cell(c); cells.append(c)
                }
            }
            return .function(Function(code: code, captured: cells))
        }
    }

    func makeFunctionCode(_ f: FunctionDecl, owner: UserType?) -> FunctionCode {
        let code = FunctionCode(name: owner.map { "\($0.name).\(f.name)" } ?? f.name, decl: f)
        code.owner = owner
        code.isMutating = f.isMutating || f.isInit
        code.frameSize = max(f.frameSize, 1)
        code.selfSlot = f.selfSlot
        code.captureSlots = f.captures.map(\.toSlot)
        for p in f.params {
            code.labels.append(f.isClosure ? nil : p.label)
            code.paramSlots.append(p.info?.slot ?? 0)
            code.isInout.append(p.isInout)
            code.defaults.append(p.defaultValue.map { compileExpr($0) })
            var conv = p.type.flatMap { converter(for: $0) }
            if p.isVariadic, let c = conv {
                conv = { v in
                    guard case .array(let xs) = v else { return v }
                    return .array(try xs.map(c))
                }
            }
            code.checks.append(ValueCheck(conv, type: p.isVariadic ? nil : p.type))
            if p.info?.isCaptured == true { code.cellParams.append(p.info!.slot) }
        }
        code.variadicIndex = f.params.firstIndex { $0.isVariadic }
        code.firstParamSlot = code.paramSlots.first ?? 0
        if code.checks.count == 1, case .int = code.checks[0] { code.singleIntParam = true }
        code.needsCellSetup = !code.captureSlots.isEmpty || !code.cellParams.isEmpty
        code.allUnchecked = code.checks.allSatisfy { if case .none = $0 { return true }; return false }
        if let rtype = f.returnType { code.returnConverter = converter(for: rtype) }
        let returnCheck = ValueCheck(code.returnConverter, type: f.returnType)
        let st = rt.state
        let savedClosureFlag = compilingClosureBody
        compilingClosureBody = f.isClosure
        defer { compilingClosureBody = savedClosureFlag }
        let retConv = code.returnConverter
        let name = code.name
        // A body that is a single expression returns its value directly (implicit return).
        if f.body.count == 1, case .expr(let e) = f.body[0].kind {
            let c = compileExpr(e)
            if case .int = returnCheck {
                code.intExpression = c
                code.hasIntExpression = true
                code.intExpressionRange = e.range
            }
            if retConv != nil, !isVoid(f.returnType) {
                code.body = { env in
                    do { return try returnCheck.apply(try c(env)) } catch let err as RuntimeError where err.range == nil {
                        throw FunctionCode.expressionBodyError(err, function: name, returns: f.returnType!.description, at: e.range)
                    }
                }
            } else if f.returnType != nil && isVoid(f.returnType) {
                code.body = { env in _ = try c(env); return .void }
            } else {
                code.body = c
            }
        } else if f.body.count == 1, case .returnStmt(let e?) = f.body[0].kind {
            let c = compileExpr(e)
            if let rc = retConv { code.body = { env in try rc(try c(env)) } } else { code.body = c }
        } else if f.body.count > 1, case .returnStmt(let e?) = f.body[f.body.count - 1].kind,
                  !f.body.contains(where: { if case .deferStmt = $0.kind { return true }; return false }) {
            // `...; return e`: the final value is computed directly, not passed through the frame state.
            let prefix = compileBlock(Array(f.body.dropLast()))
            let last = compileExpr(e)
            code.body = { env in
                let flow = try prefix(env)
                if case .normal = flow { return try returnCheck.apply(try last(env)) }
                if case .returned = flow {
                    let v = st.pointee.returnValue
                    st.pointee.returnValue = .void
                    return try returnCheck.apply(v)
                }
                return .void
            }
        } else {
            let block = compileBlock(f.body)
            let isInit = f.isInit
            code.body = { env in
                let flow = try block(env)
                if case .returned = flow {
                    let v = st.pointee.returnValue
                    st.pointee.returnValue = .void
                    if let rc = retConv { return try rc(v) }
                    return v
                }
                if isInit { return .void }
                if retConv != nil, !(self.isVoid(f.returnType)) {
                    if case .optional? = f.returnType { return Value.none }
                    throw RuntimeError(.typeError, "missing return in '\(name)', which should return \(f.returnType!.description)", f.range)
                }
                return .void
            }
        }
        return code
    }

    /// Adds the frame of `function` to an error leaving it through a call.
    static func traced(_ e: RuntimeError, function: String, callRange: SourceRange?) -> RuntimeError {
        var err = e
        if err.range == nil { err.range = callRange }
        let line = err.pendingLine ?? err.range?.start.line ?? 0
        if err.trace.count < 40 { err.trace.append(TraceFrame(function: function, line: line)) }
        else { err.omittedFrames += 1 }
        err.pendingLine = callRange?.start.line
        return err
    }

    func isVoid(_ t: TypeRef?) -> Bool {
        guard let t = t else { return true }
        if case .named(let n, _) = t, n == "Void" { return true }
        if case .tuple(let items) = t, items.isEmpty { return true }
        return false
    }

    // MARK: Calls

    func compileCall(_ e: Expr, _ callee: Expr, _ args: [Argument]) -> Code {
        let range = e.range
        let labels = args.map(\.label)
        let trailingFrom = args.firstIndex { $0.isTrailingClosure } ?? args.count
        // `.step(every: 2)`: a symbol with arguments, for natives to read.
        if case .implicitMember(let name) = callee.kind {
            let codes = args.map { compileExpr($0.value) }
            return { env in
                .symbol(Symbol(name: name, arguments: try zip(labels, codes).map { ($0.0, try $0.1(env)) }))
            }
        }
        if case .member(let base, let name) = callee.kind {
            return compileMethodCall(base, name, args, range: range, nameRange: callee.opRange ?? callee.range)
        }
        let calleeCode = compileExpr(callee)
        // A global function is read straight from its slot.
        var calleeGlobal: Env?
        if case .name = callee.kind, case .global(let idx)? = callee.binding { calleeGlobal = rt.globals + idx }
        let argCodes = args.map { compileArgument($0) }
        let hasInout = args.contains { $0.isInout }
        let rt = self.rt
        let calleeName = sourceText(callee.range)
        let argRanges = args.map { $0.value.range }
        /// The last function called here and how its parameters take the arguments.
        /// `code` is held so its identity cannot be reused by another function while cached.
        let cache = CallSiteCache()
        let argValueCodes = argCodes.map(\.value)
        // The first arguments are held directly, so common calls skip iterating an array.
        let arity = argValueCodes.count
        // Taken from `argCodes` (not the `[Code]` array) so they keep their direct calling
        // convention: a closure read out of an array goes through reabstraction thunks.
        let arg0: Code = arity > 0 ? argCodes[0].value : { _ in .void }
        let arg1: Code = arity > 1 ? argCodes[1].value : { _ in .void }
        let operand0 = arity > 0 ? operand(args[0].value, compiled: arg0) : Operand(.code, code: arg0)
        let operand1 = arity > 1 ? operand(args[1].value, compiled: arg1) : Operand(.code, code: arg1)
        let general: Code = { env in
            let fv: Value
            if let g = calleeGlobal { fv = g.pointee } else { fv = try calleeCode(env) }
            if !hasInout, case .function(let f) = fv, let fid = f.codeID {
                // The fast path: user function, arguments evaluated straight into its frame.
                if cache.codeID != fid, let code = f.code {
                    do { cache.sources = try code.match(labels: labels, trailingFrom: trailingFrom) } catch { throw Compiler.locate(error, range) }
                    cache.codeID = fid
                    cache.code = code
                    cache.direct = code.variadicIndex == nil && cache.sources.count == argValueCodes.count
                        && cache.sources.enumerated().allSatisfy { if case .arg(let i) = $0.element { return i == $0.offset }; return false }
                        && code.paramSlots == Array((code.paramSlots.first ?? 0)..<((code.paramSlots.first ?? 0) + code.paramSlots.count))
                        && !code.isInout.contains(true)
                }
                if cache.direct {
                    // Inline call sequence: push a frame, evaluate arguments into it, run the body.
                    guard rt.frameFits(f.frameSize) else {
                        throw Compiler.traced(RuntimeError(.recursionError, "maximum recursion depth (\(Runtime.maxDepth) calls) exceeded in '\(f.name)'", range),
                                              function: f.name, callRange: range)
                    }
                    return try rt.inNewFrame(f.frameSize) { frame in
                        do {
                            if f.hasSelfSlot, let code = f.code, let s = code.selfSlot, let b = f.boundSelf { frame[s] = b }
                            let first = f.firstParamSlot
                            if f.allUnchecked {
                                switch arity {
                                case 0: break
                                // The slots hold `.void` (trivial) from `prepare`, so they are overwritten without a destroy.
                                case 1: (frame + first).initialize(to: try arg0(env))
                                case 2: (frame + first).initialize(to: try arg0(env)); (frame + first + 1).initialize(to: try arg1(env))
                                default:
                                    var slot = first
                                    for a in argCodes { (frame + slot).initialize(to: try a.value(env)); slot += 1 }
                                }
                            } else if arity == 1 && f.singleIntParam {
                                let v = try arg0(env)
                                guard case .int = v else { throw Compiler.intParameterError(f, v, argRanges[0]) }
                                (frame + first).initialize(to: v)
                            } else if let code = f.code {
                                let checks = code.checks
                                var i = 0
                                for a in argCodes {
                                    let v = try a.value(env)
                                    do { frame[first + i] = try checks[i].apply(v) } catch var e as RuntimeError {
                                        e.message = "\(code.name): parameter '\(code.decl?.params[i].name ?? "")': " + e.message
                                        if e.range == nil { e.range = argRanges[i] }
                                        throw e
                                    }
                                    i += 1
                                }
                            }
                            if f.needsCellSetup, let code = f.code { Runtime.setUpCells(code, f.captured, frame) }
                            return try f.run(frame)
                        } catch let err as RuntimeError {
                            throw Compiler.traced(err, function: f.name, callRange: range)
                        }
                    }
                }
                guard let code = f.code else { return .void }
                let sources = cache.sources
                do {
                    return try rt.withFrame(code, captured: f.captured, fill: { frame in
                        if let s = code.selfSlot, let b = f.boundSelf { frame[s] = b }
                        try rt.fillArguments(code, sources: sources, frame: frame, argRanges: argRanges) { try argValueCodes[$0](env) }
                    })
                } catch let err as RuntimeError {
                    throw Compiler.traced(err, function: code.name, callRange: range)
                }
            }
            return try self.callValue(fv, argCodes, labels: labels, trailingFrom: trailingFrom, env: env, range: range, name: calleeName)
        }
        guard let g = calleeGlobal, !hasInout, arity <= 2 else { return general }
        let site = GlobalCall(global: g, cache: cache, general: general, rt: rt, arity: arity, arg0: operand0, arg1: operand1,
                              argRanges: argRanges, range: range)
        globalCallSites[ObjectIdentifier(e)] = site
        return { env in try site.call(env) }
    }

    /// The error for a non-Int argument to a function whose one parameter is an `Int`.
    static func intParameterError(_ f: Function, _ v: Value, _ range: SourceRange) -> RuntimeError {
        var e = RuntimeError(.typeError, "\(f.name): parameter '\(f.code?.decl?.params[0].name ?? "")': cannot convert a value of type \(v.typeName) to Int")
        e.range = range
        return e
    }

    /// An argument: its value, and for `&x` a reference that writes back.
    struct ArgCode {
        let value: Code
        let reference: ((Env) -> InoutReference)?
    }

    func compileArgument(_ a: Argument) -> ArgCode {
        let value = compileExpr(a.value)
        guard a.isInout else { return ArgCode(value: value, reference: nil) }
        let modify = compileLValue(a.value)
        return ArgCode(value: value, reference: { env in
            InoutReference(get: { try value(env) }, set: { newValue in _ = try modify(env) { $0 = newValue; return .void } })
        })
    }

    /// Calls any callable value with compiled arguments (natives, types, callAsFunction).
    func callValue(_ fv: Value, _ argCodes: [ArgCode], labels: [String?], trailingFrom: Int, env: Env, range: SourceRange, name: String) throws -> Value {
        do {
            switch fv {
            case .function(let f):
                if let native = f.native {
                    let call = try nativeCall(argCodes, labels: labels, env: env, callee: f.name)
                    return try native(call)
                }
                return try callUser(f, argCodes, labels: labels, trailingFrom: trailingFrom, env: env, selfValue: f.boundSelf).result
            case .type(let t):
                let values = try argCodes.map { try $0.value(env) }
                return try rt.construct(t, values, labels: labels, trailingFrom: trailingFrom)
            case .structInstance(let s):
                guard let m = s.type.methods["callAsFunction"] else { break }
                return try callUser(Function(code: m, captured: []), argCodes, labels: labels, trailingFrom: trailingFrom, env: env, selfValue: fv).result
            case .object(let o):
                guard let m = o.type.methods["callAsFunction"] else { break }
                return try callUser(Function(code: m, captured: []), argCodes, labels: labels, trailingFrom: trailingFrom, env: env, selfValue: fv).result
            case .native(let n):
                return try n.callAsFunction(try nativeCall(argCodes, labels: labels, env: env, callee: n.typeName))
            default: break
            }
        } catch { throw Compiler.locate(error, range) }
        if case .void = fv { throw RuntimeError(.nameError, "'\(name)' is used before it is assigned a value", range) }
        throw RuntimeError(.typeError, "cannot call '\(name)', a value of type \(fv.typeName)", range)
    }

    func nativeCall(_ argCodes: [ArgCode], labels: [String?], env: Env, callee: String) throws -> NativeCall {
        var args: [NativeArgument] = []
        args.reserveCapacity(argCodes.count)
        for (i, a) in argCodes.enumerated() {
            args.append(NativeArgument(label: labels[i], value: try a.value(env), reference: a.reference?(env)))
        }
        return NativeCall(arguments: args, interpreter: interp, callee: callee)
    }

    /// Calls a user function, writing `inout` arguments back after the call.
    func callUser(_ f: Function, _ argCodes: [ArgCode], labels: [String?], trailingFrom: Int, env: Env, selfValue: Value?) throws -> (result: Value, newSelf: Value?) {
        guard let code = f.code else { return (.void, nil) }
        let sources = try code.match(labels: labels, trailingFrom: trailingFrom)
        var refs: [(slot: Int, ref: InoutReference)] = []
        var newSelf: Value?
        let result: Value
        do {
        result = try rt.withFrame(code, captured: f.captured, fill: { frame in
            if let s = code.selfSlot, let b = selfValue ?? f.boundSelf { frame[s] = b }
            try rt.fillArguments(code, sources: sources, frame: frame) { i in
                if let r = argCodes[i].reference {
                    let ref = r(env)
                    if case .arg = sources.first(where: { if case .arg(let j) = $0 { return j == i }; return false }) ?? .defaultValue,
                       let p = sources.firstIndex(where: { if case .arg(let j) = $0 { return j == i }; return false }) {
                        refs.append((code.paramSlots[p], ref))
                    }
                    return try ref.get()
                }
                return try argCodes[i].value(env)
            }
        }, finish: { frame in
            if let s = code.selfSlot { newSelf = frame[s] }
            for (slot, ref) in refs {
                var v = frame[slot]
                if case .cell(let c) = v { v = c.value }
                try ref.set(v)
            }
        })
        } catch let err as RuntimeError { throw Compiler.traced(err, function: code.name, callRange: nil) }
        return (result, newSelf)
    }
}
