/// Members of values at run time: method calls, properties and subscripts, for user types,
/// host objects and the builtin types.
extension Runtime {
    /// Calls method `name` on a receiver; mutating methods update `v` in place.
    func invokeMethod<A: CallArguments>(_ v: inout Value, _ name: String, _ args: A) throws -> Value {
        switch v {
        case .structInstance(let s):
            if let m = s.type.methods[name] ?? s.type.inheritedMethod(name) { return try callMethod(m, on: &v, args) }
            return try instanceMember(v, name, s.type.conformances, args)
        case .object(let o):
            if let m = o.type.methods[name] ?? o.type.inheritedMethod(name) { return try callMethod(m, on: &v, args) }
            return try instanceMember(v, name, o.type.conformances, args)
        case .enumCase(let e):
            if let m = e.type.methods[name] ?? e.type.inheritedMethod(name) { return try callMethod(m, on: &v, args) }
            if let f = try? getMember(v, name) { return try call(value: f, args) }
        case .type(let t):
            if let u = t.user {
                if let m = u.staticMethods[name] ?? u.inheritedStatic(name) {
                    return try call(m, captured: [], receiver: .value(v), args)
                }
                if let c = u.cases[name] { return try makeEnumCase(u, c, try args.values(), labels: args.labels) }
                if name == "init" { return try construct(t, args) }
                if let nested = nestedType(u, name) { return try construct(nested, args) }
            } else if let ext = interpreter.builtinExtensions[t.name], let m = ext.staticMethods[name] {
                return try call(m, captured: [], receiver: .value(v), args)
            }
            if let f = try? getMember(v, name) { return try call(value: f, args) }
            throw RuntimeError(.typeError, "value of type \(v.typeName) has no method '\(name)'")
        case .native(let s as GeneratedSequence):
            return try generatedSequenceMethod(s, name, try args.values(), labels: args.labels)
        case .native(let n) where n is SetValue:
            if let r = try setMethod(&v, name, try args.values(), labels: args.labels) { return r }
        case .native(let n):
            if let method = n.method(name, in: interpreter) {
                return try callNative({ try method.call(n, $0) }, args, callee: "\(n.typeName).\(name)")
            }
            let m: Value
            do { m = try n.member(name, in: interpreter) } catch let e as StrideError { throw RuntimeError(bridging: e) }
            switch m {
            case .function(let f):
                if let native = f.native { return try callNative(native, args, callee: "\(n.typeName).\(name)") }
                return try call(value: m, args)
            case .native(let inner): return try callNative(inner.callAsFunction, args, callee: "\(n.typeName).\(name)")
            default: throw RuntimeError(.typeError, "'\(name)' of \(n.typeName) is not a method")
            }
        case .function:
            throw RuntimeError(.typeError, "value of type \(v.typeName) has no method '\(name)'")
        case .tuple(let t):
            // A closure stored in a labelled tuple: `pair.inc()`.
            if let i = t.labels.firstIndex(where: { $0 == name }) { return try call(value: t.elements[i], args) }
        default: break
        }
        // A builtin value: a method of an `extension` the program declared, then the library's.
        // An extension's method, when it takes these arguments (`rounded(to:)` beside `rounded()`).
        if !interpreter.builtinExtensions.isEmpty { for tn in builtinTypeNames(v) {
            if let m = interpreter.builtinExtensions[tn]?.methods[name], (try? args.match(for: m)) != nil {
                return try callMethod(m, on: &v, args)
            }
        } }
        if let r = try builtinMethod(&v, name, try args.values(), labels: args.labels) { return r }
        throw RuntimeError(.typeError, "value of type \(v.typeName) has no method '\(name)'")
    }

    /// A struct's or class's member other than a declared method: one the host gives its
    /// protocols (a library model's `fit`), or a stored or computed property holding a closure.
    func instanceMember<A: CallArguments>(_ v: Value, _ name: String, _ conformances: [String], _ args: A) throws -> Value {
        if let f = try hostExtensionMember(v, name, conformances: conformances) { return try call(value: f, args) }
        if let f = try? getMember(v, name) { return try call(value: f, args) }
        // A user Sequence has the sequence methods of its elements (`prefix(3)` reads only three).
        var limit = Int.max
        if name == "prefix", args.count == 1, args.labels[0] == nil, case .int(let n) = try args.value(0) { limit = n }
        if let elements = try userSequenceElements(v, limit: limit) {
            var array = Value.array(elements)
            return try invokeMethod(&array, name, args)
        }
        throw RuntimeError(.typeError, "value of type \(v.typeName) has no method '\(name)'")
    }

    /// Calls a user method on `v`: a mutating one with `self` moved in and back out.
    @inline(__always) func callMethod<A: CallArguments>(_ m: FunctionCode, on v: inout Value, _ args: A) throws -> Value {
        if let owner = m.owner, !owner.overloads.isEmpty, let set = owner.overloads[m.decl?.name ?? ""],
           (try? args.match(for: m)) == nil, let other = set.first(where: { (try? args.match(for: $0)) != nil }) {
            // Another declaration of the same name takes these labels.
            return try callMethodCode(other, on: &v, args)
        }
        return try callMethodCode(m, on: &v, args)
    }

    @inline(__always) func callMethodCode<A: CallArguments>(_ m: FunctionCode, on v: inout Value, _ args: A) throws -> Value {
        guard m.isMutating else { return try call(m, captured: [], receiver: .value(v), args) }
        return try withUnsafeMutablePointer(to: &v) { try call(m, captured: [], receiver: .moved($0), args) }
    }

    /// `Outer.Inner`: a type declared inside another, as a value.
    func nestedType(_ outer: UserType, _ name: String) -> TypeValue? {
        guard let u = interpreter.userTypes[outer.name + "." + name] else { return nil }
        return TypeValue(name: u.name, user: u)
    }

    /// The value of a getter (a computed property) on `v`.
    func get(_ getter: FunctionCode, of v: Value) throws -> Value {
        try call(getter, captured: [], receiver: .value(v), ValueArguments([]))
    }

    /// Runs a setter on `v` with `newValue`; a struct's setter updates `v`.
    func set(_ setter: FunctionCode, of v: inout Value, to newValue: Value) throws {
        _ = try withUnsafeMutablePointer(to: &v) { try call(setter, captured: [], receiver: .moved($0), ValueArguments([newValue])) }
    }

    func getMember(_ v: Value, _ name: String) throws -> Value {
        switch v {
        case .structInstance(let s):
            if let i = s.type.storedIndex[name] { return try field(v, s.type, i) }
            if let r = try userMember(v, s.type, name) { return r }
            if let r = try hostExtensionMember(v, name, conformances: s.type.conformances) { return r }
        case .object(let o):
            if let i = o.type.storedIndex[name] { return try field(v, o.type, i) }
            if let r = try userMember(v, o.type, name) { return r }
            if let r = try hostExtensionMember(v, name, conformances: o.type.conformances) { return r }
        case .enumCase(let e):
            if name == "rawValue", let raw = e.type.rawValues[e.caseName] { return raw }
            if let r = try userMember(v, e.type, name) { return r }
        case .tuple(let t):
            if let i = t.labels.firstIndex(where: { $0 == name }) { return t.elements[i] }
        case .type(let t):
            if name == "self" { return v }
            if name == "init" {
                // `String.init`, `P.init(x:)`: the initializer as a function.
                return .function(Function(native: t.name + ".init", signature: t.name + ".init", doc: nil) { [unowned self] call in
                    var labels = call.labels
                    if let u = t.user, labels.allSatisfy({ $0 == nil }) {
                        // Passed as a function (`map(P.init)`): the initializer taking that many values.
                        if let i = u.allInitializers.first(where: { $0.decl?.params.count == call.count }) {
                            labels = i.decl!.params.map(\.label)
                        } else if u.allInitializers.isEmpty {
                            let settable = u.storedNames.enumerated().filter { !(u.letProperties.contains($0.element) && u.storedDefaults[$0.offset] != nil) }
                            labels = settable.prefix(call.count).map { Optional($0.element) }
                        }
                    }
                    return try self.construct(t, ValueArguments(call.values, labels: labels))
                })
            }
            if let u = t.user, let m = u.methods[name] ?? u.inheritedMethod(name) {
                // `Greeter.hello`: the method of the instance it is given.
                return .function(Function(native: "\(u.name).\(name)", signature: "\(u.name).\(name)", doc: nil) { call in
                    guard call.count == 1 else { throw StrideError(.typeError, "\(u.name).\(name) takes the instance") }
                    return .function(Function(code: m, captured: [], boundSelf: call.values[0]))
                })
            }
            if let u = t.user {
                if let s = try u.staticValue(name) { return s }
                if let m = u.staticMethods[name] ?? u.inheritedStatic(name) {
                    return .function(Function(code: m, captured: [], boundSelf: v))
                }
                if let c = u.cases[name] {
                    if c.params.isEmpty { return try makeEnumCase(u, c, [], labels: []) }
                    return .function(Function(native: name, signature: name, doc: nil) { [unowned self] call in
                        try self.makeEnumCase(u, c, call.values, labels: call.labels)
                    })
                }
                if let nested = nestedType(u, name) { return .type(nested) }
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
        for tn in interpreter.builtinExtensions.isEmpty ? [] : builtinTypeNames(v) {
            guard let ext = interpreter.builtinExtensions[tn] else { continue }
            if let c = ext.computed[name] { return try get(c.getter, of: v) }
            if let m = ext.methods[name] { return .function(Function(code: m, captured: [], boundSelf: v)) }
        }
        if case .type(let t) = v, t.user == nil, let ext = interpreter.builtinExtensions[t.name] {
            if let s = try ext.staticValue(name) { return s }
            if let m = ext.staticMethods[name] { return .function(Function(code: m, captured: [], boundSelf: v)) }
        }
        if let r = try builtinProperty(v, name) { return r }
        if name == "description" { return .string(format(v, debug: false)) }
        if name == "debugDescription" { return .string(format(v, debug: true)) }
        throw RuntimeError(.typeError, "value of type \(v.typeName) has no member '\(name)'")
    }

    /// A computed property or method of a user type, its superclasses or its protocols' extensions.
    func userMember(_ v: Value, _ u: UserType, _ name: String) throws -> Value? {
        if let c = u.computed[name] ?? u.inheritedComputed(name) { return try get(c.getter, of: v) }
        if let m = u.methods[name] ?? u.inheritedMethod(name) { return .function(Function(code: m, captured: [], boundSelf: v)) }
        return nil
    }

    /// Stored property `i` of an instance; a `lazy` one is computed at its first read and kept.
    func field(_ v: Value, _ u: UserType, _ i: Int) throws -> Value {
        let fields: [Value]
        switch v {
        case .structInstance(let s): fields = s.fields
        case .object(let o): fields = o.fields
        default: return .void
        }
        guard let initializer = u.lazyInitializers[i], case .native(let n) = fields[i], n is UnsetLazyProperty else {
            return fields[i]
        }
        var value = try call(initializer, captured: [], receiver: .value(v), ValueArguments([]))
        if let c = u.storedConverters[i] { value = try c(value) }
        switch v {
        case .structInstance(let s): s.fields[i] = value
        case .object(let o): o.fields[i] = value
        default: break
        }
        return value
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
        if let r = try userSubscriptGet(v, args, labels: labels) { return r }
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
