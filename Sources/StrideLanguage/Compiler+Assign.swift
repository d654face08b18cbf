/// Assignment and in-place mutation. An lvalue compiles to a function that gives its
/// caller `inout` access to the storage, so `a.b[i].c += 1` mutates in place and copies a
/// shared array or struct only when it is shared (copy on write).
typealias Modify = (Env, (inout Value) throws -> Value) throws -> Value

extension Compiler {
    func compileLValue(_ e: Expr) -> Modify {
        let range = e.range
        switch e.kind {
        case .name, .selfRef:
            switch e.binding {
            case .local? where e.varInfo?.isLet == true && e.varInfo?.isValueTyped == true:
                let (slot, isCell) = e.localSlot!
                // A `let` holding a value type, reached by the resolver's run-time case: the change
                // may only set members of class instances inside it, which leaves it equal.
                return Compiler.constantRoot(name: sourceText(range), range: range) { env in
                    if isCell, case .cell(let c) = env[slot] { return c.value }
                    return env[slot]
                }
            case .global(let idx)? where interp.globalEnv.globalIsLet[idx] == true
                                        && interp.globalEnv.globalValueTyped[idx] == true:
                let g = rt.global(idx)
                return Compiler.constantRoot(name: sourceText(range), range: range) { _ in g.pointee }
            case .local?:
                let (slot, isCell) = e.localSlot!
                if isCell {
                    return { env, f in
                        if case .cell(let c) = env[slot] { return try f(&c.value) }
                        return try f(&env[slot])
                    }
                }
                return { env, f in try f(&env[slot]) }
            case .global(let idx)?:
                let g = rt.global(idx)
                return { _, f in try f(&g.pointee) }
            case .userType?:
                // `Registry.shared.entries.append(x)`: the type is the root of a static property's path.
                let read = compileExpr(e)
                return { env, f in var t = try read(env); return try f(&t) }
            default:
                return { _, _ in throw RuntimeError(.syntaxError, "cannot assign to this name", range) }
            }
        case .member(let base, let name):
            let rt = self.rt
            if isLValue(base) {
                let baseMod = compileLValue(base)
                return { env, f in
                    try baseMod(env) { v in
                        do { return try rt.modifyMember(&v, name, f) } catch { throw Compiler.locate(error, range) }
                    }
                }
            }
            let baseCode = compileExpr(base)
            return { env, f in
                var v = try baseCode(env)
                do { return try rt.modifyMember(&v, name, f) } catch { throw Compiler.locate(error, range) }
            }
        case .tupleIndex(let base, let i):
            let baseMod = compileLValue(base)
            return { env, f in
                try baseMod(env) { v in
                    guard case .tuple(let t) = v, i < t.elements.count else {
                        throw RuntimeError(.typeError, "value of type \(v.typeName) has no element \(i)", range)
                    }
                    let copy = TupleStorage(t.elements, labels: t.labels)
                    let r = try f(&copy.elements[i])
                    v = .tuple(copy)
                    return r
                }
            }
        case .subscriptCall(let base, let args):
            let baseMod = compileLValue(base)
            let argCodes = args.map { compileExpr($0.value) }
            let labels = args.map(\.label)
            let rt = self.rt
            let indexRange = args.first?.value.range ?? range
            return { env, f in
                let idx = try argCodes.map { try $0(env) }
                return try baseMod(env) { v in
                    do { return try rt.modifySubscript(&v, idx, labels: labels, f) } catch { throw Compiler.locate(error, indexRange) }
                }
            }
        case .optionalUnwrapInChain(let base):
            let baseMod = compileLValue(base)
            return { env, f in
                try baseMod(env) { v in
                    switch v {
                    case .none: throw ChainNil()
                    case .some(var inner):
                        v = .void
                        defer { v = .some(inner) }
                        return try f(&inner)
                    default: return try f(&v)
                    }
                }
            }
        case .forceUnwrap(let base):
            let baseMod = compileLValue(base)
            let text = sourceText(base.range)
            return { env, f in
                try baseMod(env) { v in
                    switch v {
                    case .none: throw RuntimeError(.valueError, "unexpectedly found nil while unwrapping '\(text)'", range)
                    case .some(var inner):
                        v = .void
                        defer { v = Value.some(inner) }
                        return try f(&inner)
                    default: return try f(&v)
                    }
                }
            }
        case .optionalChain(let inner):
            let mod = compileLValue(inner)
            return { env, f in
                do { return try mod(env, f) } catch is ChainNil { return Value.none }
            }
        default:
            return { _, _ in throw RuntimeError(.syntaxError, "cannot assign to this expression", range) }
        }
    }

    /// The storage of a `let` constant: a change goes to a copy, and is refused unless the copy
    /// still equals the constant (only members of the class instances it holds changed).
    static func constantRoot(name: String, range: SourceRange, read: @escaping (Env) -> Value) -> Modify {
        return { env, f in
            let original = read(env)
            var copy = original
            let r = try f(&copy)
            guard valuesEqual(copy, original) else {
                throw RuntimeError(.typeError, "cannot assign through '\(name)': it is a 'let' constant", range)
            }
            return r
        }
    }

    /// The converter of a name's declared type, for assignments.
    func declaredConverter(_ e: Expr) -> Converter? {
        if let v = e.varInfo, let t = v.declaredType { return converter(for: t) }
        if case .global(let idx)? = e.binding, let t = interp.globalEnv.globalTypes[idx] { return converter(for: t) }
        return nil
    }

    func compileAssign(_ op: AssignmentOperator, _ lhs: Expr, _ rhs: Expr, range: SourceRange) -> Code {
        let rc = compileExpr(rhs)
        if case .name("_") = lhs.kind { return { env in _ = try rc(env); return .void } }
        if case .tuple(let items) = lhs.kind, op == .assign {
            let targets: [Modify?] = items.map { item in
                if case .name("_") = item.value.kind { return nil }
                return compileLValue(item.value)
            }
            return { env in
                let v = try rc(env)
                guard case .tuple(let t) = v, t.elements.count == targets.count else {
                    throw RuntimeError(.typeError, "cannot assign a value of type \(v.typeName) to a tuple of \(targets.count)", range)
                }
                for (i, target) in targets.enumerated() {
                    guard let target = target else { continue }
                    let x = t.elements[i]
                    _ = try target(env) { $0 = x; return .void }
                }
                return .void
            }
        }
        var conv = declaredConverter(lhs)
        if conv == nil, case .subscriptCall(let base, _) = lhs.kind, let c = elementConverter(of: base) {
            conv = { v in if case .none = v { return v }; return try c(v) }
        }
        let name = sourceText(lhs.range)
        // Fast path: a plain local slot.
        if case (let slot, false)? = lhs.localSlot, case .name = lhs.kind {
            if op == .assign {
                if let c = conv {
                    return { env in env[slot] = try Compiler.convertAssigned(c, try rc(env), name, range); return .void }
                }
                return { env in env[slot] = try rc(env); return .void }
            }
            if op == .compound(.add) && conv == nil {
                return { env in
                    let r = try rc(env)
                    if case .int(let x) = env[slot], case .int(let y) = r {
                        let (s, o) = x.addingReportingOverflow(y)
                        if o { throw overflowAt(.add, x, y, range) }
                        env[slot] = .int(s)
                        return .void
                    }
                    try Compiler.compound(.add, &env[slot], r, range)
                    return .void
                }
            }
        }
        if case .global(let idx)? = lhs.binding, case .name = lhs.kind, op == .assign {
            let g = rt.global(idx)
            if let c = conv {
                return { env in g.pointee = try Compiler.convertAssigned(c, try rc(env), name, range); return .void }
            }
            return { env in g.pointee = try rc(env); return .void }
        }
        if case .global(let idx)? = lhs.binding, case .name = lhs.kind, op == .compound(.add) {
            let g = rt.global(idx)
            return { env in
                let r = try rc(env)
                if case .int(let x) = g.pointee, case .int(let y) = r {
                    let (s, o) = x.addingReportingOverflow(y)
                    if o { throw overflowAt(.add, x, y, range) }
                    g.pointee = .int(s)
                    return .void
                }
                try Compiler.compound(.add, &g.pointee, r, range)
                if let c = conv { g.pointee = try Compiler.convertAssigned(c, g.pointee, name, range) }
                return .void
            }
        }
        let mod = compileLValue(lhs)
        guard case .compound(let binop) = op else {
            return { env in
                let v = try rc(env)
                let converted = try conv.map { try Compiler.convertAssigned($0, v, name, range) } ?? v
                _ = try mod(env) { $0 = converted; return .void }
                return .void
            }
        }
        return { env in
            let r = try rc(env)
            _ = try mod(env) { cur in
                try Compiler.compound(binop, &cur, r, range)
                if let c = conv { cur = try Compiler.convertAssigned(c, cur, name, range) }
                return .void
            }
            return .void
        }
    }

    static func convertAssigned(_ c: Converter, _ v: Value, _ name: String, _ range: SourceRange) throws -> Value {
        do { return try c(v) } catch var e as RuntimeError {
            e.message = "cannot assign to '\(name)': " + e.message
            if e.range == nil { e.range = range }
            throw e
        }
    }

    /// `cur op= r`, appending to strings and arrays in place.
    static func compound(_ op: BinaryOperator, _ cur: inout Value, _ r: Value, _ range: SourceRange) throws {
        if op == .add {
            if case .string(let t) = r, case .string = cur {
                if var s = cur.takeString() { s += t; cur = .string(s) }
                return
            }
            if case .array(let b) = r, case .array = cur {
                if var a = cur.takeArray() { a.append(contentsOf: b); cur = .array(a) }
                return
            }
        }
        do { cur = try arithmetic(op, cur, r) } catch { throw locate(error, range) }
    }
}
