/// User types at run time: enum cases and initializers.
extension Runtime {
    func makeEnumCase(_ u: UserType, _ c: EnumCaseDecl, _ args: [Value], labels: [String?]) throws -> Value {
        guard args.count == c.params.count else {
            throw RuntimeError(.typeError, "\(u.name).\(c.name) takes \(c.params.count) associated value\(c.params.count == 1 ? "" : "s"), got \(args.count)")
        }
        var payload = args
        if let convs = u.caseConverters[c.name] {
            for i in 0..<min(convs.count, payload.count) { if let cv = convs[i] { payload[i] = try cv(payload[i]) } }
        }
        return .enumCase(EnumCaseValue(type: u, caseName: c.name, payload: payload, labels: c.params.map(\.label)))
    }

    /// `T(...)`: user types (memberwise or declared `init`), builtin and host types.
    func construct<A: CallArguments>(_ t: TypeValue, _ args: A) throws -> Value {
        if let u = t.user { return try constructUser(u, t, args) }
        if let n = t.native ?? interpreter.nativeTypes[t.name] {
            guard let make = n.construct else { throw RuntimeError(.typeError, "\(n.name) cannot be constructed") }
            return try callNative(make, args, callee: n.name)
        }
        return try builtinConstruct(t.name, try args.values(), labels: args.labels)
    }

    func constructUser<A: CallArguments>(_ u: UserType, _ t: TypeValue, _ args: A, memberwise: Bool = false) throws -> Value {
        let labels = args.labels
        if u.kind == .enumType {
            if labels == ["rawValue"] {
                let raw = try args.value(0)
                for name in u.caseOrder where u.rawValues[name].map({ valuesEqual($0, raw) }) == true {
                    return Value.some(try makeEnumCase(u, u.cases[name]!, [], labels: []))
                }
                return Value.none
            }
            // A declared `init` assigns `self` a case.
            for code in u.allInitializers where (try? args.match(for: code)) != nil {
                var instance = Value.void
                _ = try withUnsafeMutablePointer(to: &instance) { try call(code, captured: [], receiver: .moved($0), args) }
                if case .void = instance { throw RuntimeError(.typeError, "\(u.name).init did not assign 'self'") }
                return instance
            }
            throw RuntimeError(.typeError, "enum \(u.name) has no initializer taking these arguments; use a case such as .\(u.caseOrder.first ?? "x")")
        }
        if u.kind == .protocolType { throw RuntimeError(.typeError, "protocol \(u.name) cannot be constructed") }
        var fields: [Value] = []
        fields.reserveCapacity(u.storedNames.count)
        for (i, d) in u.storedDefaults.enumerated() {
            if let d = d {
                var v = try run(d)
                if let c = u.storedConverters[i], u.lazyInitializers[i] == nil { v = try c(v) }
                fields.append(v)
            } else { fields.append(.void) }
        }
        let initializers = memberwise ? [] : u.allInitializers
        if !initializers.isEmpty {
            var lastError: Error?
            for code in initializers {
                do { _ = try args.match(for: code) } catch { lastError = error; continue }
                var instance: Value = u.kind == .classType ? .object(ObjectInstance(type: u, fields: fields))
                                                           : .structInstance(StructInstance(type: u, fields: fields))
                initializing += 1
                defer { initializing -= 1 }
                let returned = try withUnsafeMutablePointer(to: &instance) { try call(code, captured: [], receiver: .moved($0), args) }
                if code.decl?.isFailable == true, case .none = returned { return Value.none }
                try checkInitialized(instance, u)
                let made = withGenericArguments(instance, t)
                return code.decl?.isFailable == true ? Value.some(made) : made
            }
            if u.kind != .structType || u.hasOwnInitializers {
                throw lastError ?? RuntimeError(.typeError, "no initializer of \(u.name) matches these arguments")
            }
        }
        let values = try args.values()
        if u.kind == .classType && !values.isEmpty {
            throw RuntimeError(.typeError, "class \(u.name) has no initializer taking arguments; declare an init")
        }
        // The memberwise initializer: stored properties in order; `let`s with a default are fixed.
        let trailingFrom = args.trailingFrom
        var ai = 0
        for (i, name) in u.storedNames.enumerated() {
            if u.letProperties.contains(name) && u.storedDefaults[i] != nil { continue }
            if ai < values.count && (labels[ai] == name || (ai >= trailingFrom && labels[ai] == nil)) {
                var v = values[ai]
                if let c = u.storedConverters[i] {
                    do { v = try c(v) } catch var e as RuntimeError { e.message = "\(u.name)(\(name):): " + e.message; throw e }
                }
                fields[i] = v
                ai += 1
            } else if u.storedDefaults[i] == nil {
                throw RuntimeError(.typeError, "missing argument for parameter '\(name):' in call to \(u.name)(\(u.storedNames.map { "\($0):" }.joined()))")
            }
        }
        if ai < values.count {
            throw RuntimeError(.typeError, "\(u.name)(\(u.storedNames.map { "\($0):" }.joined())): unexpected argument \(labels[ai].map { "'\($0):'" } ?? "without a label")")
        }
        let instance: Value = u.kind == .classType ? .object(ObjectInstance(type: u, fields: fields))
                                                  : .structInstance(StructInstance(type: u, fields: fields))
        return withGenericArguments(instance, t)
    }

    /// A new instance of a generic type with its generic arguments: those written
    /// (`Stack<Int>()`), or those its properties' values show.
    func withGenericArguments(_ instance: Value, _ t: TypeValue) -> Value {
        guard let u = t.user, !u.decl.genericParameters.isEmpty else { return instance }
        switch instance {
        case .structInstance(let s):
            s.genericArguments = t.genericArguments.isEmpty ? TypeNames.inferArguments(of: u, fields: s.fields) : t.genericArguments
        case .object(let o):
            o.genericArguments = t.genericArguments.isEmpty ? TypeNames.inferArguments(of: u, fields: o.fields) : t.genericArguments
        default: break
        }
        return instance
    }

    func checkInitialized(_ v: Value, _ u: UserType) throws {
        let fields: [Value]
        switch v {
        case .structInstance(let s): fields = s.fields
        case .object(let o): fields = o.fields
        default: return
        }
        for (i, f) in fields.enumerated() {
            if case .void = f { throw RuntimeError(.typeError, "\(u.name).init did not initialize property '\(u.storedNames[i])'") }
        }
    }
}
