/// How values print: `description` is what `print` shows, `debugDescription` what a cell
/// result and `debugPrint` show (strings quoted). Both follow Swift's own formats.
extension Value: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String { format(self, debug: false) }
    public var debugDescription: String { format(self, debug: true) }

    /// The name of the value's type, as error messages and `type(of:)` show it.
    public var typeName: String {
        switch self {
        case .void: return "Void"
        case .none: return "Optional"
        case .int: return "Int"
        case .double: return "Double"
        case .bool: return "Bool"
        case .string: return "String"
        case .array(let a):
            if let first = a.first { return "Array<\(first.typeName)>" }
            return "Array"
        case .some(let v): return "Optional<\(v.typeName)>"
        case .dictionary: return "Dictionary"
        case .tuple(let t): return "(" + t.elements.map(\.typeName).joined(separator: ", ") + ")"
        case .range(let r): return r.isStride ? "StrideTo<Int>" : (r.closed ? "ClosedRange<Int>" : "Range<Int>")
        case .function: return "Function"
        case .structInstance(let s): return s.type.shortName
        case .object(let o): return o.type.shortName
        case .enumCase(let e): return e.type.shortName
        case .native(let n): return n.typeName
        case .symbol(let s): return "." + s.name
        case .type(let t): return "\(t.name).Type"
        case .cell(let c): return c.value.typeName
        }
    }
}

private func formatDouble(_ d: Double) -> String { d.description }

func format(_ v: Value, debug: Bool) -> String {
    switch v {
    case .void: return "()"
    case .none: return "nil"
    case .int(let i): return String(i)
    case .double(let d): return formatDouble(d)
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return debug ? s.debugDescription : s
    case .array(let a): return "[" + a.map { format($0, debug: true) }.joined(separator: ", ") + "]"
    case .some(let inner): return "Optional(\(format(inner, debug: true)))"
    case .dictionary(let d):
        if d.count == 0 { return "[:]" }
        var parts: [String] = []
        parts.reserveCapacity(d.count)
        for i in 0..<d.count { parts.append(format(d.keys[i], debug: true) + ": " + format(d.values[i], debug: true)) }
        return "[" + parts.joined(separator: ", ") + "]"
    case .tuple(let t):
        var parts: [String] = []
        for (i, e) in t.elements.enumerated() {
            let label = i < t.labels.count ? t.labels[i] : nil
            parts.append((label.map { "\($0): " } ?? "") + format(e, debug: true))
        }
        return "(" + parts.joined(separator: ", ") + ")"
    case .range(let r):
        if let (a, b, s) = r.doubleBounds {
            if r.isStride { return "stride(from: \(formatDouble(a)), \(r.closed ? "through" : "to"): \(formatDouble(b)), by: \(formatDouble(s)))" }
            return "\(formatDouble(a))\(r.closed ? "..." : "..<")\(formatDouble(b))"
        }
        if r.isStride {
            return "stride(from: \(r.lower ?? 0), \(r.closed ? "through" : "to"): \(r.upper ?? 0), by: \(r.step))"
        }
        return (r.lower.map(String.init) ?? "") + (r.closed ? "..." : "..<") + (r.upper.map(String.init) ?? "")
    case .function: return "(Function)"
    // Swift prints a struct alone by its short name and inside another value (or in
    // `debugPrint`) by its full name; an enum case alone by the case and inside another value
    // after its type's full name; a class always by its full name.
    case .structInstance(let s):
        if let custom = s.type.customDescription(of: v) { return custom }
        var parts: [String] = []
        for (i, name) in s.type.storedNames.enumerated() where i < s.fields.count {
            parts.append("\(name): " + format(s.fields[i], debug: true))
        }
        return typeDisplayName(s.type, s.genericArguments, qualified: debug) + "(" + parts.joined(separator: ", ") + ")"
    case .object(let o):
        if let custom = o.type.customDescription(of: v) { return custom }
        return typeDisplayName(o.type, o.genericArguments, qualified: true)
    case .enumCase(let e):
        if let custom = e.type.customDescription(of: v) { return custom }
        let caseName = debug ? e.type.qualifiedName + "." + e.caseName : e.caseName
        if e.payload.isEmpty { return caseName }
        var parts: [String] = []
        for (i, p) in e.payload.enumerated() {
            let label = i < e.labels.count ? e.labels[i] : nil
            parts.append((label.map { "\($0): " } ?? "") + format(p, debug: true))
        }
        return caseName + "(" + parts.joined(separator: ", ") + ")"
    case .native(let n): return n.description
    case .symbol(let s):
        // `.plus` where the program's one enum with that case was meant: printed as that case.
        if let e = ImplicitMembers.enumCase(for: s) { return format(e, debug: debug) }
        if s.arguments.isEmpty { return "." + s.name }
        return "." + s.name + "(" + s.arguments.map { ($0.label.map { "\($0): " } ?? "") + format($0.value, debug: true) }.joined(separator: ", ") + ")"
    case .type(let t):
        guard let u = t.user else { return t.name }
        return typeDisplayName(u, t.genericArguments, qualified: false)
    case .cell(let c): return format(c.value, debug: debug)
    }
}

/// A user type's name as Swift prints it: short (`Stack<Int>`) or in full with its module
/// (`prog.Stack<Swift.Int>`).
func typeDisplayName(_ u: UserType, _ genericArguments: [TypeRef], qualified: Bool) -> String {
    let base = qualified ? u.qualifiedName : u.shortName
    guard !genericArguments.isEmpty else { return base }
    let module = u.runtime?.interpreter.moduleName
    return base + "<" + genericArguments.map { TypeNames.display($0, qualified: qualified, module: module) }.joined(separator: ", ") + ">"
}
