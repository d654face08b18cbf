/// The syntax tree. Every node carries its source range; the resolver writes its findings
/// (bindings, slots, captures) into the nodes, and the compiler reads them.

/// A type annotation as written: `Int`, `[Double]`, `[String: Int]`, `Int?`, `(Int, Int)`.
indirect enum TypeRef: Equatable {
    case named(String, [TypeRef])
    case optional(TypeRef)
    case array(TypeRef)
    case dictionary(TypeRef, TypeRef)
    case tuple([(label: String?, type: TypeRef)])
    case function([TypeRef], TypeRef)

    static func == (a: TypeRef, b: TypeRef) -> Bool { a.description == b.description }

    var description: String {
        switch self {
        case .named(let n, let args): return args.isEmpty ? n : "\(n)<\(args.map(\.description).joined(separator: ", "))>"
        case .optional(let t): return "\(t.description)?"
        case .array(let t): return "[\(t.description)]"
        case .dictionary(let k, let v): return "[\(k.description): \(v.description)]"
        case .tuple(let items):
            return "(" + items.map { ($0.label.map { "\($0): " } ?? "") + $0.type.description }.joined(separator: ", ") + ")"
        case .function(let ps, let r): return "(\(ps.map(\.description).joined(separator: ", "))) -> \(r.description)"
        }
    }
}

/// One argument at a call site.
struct Argument {
    var label: String?
    var value: Expr
    var isInout: Bool = false
    var isTrailingClosure: Bool = false
}

/// A piece of an interpolated string literal.
enum StringSegment {
    case text(String)
    case expr(Expr)
}

/// How a name was resolved.
enum Binding {
    case local(slot: Int, isCell: Bool)
    case global(Int)
    case selfMember(String)        // an implicit `self.name` inside a type's method
    case builtin(String)           // print, min, Int, Double ...
    case userType(String)          // a struct/class/enum declared by the user
    case nativeValue(String)       // a global defined by the host (defineGlobal/defineNative/defineNativeType)
}

final class Expr {
    var kind: ExprKind
    var range: SourceRange
    var binding: Binding?
    /// The operator or member-name token, where errors of this node point.
    var opRange: SourceRange?
    /// For names bound to a variable declared in this cell: its declaration.
    var varInfo: VarInfo?
    /// A call that a declared operator stands for (`a ** b`): its function may be any
    /// overload the program declares, or a static method of an operand's type.
    var isOperatorCall = false
    init(_ kind: ExprKind, _ range: SourceRange, op: SourceRange? = nil) { self.kind = kind; self.range = range; self.opRange = op }

    /// `.name` or `.name(...)`.
    var isImplicitMember: Bool {
        switch kind {
        case .implicitMember: return true
        case .call(let callee, _): if case .implicitMember = callee.kind { return true }; return false
        default: return false
        }
    }

    /// The frame slot of a local variable this name reads, and whether it holds the variable's
    /// cell. Decided when compiling, not when the name was resolved: a closure later in the
    /// function may capture the variable after this use of it was resolved.
    var localSlot: (slot: Int, isCell: Bool)? {
        guard case .local(let slot, let isCell)? = binding else { return nil }
        if !isCell, let v = varInfo, v.isCaptured, v.slot == slot { return (slot, true) }
        return (slot, isCell)
    }
}

indirect enum ExprKind {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string([StringSegment])
    case nilLiteral
    case name(String)
    case selfRef
    case implicitMember(String)              // `.same`
    case array([Expr])
    case dictionary([(Expr, Expr)])
    case tuple([(label: String?, value: Expr)])
    case closure(FunctionDecl)
    case call(Expr, [Argument])
    case subscriptCall(Expr, [Argument])
    case member(Expr, String)
    case tupleIndex(Expr, Int)
    case optionalUnwrapInChain(Expr)         // `a?` inside an optional chain
    case optionalChain(Expr)                 // the whole chain: nil if any link was nil
    case forceUnwrap(Expr)
    case prefix(PrefixOperator, Expr)
    case postfixRange(Expr)                  // `a...`
    case binary(BinaryOperator, Expr, Expr)
    case assign(AssignmentOperator, Expr, Expr)   // `=`, `+=`, ...
    case ternary(Expr, Expr, Expr)
    case cast(Expr, String, TypeRef)         // "is", "as", "as?", "as!"
    case tryExpr(String, Expr)               // "try", "try?", "try!"
    case typeExpr(TypeRef)                   // `[Int]` or `[String: Int]` used as a constructor
    case lazyValue(Expr)                     // `lazy var x = e`: a closure `{ e }` run at the first read
    case superRef(String)                    // `super`; the resolver fills in the enclosing type's name
    case bigInt(UInt64)                      // an integer literal beyond Int (a UInt64)
    case magic(String)                       // `#line` as a default (the caller's), `#function` at the top level, `#file`
    case keyPath([String])                   // `\.name.count`, `\Person.age`: the member path
}

/// A pattern in `case`, `catch`, `let (a, b) = ...` and `for (i, x) in ...`.
final class Pattern {
    var kind: PatternKind
    var range: SourceRange
    init(_ kind: PatternKind, _ range: SourceRange) { self.kind = kind; self.range = range }
}

indirect enum PatternKind {
    case wildcard
    case binding(name: String, isLet: Bool, decl: VarInfo?)    // decl set by the resolver
    case tuple([(label: String?, pattern: Pattern)])
    case expression(Expr)
    case enumCase(type: String?, name: String, args: [(label: String?, pattern: Pattern)]?)
    case isType(TypeRef)
    case asType(Pattern, TypeRef)
    case optionalSome(Pattern)                    // `let x?`
    case typed(Pattern, TypeRef)                  // `let x: Int` in declarations
}

/// Everything the resolver knows of one variable.
final class VarInfo {
    let name: String
    let isLet: Bool
    var slot: Int = -1
    var globalIndex: Int = -1
    var isCaptured = false
    var declaredType: TypeRef?
    /// Known to hold a value type (struct, array, literal): mutation through a `let` is an error.
    var isValueTyped = false
    /// `lazy var`: the variable holds a thunk until its first read.
    var isLazy = false
    let range: SourceRange
    init(name: String, isLet: Bool, range: SourceRange) { self.name = name; self.isLet = isLet; self.range = range }
}

struct Parameter {
    var label: String?          // nil means `_`
    var name: String
    var type: TypeRef?
    var defaultValue: Expr?
    var isInout = false
    var isVariadic = false
    var range: SourceRange
    var info: VarInfo?
}

/// A function, method, initializer or closure.
final class FunctionDecl {
    var name: String
    var params: [Parameter]
    var returnType: TypeRef?
    var body: [Stmt]
    var range: SourceRange
    var nameRange: SourceRange
    var doc: String?
    var isMutating = false
    var isStatic = false
    var throwsErrors = false
    var isClosure = false
    var isInit = false
    /// `convenience init`: delegates to another initializer of its own type.
    var isConvenience = false
    var isOverride = false
    /// `init?`: `return nil` makes the construction nil; otherwise the instance is Optional.
    var isFailable = false
    /// Set by the resolver.
    var frameSize = 0
    var captures: [(fromSlot: Int, toSlot: Int)] = []
    var selfSlot: Int? = nil
    var dollarCount = 0
    /// The variable a function declaration is stored in.
    var localInfo: VarInfo?
    init(name: String, params: [Parameter], returnType: TypeRef?, body: [Stmt], range: SourceRange, nameRange: SourceRange) {
        self.name = name; self.params = params; self.returnType = returnType; self.body = body
        self.range = range; self.nameRange = nameRange
    }

    /// `name(label:label:)`-style signature for inspection and tracebacks.
    var signature: String {
        let ps = params.map { p -> String in
            var s = (p.label == p.name ? p.name : "\(p.label ?? "_") \(p.name)")
            s += ": " + (p.isInout ? "inout " : "") + (p.type?.description ?? "Any") + (p.isVariadic ? "..." : "")
            return s
        }
        var s = (isInit ? "init" : "func \(name)") + "(\(ps.joined(separator: ", ")))"
        if throwsErrors { s += " throws" }
        if let r = returnType { s += " -> \(r.description)" }
        return s
    }
}

enum TypeDeclKind: String { case structType = "struct", classType = "class", protocolType = "protocol", enumType = "enum", extensionType = "extension" }

/// A property declared in a type: stored (with an optional default) or computed.
struct PropertyDecl {
    var name: String
    var isLet: Bool
    var type: TypeRef?
    var defaultValue: Expr?
    var getter: FunctionDecl?
    var setter: FunctionDecl?
    var isStatic: Bool
    var range: SourceRange
    var doc: String?
    /// `lazy var`: the default is evaluated on first use, with `self` available.
    var isLazy = false
    /// Property observers: `willSet` takes the new value, `didSet` the old one.
    var willSet: FunctionDecl?
    var didSet: FunctionDecl?
    /// A lazy property's default as a method of the type (set by the resolver).
    var lazyInitializer: FunctionDecl?
}

/// `subscript(i: Int) -> T { get { } set { } }`: the getter takes the subscript's
/// parameters; the setter takes them and then the new value.
struct SubscriptDecl {
    var getter: FunctionDecl
    var setter: FunctionDecl?
    var isStatic: Bool
    var range: SourceRange
}

struct EnumCaseDecl {
    var name: String
    var params: [(label: String?, type: TypeRef)]
    var rawValue: Expr?
    var range: SourceRange
}

final class TypeDecl {
    var kind: TypeDeclKind
    /// The full name: `Card.Rank` for a type nested in `Card` (what the program's code and
    /// the runtime use as its key); `shortName` is `Rank`.
    var name: String
    let shortName: String
    var conformances: [String]
    var properties: [PropertyDecl] = []
    var methods: [FunctionDecl] = []
    var initializers: [FunctionDecl] = []
    var cases: [EnumCaseDecl] = []
    var subscripts: [SubscriptDecl] = []
    /// Types declared inside this one (moved to the top level, with full names, before resolving).
    var nestedTypes: [TypeDecl] = []
    var typeAliases: [(name: String, type: TypeRef, range: SourceRange)] = []
    /// `struct Stack<Element>`: the names of the generic parameters.
    var genericParameters: [String] = []
    var deinitializer: FunctionDecl?
    /// `indirect enum`, or an enum with an `indirect case`.
    var isIndirect = false
    var range: SourceRange
    var doc: String?
    init(kind: TypeDeclKind, name: String, conformances: [String], range: SourceRange) {
        self.kind = kind; self.name = name; self.shortName = name; self.conformances = conformances; self.range = range
    }
}

enum Condition {
    case expr(Expr)
    case optionalBinding(Pattern, Expr)     // `let x = e` / `var x = e`
    case casePattern(Pattern, Expr)         // `case .a(let x) = e`
}

struct SwitchCase {
    var patterns: [Pattern]       // empty for `default`
    var guardExpr: Expr?
    var body: [Stmt]
    var range: SourceRange
}

struct CatchClause {
    var pattern: Pattern?
    var guardExpr: Expr?
    var body: [Stmt]
    var range: SourceRange
    var errorVar: VarInfo?        // the implicit `error` when there is no pattern
}

final class Stmt {
    var kind: StmtKind
    var range: SourceRange
    /// For loops and switches: the identity break/continue use.
    var targetID = 0
    init(_ kind: StmtKind, _ range: SourceRange) { self.kind = kind; self.range = range }
}

indirect enum StmtKind {
    case expr(Expr)
    case variable(isLet: Bool, pattern: Pattern, type: TypeRef?, value: Expr?, doc: String?)
    case function(FunctionDecl)
    case type(TypeDecl)
    case ifStmt([Condition], [Stmt], Stmt?)
    case guardStmt([Condition], [Stmt])
    case whileStmt(label: String?, [Condition], [Stmt])
    case repeatStmt(label: String?, [Stmt], Expr)
    case forIn(label: String?, Pattern, Expr, whereExpr: Expr?, [Stmt])
    case switchStmt(label: String?, Expr, [SwitchCase])
    case breakStmt(String?, target: Int)
    case continueStmt(String?, target: Int)
    case fallthroughStmt
    case returnStmt(Expr?)
    case throwStmt(Expr)
    case doStmt(label: String?, [Stmt], [CatchClause])
    case deferStmt([Stmt])
    case block([Stmt])
    case importStmt
    /// `typealias Name = Type` (the name is full for one declared inside a type).
    case typeAlias(String, TypeRef)
}
