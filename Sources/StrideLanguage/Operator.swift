/// The operators of the language as types, from the parser through the compiler and the
/// runtime to the natives: a `switch` over them is checked for exhaustiveness, and no hot path
/// compares operator strings.

/// An infix operator: `a + b`, `a ?? b`, `a ..< b`, or one the program declares.
public enum BinaryOperator: Hashable, Sendable, CustomStringConvertible {
    case add, subtract, multiply, divide, remainder
    case wrappingAdd, wrappingSubtract, wrappingMultiply
    case bitwiseAnd, bitwiseOr, bitwiseXor, shiftLeft, shiftRight
    case equal, notEqual, identical, notIdentical
    case less, lessOrEqual, greater, greaterOrEqual
    case logicalAnd, logicalOr, nilCoalescing
    case halfOpenRange, closedRange
    /// An operator declared with `infix operator`, by its spelling.
    case custom(String)

    /// The built-in operators by spelling.
    static let builtins: [String: BinaryOperator] = {
        let all: [BinaryOperator] = [
            .add, .subtract, .multiply, .divide, .remainder, .wrappingAdd, .wrappingSubtract, .wrappingMultiply,
            .bitwiseAnd, .bitwiseOr, .bitwiseXor, .shiftLeft, .shiftRight, .equal, .notEqual, .identical,
            .notIdentical, .less, .lessOrEqual, .greater, .greaterOrEqual, .logicalAnd, .logicalOr,
            .nilCoalescing, .halfOpenRange, .closedRange,
        ]
        return Dictionary(uniqueKeysWithValues: all.map { ($0.symbol, $0) })
    }()

    /// The operator spelled `symbol`: a built-in one, or a custom one.
    public init(symbol: String) { self = BinaryOperator.builtins[symbol] ?? .custom(symbol) }

    public var symbol: String {
        switch self {
        case .add: return "+"
        case .subtract: return "-"
        case .multiply: return "*"
        case .divide: return "/"
        case .remainder: return "%"
        case .wrappingAdd: return "&+"
        case .wrappingSubtract: return "&-"
        case .wrappingMultiply: return "&*"
        case .bitwiseAnd: return "&"
        case .bitwiseOr: return "|"
        case .bitwiseXor: return "^"
        case .shiftLeft: return "<<"
        case .shiftRight: return ">>"
        case .equal: return "=="
        case .notEqual: return "!="
        case .identical: return "==="
        case .notIdentical: return "!=="
        case .less: return "<"
        case .lessOrEqual: return "<="
        case .greater: return ">"
        case .greaterOrEqual: return ">="
        case .logicalAnd: return "&&"
        case .logicalOr: return "||"
        case .nilCoalescing: return "??"
        case .halfOpenRange: return "..<"
        case .closedRange: return "..."
        case .custom(let s): return s
        }
    }

    public var description: String { symbol }

    /// `<`, `<=`, `>`, `>=` as an ordering, for the comparison fast paths.
    var ordering: Ordering? {
        switch self {
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        default: return nil
        }
    }

    var isRange: Bool { self == .halfOpenRange || self == .closedRange }
}

/// A prefix operator: `-x`, `!b`, `~i`, `..<n`, `...n`, or one the program declares.
public enum PrefixOperator: Hashable, Sendable, CustomStringConvertible {
    case negate, plus, not, bitwiseNot, upTo, through
    /// An operator declared with `prefix operator`, by its spelling.
    case custom(String)

    public init(symbol: String) {
        switch symbol {
        case "-": self = .negate
        case "+": self = .plus
        case "!": self = .not
        case "~": self = .bitwiseNot
        case "..<": self = .upTo
        case "...": self = .through
        default: self = .custom(symbol)
        }
    }

    public var symbol: String {
        switch self {
        case .negate: return "-"
        case .plus: return "+"
        case .not: return "!"
        case .bitwiseNot: return "~"
        case .upTo: return "..<"
        case .through: return "..."
        case .custom(let s): return s
        }
    }

    public var description: String { symbol }
}

/// `=` or a compound assignment `op=`.
enum AssignmentOperator: Hashable, CustomStringConvertible {
    case assign
    case compound(BinaryOperator)

    /// The assignment spelled `symbol` (`=`, `+=`, `&+=` ...), or nil for another token.
    init?(symbol: String) {
        if symbol == "=" { self = .assign; return }
        guard symbol.count > 1, symbol.hasSuffix("="), !["==", "!=", "<=", ">=", "===", "!=="].contains(symbol)
        else { return nil }
        let op = BinaryOperator(symbol: String(symbol.dropLast()))
        switch op {
        case .equal, .notEqual, .identical, .notIdentical, .less, .lessOrEqual, .greater, .greaterOrEqual,
             .logicalAnd, .logicalOr, .halfOpenRange, .closedRange:
            return nil
        default: self = .compound(op)
        }
    }

    var symbol: String {
        switch self {
        case .assign: return "="
        case .compound(let op): return op.symbol + "="
        }
    }

    var description: String { symbol }
}
