/// The operators of the language as types, from the parser through the compiler and the
/// runtime to the natives: a `switch` over them is checked for exhaustiveness, and no hot path
/// compares operator strings.

/// A built-in infix operator: `a + b`, `a ?? b`, `a ..< b`. A plain enum without payloads, so
/// a compiled closure captures it as one byte. (An operator the program declares is a call
/// of its function, not one of these.)
public enum BinaryOperator: Hashable, Sendable, CustomStringConvertible, CaseIterable {
    case add, subtract, multiply, divide, remainder
    case wrappingAdd, wrappingSubtract, wrappingMultiply
    case bitwiseAnd, bitwiseOr, bitwiseXor, shiftLeft, shiftRight
    case equal, notEqual, identical, notIdentical
    case less, lessOrEqual, greater, greaterOrEqual
    case logicalAnd, logicalOr, nilCoalescing
    case halfOpenRange, closedRange

    /// The operators by spelling.
    static let bySymbol: [String: BinaryOperator] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.symbol, $0) })

    /// The built-in operator spelled `symbol`, if there is one.
    public init?(symbol: String) {
        guard let op = BinaryOperator.bySymbol[symbol] else { return nil }
        self = op
    }

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
    /// `&&`, `||`, `??` and ranges: their right side is not simply evaluated with the left.
    var isShortCircuit: Bool { self == .logicalAnd || self == .logicalOr || self == .nilCoalescing || isRange }
}

/// A built-in prefix operator: `-x`, `!b`, `~i`, `..<n`, `...n`.
public enum PrefixOperator: Hashable, Sendable, CustomStringConvertible {
    case negate, plus, not, bitwiseNot, upTo, through

    /// The built-in prefix operator spelled `symbol`, if there is one.
    public init?(symbol: String) {
        switch symbol {
        case "-": self = .negate
        case "+": self = .plus
        case "!": self = .not
        case "~": self = .bitwiseNot
        case "..<": self = .upTo
        case "...": self = .through
        default: return nil
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
        guard let op = BinaryOperator(symbol: String(symbol.dropLast())) else { return nil }
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
