/// Implicit member expressions (`.plus`, `.failure(.frozen)`) are symbols until a declared
/// type turns them into enum cases. Where no declared type says which enum a symbol means
/// (an element of an array literal, an operand, a printed value), the enum is found here: the
/// one the others in the same literal or operation belong to, or else the program's only enum
/// with a case of that name and arity.
enum ImplicitMembers {
    /// The interpreter running a cell on this process's evaluation thread.
    nonisolated(unsafe) static weak var interpreter: Interpreter?

    /// The case of the program's only enum that has one named like `s` (with as many
    /// associated values), or nil when none or several do.
    static func enumCase(for s: Symbol) -> Value? {
        guard let interp = interpreter else { return nil }
        var found: (UserType, EnumCaseDecl)?
        for u in interp.userTypes.values where u.kind == .enumType {
            guard let c = u.cases[s.name], c.params.count == s.arguments.count else { continue }
            if found != nil { return nil }
            found = (u, c)
        }
        guard let (u, c) = found else { return nil }
        return try? u.runtime?.makeEnumCase(u, c, s.arguments.map(\.value), labels: s.arguments.map(\.label))
    }

    /// `s` as a case of enum `u`, if it names one.
    static func enumCase(_ s: Symbol, of u: UserType) -> Value? {
        guard u.kind == .enumType, let c = u.cases[s.name] else { return nil }
        return try? u.runtime?.makeEnumCase(u, c, s.arguments.map(\.value), labels: s.arguments.map(\.label))
    }

    /// `s` as a member of `u`: a case, or a static property of the type (`.black`).
    static func member(_ s: Symbol, of u: UserType) -> Value? {
        if let e = enumCase(s, of: u) { return e }
        guard s.arguments.isEmpty, let v = try? u.staticValue(s.name) else { return nil }
        return v
    }

    /// Symbols among `values` made members of the user type that another of them is of.
    static func unify(_ values: [Value]) -> [Value] {
        guard values.contains(where: { if case .symbol = $0 { return true }; return false }),
              let u = values.lazy.compactMap(userType(of:)).first
        else { return values }
        return values.map { v in
            if case .symbol(let s) = v { return member(s, of: u) ?? v }
            return v
        }
    }
}
