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
        code.shape.frameSize = max(f.frameSize, 1)
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
        code.shape.firstParamSlot = code.paramSlots.first ?? 0
        if code.checks.count == 1, case .int = code.checks[0] { code.shape.singleIntParam = true }
        code.shape.needsCellSetup = !code.captureSlots.isEmpty || !code.cellParams.isEmpty
        code.shape.allUnchecked = code.checks.allSatisfy { if case .none = $0 { return true }; return false }
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
                code.shape.intExpression = c
                code.shape.returnsIntExpression = true
                code.intExpressionRange = e.range
            }
            if retConv != nil, !isVoid(f.returnType) {
                code.shape.body = { env in
                    do { return try returnCheck.apply(try c(env)) } catch let err as RuntimeError where err.range == nil {
                        throw FunctionCode.expressionBodyError(err, function: name, returns: f.returnType!.description, at: e.range)
                    }
                }
            } else if f.returnType != nil && isVoid(f.returnType) {
                code.shape.body = { env in _ = try c(env); return .void }
            } else {
                code.shape.body = c
            }
        } else if f.body.count == 1, case .returnStmt(let e?) = f.body[0].kind {
            let c = compileExpr(e)
            if let rc = retConv { code.shape.body = { env in try rc(try c(env)) } } else { code.shape.body = c }
        } else if f.body.count > 1, case .returnStmt(let e?) = f.body[f.body.count - 1].kind,
                  !f.body.contains(where: { if case .deferStmt = $0.kind { return true }; return false }) {
            // `...; return e`: the final value is computed directly, not passed through the frame state.
            let prefix = compileBlock(Array(f.body.dropLast()))
            let last = compileExpr(e)
            code.shape.body = { env in
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
            code.shape.body = { env in
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
        let argCodes = args.map { compileArgument($0) }
        let site = callSite(args, argCodes, range: range)
        let rt = self.rt
        let calleeName = sourceText(callee.range)
        // A variable holding a struct whose `callAsFunction` is mutating is called in place.
        let target: Modify? = isLValue(callee) ? compileLValue(callee) : nil
        // A global function is read straight from its slot, and its call may run inline.
        if case .name = callee.kind, case .global(let idx)? = callee.binding {
            let g = rt.global(idx)
            guard !site.hasInout, args.count <= 2 else {
                return { env in try rt.call(value: g.pointee, site, env, name: calleeName, in: target) }
            }
            let operand0 = args.count > 0 ? operand(args[0].value, compiled: argCodes[0].value) : Operand(.code, code: { _ in .void })
            let operand1 = args.count > 1 ? operand(args[1].value, compiled: argCodes[1].value) : Operand(.code, code: { _ in .void })
            let global = GlobalCall(global: g, site: site, rt: rt, arg0: operand0, arg1: operand1, name: calleeName,
                                    target: target)
            globalCallSites[ObjectIdentifier(e)] = global
            return { env in try global.call(env) }
        }
        let calleeCode = compileExpr(callee)
        return { env in try rt.call(value: try calleeCode(env), site, env, name: calleeName, in: target) }
    }

    /// The call site of a call expression's arguments.
    func callSite(_ args: [Argument], _ argCodes: [ArgCode], range: SourceRange) -> CallSite {
        CallSite(arguments: argCodes, labels: args.map(\.label),
                 trailingFrom: args.firstIndex { $0.isTrailingClosure } ?? args.count,
                 argumentRanges: args.map { $0.value.range }, range: range)
    }

    func compileArgument(_ a: Argument) -> ArgCode {
        let value = compileExpr(a.value)
        guard a.isInout else { return ArgCode(value: value, reference: nil) }
        let modify = compileLValue(a.value)
        return ArgCode(value: value, reference: { env in
            InoutReference(get: { try value(env) }, set: { newValue in _ = try modify(env) { $0 = newValue; return .void } })
        })
    }
}
