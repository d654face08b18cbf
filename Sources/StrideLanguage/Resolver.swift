/// The resolver: walks a parsed cell once, builds scopes, gives every variable a slot
/// (or a global index for top-level names), marks variables that closures capture, and
/// reports static errors (undeclared name, redeclaration in one scope, assignment to a
/// `let`, `break` outside a loop) before anything runs.

/// What the resolver needs to know of a declared type: its member names.
struct TypeShape {
    var name: String
    var kind: TypeDeclKind
    var storedNames: [String] = []
    var letProperties: Set<String> = []
    var instanceMembers: Set<String> = []
    var staticMembers: Set<String> = []
    var mutatingMethods: Set<String> = []
    var caseNames: Set<String> = []
    /// Superclass and protocols: their members are members here too.
    var conformances: [String] = []
    /// The declared type of each stored property (for literals passed to the memberwise init).
    var storedTypes: [String: TypeRef?] = [:]

    init(decl: TypeDecl) {
        name = decl.name; kind = decl.kind; conformances = decl.conformances
        for p in decl.properties {
            if p.isStatic { staticMembers.insert(p.name); continue }
            instanceMembers.insert(p.name)
            if p.getter == nil && decl.kind != .protocolType { storedNames.append(p.name); storedTypes[p.name] = p.type }
            if p.isLet { letProperties.insert(p.name) }
        }
        for m in decl.methods {
            if m.isStatic { staticMembers.insert(m.name) } else { instanceMembers.insert(m.name) }
            if m.isMutating { mutatingMethods.insert(m.name) }
        }
        for c in decl.cases { caseNames.insert(c.name); staticMembers.insert(c.name) }
        if decl.kind == .enumType { instanceMembers.insert("rawValue") }
    }
    mutating func merge(_ ext: TypeDecl) {
        conformances.append(contentsOf: ext.conformances)
        for p in ext.properties {
            if p.isStatic { staticMembers.insert(p.name) } else { instanceMembers.insert(p.name) }
        }
        for m in ext.methods {
            if m.isStatic { staticMembers.insert(m.name) } else { instanceMembers.insert(m.name) }
            if m.isMutating { mutatingMethods.insert(m.name) }
        }
    }
}

/// Names that exist before any cell runs or that earlier cells declared.
struct GlobalEnvironment {
    var globals: [String: Int] = [:]
    var globalIsLet: [Int: Bool] = [:]
    var globalValueTyped: [Int: Bool] = [:]
    var globalTypes: [Int: TypeRef] = [:]
    var types: [String: TypeShape] = [:]
    var nativeNames: Set<String> = []
    var nativeTypes: Set<String> = []
    var nextGlobal = 0
    /// Extensions of builtin types (`extension Int { ... }`).
    var builtinExtensionShapes: [String: TypeShape] = [:]
    /// `typealias` targets by full name (`Card.Suits` for one declared in `Card`), already
    /// in terms of full type names.
    var typeAliases: [String: TypeRef] = [:]
}

/// Builtin types and protocols a program may extend; a value's own type comes first in
/// `builtinTypeNames`, then the protocols it conforms to.
let extensibleBuiltinTypes: Set<String> = [
    "Int", "Double", "String", "Bool", "Array", "Dictionary", "Set", "Character", "Substring", "Float",
    "Sequence", "Collection", "BidirectionalCollection", "RandomAccessCollection", "MutableCollection",
    "RangeReplaceableCollection", "StringProtocol", "BinaryInteger", "SignedInteger", "FixedWidthInteger",
    "Numeric", "SignedNumeric", "AdditiveArithmetic", "FloatingPoint", "BinaryFloatingPoint",
    "Comparable", "Equatable", "Hashable", "CustomStringConvertible", "Optional", "ClosedRange", "Range",
]

/// The builtin type and protocol names a value's extensions are filed under, most specific
/// first. Constant lists: method calls on builtin values read them on every call.
func builtinTypeNames(_ v: Value) -> [String] {
    switch v {
    case .int: return BuiltinConformances.int
    case .double: return BuiltinConformances.double
    case .string: return BuiltinConformances.string
    case .bool: return BuiltinConformances.bool
    case .array: return BuiltinConformances.array
    case .dictionary: return BuiltinConformances.dictionary
    case .range(let r): return r.closed ? BuiltinConformances.closedRange : BuiltinConformances.range
    case .native(let n) where n is SetValue: return BuiltinConformances.set
    case .none, .some: return BuiltinConformances.optional
    default: return []
    }
}

enum BuiltinConformances {
    static let collection = ["RandomAccessCollection", "BidirectionalCollection", "Collection", "Sequence"]
    static let int = ["Int", "FixedWidthInteger", "SignedInteger", "BinaryInteger", "SignedNumeric", "Numeric",
                      "AdditiveArithmetic", "Comparable", "Hashable", "Equatable", "CustomStringConvertible"]
    static let double = ["Double", "BinaryFloatingPoint", "FloatingPoint", "SignedNumeric", "Numeric",
                         "AdditiveArithmetic", "Comparable", "Hashable", "Equatable", "CustomStringConvertible"]
    static let string = ["String", "StringProtocol", "RangeReplaceableCollection", "BidirectionalCollection",
                         "Collection", "Sequence", "Comparable", "Hashable", "Equatable", "CustomStringConvertible"]
    static let bool = ["Bool", "Hashable", "Equatable", "CustomStringConvertible"]
    static let array = ["Array", "MutableCollection", "RangeReplaceableCollection"] + collection + ["Equatable"]
    static let dictionary = ["Dictionary", "Collection", "Sequence"]
    static let range = ["Range"] + collection
    static let closedRange = ["ClosedRange"] + collection
    static let set = ["Set", "Collection", "Sequence", "Hashable", "Equatable"]
    static let optional = ["Optional"]
}

/// The builtin type name that extensions of a value's type are filed under.
func builtinTypeName(_ v: Value) -> String? {
    switch v {
    case .int: return "Int"
    case .double: return "Double"
    case .string: return "String"
    case .bool: return "Bool"
    case .array: return "Array"
    case .dictionary: return "Dictionary"
    default: return nil
    }
}

final class FunctionScope {
    let parent: FunctionScope?
    let decl: FunctionDecl?
    var blocks: [[String: VarInfo]] = [[:]]
    var nextSlot = 0
    var captureMap: [ObjectIdentifier: Int] = [:]
    var captures: [(fromSlot: Int, toSlot: Int)] = []
    let typeShape: TypeShape?
    let isTopLevel: Bool
    /// Inside a non-mutating struct method, stored properties of `self` are read-only.
    let selfIsMutable: Bool
    var loopTargets: [(label: String?, id: Int, isLoop: Bool)] = []
    init(parent: FunctionScope?, decl: FunctionDecl?, typeShape: TypeShape?, isTopLevel: Bool, selfIsMutable: Bool) {
        self.parent = parent; self.decl = decl; self.typeShape = typeShape
        self.isTopLevel = isTopLevel; self.selfIsMutable = selfIsMutable
    }
    func allocate() -> Int { defer { nextSlot += 1 }; return nextSlot }
}

let builtinMutatingMethods: Set<String> = [
    "append", "insert", "remove", "removeAll", "removeLast", "removeFirst", "sort", "reverse",
    "shuffle", "popLast", "removeValue", "updateValue", "merge", "swapAt", "appendContentsOf",
    "removeSubrange", "replaceSubrange", "formUnion", "toggle", "negate", "subtract", "formIntersection",
    "formSymmetricDifference", "update",
]

struct Resolver {
    var env: GlobalEnvironment
    var cellGlobals: [String: VarInfo] = [:]
    var cellTypes: Set<String> = []
    var pendingTopLevelNames: Set<String> = []
    var scope: FunctionScope
    var nextTarget = 1
    /// Frames for property default values, keyed by the default expression.
    var defaultFrames: [ObjectIdentifier: FunctionDecl] = [:]
    let builtinNames: Set<String>
    /// The full names of the types whose declarations are being resolved, innermost last:
    /// a type name is looked up in each of them, then at the top level (`Rank` inside `Card`
    /// is `Card.Rank`).
    var typeContext: [String] = []
    /// The program's global functions, for typing the literals of their arguments.
    var userFunctionDecls: [String: FunctionDecl] = [:]

    init(env: GlobalEnvironment, builtinNames: Set<String>) {
        self.env = env
        self.builtinNames = builtinNames
        scope = FunctionScope(parent: nil, decl: nil, typeShape: nil, isTopLevel: true, selfIsMutable: true)
    }

    func error(_ kind: ErrorKind, _ msg: String, _ range: SourceRange) -> Diagnostic {
        Diagnostic(kind: kind, message: msg, range: range)
    }

    /// Resolves a whole cell; returns the frame size its top-level code needs.
    mutating func resolveCell(_ stmts: [Stmt]) throws -> Int {
        // Functions and types may be used before their declaration, as in a Swift file.
        for s in stmts {
            switch s.kind {
            case .typeAlias(let name, let target):
                let context = name.split(separator: ".").dropLast().joined(separator: ".")
                typeContext = context.isEmpty ? [] : [context]
                env.typeAliases[name] = canonical(target)
                typeContext = []
            case .function(let f): pendingTopLevelNames.insert(f.name); userFunctionDecls[f.name] = f
            case .type(let t):
                if t.kind == .extensionType {
                    if env.types[t.name] != nil { env.types[t.name]!.merge(t) }
                    else if extensibleBuiltinTypes.contains(t.name) {
                        if env.builtinExtensionShapes[t.name] != nil { env.builtinExtensionShapes[t.name]!.merge(t) }
                        else { env.builtinExtensionShapes[t.name] = TypeShape(decl: t) }
                    }
                } else {
                    if cellTypes.contains(t.name) { throw error(.syntaxError, "invalid redeclaration of '\(t.name)'", t.range) }
                    cellTypes.insert(t.name)
                    env.types[t.name] = TypeShape(decl: t)
                }
            case .variable(_, let p, _, _, _): collectNames(p).forEach { pendingTopLevelNames.insert($0) }
            default: break
            }
        }
        for s in stmts {
            if case .type(let t) = s.kind, t.kind == .extensionType, env.types[t.name] != nil, cellTypes.contains(t.name) {
                env.types[t.name]!.merge(t)
            }
        }
        try resolveStatements(stmts)
        return scope.nextSlot
    }

    func collectNames(_ p: Pattern) -> [String] {
        switch p.kind {
        case .binding(let n, _, _): return [n]
        case .tuple(let items): return items.flatMap { collectNames($0.pattern) }
        case .typed(let inner, _), .asType(let inner, _), .optionalSome(let inner): return collectNames(inner)
        case .enumCase(_, _, let args): return (args ?? []).flatMap { collectNames($0.pattern) }
        default: return []
        }
    }

    // MARK: Declarations

    /// Declares a variable in the innermost block (a global at the cell's top level).
    mutating func declare(_ name: String, isLet: Bool, range: SourceRange, type: TypeRef? = nil, valueTyped: Bool = false) throws -> VarInfo {
        let info = VarInfo(name: name, isLet: isLet, range: range)
        info.declaredType = type.map { canonical($0) }
        info.isValueTyped = valueTyped
        if name == "_" { info.slot = scope.allocate(); return info }
        if scope.isTopLevel && scope.blocks.count == 1 {
            if cellGlobals[name] != nil {
                throw error(.syntaxError, "invalid redeclaration of '\(name)'", range)
            }
            let index: Int
            if let existing = env.globals[name] { index = existing } else {
                index = env.nextGlobal; env.nextGlobal += 1; env.globals[name] = index
            }
            env.globalIsLet[index] = isLet
            env.globalValueTyped[index] = valueTyped
            env.globalTypes[index] = type
            info.globalIndex = index
            cellGlobals[name] = info
            return info
        }
        if scope.blocks[scope.blocks.count - 1][name] != nil {
            throw error(.syntaxError, "invalid redeclaration of '\(name)'", range)
        }
        info.slot = scope.allocate()
        scope.blocks[scope.blocks.count - 1][name] = info
        return info
    }

    mutating func pushBlock() { scope.blocks.append([:]) }
    mutating func popBlock() { scope.blocks.removeLast() }

    // MARK: Lookup

    /// Finds `name` in `fs` or its ancestors; returns the slot in `fs` holding it
    /// (capturing through every function in between) or nil.
    func lookupLocal(_ name: String, in fs: FunctionScope) -> VarInfo? {
        let limit = fs.isTopLevel ? 1 : 0
        var i = fs.blocks.count - 1
        while i >= limit {
            if let v = fs.blocks[i][name] { return v }
            i -= 1
        }
        return nil
    }

    /// Returns the binding for a local or captured variable, capturing as needed.
    mutating func resolveCaptured(_ name: String, from fs: FunctionScope) -> (VarInfo, Binding)? {
        if let v = lookupLocal(name, in: fs) { return (v, .local(slot: v.slot, isCell: v.isCaptured)) }
        guard let parent = fs.parent else { return nil }
        // A type's members shadow outer locals inside its methods.
        if fs.typeShape != nil && fs.decl?.isClosure == false { return nil }
        guard let (v, outer) = resolveCaptured(name, from: parent) else { return nil }
        guard case .local(let fromSlot, _) = outer else { return (v, outer) }
        v.isCaptured = true
        let key = ObjectIdentifier(v)
        if let slot = fs.captureMap[key] { return (v, .local(slot: slot, isCell: true)) }
        let slot = fs.allocate()
        fs.captureMap[key] = slot
        fs.captures.append((fromSlot, slot))
        return (v, .local(slot: slot, isCell: true))
    }

    /// The type whose method we are in (walking out through closures).
    func enclosingTypeScope() -> FunctionScope? {
        var s: FunctionScope? = scope
        while let c = s {
            if c.typeShape != nil { return c }
            s = c.parent
        }
        return nil
    }

    enum Lookup { case variable(VarInfo?, Binding), selfMember(TypeShape, isStatic: Bool), other(Binding) }

    /// Whether `shape` has `name`, declared or inherited from its superclass or protocols
    /// (their extensions' defaults included).
    func hasMember(_ shape: TypeShape, _ name: String, isStatic: Bool, depth: Int = 0) -> Bool {
        if isStatic ? shape.staticMembers.contains(name) : shape.instanceMembers.contains(name) { return true }
        guard depth < 16 else { return false }
        for c in shape.conformances {
            if let s = env.types[c] ?? env.builtinExtensionShapes[c], hasMember(s, name, isStatic: isStatic, depth: depth + 1) {
                return true
            }
        }
        return false
    }

    mutating func lookup(_ name: String, range: SourceRange) throws -> Lookup {
        if let (v, b) = resolveCaptured(name, from: scope) { return .variable(v, b) }
        // An operator used as a function (`map(+)`) is the global one, which reaches the
        // type's own `static func +` through its operands.
        let isOperator = name.unicodeScalars.first.map { !$0.properties.isXIDStart && $0 != "_" && $0 != "$" } ?? false
        if !isOperator, let ts = enclosingTypeScope(), let shape = ts.typeShape {
            let isStatic = ts.decl?.isStatic ?? false
            let instance = hasMember(shape, name, isStatic: false)
            if (!isStatic && instance) || hasMember(shape, name, isStatic: true) {
                if let (v, b) = resolveCaptured(name, from: scope) { return .variable(v, b) }
                return .selfMember(shape, isStatic: isStatic || !instance)
            }
        }
        if name == "Self", let t = enclosingTypeName() { return .other(.userType(t)) }
        // A type the program declares hides a library native of the same name (`class Dataset`).
        let isNative = env.nativeTypes.contains(name) || env.nativeNames.contains(name)
        if let qualified = qualifiedTypeName(name),
           qualified != name || cellGlobals[name] == nil && (env.globals[name] == nil || isNative) {
            return .other(.userType(qualified))
        }
        if let v = cellGlobals[name] { return .variable(v, .global(v.globalIndex)) }
        if let idx = env.globals[name] { return .variable(nil, .global(idx)) }
        if let alias = aliasTarget(name) {
            // `typealias Money = Double; Money(3)`: the aliased type's name.
            if case .named(let target, _) = alias { return try lookup(target, range: range) }
            return .other(.builtin(alias.description))
        }
        if pendingTopLevelNames.contains(name) {
            // Declared later in this cell at the top level: usable from functions, and
            // functions from anywhere.
            let index: Int
            if let existing = env.globals[name] { index = existing } else {
                index = env.nextGlobal; env.nextGlobal += 1; env.globals[name] = index
            }
            return .variable(nil, .global(index))
        }
        if env.nativeTypes.contains(name) || env.nativeNames.contains(name) { return .other(.nativeValue(name)) }
        if builtinNames.contains(name) { return .other(.builtin(name)) }
        // Inside an extension of a builtin type or protocol, other names are the value's own
        // members (`split(separator:)` in `extension String`).
        if let ts = enclosingTypeScope(), let shape = ts.typeShape, shape.kind == .extensionType,
           env.types[shape.name] == nil, !(ts.decl?.isStatic ?? false) {
            return .selfMember(shape, isStatic: false)
        }
        var message = "cannot find '\(name)' in scope"
        if let suggestion = suggest(name) { message += "; did you mean '\(suggestion)'?" }
        throw error(.nameError, message, range)
    }

    // MARK: Type names

    /// The full name of the user type `name` means here: a type nested in one of the
    /// enclosing types first (innermost first), then a top-level one.
    func qualifiedTypeName(_ name: String) -> String? {
        for context in typeContextChain() where env.types[context + "." + name] != nil { return context + "." + name }
        return env.types[name] != nil ? name : nil
    }

    /// The alias `name` means here, if it is one.
    func aliasTarget(_ name: String) -> TypeRef? {
        for context in typeContextChain() { if let t = env.typeAliases[context + "." + name] { return t } }
        return env.typeAliases[name]
    }

    /// `A.B.C`, `A.B`, `A` for the innermost type being resolved `A.B.C`, then its outer ones.
    func typeContextChain() -> [String] {
        var chain: [String] = []
        for context in typeContext.reversed() {
            var parts = context.split(separator: ".").map(String.init)
            while !parts.isEmpty {
                let name = parts.joined(separator: ".")
                if !chain.contains(name) { chain.append(name) }
                parts.removeLast()
            }
        }
        return chain
    }

    /// The type whose declaration is being resolved (what `Self` names).
    func enclosingTypeName() -> String? { typeContext.last }

    /// A written type in terms of full type names, with aliases replaced by what they name.
    func canonical(_ t: TypeRef, depth: Int = 0) -> TypeRef {
        guard depth < 32 else { return t }
        switch t {
        case .named(let n, let args):
            let a = args.map { canonical($0, depth: depth + 1) }
            if n == "Self", let own = enclosingTypeName() { return .named(own, a) }
            if let alias = aliasTarget(n) { return canonical(alias, depth: depth + 1) }
            if let q = qualifiedTypeName(n) { return .named(q, a) }
            return .named(n, a)
        case .optional(let x): return .optional(canonical(x, depth: depth + 1))
        case .array(let x): return .array(canonical(x, depth: depth + 1))
        case .dictionary(let k, let v): return .dictionary(canonical(k, depth: depth + 1), canonical(v, depth: depth + 1))
        case .tuple(let items): return .tuple(items.map { ($0.label, canonical($0.type, depth: depth + 1)) })
        case .function(let ps, let r): return .function(ps.map { canonical($0, depth: depth + 1) }, canonical(r, depth: depth + 1))
        }
    }

    /// The closest known name, for "did you mean" hints.
    func suggest(_ name: String) -> String? {
        var candidates = Set(env.globals.keys).union(cellGlobals.keys).union(builtinNames).union(env.types.keys).union(env.nativeNames).union(env.nativeTypes)
        var s: FunctionScope? = scope
        while let c = s { for b in c.blocks { candidates.formUnion(b.keys) }; s = c.parent }
        var best: (String, Int)?
        for c in candidates {
            let d = editDistance(name, c)
            // Ties go to the alphabetically first name, so the hint is the same on every run.
            if d <= max(1, name.count / 3), best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
        }
        return best?.0
    }
}

func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev = Array(0...y.count)
    for i in 1...x.count {
        var cur = [i] + Array(repeating: 0, count: y.count)
        for j in 1...y.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return prev[y.count]
}
