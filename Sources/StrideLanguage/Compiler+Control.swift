/// Loops, conditions, switch, do/catch and patterns.
extension Compiler {
    func compileConditions(_ conds: [Condition]) -> (Env) throws -> Bool {
        let parts: [(Env) throws -> Bool] = conds.map { c in
            switch c {
            case .expr(let e):
                let code = compileExpr(e)
                let range = e.range
                return { env in
                    let v = try code(env)
                    if case .bool(let b) = v { return b }
                    throw RuntimeError(.typeError, "condition must be a Bool, got a value of type \(v.typeName)", range)
                }
            case .optionalBinding(let p, let e):
                let code = compileExpr(e)
                let bind = compileBindingPattern(p, declaredType: nil)
                return { env in
                    let v = try code(env)
                    switch v {
                    case .none: return false
                    case .some(let inner): return try bind(env, inner)
                    default: return try bind(env, v)
                    }
                }
            case .casePattern(let p, let e):
                let code = compileExpr(e)
                let match = compilePattern(p)
                return { env in try match(env, try code(env)) }
            }
        }
        if parts.count == 1 { return parts[0] }
        return { env in
            for p in parts where !(try p(env)) { return false }
            return true
        }
    }

    func compileWhile(_ conds: [Condition], _ body: [Stmt], id: Int) -> StmtCode {
        let cond = compileConditions(conds)
        let code = compileBlock(body)
        let rt = self.rt
        return { env in
            while try cond(env) {
                switch try code(env) {
                case .normal: break
                case .breakLoop(let t): if t == id { return .normal }; return .breakLoop(t)
                case .continueLoop(let t): if t != id { return .continueLoop(t) }
                case let other: return other
                }
                try rt.poll()
            }
            return .normal
        }
    }

    func compileRepeat(_ body: [Stmt], _ condExpr: Expr, id: Int) -> StmtCode {
        let cond = compileConditions([.expr(condExpr)])
        let code = compileBlock(body)
        let rt = self.rt
        return { env in
            repeat {
                switch try code(env) {
                case .normal: break
                case .breakLoop(let t): if t == id { return .normal }; return .breakLoop(t)
                case .continueLoop(let t): if t != id { return .continueLoop(t) }
                case let other: return other
                }
                try rt.poll()
            } while try cond(env)
            return .normal
        }
    }

    /// Runs one iteration's body; returns nil to continue looping, or the flow to return.
    @inline(__always)
    static func loopStep(_ code: StmtCode, _ env: Env, id: Int) throws -> Flow? {
        switch try code(env) {
        case .normal: return nil
        case .breakLoop(let t): return t == id ? .normal : .breakLoop(t)
        case .continueLoop(let t): return t == id ? nil : .continueLoop(t)
        case let other: return other
        }
    }

    func compileForIn(_ pattern: Pattern, _ seqExpr: Expr, _ whereExpr: Expr?, _ body: [Stmt], id: Int) -> StmtCode {
        let bodyCode = compileBlock(body)
        let whereCode = whereExpr.map { compileConditions([.expr($0)]) }
        let code: StmtCode
        if let w = whereCode {
            code = { env in try w(env) ? try bodyCode(env) : .normal }
        } else { code = bodyCode }
        let rt = self.rt
        // Fast path: `for i in a..<b` / `a...b` binding a plain, uncaptured local.
        var loopSlot: Int?
        if case .binding(_, _, let v?) = pattern.kind, v.globalIndex < 0, !v.isCaptured { loopSlot = v.slot }
        if case .wildcard = pattern.kind { loopSlot = -1 }
        if let slot = loopSlot,
           case .binary(let op, let lo, let hi) = seqExpr.kind, op.isRange {
            let loCode = compileExpr(lo), hiCode = compileExpr(hi)
            let closed = op == .closedRange
            let range = seqExpr.range
            return { env in
                guard case .int(let a) = try loCode(env), case .int(var b) = try hiCode(env) else {
                    throw RuntimeError(.typeError, "range bounds must be Int", range)
                }
                if closed {
                    if b == Int.max { throw RuntimeError(.arithmeticError, "range upper bound overflows Int", range) }
                    b += 1
                }
                if a > b && !closed { throw RuntimeError(.valueError, "range requires lowerBound <= upperBound (\(a)..<\(b))", range) }
                if a > b { throw RuntimeError(.valueError, "range requires lowerBound <= upperBound (\(a)...\(b - 1))", range) }
                var i = a
                while i < b {
                    if slot >= 0 { env[slot] = .int(i) }
                    if let f = try Compiler.loopStep(code, env, id: id) { return f }
                    try rt.poll()
                    i += 1
                }
                return .normal
            }
        }
        let seqCode = compileExpr(seqExpr)
        let bind = compileBindingPattern(pattern, declaredType: nil)
        let seqRange = seqExpr.range
        return { env in
            let seq = try seqCode(env)
            var result: Flow = .normal
            try iterate(seq, range: seqRange, rt: rt) { element in
                // `for case .num(let k) in xs`: elements that do not match are skipped.
                guard try bind(env, element) else { return true }
                if let f = try Compiler.loopStep(code, env, id: id) { result = f; return false }
                try rt.poll()
                return true
            }
            return result
        }
    }

    func compileSwitch(_ subjectExpr: Expr, _ cases: [SwitchCase], id: Int, range: SourceRange) -> StmtCode {
        let subject = compileExpr(subjectExpr)
        struct CaseCode { let patterns: [(Env, Value) throws -> Bool]; let guardCode: ((Env) throws -> Bool)?; let body: StmtCode; let isDefault: Bool }
        let compiled: [CaseCode] = cases.map { c in
            CaseCode(patterns: c.patterns.map(compilePattern),
                     guardCode: c.guardExpr.map { compileConditions([.expr($0)]) },
                     body: compileBlock(c.body), isDefault: c.patterns.isEmpty)
        }
        return { env in
            let v = try subject(env)
            var matched = -1
            search: for (i, c) in compiled.enumerated() {
                if c.isDefault { matched = i; break }
                for p in c.patterns where try p(env, v) {
                    if let g = c.guardCode, !(try g(env)) { continue }
                    matched = i; break search
                }
            }
            guard matched >= 0 else {
                throw RuntimeError(.valueError, "switch found no case matching \(format(v, debug: true)); add a 'default'", range)
            }
            var i = matched
            while i < compiled.count {
                let f = try compiled[i].body(env)
                switch f {
                case .fallthroughCase: i += 1; continue
                case .breakLoop(let t) where t == id: return .normal
                default: return f
                }
            }
            return .normal
        }
    }

    func compileDo(_ body: [Stmt], _ catches: [CatchClause], id: Int) -> StmtCode {
        let bodyCode = compileBlock(body)
        let clauses: [(match: (Env, Value) throws -> Bool, guardCode: ((Env) throws -> Bool)?, body: StmtCode)] = catches.map { c in
            var match: (Env, Value) throws -> Bool = { _, _ in true }
            if let p = c.pattern { match = compilePattern(p) }
            else if let v = c.errorVar {
                let store = storeCode(for: v)
                match = { env, value in try store(env, value); return true }
            }
            return (match, c.guardExpr.map { compileConditions([.expr($0)]) }, compileBlock(c.body))
        }
        return { env in
            do {
                let f = try bodyCode(env)
                if case .breakLoop(let t) = f, t == id { return .normal }
                return f
            } catch let e as RuntimeError {
                guard let thrown = e.thrown else { throw e }
                for c in clauses where try c.match(env, thrown) {
                    if let g = c.guardCode, !(try g(env)) { continue }
                    let f = try c.body(env)
                    if case .breakLoop(let t) = f, t == id { return .normal }
                    return f
                }
                throw e
            }
        }
    }

    // MARK: Patterns

    /// A pattern that binds names (`let (a, b)`, `for (i, x) in`, `if let x`).
    func compileBindingPattern(_ p: Pattern, declaredType: TypeRef?) -> (Env, Value) throws -> Bool {
        switch p.kind {
        case .binding(_, _, let v?):
            if declaredType != nil && v.declaredType == nil { v.declaredType = declaredType }
            let store = storeCode(for: v)
            return { env, value in try store(env, value); return true }
        case .typed(let inner, let t): return compileBindingPattern(inner, declaredType: t)
        case .wildcard: return { _, _ in true }
        case .tuple(let items):
            var types: [TypeRef?] = Array(repeating: nil, count: items.count)
            if case .tuple(let ts)? = declaredType, ts.count == items.count { types = ts.map { $0.type } }
            let subs = items.enumerated().map { compileBindingPattern($0.element.pattern, declaredType: types[$0.offset]) }
            let count = items.count
            return { env, value in
                guard case .tuple(let t) = value, t.elements.count == count else {
                    throw RuntimeError(.typeError, "cannot destructure a value of type \(value.typeName) into \(count) names")
                }
                for i in 0..<count where !(try subs[i](env, t.elements[i])) { return false }
                return true
            }
        default: return compilePattern(p)
        }
    }

    /// A `case` pattern: tests a value, binding names on success.
    func compilePattern(_ p: Pattern) -> (Env, Value) throws -> Bool {
        switch p.kind {
        case .wildcard: return { _, _ in true }
        case .binding(_, _, let v?):
            let store = storeCode(for: v)
            return { env, value in try store(env, value); return true }
        case .binding: return { _, _ in true }
        case .typed(let inner, _): return compileBindingPattern(inner, declaredType: nil)
        case .tuple(let items):
            let subs = items.map { compilePattern($0.pattern) }
            let count = items.count
            return { env, value in
                guard case .tuple(let t) = value.unwrapped ?? value, t.elements.count == count else { return false }
                for i in 0..<count where !(try subs[i](env, t.elements[i])) { return false }
                return true
            }
        case .expression(let e):
            let code = compileExpr(e)
            if case .cast(_, "as", let t) = e.kind {
                // `case 0 as Double`: only a Double matches, not the Int 0.
                let isType = typeCheck(for: t)
                return { env, value in isType(value) ? try patternMatches(try code(env), value) : false }
            }
            return { env, value in try patternMatches(try code(env), value) }
        case .enumCase(_, let name, let args):
            let subs = (args ?? []).map { compilePattern($0.pattern) }
            return { env, value in
                var v = value
                if name == "some", case .some(let inner) = value {
                    return subs.count == 1 ? try subs[0](env, inner) : true
                }
                if name == "none" { if case .none = value { return true }; return false }
                if case .some(let inner) = value { v = inner }
                switch v {
                case .enumCase(let ec):
                    guard ec.caseName == name else { return false }
                    if subs.isEmpty { return true }
                    if subs.count == 1 && ec.payload.count > 1 {
                        return try subs[0](env, .tuple(TupleStorage(ec.payload, labels: ec.labels)))
                    }
                    guard subs.count == ec.payload.count else { return false }
                    for i in 0..<subs.count where !(try subs[i](env, ec.payload[i])) { return false }
                    return true
                case .symbol(let s):
                    guard s.name == name else { return false }
                    if subs.isEmpty { return true }
                    guard subs.count == s.arguments.count else { return false }
                    for i in 0..<subs.count where !(try subs[i](env, s.arguments[i].value)) { return false }
                    return true
                default: return false
                }
            }
        case .isType(let t):
            let check = typeCheck(for: t)
            return { _, value in check(value) }
        case .asType(let inner, let t):
            let check = typeCheck(for: t)
            let conv = converter(for: t)
            let sub = compilePattern(inner)
            return { env, value in
                guard check(value) else { return false }
                return try sub(env, try conv?(value) ?? value)
            }
        case .optionalSome(let inner):
            let sub = compilePattern(inner)
            return { env, value in
                switch value {
                case .none: return false
                case .some(let v): return try sub(env, v)
                default: return try sub(env, value)
                }
            }
        }
    }
}

/// `pattern ~= value`: ranges test containment, everything else equality.
func patternMatches(_ pattern: Value, _ value: Value) throws -> Bool {
    if case .range(let r) = pattern {
        let v = value.unwrapped ?? value
        if let (a, b, _) = r.doubleBounds, let x = v.asDouble {
            return x >= a && (r.closed ? x <= b : x < b)
        }
        if case .int(let x) = v {
            if let lo = r.lower, x < lo { return false }
            if let hi = r.upper { return r.closed ? x <= hi : x < hi }
            return true
        }
        if case .double(let x) = v {
            if let lo = r.lower, x < Double(lo) { return false }
            if let hi = r.upper { return r.closed ? x <= Double(hi) : x < Double(hi) }
            return true
        }
        return false
    }
    return valuesEqual(pattern, value)
}

/// Calls `body` with each element of a sequence until it returns false.
func iterate(_ seq: Value, range: SourceRange?, rt: Runtime, _ body: (Value) throws -> Bool) throws {
    switch seq {
    case .array(let a):
        for x in a where !(try body(x)) { return }
    case .range(let r):
        if r.doubleBounds != nil {
            for x in r.doubleElements where !(try body(.double(x))) { return }
            return
        }
        let n: Int
        do { n = try r.elementCount() } catch var e as RuntimeError { e.range = e.range ?? range; throw e }
        var i = 0
        while i < n {
            if !(try body(.int(r.element(i)))) { return }
            i += 1
        }
    case .dictionary(let d):
        let keys = d.keys, values = d.values
        for i in 0..<keys.count where !(try body(.tuple(TupleStorage([keys[i], values[i]], labels: ["key", "value"])))) { return }
    case .string(let s):
        for ch in s where !(try body(.string(String(ch)))) { return }
    case .some(let inner): try iterate(inner, range: range, rt: rt, body)
    case .native(let s as GeneratedSequence): try s.forEach(rt, body)
    case .native(let set as SetValue):
        for x in set.elements where !(try body(x)) { return }
    case .native(let n):
        let count = try n.member("count", in: rt.interpreter)
        guard case .int(let c) = count else { throw RuntimeError(.typeError, "\(n.typeName) is not a sequence", range) }
        for i in 0..<c {
            let call = NativeCall(arguments: [NativeArgument(label: nil, value: .int(i))], interpreter: rt.interpreter, callee: "subscript")
            if !(try body(try n.subscriptGet(call))) { return }
        }
    case .structInstance, .object, .enumCase:
        if try rt.iterateUserSequence(seq, body) { return }
        throw RuntimeError(.typeError, "for-in needs a sequence; \(seq.typeName) has no 'makeIterator()' or 'next()'", range)
    default:
        throw RuntimeError(.typeError, "for-in needs a sequence (Array, Range, Dictionary, String), got \(seq.typeName)", range)
    }
}
