/// Operands read in place. An operator, a conditional or a call site whose operand is a
/// literal, a local variable, `local ± k` or a call of a global function reads it directly
/// instead of calling a closure for it: in a recursive function such as
/// `fib(n - 1) + fib(n - 2)` those closure calls were a third of each call's work.
///
/// A struct with one field per form rather than an enum with payloads: reading a payload
/// copies it (and retains what it holds) on every evaluation.
struct Operand {
    enum Kind { case int, constant, slot, slotPlus, call, code }
    let kind: Kind
    /// The Int literal, or `k` of `local + k` (`local - k` is stored as `+ -k`).
    let int: Int
    /// The local slot (a plain slot, not a captured cell).
    let slot: Int
    /// A literal other than an Int.
    let constant: Value
    /// The compiled expression: what `.code` runs, and where `local + k` goes for any
    /// value other than an Int or on overflow (it handles or reports those).
    let code: Code
    let site: GlobalCall?

    init(_ kind: Kind, int: Int = 0, slot: Int = 0, constant: Value = .void, code: @escaping Code, site: GlobalCall? = nil) {
        self.kind = kind; self.int = int; self.slot = slot; self.constant = constant; self.code = code; self.site = site
    }

    @inline(__always) func value(_ env: Env) throws -> Value {
        switch kind {
        case .int: return .int(int)
        case .constant: return constant
        case .slot: return env[slot]
        case .slotPlus:
            if case .int(let x) = env[slot] {
                let (r, overflow) = x.addingReportingOverflow(int)
                if !overflow { return .int(r) }
            }
            return try code(env)
        case .call: return try site.unsafelyUnwrapped.call(env)
        case .code: return try code(env)
        }
    }

    /// The Int an Int literal or a local holding an Int reads as, without evaluating
    /// anything else (nil: evaluate with `value`).
    @inline(__always) func plainInt(_ env: Env) -> Int? {
        switch kind {
        case .int: return int
        case .slot: if case .int(let x) = env[slot] { return x }; return nil
        default: return nil
        }
    }
}

/// The four orderings, decided once when compiling.
enum Ordering {
    case less, lessOrEqual, greater, greaterOrEqual


    @inline(__always) func holds(_ x: Int, _ y: Int) -> Bool {
        switch self {
        case .less: return x < y
        case .lessOrEqual: return x <= y
        case .greater: return x > y
        case .greaterOrEqual: return x >= y
        }
    }

    var binaryOperator: BinaryOperator {
        switch self {
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        }
    }
}

extension Compiler {
    /// The operand form of `e`, whose compiled code is `compiled` (reused, never compiled
    /// twice, so both forms are the same code).
    func operand(_ e: Expr, compiled: @escaping Code) -> Operand {
        switch e.kind {
        case .int(let v): return Operand(.int, int: v, code: compiled)
        case .double(let v): return Operand(.constant, constant: .double(v), code: compiled)
        case .bool(let v): return Operand(.constant, constant: .bool(v), code: compiled)
        case .binary(let op, let l, let r) where op == .add || op == .subtract:
            if let slot = plainLocalSlot(l), case .int(let k) = r.kind, k != Int.min {
                return Operand(.slotPlus, int: op == .add ? k : -k, slot: slot, code: compiled)
            }
        default: break
        }
        if let slot = plainLocalSlot(e) { return Operand(.slot, slot: slot, code: compiled) }
        if let site = globalCallSites[ObjectIdentifier(e)] { return Operand(.call, code: compiled, site: site) }
        return Operand(.code, code: compiled)
    }

    /// `a < b ? x : y` (and `<=`, `>`, `>=`): the comparison, the test and the chosen
    /// branch in one closure, with Int operands compared in place.
    func compileOrderedTernary(_ ordering: Ordering, _ l: Expr, _ r: Expr, _ a: Expr, _ b: Expr,
                               conditionRange: SourceRange, operatorRange: SourceRange) -> Code {
        let lhs = operand(l, compiled: compileExpr(l)), rhs = operand(r, compiled: compileExpr(r))
        let yes = operand(a, compiled: compileExpr(a)), no = operand(b, compiled: compileExpr(b))
        return { env in
            let holds: Bool
            if let i = lhs.plainInt(env), let j = rhs.plainInt(env) {
                holds = ordering.holds(i, j)
            } else {
                let x = try lhs.value(env), y = try rhs.value(env)
                let result: Value
                do { result = try compareValues(ordering, x, y) } catch { throw Compiler.locate(error, operatorRange) }
                guard case .bool(let t) = result else {
                    throw RuntimeError(.typeError, "condition must be a Bool, got a value of type \(result.typeName)", conditionRange)
                }
                holds = t
            }
            return holds ? try yes.value(env) : try no.value(env)
        }
    }

    /// `+`, `-`, `*`, `/` and `%` on two operands read in place, with the Int and Double cases
    /// inline and every other case (strings, arrays, tensors, errors) handled by `arithmetic`.
    func compileOperandArithmetic(_ op: BinaryOperator, _ lhs: Operand, _ rhs: Operand, range: SourceRange) -> Code {
        return { env in
            let a = try lhs.value(env), b = try rhs.value(env)
            if case .int(let x) = a, case .int(let y) = b {
                switch op {
                case .add: let (s, o) = x.addingReportingOverflow(y); if o { throw overflowAt(op, x, y, range) }; return .int(s)
                case .subtract:
                    let (s, o) = x.subtractingReportingOverflow(y); if o { throw overflowAt(op, x, y, range) }; return .int(s)
                case .multiply:
                    let (s, o) = x.multipliedReportingOverflow(by: y); if o { throw overflowAt(op, x, y, range) }; return .int(s)
                default: break
                }
            } else if case .double(let x) = a, case .double(let y) = b {
                switch op {
                case .add: return .double(x + y)
                case .subtract: return .double(x - y)
                case .multiply: return .double(x * y)
                case .divide: return .double(x / y)
                default: break
                }
            }
            return try Compiler.slowArith(op, a, b, range)
        }
    }
}
