/// Compiles the resolved syntax tree into Swift closures. Variables are read by slot
/// index from the frame (`Env`) or by index from the globals; nothing is looked up by
/// name on a hot path.
typealias StmtCode = (Env) throws -> Flow

final class Compiler {
    let rt: Runtime
    unowned let interp: Interpreter
    let defaultFrames: [ObjectIdentifier: FunctionDecl]
    /// User types declared in this cell, created before their bodies compile.
    var types: [String: UserType]
    /// Static stored properties of the type being compiled, initialised when its declaration runs.
    var pendingStatics: [() throws -> Void] = []
    /// Types of this cell compiled so far: a superclass is compiled before its subclasses.
    var compiledTypes: Set<String> = []
    var compilingClosureBody = false
    /// Call sites of global functions by their call expression, for the operands that read
    /// them in place (Compiler+Operands.swift).
    var globalCallSites: [ObjectIdentifier: GlobalCall] = [:]

    init(rt: Runtime, interp: Interpreter, defaultFrames: [ObjectIdentifier: FunctionDecl], types: [String: UserType]) {
        self.rt = rt; self.interp = interp; self.defaultFrames = defaultFrames; self.types = types
    }

    /// Attaches a source range to errors that have none yet (errors from builtins).
    @inline(__always) static func locate(_ e: Error, _ range: SourceRange?) -> Error {
        if var r = e as? RuntimeError, r.range == nil { r.range = range; return r }
        if let s = e as? StrideError { return RuntimeError(bridging: s, at: range) }
        return e
    }

    // MARK: Statements

    func compileBlock(_ stmts: [Stmt]) -> StmtCode {
        let hasDefer = stmts.contains { if case .deferStmt = $0.kind { return true }; return false }
        if hasDefer { return compileBlockWithDefer(stmts) }
        // Wrapped in a struct: a closure stored directly as an array element is kept in its
        // generic form, and every call to it then goes through reabstraction thunks.
        struct Statement { let run: StmtCode }
        let codes = stmts.map { Statement(run: compileStatement($0)) }
        switch codes.count {
        case 0: return { _ in .normal }
        case 1: return codes[0].run
        case 2:
            let a = codes[0].run, b = codes[1].run
            return { env in
                let f = try a(env)
                if case .normal = f { return try b(env) }
                return f
            }
        default:
            return { env in
                for c in codes {
                    let f = try c.run(env)
                    if case .normal = f { continue }
                    return f
                }
                return .normal
            }
        }
    }

    func compileBlockWithDefer(_ stmts: [Stmt]) -> StmtCode {
        enum Item { case run(StmtCode), deferred(StmtCode) }
        let items: [Item] = stmts.map { s in
            if case .deferStmt(let body) = s.kind { return .deferred(compileBlock(body)) }
            return .run(compileStatement(s))
        }
        return { env in
            var pending: [StmtCode] = []
            defer { for d in pending.reversed() { _ = try? d(env) } }
            for item in items {
                switch item {
                case .deferred(let d): pending.append(d)
                case .run(let c):
                    let f = try c(env)
                    if case .normal = f { continue }
                    return f
                }
            }
            return .normal
        }
    }

    func compileStatement(_ s: Stmt) -> StmtCode {
        switch s.kind {
        case .expr(let e):
            let code = compileExpr(e)
            if compilingClosureBody, !interp.isStatementLike(e) {
                // Result-builder closures (`Sequential { ... }`) collect their statements' values.
                let st = rt.state
                let interp = self.interp
                return { env in
                    let v = try code(env)
                    if st.pointee.collectDepth == st.pointee.depth, case .void = v {} else if st.pointee.collectDepth == st.pointee.depth {
                        interp.collector.append(v)
                    }
                    return .normal
                }
            }
            let range = s.range
            return { env in
                do { _ = try code(env) } catch let e as RuntimeError where e.range == nil { throw e.located(at: range) }
                return .normal
            }
        case .variable(_, let pattern, let type, let value, _):
            return compileVariable(pattern, type: type, value: value, range: s.range)
        case .function(let f):
            let make = compileFunction(f, owner: nil)
            if let info = f.localInfo, info.globalIndex < 0, info.isCaptured {
                // A local function its own body calls: its cell exists before the closure that
                // captures it is made, and then receives it.
                let slot = info.slot
                return { env in
                    let cell: Cell
                    if case .cell(let c) = env[slot] { cell = c } else { cell = Cell(.void); env[slot] = .cell(cell) }
                    cell.value = try make(env)
                    return .normal
                }
            }
            let store = compileStoreToDecl(name: f.name, decl: nil, function: f)
            return { env in try store(env, make(env)); return .normal }
        case .type(let t):
            let before = pendingStatics.count
            compileTypeDecl(t)
            let statics = Array(pendingStatics[before...])
            pendingStatics.removeSubrange(before...)
            return { _ in for s in statics { try s() }; return .normal }
        case .ifStmt(let conds, let body, let elseStmt):
            let cond = compileConditions(conds)
            let then = compileBlock(body)
            if let e = elseStmt {
                let other = compileStatement(e)
                return { env in try cond(env) ? try then(env) : try other(env) }
            }
            return { env in try cond(env) ? try then(env) : .normal }
        case .guardStmt(let conds, let body):
            let cond = compileConditions(conds)
            let elseBody = compileBlock(body)
            return { env in try cond(env) ? .normal : try elseBody(env) }
        case .block(let body): return compileBlock(body)
        case .whileStmt(_, let conds, let body): return compileWhile(conds, body, id: s.targetID)
        case .repeatStmt(_, let body, let cond): return compileRepeat(body, cond, id: s.targetID)
        case .forIn(_, let pattern, let seq, let whereExpr, let body):
            return compileForIn(pattern, seq, whereExpr, body, id: s.targetID)
        case .switchStmt(_, let subject, let cases): return compileSwitch(subject, cases, id: s.targetID, range: s.range)
        case .breakStmt(_, let target): return { _ in .breakLoop(target) }
        case .continueStmt(_, let target): return { _ in .continueLoop(target) }
        case .fallthroughStmt: return { _ in .fallthroughCase }
        case .returnStmt(let e):
            let st = rt.state
            guard let e = e else { return { _ in st.pointee.returnValue = .void; return .returned } }
            let code = compileExpr(e)
            let range = e.range
            return { env in
                do { st.pointee.returnValue = try code(env) } catch let e as RuntimeError where e.range == nil {
                    throw e.located(at: range)
                }
                return .returned
            }
        case .throwStmt(let e):
            let code = compileExpr(e)
            let range = s.range
            return { env in
                let v = try code(env)
                var err = RuntimeError(.userError, format(v, debug: false), range)
                if case .native(let n) = v, let ev = n as? ErrorValue { err = RuntimeError(ev.error.kind, ev.error.message, range) }
                err.thrown = v
                throw err
            }
        case .doStmt(_, let body, let catches): return compileDo(body, catches, id: s.targetID)
        case .deferStmt(let body):
            // Only reached for a defer that is the sole statement kind handled by compileBlockWithDefer.
            let code = compileBlock(body)
            return { env in _ = try code(env); return .normal }
        case .importStmt, .typeAlias: return { _ in .normal }
        }
    }

    // MARK: Declarations

    /// Stores a declared variable's value in its slot, global or cell.
    func storeCode(for v: VarInfo) -> (Env, Value) throws -> Void {
        let conv = v.declaredType.flatMap { converter(for: $0) }
        let name = v.name
        if v.globalIndex >= 0 {
            let g = rt.global(v.globalIndex)
            if let c = conv {
                return { _, value in
                    do { g.pointee = try c(value) } catch var e as RuntimeError { e.message = "'\(name)': " + e.message; throw e }
                }
            }
            return { _, value in g.pointee = value }
        }
        let slot = v.slot
        if v.isCaptured {
            return { env, value in env[slot] = .cell(Cell(try conv?(value) ?? value)) }
        }
        if let c = conv {
            return { env, value in
                do { env[slot] = try c(value) } catch var e as RuntimeError { e.message = "'\(name)': " + e.message; throw e }
            }
        }
        return { env, value in env[slot] = value }
    }

    /// Stores a value in a declared variable without its type's check.
    func rawStoreCode(for v: VarInfo) -> (Env, Value) -> Void {
        if v.globalIndex >= 0 {
            let g = rt.global(v.globalIndex)
            return { _, value in g.pointee = value }
        }
        let slot = v.slot
        if v.isCaptured { return { env, value in env[slot] = .cell(Cell(value)) } }
        return { env, value in env[slot] = value }
    }

    /// Sets a declared variable to "not yet assigned", without its type's check.
    func clearCode(for v: VarInfo) -> StmtCode {
        let store = rawStoreCode(for: v)
        return { env in store(env, .void); return .normal }
    }

    func compileStoreToDecl(name: String, decl: VarInfo?, function: FunctionDecl) -> (Env, Value) throws -> Void {
        guard let info = function.localInfo else { return { _, _ in } }
        return storeCode(for: info)
    }

    func compileVariable(_ pattern: Pattern, type: TypeRef?, value: Expr?, range: SourceRange) -> StmtCode {
        guard let value = value else {
            // `var x: Int?` starts as nil; any other variable declared without a value holds
            // nothing until it is assigned (`let x: Int` then `x = 4`, as in Swift).
            if case .binding(_, _, let v?) = pattern.kind {
                if case .optional? = type {
                    let store = storeCode(for: v)
                    return { env in try store(env, Value.none); return .normal }
                }
                return clearCode(for: v)
            }
            return { _ in .normal }
        }
        let code = compileExpr(value)
        if case .binding(_, _, let v?) = pattern.kind, v.isLazy {
            // The thunk is stored as it is; the declared type is checked when it runs.
            let store = rawStoreCode(for: v)
            return { env in store(env, try code(env)); return .normal }
        }
        if case .binding(_, _, let v?) = pattern.kind {
            if v.declaredType == nil, case .double = value.kind { v.declaredType = .named("Double", []) }
            let store = storeCode(for: v)
            let valueRange = value.range
            return { env in
                do { try store(env, try code(env)) } catch let e as RuntimeError where e.range == nil {
                    throw e.located(at: valueRange)
                }
                return .normal
            }
        }
        let bind = compileBindingPattern(pattern, declaredType: type)
        let valueRange = value.range
        return { env in
            let v: Value
            do { v = try code(env) } catch let e as RuntimeError where e.range == nil { throw e.located(at: valueRange) }
            guard try bind(env, v) else {
                throw RuntimeError(.typeError, "cannot destructure a value of type \(v.typeName) with this pattern", range)
            }
            return .normal
        }
    }
}

