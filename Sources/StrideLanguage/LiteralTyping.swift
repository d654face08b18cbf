/// Integer literals take the type their context declares, as in Swift: `let d: Double = 1 / 3`
/// is 0.333..., `let f: Float = 1 / 3` is a Float division and `let b: UInt64 = 1 << 63` a
/// UInt64 shift, where computing in Int first would give 0, 0.0 and an overflow. The resolver
/// rewrites the literals of an arithmetic expression before binding it, wherever a declaration,
/// a `return`, an assignment or a parameter of a user function states the type.
extension Resolver {
    /// The numeric type a declared type asks its literals to be, if it is one.
    func literalType(of t: TypeRef?) -> String? {
        guard case .named(let n, _)? = t.map({ canonical($0) }) else { return nil }
        if n == "Double" || n == "Float" || IntegerKind(rawValue: n) != nil { return n }
        return nil
    }

    /// Rewrites the Int (and, for Float, Double) literals of `e`'s arithmetic as `type`,
    /// stopping at anything that has a type of its own (a name, a call, a member).
    func retypeLiterals(_ e: Expr, as type: String) {
        switch e.kind {
        case .int(let v):
            if type == "Double" { e.kind = .double(Double(v)) }
            else { e.kind = .call(Expr(.name(type), e.range), [Argument(label: nil, value: Expr(.int(v), e.range))]) }
        case .double(let v) where type == "Float":
            e.kind = .call(Expr(.name(type), e.range), [Argument(label: nil, value: Expr(.double(v), e.range))])
        case .binary(let op, let a, let b) where op.isArithmetic:
            retypeLiterals(a, as: type)
            // A shift's count keeps its own type; only the shifted value takes the context's.
            if op != .shiftLeft && op != .shiftRight { retypeLiterals(b, as: type) }
        case .prefix(let op, let x) where op == .negate || op == .plus || op == .bitwiseNot:
            retypeLiterals(x, as: type)
        case .ternary(_, let a, let b):
            retypeLiterals(a, as: type); retypeLiterals(b, as: type)
        case .tuple(let items) where items.count == 1:
            retypeLiterals(items[0].value, as: type)
        default: break
        }
    }

    /// `let x: Double = 1 / 3`, `x = 1 / 3`, `return 1 / 3` where the type is declared.
    func retype(_ e: Expr?, for declared: TypeRef?) {
        guard let e = e, let t = literalType(of: declared) else { return }
        retypeLiterals(e, as: t)
    }

    /// The arguments of a call to a user function or a user type's memberwise initializer,
    /// each retyped for the parameter (or stored property) it goes to by its label.
    func retypeArguments(_ callee: Expr, _ args: [Argument]) {
        guard case .name(let name) = callee.kind else { return }
        var parameters: [(label: String?, type: TypeRef?)] = []
        if let f = userFunctionDecls[name] {
            parameters = f.params.map { ($0.label, $0.type) }
        } else if let shape = env.types[qualifiedTypeName(name) ?? name], shape.kind == .structType {
            parameters = shape.storedNames.map { ($0, shape.storedTypes[$0] ?? nil) }
        }
        guard !parameters.isEmpty else { return }
        var next = 0
        for a in args {
            guard let k = parameters[next...].firstIndex(where: { $0.label == a.label }) else { return }
            retype(a.value, for: parameters[k].type)
            next = k + 1
        }
    }
}

extension BinaryOperator {
    var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .remainder, .wrappingAdd, .wrappingSubtract, .wrappingMultiply,
             .bitwiseAnd, .bitwiseOr, .bitwiseXor, .shiftLeft, .shiftRight: return true
        default: return false
        }
    }
}
