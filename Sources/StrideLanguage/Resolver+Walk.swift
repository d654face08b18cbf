/// The resolver's walk over statements, expressions and patterns.
extension Resolver {
    mutating func resolveStatements(_ stmts: [Stmt]) throws {
        // Nested functions may call each other regardless of order.
        if !(scope.isTopLevel && scope.blocks.count == 1) {
            for s in stmts { if case .function(let f) = s.kind { f.localInfo = try declare(f.name, isLet: true, range: f.nameRange) } }
        }
        for s in stmts { try resolveStatement(s) }
    }

    mutating func resolveBlock(_ stmts: [Stmt]) throws {
        pushBlock(); defer { popBlock() }
        try resolveStatements(stmts)
    }

    /// Whether an initializer expression obviously yields a value type.
    func isValueTyped(_ e: Expr?, _ type: TypeRef?) -> Bool {
        if let t = type {
            switch t {
            case .array, .dictionary, .tuple: return true
            case .named(let n, _):
                if ["Int", "Double", "String", "Bool", "Float"].contains(n) { return true }
                return env.types[n].map { $0.kind == .structType || $0.kind == .enumType } ?? false
            default: return false
            }
        }
        guard let e = e else { return false }
        switch e.kind {
        case .int, .double, .string, .bool, .array, .dictionary, .tuple, .typeExpr: return true
        case .call(let callee, _):
            if case .name(let n) = callee.kind, let shape = env.types[n] { return shape.kind == .structType }
            return false
        default: return false
        }
    }

    /// The type a variable gets from an initializer whose Swift type changes how values
    /// print: Double literals (so `x = 1` stores 1.0) and labelled tuples.
    func inferredType(_ e: Expr) -> TypeRef? {
        switch e.kind {
        case .double: return .named("Double", [])
        case .prefix(.negate, let inner): return inferredType(inner)
        case .array(let xs):
            if xs.contains(where: { if case .double = $0.kind { return true }; return false }) { return .array(.named("Double", [])) }
            if let first = xs.first, case .array? = inferredType(first) { return .array(inferredType(first)!) }
            return nil
        case .member(let base, _):
            // `Direction.east` gives the variable the enum's type, so `d = .west` converts.
            if case .name(let n) = base.kind, env.types[n]?.kind == .enumType { return .named(n, []) }
            return nil
        case .call(let callee, _):
            if case .member(let base, _) = callee.kind, case .name(let n) = base.kind, env.types[n]?.kind == .enumType { return .named(n, []) }
            return nil
        case .tuple(let items) where items.contains(where: { $0.label != nil }):
            return .tuple(items.map { ($0.label, inferredType($0.value) ?? .named("Any", [])) })
        default: return nil
        }
    }

    mutating func resolveStatement(_ s: Stmt) throws {
        switch s.kind {
        case .expr(let e): try resolveExpr(e)
        case .variable(let isLet, let pattern, let type, let value, let doc):
            retype(value, for: type)
            if let v = value { try resolveExpr(v) }
            let type = type.map { canonical($0) }
            s.kind = .variable(isLet: isLet, pattern: pattern, type: type, value: value, doc: doc)
            // `let x: Int` assigned later is allowed, as in Swift: the resolver treats it as a `var`.
            try declarePattern(pattern, isLet: isLet && value != nil, type: type ?? value.flatMap(inferredType), valueTyped: isValueTyped(value, type))
            if case .lazyValue? = value?.kind, case .binding(_, _, let v?) = pattern.kind { v.isLazy = true }
        case .typeAlias: break
        case .function(let f):
            if scope.isTopLevel && scope.blocks.count == 1 {
                if cellGlobals[f.name] != nil { throw error(.syntaxError, "invalid redeclaration of '\(f.name)'", f.nameRange) }
                f.localInfo = try declare(f.name, isLet: true, range: f.nameRange)
            }
            try resolveFunction(f, typeShape: nil)
        case .type(let t): try resolveTypeDecl(t)
        case .ifStmt(let conds, let body, let elseStmt):
            pushBlock()
            try resolveConditions(conds)
            try resolveBlock(body)
            popBlock()
            if let e = elseStmt { try resolveStatement(e) }
        case .guardStmt(let conds, let body):
            // Names bound by `guard` stay visible after it, in the enclosing block.
            try resolveBlock(body)
            if !blockEndsControlFlow(body) {
                throw error(.syntaxError, "the 'else' of a 'guard' must not fall through; end it with return, throw, break or continue", s.range)
            }
            try resolveConditions(conds)
        case .whileStmt(let label, let conds, let body):
            s.targetID = newTarget(label: label, isLoop: true)
            defer { scope.loopTargets.removeLast() }
            pushBlock()
            try resolveConditions(conds)
            try resolveBlock(body)
            popBlock()
        case .repeatStmt(let label, let body, let cond):
            s.targetID = newTarget(label: label, isLoop: true)
            try resolveBlock(body)
            scope.loopTargets.removeLast()
            try resolveExpr(cond)
        case .forIn(let label, let pattern, let seq, let whereExpr, let body):
            try resolveExpr(seq)
            s.targetID = newTarget(label: label, isLoop: true)
            defer { scope.loopTargets.removeLast() }
            pushBlock()
            try declarePattern(pattern, isLet: true, type: nil, valueTyped: false)
            if let w = whereExpr { try resolveExpr(w) }
            try resolveBlock(body)
            popBlock()
        case .switchStmt(let label, let subject, let cases):
            try resolveExpr(subject)
            s.targetID = newTarget(label: label, isLoop: false)
            defer { scope.loopTargets.removeLast() }
            for c in cases {
                pushBlock()
                for p in c.patterns { try resolvePattern(p) }
                if let g = c.guardExpr { try resolveExpr(g) }
                try resolveBlock(c.body)
                popBlock()
            }
        case .breakStmt(let label, _), .continueStmt(let label, _):
            let isBreak: Bool
            if case .breakStmt = s.kind { isBreak = true } else { isBreak = false }
            var target: Int?
            for t in scope.loopTargets.reversed() {
                if let l = label { if t.label == l { target = t.id; if !isBreak && !t.isLoop { target = nil }; break } }
                else if isBreak || t.isLoop { target = t.id; break }
            }
            guard let id = target else {
                let what = label.map { "label '\($0)'" } ?? (isBreak ? "a loop or switch" : "a loop")
                throw error(.syntaxError, "'\(isBreak ? "break" : "continue")' is only allowed inside \(what)", s.range)
            }
            s.kind = isBreak ? .breakStmt(label, target: id) : .continueStmt(label, target: id)
        case .fallthroughStmt:
            guard scope.loopTargets.contains(where: { !$0.isLoop }) else {
                throw error(.syntaxError, "'fallthrough' is only allowed inside a switch", s.range)
            }
        case .returnStmt(let e):
            if scope.decl == nil { throw error(.syntaxError, "'return' is only allowed inside a function", s.range) }
            if !(scope.decl?.isClosure ?? true) { retype(e, for: scope.decl?.returnType) }
            if let e = e { try resolveExpr(e) }
        case .throwStmt(let e): try resolveExpr(e)
        case .doStmt(let label, let body, let catches):
            s.targetID = newTarget(label: label, isLoop: false)
            try resolveBlock(body)
            scope.loopTargets.removeLast()
            for (i, c) in catches.enumerated() {
                pushBlock()
                if let p = c.pattern {
                    try resolvePattern(p)
                } else {
                    let v = try declare("error", isLet: true, range: c.range)
                    if case .doStmt(let l, let b, var cs) = s.kind {
                        cs[i].errorVar = v
                        s.kind = .doStmt(label: l, b, cs)
                    }
                }
                if let g = c.guardExpr { try resolveExpr(g) }
                try resolveBlock(c.body)
                popBlock()
            }
        case .deferStmt(let body): try resolveBlock(body)
        case .block(let body): try resolveBlock(body)
        case .importStmt: break
        }
    }

    func blockEndsControlFlow(_ body: [Stmt]) -> Bool {
        guard let last = body.last else { return false }
        switch last.kind {
        case .returnStmt, .throwStmt, .breakStmt, .continueStmt: return true
        case .expr(let e):
            if case .call(let callee, _) = e.kind, case .name(let n) = callee.kind, n == "fatalError" || n == "preconditionFailure" || n == "exit" { return true }
            return false
        case .ifStmt(_, let a, let b):
            guard let b = b else { return false }
            if case .block(let bb) = b.kind { return blockEndsControlFlow(a) && blockEndsControlFlow(bb) }
            return blockEndsControlFlow(a) && blockEndsControlFlow([b])
        case .switchStmt(_, _, let cases): return cases.allSatisfy { blockEndsControlFlow($0.body) }
        case .block(let b): return blockEndsControlFlow(b)
        case .doStmt(_, let b, let cs): return blockEndsControlFlow(b) && cs.allSatisfy { blockEndsControlFlow($0.body) }
        default: return false
        }
    }

    mutating func newTarget(label: String?, isLoop: Bool) -> Int {
        let id = nextTarget
        nextTarget += 1
        scope.loopTargets.append((label, id, isLoop))
        return id
    }

    mutating func resolveConditions(_ conds: [Condition]) throws {
        for c in conds {
            switch c {
            case .expr(let e): try resolveExpr(e)
            case .optionalBinding(let p, let e):
                try resolveExpr(e)
                try declarePattern(p, isLet: true, type: nil, valueTyped: false)
            case .casePattern(let p, let e):
                try resolveExpr(e)
                try resolvePattern(p)
            }
        }
    }

    /// Declares every name a binding pattern introduces.
    mutating func declarePattern(_ p: Pattern, isLet: Bool, type: TypeRef?, valueTyped: Bool) throws {
        switch p.kind {
        case .binding(let name, let bindLet, _):
            let v = try declare(name, isLet: bindLet && isLet, range: p.range, type: type, valueTyped: valueTyped)
            p.kind = .binding(name: name, isLet: bindLet, decl: v)
        case .tuple(let items):
            var types: [TypeRef?] = Array(repeating: nil, count: items.count)
            if case .tuple(let ts)? = type, ts.count == items.count { types = ts.map { $0.type } }
            for (i, item) in items.enumerated() { try declarePattern(item.pattern, isLet: isLet, type: types[i], valueTyped: false) }
        case .typed(let inner, let t): try declarePattern(inner, isLet: isLet, type: t, valueTyped: valueTyped)
        case .wildcard: break
        case .expression(let e):
            // `for x in xs` and `let x = ...` parse the name as a binding; anything else is wrong here.
            throw error(.syntaxError, "expected a name or a tuple of names to bind", e.range)
        default: try resolvePattern(p)
        }
    }

    /// Resolves a `case`/`catch` pattern: expressions inside are resolved, bindings declared.
    mutating func resolvePattern(_ p: Pattern) throws {
        switch p.kind {
        case .wildcard: break
        case .isType(let t): p.kind = .isType(canonical(t))
        case .binding(let name, let isLet, _):
            let v = try declare(name, isLet: isLet, range: p.range)
            p.kind = .binding(name: name, isLet: isLet, decl: v)
        case .tuple(let items): for i in items { try resolvePattern(i.pattern) }
        case .expression(let e):
            // A bare name that is not declared anywhere is a NameError as usual.
            try resolveExpr(e)
        case .enumCase(_, _, let args): for a in args ?? [] { try resolvePattern(a.pattern) }
        case .asType(let inner, let t):
            p.kind = .asType(inner, canonical(t))
            try resolvePattern(inner)
        case .optionalSome(let inner), .typed(let inner, _): try resolvePattern(inner)
        }
    }

    // MARK: Functions and types

    mutating func resolveFunction(_ f: FunctionDecl, typeShape: TypeShape?, hasSelf: Bool = false, selfIsMutable: Bool = false) throws {
        for p in f.params { if let d = p.defaultValue { try resolveExpr(d) } }
        for i in f.params.indices { f.params[i].type = f.params[i].type.map { canonical($0) } }
        f.returnType = f.returnType.map { canonical($0) }
        let fs = FunctionScope(parent: scope, decl: f, typeShape: typeShape, isTopLevel: false, selfIsMutable: selfIsMutable)
        let saved = scope
        scope = fs
        defer { scope = saved }
        if hasSelf {
            let selfInfo = try declare("self", isLet: !selfIsMutable, range: f.nameRange)
            f.selfSlot = selfInfo.slot
        }
        if f.isClosure && f.dollarCount == -1 {
            // `$0`, `$1`... : count the highest one used directly in this closure.
            let n = maxDollar(in: f.body)
            f.dollarCount = n
            f.params = (0..<n).map { Parameter(label: nil, name: "$\($0)", type: nil, range: f.range) }
        }
        var seen: Set<String> = []
        for i in f.params.indices {
            let p = f.params[i]
            if p.name != "_" && seen.contains(p.name) { throw error(.syntaxError, "invalid redeclaration of parameter '\(p.name)'", p.range) }
            seen.insert(p.name)
            f.params[i].info = try declare(p.name, isLet: !p.isInout, range: p.range, type: p.type)
        }
        pushBlock()
        try resolveStatements(f.body)
        popBlock()
        f.frameSize = fs.nextSlot
        f.captures = fs.captures
    }

    func maxDollar(in stmts: [Stmt]) -> Int {
        let finder = DollarFinder()
        for s in stmts { finder.visit(s) }
        return finder.maxIndex + 1
    }

    mutating func resolveTypeDecl(_ t: TypeDecl) throws {
        guard let shape = env.types[t.name] ?? env.builtinExtensionShapes[t.name] else {
            throw error(.nameError, "cannot find type '\(t.name)' to extend", t.range)
        }
        if let d = t.deinitializer {
            // Objects are released at other moments than Swift releases them, so a `deinit`
            // would print at the wrong time: refused rather than run differently.
            throw error(.syntaxError, "'deinit' is not supported: Stride does not release objects when Swift would", d.nameRange)
        }
        typeContext.append(t.name)
        defer { typeContext.removeLast() }
        t.conformances = t.conformances.map { qualifiedTypeName($0) ?? $0 }
        for i in t.properties.indices { t.properties[i].type = t.properties[i].type.map { canonical($0) } }
        for i in t.cases.indices { t.cases[i].params = t.cases[i].params.map { ($0.label, canonical($0.type)) } }
        let mutableSelf = t.kind == .classType
        for (i, p) in t.properties.enumerated() {
            if let d = p.defaultValue, p.isLazy && !p.isStatic {
                // A lazy default runs at the first read, as a method: `self` is there.
                let f = FunctionDecl(name: p.name, params: [], returnType: p.type, body: [Stmt(.returnStmt(d), d.range)],
                                     range: d.range, nameRange: p.range)
                try resolveFunction(f, typeShape: shape, hasSelf: true, selfIsMutable: mutableSelf)
                t.properties[i].lazyInitializer = f
            } else if let d = p.defaultValue {
                try resolveFunctionlessExpr(d, shape: shape)
            }
            for o in [p.willSet, p.didSet].compactMap({ $0 }) {
                try resolveFunction(o, typeShape: shape, hasSelf: true, selfIsMutable: true)
            }
            if let g = p.getter { try resolveFunction(g, typeShape: shape, hasSelf: true, selfIsMutable: t.kind == .classType) }
            if let s = p.setter { try resolveFunction(s, typeShape: shape, hasSelf: true, selfIsMutable: true) }
        }
        for m in t.methods {
            let mutableSelf = t.kind == .classType || m.isMutating
            try resolveFunction(m, typeShape: shape, hasSelf: true, selfIsMutable: mutableSelf)
        }
        for i in t.initializers {
            try resolveFunction(i, typeShape: shape, hasSelf: true, selfIsMutable: true)
        }
        for sub in t.subscripts {
            try resolveFunction(sub.getter, typeShape: shape, hasSelf: true, selfIsMutable: mutableSelf)
            if let setter = sub.setter { try resolveFunction(setter, typeShape: shape, hasSelf: true, selfIsMutable: true) }
        }
        for c in t.cases { if let r = c.rawValue { try resolveExpr(r) } }
    }

    /// Property defaults run in a small frame of their own.
    mutating func resolveFunctionlessExpr(_ e: Expr, shape: TypeShape) throws {
        let f = FunctionDecl(name: "default", params: [], returnType: nil, body: [Stmt(.expr(e), e.range)], range: e.range, nameRange: e.range)
        try resolveFunction(f, typeShape: nil)
        defaultFrames[ObjectIdentifier(e)] = f
    }
}

/// Finds the largest `$n` used in a closure body, not looking into nested closures.
final class DollarFinder {
    var maxIndex = -1
    func visit(_ s: Stmt) {
        switch s.kind {
        case .expr(let e), .throwStmt(let e): visit(e)
        case .returnStmt(let e): if let e = e { visit(e) }
        case .variable(_, _, _, let v, _): if let v = v { visit(v) }
        case .ifStmt(let c, let b, let e): c.forEach(visit); b.forEach(visit); if let e = e { visit(e) }
        case .guardStmt(let c, let b): c.forEach(visit); b.forEach(visit)
        case .whileStmt(_, let c, let b): c.forEach(visit); b.forEach(visit)
        case .repeatStmt(_, let b, let c): b.forEach(visit); visit(c)
        case .forIn(_, _, let seq, let w, let b): visit(seq); if let w = w { visit(w) }; b.forEach(visit)
        case .switchStmt(_, let e, let cases): visit(e); for c in cases { c.body.forEach(visit); if let g = c.guardExpr { visit(g) } }
        case .doStmt(_, let b, let cs): b.forEach(visit); for c in cs { c.body.forEach(visit) }
        case .deferStmt(let b), .block(let b): b.forEach(visit)
        default: break
        }
    }
    func visit(_ c: Condition) {
        switch c {
        case .expr(let e), .optionalBinding(_, let e), .casePattern(_, let e): visit(e)
        }
    }
    func visit(_ e: Expr) {
        switch e.kind {
        case .name(let n):
            if n.hasPrefix("$"), let i = Int(n.dropFirst()) { maxIndex = max(maxIndex, i) }
        case .string(let segs): for s in segs { if case .expr(let x) = s { visit(x) } }
        case .array(let xs): xs.forEach(visit)
        case .dictionary(let ps): for (k, v) in ps { visit(k); visit(v) }
        case .tuple(let items): for i in items { visit(i.value) }
        case .call(let c, let args), .subscriptCall(let c, let args): visit(c); for a in args { visit(a.value) }
        case .member(let b, _), .tupleIndex(let b, _), .optionalUnwrapInChain(let b), .optionalChain(let b),
             .forceUnwrap(let b), .prefix(_, let b), .postfixRange(let b), .cast(let b, _, _), .tryExpr(_, let b): visit(b)
        case .binary(_, let a, let b), .assign(_, let a, let b): visit(a); visit(b)
        case .ternary(let a, let b, let c): visit(a); visit(b); visit(c)
        default: break
        }
    }
}
