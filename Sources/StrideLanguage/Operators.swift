/// Arithmetic, comparison and logic on values. Int arithmetic reports overflow as an
/// `ArithmeticError`; Int mixes with Double by promotion.

@inline(__always) func overflow(_ op: BinaryOperator, _ a: Int, _ b: Int) -> RuntimeError {
    RuntimeError(.arithmeticError, "integer overflow in \(a) \(op) \(b)")
}

func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
        switch op {
        case .add: let (r, o) = x.addingReportingOverflow(y); if o { throw overflow(op, x, y) }; return .int(r)
        case .subtract: let (r, o) = x.subtractingReportingOverflow(y); if o { throw overflow(op, x, y) }; return .int(r)
        case .multiply: let (r, o) = x.multipliedReportingOverflow(by: y); if o { throw overflow(op, x, y) }; return .int(r)
        case .divide:
            if y == 0 { throw RuntimeError(.arithmeticError, "division by zero") }
            let (r, o) = x.dividedReportingOverflow(by: y); if o { throw overflow(op, x, y) }; return .int(r)
        case .remainder:
            if y == 0 { throw RuntimeError(.arithmeticError, "division by zero in remainder") }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y); if o { throw overflow(op, x, y) }; return .int(r)
        case .wrappingAdd: return .int(x &+ y)
        case .wrappingSubtract: return .int(x &- y)
        case .wrappingMultiply: return .int(x &* y)
        case .bitwiseAnd: return .int(x & y)
        case .bitwiseOr: return .int(x | y)
        case .bitwiseXor: return .int(x ^ y)
        case .shiftLeft: return .int(y >= 64 || y <= -64 ? 0 : x << y)
        case .shiftRight: return .int(y >= 64 ? (x < 0 ? -1 : 0) : (y <= -64 ? 0 : x >> y))
        default: break
        }
    case (.double, .double), (.int, .double), (.double, .int):
        let x = a.asDouble!, y = b.asDouble!
        switch op {
        case .add: return .double(x + y)
        case .subtract: return .double(x - y)
        case .multiply: return .double(x * y)
        case .divide: return .double(x / y)
        case .remainder: throw RuntimeError(.typeError, "'%' is unavailable for Double; use truncatingRemainder(dividingBy:)")
        default: break
        }
    case (.string(let x), .string(let y)) where op == .add: return .string(x + y)
    case (.array(let x), .array(let y)) where op == .add: return .array(x + y)
    case (.native(let n), _):
        if let r = try hostBinary(n, op, b, selfOnLeft: true) { return r }
    case (_, .native(let n)):
        if let r = try hostBinary(n, op, a, selfOnLeft: false) { return r }
    default:
        if let r = try userOperator(op.symbol, [a, b]) { return r }
    }
    throw RuntimeError(.typeError, "binary operator '\(op)' cannot be applied to operands of type \(a.typeName) and \(b.typeName)")
}

/// A binary operator other than `&&`, `||` and `??` on two evaluated operands.
func applyBinary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
    if let ordering = op.ordering { return try compareValues(ordering, a, b) }
    switch op {
    case .equal: return .bool(valuesEqual(a, b))
    case .notEqual: return .bool(!valuesEqual(a, b))
    case .identical, .notIdentical:
        guard case .object(let x) = a, case .object(let y) = b else { return .bool(op == .notIdentical) }
        return .bool((x === y) == (op == .identical))
    default: return try arithmetic(op, a, b)
    }
}

/// The user type whose operand this is, for its operators.
func userType(of v: Value) -> UserType? {
    switch v {
    case .structInstance(let s): return s.type
    case .object(let o): return o.type
    case .enumCase(let e): return e.type
    default: return nil
    }
}

/// A user type's operator for these operands (`static func +`, `prefix-`), or nil when
/// neither operand's type declares one that takes them.
func userOperator(_ key: String, _ operands: [Value]) throws -> Value? {
    var operands = operands
    if operands.count == 2 { operands = ImplicitMembers.unify(operands) }
    for v in operands {
        guard let u = userType(of: v) else { continue }
        if let code = u.operatorFunction(key, operands), let rt = u.runtime {
            // Operators are called without labels, whatever their parameters are named.
            let labels = code.decl?.params.map(\.label) ?? Array(repeating: nil, count: operands.count)
            return try rt.call(code, captured: [], receiver: .value(.type(TypeValue(name: u.name, user: u))),
                               ValueArguments(operands, labels: labels))
        }
    }
    return nil
}

/// `a == b` by a user type's own `==`, if its type declares one.
func userEquality(_ a: Value, _ b: Value) -> Bool? {
    guard userType(of: a) != nil || userType(of: b) != nil else { return nil }
    guard let r = try? userOperator("==", [a, b]), case .bool(let eq) = r else { return nil }
    return eq
}

func hostPrefix(_ n: NativeObject, _ op: PrefixOperator) throws -> Value? {
    do { return try n.prefix(op) } catch let e as StrideError { throw RuntimeError(bridging: e) }
}

func hostBinary(_ n: NativeObject, _ op: BinaryOperator, _ other: Value, selfOnLeft: Bool) throws -> Value? {
    do { return try n.binary(op, other, selfOnLeft: selfOnLeft) } catch let e as StrideError {
        throw RuntimeError(bridging: e)
    }
}

extension Value {
    var asDouble: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .native(let f as FloatValue): return Double(f.value)
        default: return nil
        }
    }
    /// Strips one level of `Optional.some` (for `if let` and chains).
    var unwrapped: Value? {
        switch self {
        case .none: return nil
        case .some(let v): return v
        default: return self
        }
    }
}

/// `<`, `<=`, `>`, `>=` on numbers, strings and tuples.
func compare(_ op: Ordering, _ a: Value, _ b: Value) throws -> Bool {
    let c = try order(a, b)
    switch op {
    case .less: return c < 0
    case .lessOrEqual: return c <= 0
    case .greater: return c > 0
    case .greaterOrEqual: return c >= 0
    }
}

/// -1, 0 or 1; Double NaN compares unordered (every comparison false) via the caller.
func order(_ a: Value, _ b: Value) throws -> Int {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.bool(let x), .bool(let y)) where false: return x == y ? 0 : 1
    case (.tuple(let x), .tuple(let y)) where x.elements.count == y.elements.count:
        for i in 0..<x.elements.count {
            let c = try order(x.elements[i], y.elements[i])
            if c != 0 { return c }
        }
        return 0
    default:
        if let x = a.asDouble, let y = b.asDouble {
            if x.isNaN || y.isNaN { return 2 }   // makes <, <=, >= false; > true is fixed by caller
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        if case .native(let n) = a, let r = try hostBinary(n, .less, b, selfOnLeft: true), case .bool(let lt) = r {
            return lt ? -1 : 1
        }
        // Comparable user types: their `<` orders them.
        if let r = try userOperator("<", [a, b]), case .bool(let lt) = r {
            if lt { return -1 }
            if let r2 = try userOperator("<", [b, a]), case .bool(let gt) = r2, gt { return 1 }
            return 0
        }
        throw RuntimeError(.typeError, "cannot compare values of type \(a.typeName) and \(b.typeName)")
    }
}

func compareValues(_ op: Ordering, _ a: Value, _ b: Value) throws -> Value {
    if case .native(let n) = a, let r = try hostBinary(n, op.binaryOperator, b, selfOnLeft: true) { return r }
    if case .native(let n) = b, let r = try hostBinary(n, op.binaryOperator, a, selfOnLeft: false) { return r }
    if let x = a.asDouble, let y = b.asDouble, x.isNaN || y.isNaN { return .bool(false) }
    if userType(of: a) != nil || userType(of: b) != nil, let r = try userOperator(op.binaryOperator.symbol, [a, b]) {
        return r
    }
    return .bool(try compare(op, a, b))
}

func truthy(_ v: Value, _ what: String = "condition") throws -> Bool {
    if case .bool(let b) = v { return b }
    throw RuntimeError(.typeError, "\(what) must be a Bool, got a value of type \(v.typeName)")
}
