/// Types as Swift names them when it prints a value: a generic struct alone prints as
/// `Stack<Int>(items: [1])`, inside another value as `prog.Stack<Swift.Int>(items: [1])`, so
/// an instance of a generic type keeps its generic arguments.
enum TypeNames {
    /// Swift's own types, which print as `Swift.Int` when printed in full.
    static let standardLibraryTypes: Set<String> = [
        "Int", "Double", "Float", "String", "Bool", "Character", "Substring", "UInt", "UInt8", "UInt16", "UInt32",
        "UInt64", "Int8", "Int16", "Int32", "Int64", "Array", "Dictionary", "Set", "Optional", "Range", "ClosedRange",
    ]

    /// `t` as Swift prints it: alone (`Array<Int>`), or in full (`Swift.Array<Swift.Int>`,
    /// `prog.Card.Rank`) where Swift qualifies names.
    static func display(_ t: TypeRef, qualified: Bool, module: String?) -> String {
        func show(_ t: TypeRef) -> String { display(t, qualified: qualified, module: module) }
        func generic(_ name: String, _ args: [TypeRef]) -> String {
            let base: String
            if standardLibraryTypes.contains(name) {
                base = qualified ? "Swift." + name : name
            } else if qualified {
                base = module.map { $0 + "." + name } ?? name
            } else {
                base = String(name.split(separator: ".").last ?? Substring(name))
            }
            return args.isEmpty ? base : base + "<" + args.map(show).joined(separator: ", ") + ">"
        }
        switch t {
        case .named(let n, let args): return generic(n, args)
        case .array(let e): return generic("Array", [e])
        case .optional(let e): return generic("Optional", [e])
        case .dictionary(let k, let v): return generic("Dictionary", [k, v])
        case .tuple(let items): return "(" + items.map { ($0.label.map { $0 + ": " } ?? "") + show($0.type) }.joined(separator: ", ") + ")"
        case .function(let ps, let r): return "(" + ps.map(show).joined(separator: ", ") + ") -> " + show(r)
        }
    }

    /// The type of a value, as far as the value shows it (nil for an empty collection).
    static func type(of v: Value) -> TypeRef? {
        switch v {
        case .int: return .named("Int", [])
        case .double: return .named("Double", [])
        case .string: return .named("String", [])
        case .bool: return .named("Bool", [])
        case .array(let xs): return xs.first.flatMap(type(of:)).map { .array($0) }
        case .dictionary(let d):
            guard let k = d.keys.first.flatMap(type(of:)), let w = d.values.first.flatMap(type(of:)) else { return nil }
            return .dictionary(k, w)
        case .some(let x): return type(of: x).map { .optional($0) }
        case .structInstance(let s): return .named(s.type.name, s.genericArguments)
        case .object(let o): return .named(o.type.name, o.genericArguments)
        case .enumCase(let e): return .named(e.type.name, [])
        case .tuple(let t):
            var items: [(label: String?, type: TypeRef)] = []
            for (i, e) in t.elements.enumerated() {
                guard let et = type(of: e) else { return nil }
                items.append((t.labels[i], et))
            }
            return .tuple(items)
        default: return nil
        }
    }

    /// The generic arguments of a new instance of a generic type, read off its properties'
    /// values where a property's declared type uses a generic parameter (`var items: [T]`
    /// holding `[1, 2]` makes `T` an `Int`). Empty unless every parameter is found.
    static func inferArguments(of u: UserType, fields: [Value]) -> [TypeRef] {
        let params = u.decl.genericParameters
        guard !params.isEmpty else { return [] }
        var bound: [String: TypeRef] = [:]
        func unify(_ declared: TypeRef, _ v: Value) {
            switch (declared, v) {
            case (.named(let n, let args), _) where args.isEmpty && params.contains(n):
                if bound[n] == nil, let t = type(of: v) { bound[n] = t }
            case (.array(let e), .array(let xs)): if let x = xs.first { unify(e, x) }
            case (.optional(let e), .some(let x)): unify(e, x)
            case (.dictionary(let k, let w), .dictionary(let d)):
                if let key = d.keys.first, let value = d.values.first { unify(k, key); unify(w, value) }
            case (.tuple(let items), .tuple(let t)) where items.count == t.elements.count:
                for (i, item) in items.enumerated() { unify(item.type, t.elements[i]) }
            default: break
            }
        }
        for p in u.decl.properties where !p.isStatic && p.getter == nil {
            guard let declared = p.type, let i = u.storedIndex[p.name], i < fields.count else { continue }
            unify(declared, fields[i])
        }
        let args = params.compactMap { bound[$0] }
        return args.count == params.count ? args : []
    }
}
