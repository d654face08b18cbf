/// Members, method calls and subscripts.
extension Compiler {
    func isLValue(_ e: Expr) -> Bool {
        switch e.kind {
        case .name: if case .local? = e.binding { return true }; if case .global? = e.binding { return true }; return false
        case .selfRef: return true
        case .member(let b, _), .tupleIndex(let b, _), .subscriptCall(let b, _): return isLValue(b)
        case .forceUnwrap(let b), .optionalUnwrapInChain(let b): return isLValue(b)
        default: return false
        }
    }

    func compileMethodCall(_ base: Expr, _ name: String, _ args: [Argument], range: SourceRange, nameRange: SourceRange) -> Code {
        let argCodes = args.map { compileArgument($0) }
        let labels = args.map(\.label)
        let trailingFrom = args.firstIndex { $0.isTrailingClosure } ?? args.count
        let isMutating = builtinMutatingMethods.contains(name) || interp.userMutatingNames.contains(name)
            || types.values.contains { t in t.decl.methods.contains { $0.isMutating && $0.name == name } }
        let rt = self.rt
        if isMutating && isLValue(base) {
            let modify = compileLValue(base)
            // Appending to a variable declared `[Double]` converts Int elements, as a literal would.
            let elementConv: Converter? = (name == "append" || name == "insert") ? elementConverter(of: base) : nil
            let contentsOf = labels.first == "contentsOf"
            return { env in
                var values = try argCodes.map { try $0.value(env) }
                if let c = elementConv, !values.isEmpty {
                    if contentsOf, case .array(let xs) = values[0] { values[0] = .array(try xs.map(c)) }
                    else if !contentsOf { values[0] = try c(values[0]) }
                }
                do {
                    return try modify(env) { v in
                        try rt.invokeMethod(&v, name, values, labels: labels, trailingFrom: trailingFrom, argCodes: argCodes, env: env)
                    }
                } catch { throw Compiler.locate(error, nameRange) }
            }
        }
        let baseCode = compileExpr(base)
        return { env in
            var v = try baseCode(env)
            let values = try argCodes.map { try $0.value(env) }
            do {
                return try rt.invokeMethod(&v, name, values, labels: labels, trailingFrom: trailingFrom, argCodes: argCodes, env: env)
            } catch { throw Compiler.locate(error, nameRange) }
        }
    }

    /// The converter for elements of a variable declared as `[T]` or `[K: T]`.
    func elementConverter(of base: Expr) -> Converter? {
        var type: TypeRef?
        if let v = base.varInfo { type = v.declaredType }
        else if case .global(let idx)? = base.binding { type = interp.globalEnv.globalTypes[idx] }
        switch type {
        case .array(let t)?: return converter(for: t)
        case .dictionary(_, let t)?: return converter(for: t)
        default: return nil
        }
    }

    func compileMemberGet(_ base: Expr, _ name: String, range: SourceRange) -> Code {
        let baseCode = compileExpr(base)
        let rt = self.rt
        final class Cache { var type: UserType?; var index = 0 }
        let cache = Cache()
        return { env in
            let v = try baseCode(env)
            switch v {
            case .structInstance(let s):
                if s.type === cache.type { return s.fields[cache.index] }
                if let i = s.type.storedIndex[name] { cache.type = s.type; cache.index = i; return s.fields[i] }
            case .object(let o):
                if o.type === cache.type { return o.fields[cache.index] }
                if let i = o.type.storedIndex[name] { cache.type = o.type; cache.index = i; return o.fields[i] }
            default: break
            }
            do { return try rt.getMember(v, name) } catch { throw Compiler.locate(error, range) }
        }
    }

    func compileSubscriptGet(_ base: Expr, _ args: [Argument], range: SourceRange) -> Code {
        let baseCode = compileExpr(base)
        let argCodes = args.map { compileArgument($0) }
        let labels = args.map(\.label)
        let rt = self.rt
        // Index errors point at the index.
        let indexRange = args.first?.value.range ?? range
        if args.count == 1 && labels[0] == nil {
            let idx = argCodes[0].value
            let range = indexRange
            return { env in
                let v = try baseCode(env)
                let i = try idx(env)
                if case .array(let a) = v, case .int(let k) = i {
                    guard k >= 0 && k < a.count else { throw RuntimeError(.indexError, "index \(k) is out of range for an array of \(a.count) element\(a.count == 1 ? "" : "s")", range) }
                    return a[k]
                }
                do { return try rt.subscriptGet(v, [i], labels: labels) } catch { throw Compiler.locate(error, range) }
            }
        }
        return { env in
            let v = try baseCode(env)
            let values = try argCodes.map { try $0.value(env) }
            do { return try rt.subscriptGet(v, values, labels: labels) } catch { throw Compiler.locate(error, indexRange) }
        }
    }
}

extension Runtime {
    /// Calls `name` on a receiver; mutating methods update `v` in place.
    func invokeMethod(_ v: inout Value, _ name: String, _ args: [Value], labels: [String?], trailingFrom: Int,
                      argCodes: [Compiler.ArgCode]?, env: Env?) throws -> Value {
        // A user method: mutating ones take `self` out of `v` so it stays uniquely referenced.
        var method: FunctionCode?
        switch v {
        case .structInstance(let s): method = s.type.methods[name]
        case .enumCase(let e): method = e.type.methods[name]
        default: break
        }
        if let m = method {
            if m.isMutating { return try invokeMutating(m, &v, args, labels: labels, trailingFrom: trailingFrom) }
            return try invoke(Function(code: m, captured: []), args: args, selfValue: v, labels: labels, trailingFrom: trailingFrom).result
        }
        switch v {
        case .object(let o):
            if let m = o.type.methods[name] {
                return try invoke(Function(code: m, captured: []), args: args, selfValue: v, labels: labels, trailingFrom: trailingFrom).result
            }
        case .type(let t):
            if let u = t.user {
                if let m = u.staticMethods[name] {
                    return try invoke(Function(code: m, captured: []), args: args, selfValue: v, labels: labels, trailingFrom: trailingFrom).result
                }
                if let c = u.cases[name] {
                    return try makeEnumCase(u, c, args, labels: labels)
                }
                if name == "init" { return try construct(t, args, labels: labels) }
            }
        case .native(let n):
            let m: Value
            do { m = try n.member(name, in: interpreter) } catch let e as StrideError { throw RuntimeError(bridging: e) }
            var nargs: [NativeArgument] = []
            for (i, a) in args.enumerated() {
                var ref: InoutReference?
                if let codes = argCodes, let env = env, i < codes.count { ref = codes[i].reference?(env) }
                nargs.append(NativeArgument(label: labels[i], value: a, reference: ref))
            }
            let call = NativeCall(arguments: nargs, interpreter: interpreter, callee: "\(n.typeName).\(name)")
            do {
                switch m {
                case .function(let f):
                    if let native = f.native { return try native(call) }
                    return try invoke(f, args: args, labels: labels).result
                case .native(let inner): return try inner.callAsFunction(call)
                default: throw RuntimeError(.typeError, "'\(name)' of \(n.typeName) is not a method")
                }
            } catch let e as StrideError { throw RuntimeError(bridging: e) }
        default: break
        }
        if let tn = builtinTypeName(v), let ext = interpreter.builtinExtensions[tn], let m = ext.methods[name] {
            if m.isMutating { return try invokeMutating(m, &v, args, labels: labels, trailingFrom: trailingFrom) }
            return try invoke(Function(code: m, captured: []), args: args, selfValue: v, labels: labels, trailingFrom: trailingFrom).result
        }
        if case .type(let t) = v, t.user == nil, let ext = interpreter.builtinExtensions[t.name], let m = ext.staticMethods[name] {
            return try invoke(Function(code: m, captured: []), args: args, selfValue: v, labels: labels, trailingFrom: trailingFrom).result
        }
        if let r = try builtinMethod(&v, name, args, labels: labels) { return r }
        // A method the host gives the instance's protocols (a library model's `fit`).
        if case .structInstance(let s) = v, let f = try hostExtensionMember(v, name, conformances: s.type.conformances) {
            return try callPlain(f, args, labels: labels)
        }
        if case .object(let o) = v, let f = try hostExtensionMember(v, name, conformances: o.type.conformances) {
            return try callPlain(f, args, labels: labels)
        }
        // A stored property or computed property holding a closure.
        if case .structInstance = v, let f = try? getMember(v, name) { return try callPlain(f, args, labels: labels) }
        if case .object = v, let f = try? getMember(v, name) { return try callPlain(f, args, labels: labels) }
        if case .type = v, let f = try? getMember(v, name) { return try callPlain(f, args, labels: labels) }
        throw RuntimeError(.typeError, "value of type \(v.typeName) has no method '\(name)'")
    }

    /// Calls a mutating method: `self` moves into the frame and back out afterwards (also
    /// when the method throws, as Swift writes back inout arguments).
    func invokeMutating(_ code: FunctionCode, _ v: inout Value, _ args: [Value], labels: [String?], trailingFrom: Int? = nil) throws -> Value {
        let sources = try code.match(labels: labels, trailingFrom: trailingFrom ?? labels.count)
        do {
            return try withFrame(code, captured: [], fill: { frame in
                try self.fillArguments(code, sources: sources, frame: frame) { args[$0] }
                if let s = code.selfSlot { frame[s] = v; v = .void }
            }, finish: { frame in
                if let s = code.selfSlot {
                    if case .cell(let c) = frame[s] { v = c.value } else { v = frame[s] }
                    frame[s] = .void
                }
            })
        } catch let err as RuntimeError { throw Compiler.traced(err, function: code.name, callRange: nil) }
    }

    /// Calls a value with already evaluated arguments.
    func callPlain(_ f: Value, _ args: [Value], labels: [String?]) throws -> Value {
        switch f {
        case .function(let fn): return try invoke(fn, args: args, labels: labels).result
        case .type(let t): return try construct(t, args, labels: labels)
        case .structInstance(let s):
            if let m = s.type.methods["callAsFunction"] { return try invoke(Function(code: m, captured: []), args: args, selfValue: f, labels: labels).result }
        case .object(let o):
            if let m = o.type.methods["callAsFunction"] { return try invoke(Function(code: m, captured: []), args: args, selfValue: f, labels: labels).result }
        case .native(let n):
            let call = NativeCall(arguments: zip(labels, args).map { NativeArgument(label: $0.0, value: $0.1) }, interpreter: interpreter, callee: n.typeName)
            do { return try n.callAsFunction(call) } catch let e as StrideError { throw RuntimeError(bridging: e) }
        default: break
        }
        switch f {
        case .structInstance, .object:
            // A model's forward pass is this call: say what the type lacks.
            throw RuntimeError(.typeError, "cannot call a value of type \(f.typeName): it declares no callAsFunction")
        default:
            throw RuntimeError(.typeError, "cannot call a value of type \(f.typeName)")
        }
    }

    func getMember(_ v: Value, _ name: String) throws -> Value {
        switch v {
        case .structInstance(let s):
            if let i = s.type.storedIndex[name] { return s.fields[i] }
            if let c = s.type.computed[name] { return try invoke(Function(code: c.getter, captured: []), args: [], selfValue: v).result }
            if let m = s.type.methods[name] { return .function(Function(code: m, captured: [], boundSelf: v)) }
            if let r = try hostExtensionMember(v, name, conformances: s.type.conformances) { return r }
        case .object(let o):
            if let i = o.type.storedIndex[name] { return o.fields[i] }
            if let c = o.type.computed[name] { return try invoke(Function(code: c.getter, captured: []), args: [], selfValue: v).result }
            if let m = o.type.methods[name] { return .function(Function(code: m, captured: [], boundSelf: v)) }
            if let r = try hostExtensionMember(v, name, conformances: o.type.conformances) { return r }
        case .enumCase(let e):
            if name == "rawValue", let raw = e.type.rawValues[e.caseName] { return raw }
            if let c = e.type.computed[name] { return try invoke(Function(code: c.getter, captured: []), args: [], selfValue: v).result }
            if let m = e.type.methods[name] { return .function(Function(code: m, captured: [], boundSelf: v)) }
        case .tuple(let t):
            if let i = t.labels.firstIndex(where: { $0 == name }) { return t.elements[i] }
        case .type(let t):
            if let u = t.user {
                if let s = u.staticValues[name] { return s }
                if let m = u.staticMethods[name] { return .function(Function(code: m, captured: [], boundSelf: v)) }
                if let c = u.cases[name] {
                    if c.params.isEmpty { return try makeEnumCase(u, c, [], labels: []) }
                    return .function(Function(native: name, signature: name, doc: nil) { [unowned self] call in
                        try self.makeEnumCase(u, c, call.values, labels: call.labels)
                    })
                }
                if name == "allCases" { return .array(try u.caseOrder.compactMap { u.cases[$0] }.map { try makeEnumCase(u, $0, [], labels: []) }) }
            }
            if let n = t.native, let sm = n.staticMember {
                do { if let r = try sm(name) { return r } } catch let e as StrideError { throw RuntimeError(bridging: e) }
            }
            if let r = builtinStatic(t.name, name) { return r }
        case .native(let n):
            do { return try n.member(name, in: interpreter) } catch let e as StrideError { throw RuntimeError(bridging: e) }
        default: break
        }
        if let tn = builtinTypeName(v), let ext = interpreter.builtinExtensions[tn] {
            if let c = ext.computed[name] { return try invoke(Function(code: c.getter, captured: []), args: [], selfValue: v).result }
            if let m = ext.methods[name] { return .function(Function(code: m, captured: [], boundSelf: v)) }
        }
        if case .type(let t) = v, t.user == nil, let ext = interpreter.builtinExtensions[t.name] {
            if let s = ext.staticValues[name] { return s }
            if let m = ext.staticMethods[name] { return .function(Function(code: m, captured: [], boundSelf: v)) }
        }
        if let r = try builtinProperty(v, name) { return r }
        if name == "description" { return .string(format(v, debug: false)) }
        if name == "debugDescription" { return .string(format(v, debug: true)) }
        throw RuntimeError(.typeError, "value of type \(v.typeName) has no member '\(name)'")
    }

    /// A member the host gives the instance's protocols, with host errors made runtime errors.
    func hostExtensionMember(_ v: Value, _ name: String, conformances: [String]) throws -> Value? {
        guard !conformances.isEmpty else { return nil }
        do { return try interpreter.protocolExtensionMember(v, name, conformances: conformances) }
        catch let e as StrideError { throw RuntimeError(bridging: e) }
    }

    func subscriptGet(_ v: Value, _ args: [Value], labels: [String?]) throws -> Value {
        switch v {
        case .array(let a):
            guard args.count == 1, labels[0] == nil else { break }
            switch args[0] {
            case .int(let k):
                guard k >= 0 && k < a.count else { throw RuntimeError(.indexError, "index \(k) is out of range for an array of \(a.count) element\(a.count == 1 ? "" : "s")") }
                return a[k]
            case .range(let r):
                let (lo, hi) = try sliceBounds(r, count: a.count)
                return .array(Array(a[lo..<hi]))
            default: break
            }
        case .dictionary(let d):
            if args.count == 2, labels[1] == "default" { return d.get(args[0]) ?? args[1] }
            guard args.count == 1 else { break }
            if let x = d.get(args[0]) { return Value.some(x) }
            return Value.none
        case .string(let s):
            guard args.count == 1 else { break }
            let chars = Array(s)
            switch args[0] {
            case .int(let k):
                guard k >= 0 && k < chars.count else { throw RuntimeError(.indexError, "index \(k) is out of range for a string of \(chars.count) characters") }
                return .string(String(chars[k]))
            case .range(let r):
                let (lo, hi) = try sliceBounds(r, count: chars.count)
                return .string(String(chars[lo..<hi]))
            default: break
            }
        case .native(let n):
            let call = NativeCall(arguments: zip(labels, args).map { NativeArgument(label: $0.0, value: $0.1) }, interpreter: interpreter, callee: "\(n.typeName) subscript")
            do { return try n.subscriptGet(call) } catch let e as StrideError { throw RuntimeError(bridging: e) }
        case .some:
            throw RuntimeError(.typeError, "value of optional type \(v.typeName) must be unwrapped before subscripting")
        default: break
        }
        throw RuntimeError(.typeError, "cannot subscript a value of type \(v.typeName) with \(args.map(\.typeName).joined(separator: ", "))")
    }

    /// Resolves a (possibly one-sided) range against a collection's count, checking bounds.
    func sliceBounds(_ r: RangeValue, count: Int) throws -> (Int, Int) {
        let lo = r.lower ?? 0
        var hi = r.upper ?? count
        if r.closed && r.upper != nil { hi += 1 }
        guard lo >= 0, hi <= count, lo <= hi else {
            throw RuntimeError(.indexError, "range \(format(.range(r), debug: false)) is out of bounds for a collection of \(count) element\(count == 1 ? "" : "s")")
        }
        return (lo, hi)
    }
}
