/// Moves every type declaration of a cell to its top level before the cell is resolved, as
/// Swift makes a file's types visible everywhere in it: a type nested in another gets its
/// full name (`Card.Rank`), a type alias declared in a type likewise (`Card.Suits`), and a
/// type or alias declared inside a function body moves out with its own name (a local type
/// cannot capture the function's variables in Swift either, so nothing changes meaning).
enum Hoisting {
    static func hoist(_ stmts: [Stmt]) -> [Stmt] {
        var types: [Stmt] = []
        let rest = stmts.map { liftingLocalTypes(out: $0, into: &types) }
        var result: [Stmt] = []
        // Types first, so that code of the cell and of every other type sees them.
        for s in types + rest {
            if case .type(let t) = s.kind { appendType(t, s.range, to: &result) } else { result.append(s) }
        }
        return result
    }

    /// A type with its aliases and nested types after it, each with its full name.
    private static func appendType(_ t: TypeDecl, _ range: SourceRange, to out: inout [Stmt]) {
        out.append(Stmt(.type(t), range))
        for alias in t.typeAliases {
            out.append(Stmt(.typeAlias(t.name + "." + alias.name, alias.type), alias.range))
        }
        t.typeAliases = []
        for nested in t.nestedTypes {
            nested.name = t.name + "." + nested.shortName
            appendType(nested, nested.range, to: &out)
        }
        t.nestedTypes = []
    }

    /// `s` without the type and alias declarations inside the bodies it holds; those are
    /// appended to `types`.
    private static func liftingLocalTypes(out s: Stmt, into types: inout [Stmt]) -> Stmt {
        func lift(_ body: [Stmt]) -> [Stmt] {
            var kept: [Stmt] = []
            for b in body {
                switch b.kind {
                case .type(let t) where t.kind != .extensionType:
                    types.append(liftingLocalTypes(out: b, into: &types))
                    _ = t
                case .typeAlias: types.append(b)
                default: kept.append(liftingLocalTypes(out: b, into: &types))
                }
            }
            return kept
        }
        func liftFunction(_ f: FunctionDecl) { f.body = lift(f.body) }
        switch s.kind {
        case .function(let f): liftFunction(f)
        case .type(let t):
            t.methods.forEach(liftFunction)
            t.initializers.forEach(liftFunction)
            for p in t.properties { p.getter.map(liftFunction); p.setter.map(liftFunction) }
        case .ifStmt(let c, let body, let e):
            s.kind = .ifStmt(c, lift(body), e.map { liftingLocalTypes(out: $0, into: &types) })
        case .guardStmt(let c, let body): s.kind = .guardStmt(c, lift(body))
        case .whileStmt(let l, let c, let body): s.kind = .whileStmt(label: l, c, lift(body))
        case .repeatStmt(let l, let body, let c): s.kind = .repeatStmt(label: l, lift(body), c)
        case .forIn(let l, let p, let seq, let w, let body): s.kind = .forIn(label: l, p, seq, whereExpr: w, lift(body))
        case .doStmt(let l, let body, var catches):
            for i in catches.indices { catches[i].body = lift(catches[i].body) }
            s.kind = .doStmt(label: l, lift(body), catches)
        case .block(let body): s.kind = .block(lift(body))
        case .switchStmt(let l, let subject, var cases):
            for i in cases.indices { cases[i].body = lift(cases[i].body) }
            s.kind = .switchStmt(label: l, subject, cases)
        default: break
        }
        return s
    }
}
