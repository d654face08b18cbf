/// User types (struct, class, enum, protocol, extension) and run-time type checks.
extension Compiler {
    /// Fills in a user type from its declaration. Static properties get their values when
    /// the declaration runs (see `Interpreter.execute`).
    func compileTypeDecl(_ t: TypeDecl) {
        guard let u = types[t.name] ?? interp.userTypes[t.name] ?? interp.builtinExtensions[t.name] else { return }
        u.runtime = rt
        if t.kind != .extensionType {
            if compiledTypes.contains(t.name) { return }
            compiledTypes.insert(t.name)
            u.storedNames = []; u.storedIndex = [:]; u.storedConverters = []; u.storedDefaults = []
            u.letProperties = []; u.methods = [:]; u.computed = [:]; u.staticMethods = [:]; u.initializers = []
            u.cases = [:]; u.caseOrder = []; u.lazyInitializers = [:]; u.observers = [:]; u.operatorOverloads = [:]
            u.subscripts = []; u.staticSubscripts = []; u.staticComputed = [:]; u.overloads = [:]
            u.hasOwnInitializers = !t.initializers.isEmpty
            if t.kind == .classType, let first = t.conformances.first, let s = types[first] ?? interp.userTypes[first],
               s.kind == .classType {
                // The superclass's stored properties come first in every instance.
                if let decl = types[first]?.decl, !compiledTypes.contains(first) { compileTypeDecl(decl) }
                u.superclass = s
                u.storedNames = s.storedNames; u.storedIndex = s.storedIndex; u.storedConverters = s.storedConverters
                u.storedDefaults = s.storedDefaults; u.letProperties = s.letProperties
                u.lazyInitializers = s.lazyInitializers; u.observers = s.observers
            }
        } else {
            u.conformances.append(contentsOf: t.conformances)
        }
        compileMembers(t, into: u)
    }

    /// The properties, methods, initializers, subscripts and cases of a declaration or extension.
    private func compileMembers(_ t: TypeDecl, into u: UserType) {
        for p in t.properties {
            if p.willSet != nil || p.didSet != nil {
                u.observers[p.name] = (p.willSet.map { makeFunctionCode($0, owner: u) }, p.didSet.map { makeFunctionCode($0, owner: u) })
                // `override var speed: Double { didSet { } }`: observers on the inherited property.
                if u.storedIndex[p.name] != nil && p.defaultValue == nil && !p.isStatic { continue }
            }
            if let g = p.getter {
                let gc = makeFunctionCode(g, owner: u)
                let sc = p.setter.map { makeFunctionCode($0, owner: u) }
                if p.isStatic { u.staticComputed[p.name] = gc } else { u.computed[p.name] = (gc, sc) }
                continue
            }
            var type = p.type
            if type == nil, let d = p.defaultValue { type = literalType(d) }
            let defaultCode = p.defaultValue.flatMap { defaultFrames[ObjectIdentifier($0)] }.map { makeFunctionCode($0, owner: nil) }
            if p.isStatic {
                if let dc = defaultCode {
                    let conv = type.flatMap { converter(for: $0) }
                    pendingStatics.append { [unowned u] in
                        let v = try self.rt.run(dc)
                        u.staticValues[p.name] = try conv?(v) ?? v
                    }
                }
                continue
            }
            guard t.kind != .protocolType else { continue }
            u.storedIndex[p.name] = u.storedNames.count
            u.storedNames.append(p.name)
            u.storedConverters.append(type.flatMap { converter(for: $0) })
            u.storedDefaults.append(defaultCode)
            if p.isLet { u.letProperties.insert(p.name) }
            if let lazy = p.lazyInitializer {
                u.lazyInitializers[u.storedNames.count - 1] = makeFunctionCode(lazy, owner: u)
                let unset = FunctionCode(name: "lazy", decl: nil)
                unset.shape.body = { _ in .native(UnsetLazyProperty.shared) }
                u.storedDefaults[u.storedDefaults.count - 1] = unset
                continue
            }
            if p.type == nil && p.defaultValue == nil { u.storedDefaults[u.storedDefaults.count - 1] = nil }
            if case .optional? = p.type, p.defaultValue == nil, !p.isLet {
                // An Optional property without a default starts as nil.
                let code = FunctionCode(name: "nil", decl: nil)
                code.shape.body = { _ in Value.none }
                u.storedDefaults[u.storedDefaults.count - 1] = code
            }
        }
        // A protocol's own declaration lists requirements; only its extensions have bodies.
        let isRequirementList = t.kind == .protocolType
        for m in t.methods where !isRequirementList {
            let code = makeFunctionCode(m, owner: u)
            if m.isStatic { u.staticMethods[m.name] = code } else {
                if let earlier = u.methods[m.name] { u.overloads[m.name, default: [earlier]].append(code) }
                u.methods[m.name] = code
            }
            let symbol = m.name.hasPrefix("prefix") ? m.name.dropFirst(6) : m.name.hasPrefix("postfix") ? m.name.dropFirst(7) : m.name[...]
            if m.isStatic, let first = symbol.unicodeScalars.first, !first.properties.isXIDStart, first != "_" {
                // An Int operand takes a Double parameter, as an integer literal does in Swift.
                let accepts = m.params.map { p -> (Value) -> Bool in
                    guard let t = p.type else { return { _ in true } }
                    if case .named("Double", _) = t { return { v in v.asDouble != nil } }
                    return typeCheck(for: t)
                }
                u.operatorOverloads[m.name, default: []].append((code, accepts))
            }
        }
        for i in t.initializers where !isRequirementList { u.initializers.append(makeFunctionCode(i, owner: u)) }
        for sub in t.subscripts where !isRequirementList {
            let entry = (makeFunctionCode(sub.getter, owner: u), sub.setter.map { makeFunctionCode($0, owner: u) })
            if sub.isStatic { u.staticSubscripts.append(entry) } else { u.subscripts.append(entry) }
        }
        var nextRaw = 0
        let rawIsString = t.conformances.first == "String"
        let rawIsInt = t.conformances.first == "Int"
        for c in t.cases {
            u.cases[c.name] = c
            u.caseOrder.append(c.name)
            u.caseConverters[c.name] = c.params.map { converter(for: $0.type) }
            if let r = c.rawValue {
                let code = compileExpr(r)
                let scratch = Env.allocate(capacity: 1)
                scratch.initialize(to: .void)
                if let v = try? code(scratch) {
                    u.rawValues[c.name] = v
                    if case .int(let i) = v { nextRaw = i + 1 }
                }
                scratch.deinitialize(count: 1); scratch.deallocate()
            } else if rawIsString {
                u.rawValues[c.name] = .string(c.name)
            } else if rawIsInt {
                u.rawValues[c.name] = .int(nextRaw); nextRaw += 1
            }
        }
    }

    /// The type a literal default implies (`var x = 0.0` is a Double property).
    func literalType(_ e: Expr) -> TypeRef? {
        switch e.kind {
        case .double: return .named("Double", [])
        case .int: return .named("Int", [])
        case .string: return .named("String", [])
        case .bool: return .named("Bool", [])
        case .array(let xs):
            if let first = xs.first, let t = literalType(first) {
                if case .named("Int", _) = t, xs.contains(where: { if case .double = $0.kind { return true }; return false }) {
                    return .array(.named("Double", []))
                }
                return .array(t)
            }
            return nil
        default: return nil
        }
    }

    /// Converts a value to a declared type: Int to Double, wrapping in Optional, `.case`
    /// symbols to enum values; anything else of the wrong type is a TypeError.
    func converter(for t: TypeRef) -> Converter? {
        let interp = self.interp
        let localTypes = types
        switch t {
        case .named(let n, let genericArguments):
            switch n {
            case "Int":
                return { v in
                    if case .int = v { return v }
                    throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to Int")
                }
            case "Float", "Float32":
                return { v in
                    switch v {
                    case .native(let f) where f is FloatValue: return v
                    case .int(let i): return .native(FloatValue(Float(i)))
                    case .double(let d): return .native(FloatValue(Float(d)))
                    default: throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to Float")
                    }
                }
            case _ where IntegerKind(rawValue: n) != nil:
                let kind = IntegerKind(rawValue: n)!
                return { v in
                    switch v {
                    case .native(let s as SizedInt) where s.kind == kind: return v
                    case .native(let s as SizedInt) where s.kind == .uint64 && kind == .uint: return .native(SizedInt(.uint, pattern: s.pattern))
                    case .int(let i): return .native(try SizedInt.checked(kind, i))
                    default: throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to \(n)")
                    }
                }
            case "Double", "CGFloat", "Float64":
                return { v in
                    switch v {
                    case .double: return v
                    case .int(let i): return .double(Double(i))
                    default: throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to \(n)")
                    }
                }
            case "String", "Character", "Substring":
                return { v in
                    if case .string = v { return v }
                    throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to \(n)")
                }
            case "Bool":
                return { v in
                    if case .bool = v { return v }
                    throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to Bool")
                }
            case "Any", "AnyObject", "Error", "Void", "Never", "Self", "AnyHashable": return nil
            case "Set":
                // `let s: Set = [1, 2]`: an array literal becomes a set, its elements converted.
                let element = genericArguments.first.flatMap { converter(for: $0) }
                let rt = self.rt
                return { v in
                    guard let set = try rt.asSet(v) else {
                        throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to \(t.description)")
                    }
                    guard let c = element else { return .native(set) }
                    return .native(SetValue(try set.elements.map(c)))
                }
            default:
                let check = typeCheck(for: t)
                return { v in
                    if check(v) {
                        // `var s: Stack<Int> = Stack()`: the declared type names the generic arguments.
                        if !genericArguments.isEmpty, case .structInstance(let s) = v, s.genericArguments.isEmpty {
                            s.genericArguments = genericArguments
                        }
                        return v
                    }
                    if case .symbol(let s) = v, let u = localTypes[n] ?? interp.userTypes[n] {
                        if let c = u.cases[s.name] {
                            return try u.runtime!.makeEnumCase(u, c, s.arguments.map(\.value), labels: s.arguments.map(\.label))
                        }
                        // `.black`, `.init(gray: 1)`, `.make(3)`: a static member of the declared type.
                        let typeValue = Value.type(TypeValue(name: u.name, user: u))
                        if s.arguments.isEmpty, let sv = try u.staticValue(s.name) { return sv }
                        if s.name == "init" || u.staticMethods[s.name] != nil || u.inheritedStatic(s.name) != nil, let rt = u.runtime {
                            var t = typeValue
                            return try rt.invokeMethod(&t, s.name, ValueArguments(s.arguments.map(\.value), labels: s.arguments.map(\.label)))
                        }
                    }
                    if localTypes[n] == nil && interp.userTypes[n] == nil && interp.nativeTypes[n] == nil { return v }  // generic names
                    if case .symbol = v, interp.nativeTypes[n] != nil { return v }
                    throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to \(n)")
                }
            }
        case .optional(let inner):
            let c = converter(for: inner)
            return { v in
                switch v {
                case .none: return Value.none
                case .some(let x): return Value.some(try c?(x) ?? x)
                default: return Value.some(try c?(v) ?? v)
                }
            }
        case .array(let inner):
            let c = converter(for: inner)
            return { v in
                guard case .array(let xs) = v else { throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to \(t.description)") }
                guard let c = c else { return v }
                var out = xs
                for i in 0..<out.count { out[i] = try c(out[i]) }
                return .array(out)
            }
        case .dictionary(_, let vt):
            let c = converter(for: vt)
            return { v in
                guard case .dictionary(let d) = v else { throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to \(t.description)") }
                guard let c = c else { return v }
                let copy = d.copy()
                for i in 0..<copy.values.count { copy.values[i] = try c(copy.values[i]) }
                return .dictionary(copy)
            }
        case .tuple(let items):
            if items.isEmpty { return nil }
            let convs = items.map { converter(for: $0.type) }
            let labels = items.map(\.label)
            return { v in
                guard case .tuple(let tv) = v, tv.elements.count == items.count else {
                    throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to \(t.description)")
                }
                var els = tv.elements
                for i in 0..<els.count { if let c = convs[i] { els[i] = try c(els[i]) } }
                return .tuple(TupleStorage(els, labels: labels.contains { $0 != nil } ? labels : tv.labels))
            }
        case .function:
            return { v in
                switch v {
                case .function, .native, .structInstance, .object: return v
                default: throw RuntimeError(.typeError, "cannot convert a value of type \(v.typeName) to a function type")
                }
            }
        }
    }

    /// `value is T`.
    func typeCheck(for t: TypeRef) -> (Value) -> Bool {
        let interp = self.interp
        let localTypes = types
        switch t {
        case .named(let n, _):
            switch n {
            case "Int": return { if case .int = $0 { return true }; return false }
            case "Double": return { if case .double = $0 { return true }; return false }
            case "Float": return { if case .native(let f) = $0 { return f is FloatValue }; return false }
            case _ where IntegerKind(rawValue: n) != nil:
                return { if case .native(let s as SizedInt) = $0 { return s.kind.rawValue == n }; return false }
            case "String", "Character": return { if case .string = $0 { return true }; return false }
            case "Bool": return { if case .bool = $0 { return true }; return false }
            case "Set": return { if case .native(let n) = $0 { return n is SetValue }; return false }
            case "Any", "AnyObject": return { _ in true }
            case "Error":
                return { v in
                    switch v {
                    case .structInstance(let s): return s.type.conformances.contains("Error")
                    case .object(let o): return o.type.conformances.contains("Error")
                    case .enumCase(let e): return e.type.conformances.contains("Error")
                    case .native(let x): return x is ErrorValue
                    default: return false
                    }
                }
            default:
                return { v in
                    func matches(_ u: UserType) -> Bool {
                        u.name == n || u.conformances.contains(n) || u.ancestors.contains { $0.name == n }
                    }
                    switch v {
                    case .structInstance(let s): return matches(s.type)
                    case .object(let o): return matches(o.type)
                    case .enumCase(let e): return matches(e.type)
                    case .native(let x):
                        if let info = interp.nativeTypes[n], let isInst = info.isInstance { return isInst(v) }
                        return x.typeName == n
                    default:
                        _ = localTypes
                        return false
                    }
                }
            }
        case .optional(let inner):
            let c = typeCheck(for: inner)
            return { v in if case .none = v { return true }; return c(v.unwrapped ?? v) }
        case .array(let inner):
            let c = typeCheck(for: inner)
            return { v in if case .array(let xs) = v { return xs.allSatisfy(c) }; return false }
        case .dictionary: return { if case .dictionary = $0 { return true }; return false }
        case .tuple(let items): return { v in if case .tuple(let t) = v { return t.elements.count == items.count }; return false }
        case .function: return { if case .function = $0 { return true }; return false }
        }
    }
}
