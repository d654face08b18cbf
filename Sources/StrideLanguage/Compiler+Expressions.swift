/// Expressions, with Int fast paths for the common shapes (`n - 1`, `i % 7`, `a < b`).
extension Compiler {
    func compileExpr(_ e: Expr) -> Code {
        let range = e.range
        switch e.kind {
        case .int(let v): let value = Value.int(v); return { _ in value }
        case .double(let v): let value = Value.double(v); return { _ in value }
        case .bool(let v): let value = Value.bool(v); return { _ in value }
        case .nilLiteral: return { _ in Value.none }
        case .string(let segs): return compileString(segs)
        case .name(let n): return compileName(e, n)
        case .selfRef: return compileName(e, "self")
        case .superRef: return { _ in throw RuntimeError(.syntaxError, "'super' must be followed by '.' and a member", range) }
        case .magic(let what): return compileMagic(what)
        case .bigInt(let v): let value = Value.native(SizedInt(.uint64, pattern: v)); return { _ in value }
        case .keyPath(let path): return compileKeyPath(path)
        case .implicitMember(let n):
            let v = Value.symbol(Symbol(name: n))
            return { _ in v }
        case .array(let xs) where xs.contains(where: \.isImplicitMember):
            // `[Priority.high, .low]`: the symbols are cases of the enum the others are of.
            let codes = xs.map(compileExpr)
            return { env in
                var out: [Value] = []
                for c in codes { out.append(try c(env)) }
                return .array(ImplicitMembers.unify(out))
            }
        case .array(let xs):
            let codes = xs.map(compileExpr)
            // `[1.5, 2]` is a [Double] in Swift: Int elements promote when a Double literal is present.
            if xs.contains(where: { if case .double = $0.kind { return true }; return false }) {
                return { env in
                    var out: [Value] = []
                    out.reserveCapacity(codes.count)
                    for c in codes {
                        let v = try c(env)
                        if case .int(let i) = v { out.append(.double(Double(i))) } else { out.append(v) }
                    }
                    return .array(out)
                }
            }
            return { env in
                var out: [Value] = []
                out.reserveCapacity(codes.count)
                for c in codes { out.append(try c(env)) }
                return .array(out)
            }
        case .dictionary(let pairs):
            let codes = pairs.map { (compileExpr($0.0), compileExpr($0.1)) }
            return { env in
                let d = DictionaryStorage()
                for (k, v) in codes { d.set(try k(env), try v(env)) }
                return .dictionary(d)
            }
        case .tuple(let items):
            let codes = items.map { compileExpr($0.value) }
            let labels = items.map(\.label)
            return { env in .tuple(TupleStorage(try codes.map { try $0(env) }, labels: labels)) }
        case .closure(let f): return compileFunction(f, owner: nil)
        case .call(let callee, let args): return compileCall(e, callee, args)
        case .subscriptCall(let base, let args): return compileSubscriptGet(base, args, range: range)
        case .member(let base, let name): return compileMemberGet(base, name, range: range)
        case .tupleIndex(let base, let i):
            let b = compileExpr(base)
            return { env in
                let v = try b(env)
                guard case .tuple(let t) = v, i < t.elements.count else {
                    throw RuntimeError(.typeError, "value of type \(v.typeName) has no member '\(i)'", range)
                }
                return t.elements[i]
            }
        case .optionalUnwrapInChain(let inner):
            let c = compileExpr(inner)
            return { env in
                switch try c(env) {
                case .none: throw ChainNil()
                case .some(let v): return v
                case let v: return v
                }
            }
        case .optionalChain(let inner):
            let c = compileExpr(inner)
            return { env in
                do {
                    let v = try c(env)
                    switch v { case .some, Value.none: return v; default: return Value.some(v) }
                } catch is ChainNil { return Value.none }
            }
        case .forceUnwrap(let inner):
            let c = compileExpr(inner)
            let text = sourceText(inner.range)
            return { env in
                switch try c(env) {
                case .none: throw RuntimeError(.valueError, "unexpectedly found nil while unwrapping '\(text)'", range)
                case .some(let v): return v
                case let v: return v
                }
            }
        case .prefix(let op, let operand): return compilePrefix(op, operand, range: range)
        case .postfixRange(let operand):
            let c = compileExpr(operand)
            return { env in
                guard case .int(let lo) = try c(env) else { throw RuntimeError(.typeError, "range bounds must be Int", range) }
                return .range(RangeValue(lower: lo, upper: nil, closed: false))
            }
        case .binary(let op, let l, let r):
            if let overload = interp.userFunctions[op.symbol], !op.isShortCircuit {
                return compileOverloadedBinary(op, overload, l, r, range: e.opRange ?? range)
            }
            return compileBinary(op, l, r, range: e.opRange ?? range)
        case .assign(let op, let lhs, let rhs): return compileAssign(op, lhs, rhs, range: e.opRange ?? range)
        case .ternary(let c, let a, let b):
            if case .binary(let op, let l, let r) = c.kind, let ordering = op.ordering {
                return compileOrderedTernary(ordering, l, r, a, b, conditionRange: c.range, operatorRange: c.opRange ?? c.range)
            }
            let cc = compileExpr(c), ac = compileExpr(a), bc = compileExpr(b)
            let condRange = c.range
            return { env in
                let v = try cc(env)
                guard case .bool(let t) = v else { throw RuntimeError(.typeError, "condition must be a Bool, got a value of type \(v.typeName)", condRange) }
                return t ? try ac(env) : try bc(env)
            }
        case .cast(let inner, let op, let type): return compileCast(inner, op, type, range: range)
        case .tryExpr(let kind, let inner):
            let c = compileExpr(inner)
            switch kind {
            case "try?":
                return { env in
                    do {
                        let v = try c(env)
                        if case .some = v { return v }
                        if case .none = v { return v }
                        return Value.some(v)
                    } catch let err as RuntimeError where err.catchable { return Value.none }
                }
            case "try!":
                return { env in
                    do { return try c(env) } catch var err as RuntimeError where err.catchable {
                        err.thrown = nil
                        err.message = "'try!' expression unexpectedly raised an error: " + err.message
                        throw err
                    }
                }
            default: return c
            }
        case .lazyValue(let closure):
            let make = compileExpr(closure)
            return { env in .native(LazyValue(try make(env))) }
        case .typeExpr(let t):
            let name: String
            switch t {
            case .array: name = "Array"
            case .dictionary: name = "Dictionary"
            case .named(let n, let args):
                // `Stack<Int>`: a user type carries its generic arguments to its instances.
                let interp = self.interp
                let local = types[n]
                return { _ in
                    guard let u = local ?? interp.userTypes[n] else { return .type(TypeValue(name: n)) }
                    return .type(TypeValue(name: n, user: u, genericArguments: args))
                }
            default: name = t.description
            }
            let v = Value.type(TypeValue(name: name))
            return { _ in v }
        }
    }

    /// The slot of a local variable read directly (not a captured cell), for fast paths.
    func plainLocalSlot(_ e: Expr) -> Int? {
        if case .name = e.kind, case (let slot, false)? = e.localSlot, e.varInfo?.isLazy != true { return slot }
        return nil
    }

    func sourceText(_ r: SourceRange) -> String {
        let scalars = interp.currentSourceScalars
        guard r.start.offset >= 0, r.end.offset <= scalars.count, r.start.offset < r.end.offset else { return "" }
        return String(String.UnicodeScalarView(scalars[r.start.offset..<r.end.offset]))
    }

    func compileString(_ segs: [StringSegment]) -> Code {
        if segs.isEmpty { return { _ in .string("") } }
        if segs.count == 1, case .text(let t) = segs[0] { let v = Value.string(t); return { _ in v } }
        // `"\(x),"` and `"a\(x)"`: one interpolation with text around it, the common case.
        if segs.count <= 3, segs.filter({ if case .expr = $0 { return true }; return false }).count == 1 {
            var before = "", after = ""
            var inner: Code = { _ in .void }
            var seenExpr = false
            for seg in segs {
                switch seg {
                case .text(let t): if seenExpr { after = t } else { before = t }
                case .expr(let e): inner = compileExpr(e); seenExpr = true
                }
            }
            return { env in
                var s = before
                switch try inner(env) {
                case .string(let x): s += x
                case .int(let i): s += String(i)
                case let v: s += format(v, debug: false)
                }
                s += after
                return .string(s)
            }
        }
        enum Piece { case text(String), code(Code) }
        let pieces: [Piece] = segs.map {
            switch $0 { case .text(let t): return .text(t); case .expr(let e): return .code(compileExpr(e)) }
        }
        return { env in
            var s = ""
            for p in pieces {
                switch p {
                case .text(let t): s += t
                case .code(let c):
                    switch try c(env) {
                    case .string(let x): s += x
                    case .int(let i): s += String(i)
                    case let v: s += format(v, debug: false)
                    }
                }
            }
            return .string(s)
        }
    }

    func compileName(_ e: Expr, _ name: String) -> Code {
        let range = e.range
        switch e.binding {
        case .local?:
            let (slot, isCell) = e.localSlot!
            if e.varInfo?.isLazy == true {
                let rt = self.rt
                let conv = e.varInfo?.declaredType.flatMap { converter(for: $0) }
                return { env in
                    try rt.forceLazy(isCell ? env[slot].cellContents : env[slot], conv, at: range) { result in
                        if isCell, case .cell(let c) = env[slot] { c.value = result } else { env[slot] = result }
                    }
                }
            }
            if isCell {
                return { env in
                    if case .cell(let c) = env[slot] { return c.value }
                    return env[slot]
                }
            }
            return { env in env[slot] }
        case .global(let idx)? where e.varInfo?.isLazy == true:
            let g = rt.global(idx)
            let rt = self.rt
            let conv = e.varInfo?.declaredType.flatMap { converter(for: $0) }
            return { _ in try rt.forceLazy(g.pointee, conv, at: range) { g.pointee = $0 } }
        case .global(let idx)?:
            let g = rt.global(idx)
            return { _ in
                let v = g.pointee
                if case .void = v { throw RuntimeError(.nameError, "'\(name)' is used before it is assigned a value", range) }
                return v
            }
        case .userType(let n)?:
            let interp = self.interp
            let local = types[n]
            return { _ in
                guard let t = local ?? interp.userTypes[n] else { throw RuntimeError(.nameError, "cannot find type '\(n)'", range) }
                return .type(TypeValue(name: n, user: t))
            }
        case .builtin(let n)?, .nativeValue(let n)?:
            let interp = self.interp
            return { _ in
                guard let idx = interp.globalEnv.globals[n] else { throw RuntimeError(.nameError, "cannot find '\(n)' in scope", range) }
                return interp.runtime.global(idx).pointee
            }
        case .selfMember?, nil:
            return { _ in throw RuntimeError(.nameError, "cannot find '\(name)' in scope", range) }
        }
    }

    func compilePrefix(_ op: PrefixOperator, _ operand: Expr, range: SourceRange) -> Code {
        let c = compileExpr(operand)
        switch op {
        case .negate:
            return { env in
                switch try c(env) {
                case .int(let i):
                    if i == Int.min { throw RuntimeError(.arithmeticError, "integer overflow negating \(i)", range) }
                    return .int(-i)
                case .double(let d): return .double(-d)
                case .native(let n):
                    if let r = try hostPrefix(n, .negate) { return r }
                    throw RuntimeError(.typeError, "unary '-' cannot be applied to \(n.typeName)", range)
                case let v:
                    if let r = try userOperator("prefix-", [v]) { return r }
                    throw RuntimeError(.typeError, "unary '-' cannot be applied to a value of type \(v.typeName)", range)
                }
            }
        case .plus: return c
        case .not:
            return { env in
                let v = try c(env)
                if case .bool(let b) = v { return .bool(!b) }
                throw RuntimeError(.typeError, "'!' needs a Bool, got a value of type \(v.typeName)", range)
            }
        case .bitwiseNot:
            return { env in
                let v = try c(env)
                if case .int(let i) = v { return .int(~i) }
                if case .native(let n) = v, let r = try hostPrefix(n, .bitwiseNot) { return r }
                throw RuntimeError(.typeError, "'~' needs an Int, got \(v.typeName)", range)
            }
        case .upTo, .through:
            let closed = op == .through
            return { env in
                guard case .int(let hi) = try c(env) else { throw RuntimeError(.typeError, "range bounds must be Int", range) }
                return .range(RangeValue(lower: nil, upper: hi, closed: closed))
            }
        }
    }

    func compileBinary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, range: SourceRange) -> Code {
        let lc = compileExpr(l), rc = compileExpr(r)
        switch op {
        case .logicalAnd:
            return { env in
                let a = try lc(env)
                guard case .bool(let x) = a else { throw RuntimeError(.typeError, "'&&' needs Bool operands, got \(a.typeName)", range) }
                if !x { return .bool(false) }
                let b = try rc(env)
                guard case .bool(let y) = b else { throw RuntimeError(.typeError, "'&&' needs Bool operands, got \(b.typeName)", range) }
                return .bool(y)
            }
        case .logicalOr:
            return { env in
                let a = try lc(env)
                guard case .bool(let x) = a else { throw RuntimeError(.typeError, "'||' needs Bool operands, got \(a.typeName)", range) }
                if x { return .bool(true) }
                let b = try rc(env)
                guard case .bool(let y) = b else { throw RuntimeError(.typeError, "'||' needs Bool operands, got \(b.typeName)", range) }
                return .bool(y)
            }
        case .nilCoalescing:
            return { env in
                switch try lc(env) {
                case .none: return try rc(env)
                case .some(let v): return v
                case let v: return v
                }
            }
        case .equal, .notEqual:
            let negate = op == .notEqual
            return { env in
                let a = try lc(env), b = try rc(env)
                if case .int(let x) = a, case .int(let y) = b { return .bool((x == y) != negate) }
                if case .native(let n) = a, let v = try hostBinary(n, op, b, selfOnLeft: true) { return v }
                if case .native(let n) = b, let v = try hostBinary(n, op, a, selfOnLeft: false) { return v }
                if userType(of: a) != nil || userType(of: b) != nil, case .bool(let x)? = try userOperator("==", [a, b]) {
                    return .bool(x != negate)
                }
                return .bool(valuesEqual(a, b) != negate)
            }
        case .identical, .notIdentical:
            let negate = op == .notIdentical
            return { env in
                let a = try lc(env), b = try rc(env)
                switch (a.unwrapped ?? a, b.unwrapped ?? b) {
                case (.object(let x), .object(let y)): return .bool((x === y) != negate)
                case (.native(let x), .native(let y)): return .bool((x === y) != negate)
                default:
                    if case .none = a, case .none = b { return .bool(!negate) }
                    return .bool(negate)
                }
            }
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let ordering = op.ordering!
            let cmp: (Int, Int) -> Bool
            switch ordering { case .less: cmp = (<); case .lessOrEqual: cmp = (<=); case .greater: cmp = (>); case .greaterOrEqual: cmp = (>=) }
            if case .int(let k) = r.kind {
                if let slot = plainLocalSlot(l) {
                    return { env in
                        if case .int(let x) = env[slot] { return .bool(cmp(x, k)) }
                        do { return try compareValues(ordering, env[slot], .int(k)) } catch { throw Compiler.locate(error, range) }
                    }
                }
                return { env in
                    let a = try lc(env)
                    if case .int(let x) = a { return .bool(cmp(x, k)) }
                    do { return try compareValues(ordering, a, .int(k)) } catch { throw Compiler.locate(error, range) }
                }
            }
            return { env in
                let a = try lc(env), b = try rc(env)
                if case .int(let x) = a, case .int(let y) = b { return .bool(cmp(x, y)) }
                do { return try compareValues(ordering, a, b) } catch { throw Compiler.locate(error, range) }
            }
        case .halfOpenRange, .closedRange:
            let closed = op == .closedRange
            return { env in
                let a = try lc(env), b = try rc(env)
                if case .int(let x) = a, case .int(let y) = b {
                    if y < x { throw RuntimeError(.valueError, "range requires lowerBound <= upperBound, got \(x)\(op)\(y)", range) }
                    return .range(RangeValue(lower: x, upper: y, closed: closed))
                }
                if let x = a.asDouble, let y = b.asDouble {
                    if y < x { throw RuntimeError(.valueError, "range requires lowerBound <= upperBound", range) }
                    return .range(RangeValue(doubleFrom: x, to: y, by: 1, closed: closed, isStride: false))
                }
                if case .string = a, case .string = b {
                    return .tuple(TupleStorage([a, b], labels: ["lowerBound", "upperBound"]))
                }
                throw RuntimeError(.typeError, "range bounds must be numbers, got \(a.typeName) and \(b.typeName)", range)
            }
        case .add, .subtract, .multiply, .divide, .remainder:
            // Int fast paths, with a constant right operand specialised.
            if case .int(let k) = r.kind {
                let slot = plainLocalSlot(l)
                switch op {
                case .add, .subtract:
                    // `local ± k` is the operand form `slotPlus` (Compiler+Operands.swift), read by
                    // its one fast path; any other value or an overflow takes the general sum.
                    if let slot = slot, k != Int.min {
                        let slotPlus = Operand(.slotPlus, int: op == .add ? k : -k, slot: slot,
                                               code: { env in try Compiler.slowArith(op, env[slot], .int(k), range) })
                        return { env in try slotPlus.value(env) }
                    }
                    return { env in
                        let a = try lc(env)
                        if case .int(let x) = a {
                            let (s, o) = op == .add ? x.addingReportingOverflow(k) : x.subtractingReportingOverflow(k)
                            if !o { return .int(s) }
                        }
                        return try Compiler.slowArith(op, a, .int(k), range)
                    }
                case .remainder where k != 0 && k != -1:
                    if let slot = slot {
                        return { env in
                            if case .int(let x) = env[slot] { return .int(x % k) }
                            return try Compiler.slowArith(op, env[slot], .int(k), range)
                        }
                    }
                    return { env in
                        let a = try lc(env)
                        if case .int(let x) = a { return .int(x % k) }
                        return try Compiler.slowArith(op, a, .int(k), range)
                    }
                default: break
                }
            }
            return compileOperandArithmetic(op, operand(l, compiled: lc), operand(r, compiled: rc), range: range)
        default:
            return { env in try Compiler.slowArith(op, try lc(env), try rc(env), range) }
        }
    }

    static func slowArith(_ op: BinaryOperator, _ a: Value, _ b: Value, _ range: SourceRange) throws -> Value {
        do { return try arithmetic(op, a, b) } catch { throw locate(error, range) }
    }

    func compileCast(_ inner: Expr, _ op: String, _ type: TypeRef, range: SourceRange) -> Code {
        let c = compileExpr(inner)
        let check = typeCheck(for: type)
        let conv = converter(for: type)
        switch op {
        case "is": return { env in .bool(check(try c(env))) }
        case "as?":
            return { env in
                let v = try c(env)
                let inner = v.unwrapped ?? v
                if case .none = v { return Value.none }
                return check(inner) ? Value.some(try conv?(inner) ?? inner) : Value.none
            }
        case "as!":
            return { env in
                let v = try c(env)
                let inner = v.unwrapped ?? v
                guard check(inner) else {
                    throw RuntimeError(.typeError, "could not cast value of type \(v.typeName) to \(type.description)", range)
                }
                return try conv?(inner) ?? inner
            }
        default:
            return { env in
                let v = try c(env)
                do { return try conv?(v) ?? v } catch { throw Compiler.locate(error, range) }
            }
        }
    }
}

@inline(never) func overflowAt(_ op: BinaryOperator, _ a: Int, _ b: Int, _ range: SourceRange) -> RuntimeError {
    RuntimeError(.arithmeticError, "integer overflow in \(a) \(op) \(b)", range)
}
