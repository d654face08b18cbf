/// `super.method()`, `super.init(...)`, `self.init(...)` delegation, key paths and the
/// `#`-literals that are known only when the program runs.
extension Compiler {
    /// `self` and the superclass of the class declared as `typeName`, found when the code
    /// runs (the class may be compiled after this method), for `super.`'s code `body`.
    private func withSuper(_ base: Expr, _ typeName: String, range: SourceRange,
                           _ body: @escaping (Env, Value, UserType) throws -> Value) -> Code {
        let selfCode = compileName(base, "self")
        let interp = self.interp
        let local = types
        return { env in
            let me = try selfCode(env)
            do {
                guard let s = (local[typeName] ?? interp.userTypes[typeName])?.superclass else {
                    throw RuntimeError(.typeError, "'super' is used in '\(typeName)', which has no superclass")
                }
                return try body(env, me, s)
            } catch { throw Compiler.locate(error, range) }
        }
    }

    /// `super.name(...)`: the superclass's method (or initializer) run on this `self`.
    func compileSuperCall(_ base: Expr, _ typeName: String, _ name: String, _ site: CallSite,
                          range: SourceRange) -> Code {
        let rt = self.rt
        return withSuper(base, typeName, range: range) { env, me, s in
            let args = SiteArguments(site: site, env: env)
            if name == "init" { return try rt.runInitializer(of: s, on: me, args) }
            if let m = s.methods[name] ?? s.inheritedMethod(name) {
                return try rt.call(m, captured: [], receiver: .value(me), args)
            }
            throw RuntimeError(.typeError, "superclass \(s.name) has no method '\(name)'")
        }
    }

    /// `super.name`: the superclass's computed property (or the stored one, which is shared).
    func compileSuperMember(_ base: Expr, _ typeName: String, _ name: String, range: SourceRange) -> Code {
        let rt = self.rt
        return withSuper(base, typeName, range: range) { _, me, s in
            if let c = s.computed[name] ?? s.inheritedComputed(name) { return try rt.get(c.getter, of: me) }
            if let m = s.methods[name] ?? s.inheritedMethod(name) {
                return .function(Function(code: m, captured: [], boundSelf: me))
            }
            return try rt.getMember(me, name)
        }
    }

    /// `self.init(...)` inside an initializer: another initializer of the same type runs on
    /// `self` (a struct's is moved in and out, so its stores land in this one's `self`).
    func compileDelegatingInit(_ base: Expr, _ site: CallSite, range: SourceRange) -> Code {
        let modify = compileLValue(base)
        let rt = self.rt
        return { env in
            do {
                return try modify(env) { me in
                    let u: UserType
                    switch me {
                    case .structInstance(let s): u = s.type
                    case .object(let o): u = o.type
                    default: throw RuntimeError(.typeError,
                        "'self.init' is only available in a struct's or class's initializer")
                    }
                    let args = SiteArguments(site: site, env: env)
                    if u.kind == .structType && !u.initializers.contains(where: { (try? args.match(for: $0)) != nil }) {
                        // The memberwise initializer, when no declared one takes these arguments.
                        me = try rt.constructUser(u, TypeValue(name: u.name, user: u), args, memberwise: true)
                        return .void
                    }
                    return try withUnsafeMutablePointer(to: &me) { p in try rt.runInitializer(of: u, on: p, args) }
                }
            } catch { throw Compiler.locate(error, range) }
        }
    }

    /// `a == b` where the program declares a global `func ==`: that function when its
    /// parameters take the operands (`func == (a: [Vec], b: Int)`), else the builtin operator.
    func compileOverloadedBinary(_ op: BinaryOperator, _ f: FunctionDecl, _ l: Expr, _ r: Expr,
                                 range: SourceRange) -> Code {
        let lc = compileExpr(l), rc = compileExpr(r)
        let accepts = f.params.map { p in p.type.map { typeCheck(for: $0) } ?? { _ in true } }
        let rt = self.rt
        let global = interp.globalEnv.globals[op.symbol].map { rt.global($0) }
        return { env in
            let a = try lc(env), b = try rc(env)
            do {
                if accepts.count == 2, accepts[0](a), accepts[1](b), let g = global {
                    return try rt.call(value: g.pointee, ValueArguments([a, b]), name: op.symbol)
                }
                return try applyBinary(op, a, b)
            } catch { throw Compiler.locate(error, range) }
        }
    }

    /// `\.name.count`: a function from a root value to the member at the end of the path.
    func compileKeyPath(_ path: [String]) -> Code {
        let rt = self.rt
        let text = "\\." + path.joined(separator: ".")
        let f = Function(native: text, signature: text, doc: nil) { call in
            guard call.values.count == 1 else {
                throw StrideError(.typeError, "a key path takes one value, got \(call.values.count)")
            }
            var v = call.values[0]
            do { for name in path { v = try rt.getMember(v, name) } } catch let e as RuntimeError {
                throw StrideError(e.kind, e.message)
            }
            return v
        }
        f.keyPath = path
        let value = Value.function(f)
        return { _ in value }
    }

    /// `#line` as a parameter's default (the caller's line), `#function` at the top level
    /// (the module's name, as swiftc gives it) and `#file`/`#fileID`.
    func compileMagic(_ what: String) -> Code {
        let rt = self.rt
        let interp = self.interp
        switch what {
        case "line": return { _ in .int(rt.defaultCallLine) }
        case "function": return { _ in .string(interp.moduleName ?? "main") }
        case "fileID":
            return { _ in .string((interp.moduleName ?? "main") + "/" + interp.currentCellName) }
        default: return { _ in .string(interp.currentCellName) }
        }
    }
}

extension Runtime {
    /// Runs the initializer of `u` that takes `args` on an existing instance (`super.init`,
    /// `self.init`); a class instance is a reference, a struct is moved through `target`.
    func runInitializer<A: CallArguments>(of u: UserType, on me: Value, _ args: A) throws -> Value {
        var v = me
        return try withUnsafeMutablePointer(to: &v) { try runInitializer(of: u, on: $0, args) }
    }

    func runInitializer<A: CallArguments>(of u: UserType, on target: UnsafeMutablePointer<Value>,
                                          _ args: A) throws -> Value {
        // `super.init()` of a class whose only initializer is the implicit one.
        if args.count == 0 && u.allInitializers.isEmpty { return .void }
        var lastError: Error?
        for code in u.allInitializers {
            do { _ = try args.match(for: code) } catch { lastError = error; continue }
            _ = try call(code, captured: [], receiver: .moved(target), args)
            return .void
        }
        throw lastError ?? RuntimeError(.typeError, "no initializer of \(u.name) matches these arguments")
    }
}

/// User types as collections: `subscript` declarations, `x[keyPath:]`, and types conforming
/// to `Sequence`/`IteratorProtocol` in `for-in` and the sequence methods.
extension Runtime {
    /// The declared subscript of `v` (a static one when `v` is a type) that takes these arguments.
    func userSubscript(_ v: Value, _ args: [Value], labels: [String?]) -> (getter: FunctionCode,
                       setter: FunctionCode?)? {
        let candidates: [(getter: FunctionCode, setter: FunctionCode?)]
        if case .type(let t) = v, let u = t.user { candidates = u.staticSubscripts }
        else if let u = userType(of: v) { candidates = ([u] + u.ancestors).flatMap(\.subscripts) }
        else { return nil }
        let arguments = ValueArguments(args, labels: labels)
        return candidates.first { (try? arguments.match(for: $0.getter)) != nil }
    }

    func userSubscriptGet(_ v: Value, _ args: [Value], labels: [String?]) throws -> Value? {
        if labels == ["keyPath"], case .function(let f) = args[0], let path = f.keyPath {
            var x = v
            for name in path { x = try getMember(x, name) }
            return x
        }
        guard let s = userSubscript(v, args, labels: labels) else { return nil }
        return try call(s.getter, captured: [], receiver: .value(v), ValueArguments(args, labels: labels))
    }

    /// Changes what a declared subscript (or a writable key path) reaches: the getter's value,
    /// changed by `f`, goes to the setter.
    func userSubscriptModify(_ v: inout Value, _ args: [Value], labels: [String?],
                             _ f: (inout Value) throws -> Value) throws -> Value? {
        if labels == ["keyPath"], case .function(let kp) = args[0], let path = kp.keyPath {
            func walk(_ x: inout Value, _ rest: ArraySlice<String>) throws -> Value {
                guard let first = rest.first else { return try f(&x) }
                return try modifyMember(&x, first) { try walk(&$0, rest.dropFirst()) }
            }
            return try walk(&v, path[...])
        }
        guard userType(of: v) != nil || { if case .type = v { return true }; return false }() else { return nil }
        guard let s = userSubscript(v, args, labels: labels) else { return nil }
        guard let setter = s.setter else {
            throw RuntimeError(.typeError, "cannot assign through subscript: it is get-only")
        }
        var current = try call(s.getter, captured: [], receiver: .value(v), ValueArguments(args, labels: labels))
        let r = try f(&current)
        _ = try withUnsafeMutablePointer(to: &v) { p in
            let withValue = ValueArguments(args + [current], labels: labels + [nil])
            return try call(setter, captured: [], receiver: .moved(p), withValue)
        }
        return r
    }

    /// Runs `body` on each element of a user `Sequence` (its `makeIterator()`) or
    /// `IteratorProtocol` (its `next()`); false when `v` is neither.
    func iterateUserSequence(_ v: Value, _ body: (Value) throws -> Bool) throws -> Bool {
        guard let u = userType(of: v) else { return false }
        var iterator = v
        if u.methods["makeIterator"] ?? u.inheritedMethod("makeIterator") != nil {
            iterator = try invokeMethod(&iterator, "makeIterator", ValueArguments([]))
        } else if u.methods["next"] ?? u.inheritedMethod("next") == nil {
            return false
        }
        while true {
            try poll()
            let next = try invokeMethod(&iterator, "next", ValueArguments([]))
            guard let element = next.unwrapped else { return true }
            if !(try body(element)) { return true }
        }
    }

    /// The elements of a user sequence, at most `limit` of them.
    func userSequenceElements(_ v: Value, limit: Int = Int.max) throws -> [Value]? {
        var out: [Value] = []
        guard limit > 0 else { return [] }
        let isSequence = try iterateUserSequence(v) { out.append($0); return out.count < limit }
        return isSequence ? out : nil
    }
}
