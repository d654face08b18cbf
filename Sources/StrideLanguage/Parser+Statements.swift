/// Statements and declarations.
extension Parser {
    mutating func parseProgram() throws -> [Stmt] {
        let stmts = try parseStatements(until: nil)
        if !current.isEOF { throw error("unexpected \(describe(current))") }
        return stmts
    }

    /// Statements up to a closing punctuation (not consumed) or the end of input.
    mutating func parseStatements(until closer: String?) throws -> [Stmt] {
        var result: [Stmt] = []
        while true {
            while current.isPunct(";") { _ = advance() }
            if current.isEOF {
                if let c = closer { throw error("expected '\(c)' before end of input") }
                break
            }
            if let c = closer, current.isPunct(c) { break }
            let before = pos
            result.append(contentsOf: try parseStatement())
            if pos == before { throw error("unexpected \(describe(current))") }
            // Statements on one line must be separated by ';'.
            if !(current.newlineBefore || current.isPunct(";") || current.isEOF || current.isPunct("}")
                 || (closer != nil && current.isPunct(closer!))) {
                throw error("consecutive statements on a line must be separated by ';' (found \(describe(current)))")
            }
        }
        return result
    }

    mutating func parseBlock() throws -> [Stmt] {
        try enter(); defer { depth -= 1 }
        guard current.isPunct("{") else { throw error("expected '{' to start a block, found \(describe(current))") }
        _ = advance()
        let saved = noTrailingClosure
        noTrailingClosure = false
        defer { noTrailingClosure = saved }
        let body = try parseStatements(until: "}")
        _ = try expectPunct("}", "to close the block")
        return body
    }

    /// Declaration modifiers and attributes before a declaration: access levels (accepted,
    /// not enforced), `final`, `override`, `required`, `convenience`, `lazy`, `indirect`,
    /// `weak`/`unowned` (accepted: the interpreter's references are all strong). Returns the
    /// ones that change what the declaration does.
    @discardableResult
    mutating func parseModifiers() -> Set<String> {
        let modifiers: Set<String> = ["public", "private", "fileprivate", "internal", "final", "override", "open",
                                      "nonisolated", "dynamic", "lazy", "indirect", "required", "convenience",
                                      "weak", "unowned", "optional", "package", "prefix", "postfix", "infix"]
        var seen: Set<String> = []
        while true {
            if current.isPunct("@") && peekToken().kind == .identifier {
                _ = advance(); _ = advance()
                if current.isPunct("(") && !current.spaceBefore { skipBalanced() }
                continue
            }
            let isFixity = ["prefix", "postfix", "infix"].contains(current.text)
            if current.kind == .identifier, modifiers.contains(current.text), !isFixity || peekToken().text == "func",
               peekToken().kind == .identifier || (peekToken().isPunct("(") && !peekToken().spaceBefore) {
                seen.insert(advance().text)
                if current.isPunct("(") { skipBalanced() }   // private(set), unowned(unsafe)
                continue
            }
            break
        }
        return seen
    }

    /// Skips a parenthesised group and everything inside it.
    mutating func skipBalanced() {
        var level = 0
        repeat {
            if current.isPunct("(") { level += 1 }
            if current.isPunct(")") { level -= 1 }
            _ = advance()
        } while level > 0 && !current.isEOF
    }

    mutating func parseStatement() throws -> [Stmt] {
        try enter(); defer { depth -= 1 }
        let modifiers = parseModifiers()
        let t = current
        let start = t.start
        if t.kind == .identifier && peekToken().isPunct(":") && !reservedWords.contains(t.text),
           ["for", "while", "repeat", "switch", "do", "if"].contains(peekToken(2).text) {
            _ = advance(); _ = advance()
            return [try parseLabeled(label: t.text)]
        }
        guard t.kind == .identifier else { return [Stmt(.expr(try parseExpression()), range(from: start))] }
        switch t.text {
        case "let", "var": return try parseVariable(isLazy: modifiers.contains("lazy"))
        case "func": return [Stmt(.function(try parseFunction(isMutating: false, isStatic: false)), range(from: start))]
        case "static":
            throw error("'static' members belong inside a type")
        case "class" where peekToken().isKeyword("func") || peekToken().isKeyword("var") || peekToken().isKeyword("let"):
            throw error("'class' members belong inside a type")
        case "mutating": throw error("'mutating' is only allowed on methods of a struct")
        case "struct", "class", "protocol", "enum", "extension":
            let decl = try parseTypeDecl()
            if modifiers.contains("indirect") { decl.isIndirect = true }
            return [Stmt(.type(decl), range(from: start))]
        case "actor":
            throw error("'actor' types are not supported (Stride runs one thread of user code)")
        case "if": return [try parseIf()]
        case "guard":
            _ = advance()
            let conds = try parseConditions()
            _ = try expectKeyword("else")
            let body = try parseBlock()
            return [Stmt(.guardStmt(conds, body), range(from: start))]
        case "while", "for", "repeat", "switch", "do": return [try parseLabeled(label: nil)]
        case "break", "continue":
            _ = advance()
            var label: String?
            if current.kind == .identifier && !current.newlineBefore && !reservedWords.contains(current.text) {
                label = advance().text
            }
            return [Stmt(t.text == "break" ? .breakStmt(label, target: 0) : .continueStmt(label, target: 0), range(from: start))]
        case "fallthrough": _ = advance(); return [Stmt(.fallthroughStmt, t.range)]
        case "return":
            _ = advance()
            if current.newlineBefore || current.isPunct("}") || current.isPunct(";") || current.isEOF {
                return [Stmt(.returnStmt(nil), range(from: start))]
            }
            return [Stmt(.returnStmt(try parseExpression()), range(from: start))]
        case "throw":
            _ = advance()
            return [Stmt(.throwStmt(try parseExpression()), range(from: start))]
        case "defer":
            _ = advance()
            return [Stmt(.deferStmt(try parseBlock()), range(from: start))]
        case "import":
            _ = advance()
            _ = try expectIdentifier("a module name")
            return [Stmt(.importStmt, range(from: start))]
        case "typealias":
            let alias = try parseTypeAlias()
            return [Stmt(.typeAlias(alias.name, alias.type), range(from: start))]
        case "precedencegroup":
            return [try parsePrecedenceGroup()]
        case "infix" where peekToken().isKeyword("operator"), "prefix" where peekToken().isKeyword("operator"),
             "postfix" where peekToken().isKeyword("operator"):
            return [try parseOperatorDeclaration()]
        case "init", "deinit", "subscript":
            throw error("'\(t.text)' is only allowed inside a type")
        default:
            return [Stmt(.expr(try parseExpression()), range(from: start))]
        }
    }

    mutating func parseLabeled(label: String?) throws -> Stmt {
        let t = current
        let start = t.start
        switch t.text {
        case "while":
            _ = advance()
            let conds = try parseConditions()
            return Stmt(.whileStmt(label: label, conds, try parseBlock()), range(from: start))
        case "repeat":
            _ = advance()
            let body = try parseBlock()
            _ = try expectKeyword("while")
            return Stmt(.repeatStmt(label: label, body, try parseExpression()), range(from: start))
        case "for":
            _ = advance()
            if current.isKeyword("case") { _ = advance() }
            let pattern = try parsePattern(bindingMode: true)
            _ = try expectKeyword("in")
            let saved = noTrailingClosure
            noTrailingClosure = true
            let seq = try parseExpression()
            var whereExpr: Expr?
            if current.isKeyword("where") { _ = advance(); whereExpr = try parseExpression() }
            noTrailingClosure = saved
            return Stmt(.forIn(label: label, pattern, seq, whereExpr: whereExpr, try parseBlock()), range(from: start))
        case "switch":
            return try parseSwitch(label: label)
        case "do":
            _ = advance()
            let body = try parseBlock()
            var catches: [CatchClause] = []
            while current.isKeyword("catch") {
                let cstart = advance().start
                var pattern: Pattern?
                var guardExpr: Expr?
                if !current.isPunct("{") {
                    let saved = noTrailingClosure
                    noTrailingClosure = true
                    pattern = try parsePattern()
                    if current.isKeyword("where") { _ = advance(); guardExpr = try parseExpression() }
                    noTrailingClosure = saved
                }
                let cbody = try parseBlock()
                catches.append(CatchClause(pattern: pattern, guardExpr: guardExpr, body: cbody, range: range(from: cstart)))
            }
            return Stmt(.doStmt(label: label, body, catches), range(from: start))
        case "if":
            return try parseIf()
        default:
            throw error("expected a loop or switch after the label")
        }
    }

    /// A body that is one `if` (with an `else`) or `switch` whose every branch ends in an
    /// expression, with each such expression returned: the branches are the value, as in an
    /// `if`/`switch` expression. Nil when the body is not of that form.
    static func returningBranches(_ body: [Stmt]) -> [Stmt]? {
        guard body.count == 1 else { return nil }
        let s = body[0]
        func tail(_ b: [Stmt]) -> [Stmt]? {
            guard let last = b.last else { return nil }
            switch last.kind {
            case .expr(let e):
                if case .assign = e.kind { return nil }
                return b.dropLast() + [Stmt(.returnStmt(e), last.range)]
            case .throwStmt: return b
            case .ifStmt, .switchStmt:
                guard let inner = returningBranches([last]) else { return nil }
                return b.dropLast() + inner
            case .block(let inner):
                guard let t = tail(inner) else { return nil }
                return b.dropLast() + [Stmt(.block(t), last.range)]
            default: return nil
            }
        }
        switch s.kind {
        case .ifStmt(let conds, let then, let elseStmt?):
            guard let t = tail(then), let e = tail([elseStmt]) else { return nil }
            return [Stmt(.ifStmt(conds, t, e.count == 1 ? e[0] : Stmt(.block(e), elseStmt.range)), s.range)]
        case .switchStmt(let label, let subject, let cases):
            var out: [SwitchCase] = []
            for c in cases {
                guard let b = tail(c.body) else { return nil }
                var c2 = c; c2.body = b; out.append(c2)
            }
            return [Stmt(.switchStmt(label: label, subject, out), s.range)]
        default: return nil
        }
    }

    mutating func parseIf() throws -> Stmt {
        let start = try expectKeyword("if").start
        let conds = try parseConditions()
        let body = try parseBlock()
        var elseStmt: Stmt?
        if current.isKeyword("else") {
            _ = advance()
            if current.isKeyword("if") { elseStmt = try parseIf() }
            else {
                let bstart = current.start
                elseStmt = Stmt(.block(try parseBlock()), range(from: bstart))
            }
        }
        return Stmt(.ifStmt(conds, body, elseStmt), range(from: start))
    }

    mutating func parseConditions() throws -> [Condition] {
        let saved = noTrailingClosure
        noTrailingClosure = true
        defer { noTrailingClosure = saved }
        var conds: [Condition] = []
        while true {
            let start = current.start
            if current.isKeyword("let") || current.isKeyword("var") {
                let isLet = advance().text == "let"
                let pattern = try parsePattern(bindingMode: isLet)
                var type: TypeRef?
                if current.isPunct(":") { _ = advance(); type = try parseType() }
                let p = type.map { Pattern(.typed(pattern, $0), range(from: start)) } ?? pattern
                if current.isOp("=") {
                    _ = advance()
                    conds.append(.optionalBinding(p, try parseExpression()))
                } else if case .binding(let name, _, _) = pattern.kind {
                    // `if let x { }` is short for `if let x = x { }`.
                    conds.append(.optionalBinding(p, Expr(.name(name), pattern.range)))
                } else {
                    throw error("expected '=' in the optional binding, found \(describe(current))")
                }
            } else if current.isKeyword("case") {
                _ = advance()
                let pattern = try parsePattern()
                _ = try expectOp("=", "in the case condition")
                conds.append(.casePattern(pattern, try parseExpression()))
            } else {
                conds.append(.expr(try parseExpression()))
            }
            if current.isPunct(",") { _ = advance() } else { break }
        }
        return conds
    }

    mutating func parseSwitch(label: String?) throws -> Stmt {
        let start = try expectKeyword("switch").start
        let saved = noTrailingClosure
        noTrailingClosure = true
        let subject = try parseExpression()
        noTrailingClosure = saved
        _ = try expectPunct("{", "to start the switch body")
        var cases: [SwitchCase] = []
        while !current.isPunct("}") {
            let cstart = current.start
            var patterns: [Pattern] = []
            var guardExpr: Expr?
            if current.isKeyword("default") {
                _ = advance()
            } else if current.isKeyword("case") {
                _ = advance()
                while true {
                    patterns.append(try parsePattern())
                    if current.isKeyword("where") { _ = advance(); guardExpr = try parseExpression() }
                    if current.isPunct(",") { _ = advance() } else { break }
                }
            } else if current.isEOF {
                throw error("expected '}' to close the switch, found end of input")
            } else {
                throw error("expected 'case' or 'default' in the switch, found \(describe(current))")
            }
            _ = try expectPunct(":", "after the case pattern")
            var body: [Stmt] = []
            while !current.isKeyword("case") && !current.isKeyword("default") && !current.isPunct("}") && !current.isEOF {
                while current.isPunct(";") { _ = advance() }
                if current.isKeyword("case") || current.isKeyword("default") || current.isPunct("}") { break }
                body.append(contentsOf: try parseStatement())
                if !(current.newlineBefore || current.isPunct(";") || current.isPunct("}") || current.isEOF) {
                    throw error("consecutive statements on a line must be separated by ';' (found \(describe(current)))")
                }
            }
            if body.isEmpty { throw error("a 'case' label in a switch must have at least one statement", at: previous) }
            cases.append(SwitchCase(patterns: patterns, guardExpr: guardExpr, body: body, range: range(from: cstart)))
        }
        _ = advance()
        return Stmt(.switchStmt(label: label, subject, cases), range(from: start))
    }

    /// `let x = 1`, `var y: Double = 0, z = 2`, `let (a, b) = t`; `lazy var x = f()` is
    /// evaluated on first use.
    mutating func parseVariable(isLazy: Bool = false) throws -> [Stmt] {
        let kw = advance()
        let doc = kw.doc
        let isLet = kw.text == "let"
        var result: [Stmt] = []
        repeat {
            if !result.isEmpty { _ = advance() }
            let start = current.start
            let pattern = try parsePattern(bindingMode: isLet)
            var type: TypeRef?
            if current.isPunct(":") { _ = advance(); type = try parseType() }
            var value: Expr?
            if current.isOp("=") { _ = advance(); value = try parseExpression() }
            if current.isPunct("{") {
                throw error("computed properties and observers of local variables are not supported; use a function")
            }
            if isLazy, let v = value {
                // `lazy var x = e` is `x` bound to a closure `{ e }` run once, at the first read.
                let body = FunctionDecl(name: "lazy", params: [], returnType: nil, body: [Stmt(.expr(v), v.range)],
                                        range: v.range, nameRange: v.range)
                body.isClosure = true
                value = Expr(.lazyValue(Expr(.closure(body), v.range)), v.range)
            }
            result.append(Stmt(.variable(isLet: isLet, pattern: pattern, type: type, value: value, doc: doc),
                               SourceRange(kw.start, previous.range.end)))
            _ = start
        } while current.isPunct(",")
        return result
    }

    /// Parameters in parentheses: `(_ x: Int, from y: Double = 1, values: Int...)`.
    mutating func parseParameterClause(closure: Bool = false) throws -> [Parameter] {
        _ = try expectPunct("(")
        var params: [Parameter] = []
        while !current.isPunct(")") {
            let start = current.start
            guard current.kind == .identifier else { throw error("expected a parameter name, found \(describe(current))") }
            let first = advance()
            var label: String? = first.text == "_" ? nil : first.text
            var name = first.text
            if current.kind == .identifier && !current.isPunct(":") {
                name = advance().text
            } else if closure {
                label = nil
            }
            var type: TypeRef?
            var isInout = false
            var isVariadic = false
            if current.isPunct(":") {
                _ = advance()
                if current.isKeyword("inout") { _ = advance(); isInout = true }
                while current.isPunct("@") { _ = advance(); _ = advance() }
                type = try parseType()
                if current.isOp("...") { _ = advance(); isVariadic = true }
            } else if !closure {
                throw error("expected ':' and a type after the parameter name, found \(describe(current))")
            }
            var def: Expr?
            if current.isOp("=") {
                _ = advance()
                let saved = inParameterDefault
                inParameterDefault = true
                defer { inParameterDefault = saved }
                def = try parseExpression()
            }
            params.append(Parameter(label: label, name: name, type: type, defaultValue: def,
                                    isInout: isInout, isVariadic: isVariadic, range: range(from: start)))
            if current.isPunct(",") { _ = advance() }
            else if !current.isPunct(")") { throw error("expected ',' or ')' in the parameter list, found \(describe(current))") }
        }
        _ = advance()
        return params
    }

    /// `<T, U: Comparable>`: the generic parameters' names (constraints are checked where
    /// values meet declared types, at run time).
    @discardableResult
    mutating func skipGenericParameters() -> [String] {
        guard current.isOp("<") else { return [] }
        var level = 0
        var names: [String] = []
        var expectName = true
        repeat {
            if current.isOp("<") { level += 1; expectName = level == 1 }
            else if current.isOp(">") { level -= 1 }
            else if current.isOp(">>") { level -= 2 }
            else if level == 1 && current.isPunct(",") { expectName = true }
            else if level == 1 && expectName && current.kind == .identifier && current.text != "each" {
                names.append(current.text); expectName = false
            }
            _ = advance()
        } while level > 0 && !current.isEOF
        return names
    }

    /// `func build<T: Factory>(_ t: T.Type) -> T { T.make() }`: a generic parameter used as a
    /// value in the body is bound, when the call starts, to the type its parameter shows
    /// (`let T = t` for a `T.Type` parameter, `let T = type(of: x)` for one of type `T`).
    func genericTypeBindings(_ generics: [String], _ params: [Parameter], usedIn body: Range<Int>) -> [Stmt] {
        var out: [Stmt] = []
        for g in generics {
            guard Parser.usesAsValue(g, Array(tokens[body])) else { continue }
            let r = tokens[body.lowerBound].range
            for p in params {
                let name = Expr(.name(p.name), r)
                let value: Expr
                switch p.type {
                case .named(let n, _)? where n == g + ".Type": value = name
                case .named(let n, _)? where n == g:
                    value = Expr(.call(Expr(.name("type"), r), [Argument(label: "of", value: name)]), r)
                default: continue
                }
                let pattern = Pattern(.binding(name: g, isLet: true, decl: nil), r)
                out.append(Stmt(.variable(isLet: true, pattern: pattern, type: nil, value: value, doc: nil), r))
                break
            }
        }
        return out
    }

    /// Whether `name` is used as a value (`T.make()`, `T(...)`) in these tokens or in the
    /// interpolations of their strings.
    static func usesAsValue(_ name: String, _ ts: [Token]) -> Bool {
        for (i, t) in ts.enumerated() {
            if case .string(let parts) = t.kind {
                for case .interpolation(let inner) in parts where usesAsValue(name, inner) { return true }
            }
            guard t.isKeyword(name), i + 1 < ts.count, ts[i + 1].isPunct(".") || ts[i + 1].isPunct("(") else { continue }
            if i > 0 && (ts[i - 1].isPunct(":") || ts[i - 1].isOp("->") || ts[i - 1].isOp("<")) { continue }
            return true
        }
        return false
    }

    mutating func skipWhereClause() {
        guard current.isKeyword("where") else { return }
        while !current.isPunct("{") && !current.isEOF { _ = advance() }
    }

    mutating func parseFunction(isMutating: Bool, isStatic: Bool, allowMissingBody: Bool = false) throws -> FunctionDecl {
        let kw = advance()     // `func` or `init`
        let start = kw.start
        var isFailable = false
        var name = "init"
        var nameRange = kw.range
        if kw.text == "func" {
            guard current.kind == .identifier || current.kind == .op else { throw error("expected a function name, found \(describe(current))") }
            let n = advance()
            name = n.text; nameRange = n.range
        } else if current.isOp("?") || current.isOp("!") {
            isFailable = advance().text == "?"
        }
        let generics = skipGenericParameters()
        var params = try parseParameterClause()
        if let first = name.unicodeScalars.first, !first.properties.isXIDStart, first != "_" {
            // An operator's operands are never labelled at its uses.
            for i in params.indices { params[i].label = nil }
        }
        var throwsErrors = false
        if current.isKeyword("async") { _ = advance() }
        if current.isKeyword("throws") || current.isKeyword("rethrows") {
            _ = advance(); throwsErrors = true
            // Typed throws: `throws(ParseError)`; the type is not checked.
            if current.isPunct("(") && !current.spaceBefore { skipBalanced() }
        }
        var returnType: TypeRef?
        if current.isOp("->") { _ = advance(); returnType = try parseType() }
        skipWhereClause()
        var body: [Stmt] = []
        let labels = params.map { ($0.label ?? "_") + ":" }.joined()
        functionNames.append("\(name)(\(labels))")
        defer { functionNames.removeLast() }
        if current.isPunct("{") {
            let bodyStart = pos
            body = try parseBlock()
            body = Parser.returningBranches(body) ?? body
            let bindings = genericTypeBindings(generics, params, usedIn: bodyStart..<pos)
            if !bindings.isEmpty, returnType != nil, body.count == 1, case .expr(let e) = body[0].kind {
                body = [Stmt(.returnStmt(e), body[0].range)]   // the implicit return, kept explicit
            }
            body = bindings + body
        }
        else if !allowMissingBody { throw error("expected '{' to start the function body, found \(describe(current))") }
        let decl = FunctionDecl(name: name, params: params, returnType: returnType, body: body,
                                range: range(from: start), nameRange: nameRange)
        decl.doc = kw.doc
        decl.isMutating = isMutating
        decl.isStatic = isStatic
        decl.throwsErrors = throwsErrors
        decl.isInit = kw.text == "init"
        decl.isFailable = isFailable
        return decl
    }

    mutating func parseTypeDecl() throws -> TypeDecl {
        let kw = advance()
        let kind = TypeDeclKind(rawValue: kw.text == "class" ? "class" : kw.text)!
        var nameTok = try expectIdentifier("a type name")
        // `extension Outer.Inner`.
        while kind == .extensionType, current.isPunct("."), peekToken().kind == .identifier {
            _ = advance()
            let part = advance()
            nameTok.text += "." + part.text
            nameTok.range.end = part.range.end
        }
        let generics = skipGenericParameters()
        var conformances: [String] = []
        if current.isPunct(":") {
            _ = advance()
            repeat {
                if current.isPunct(",") { _ = advance() }
                let c = try parseType()
                conformances.append(c.description)
            } while current.isPunct(",")
        }
        skipWhereClause()
        let decl = TypeDecl(kind: kind, name: nameTok.text, conformances: conformances, range: nameTok.range)
        decl.doc = kw.doc
        decl.genericParameters = generics
        _ = try expectPunct("{", "to start the body of \(kw.text) '\(nameTok.text)'")
        while !current.isPunct("}") {
            while current.isPunct(";") { _ = advance() }
            if current.isPunct("}") { break }
            if current.isEOF { throw error("expected '}' to close \(kw.text) '\(nameTok.text)'") }
            try parseMember(into: decl)
        }
        _ = advance()
        return decl
    }

    mutating func parseMember(into decl: TypeDecl) throws {
        var isStatic = false
        var isMutating = false
        var modifiers: Set<String> = []
        let docToken = current
        while true {
            modifiers.formUnion(parseModifiers())
            if current.isKeyword("static") || (current.isKeyword("class") && ["func", "var", "let", "subscript"].contains(peekToken().text)) {
                _ = advance(); isStatic = true
            } else if current.isKeyword("mutating") || current.isKeyword("nonmutating") {
                isMutating = advance().text == "mutating"
            } else { break }
        }
        let isProtocol = decl.kind == .protocolType
        let t = current
        switch t.text {
        case "func":
            let f = try parseFunction(isMutating: isMutating, isStatic: isStatic, allowMissingBody: isProtocol)
            if f.doc == nil { f.doc = docToken.doc }
            // `static prefix func -`: filed apart from the infix `-` of the same type.
            if modifiers.contains("prefix") { f.name = "prefix" + f.name }
            if modifiers.contains("postfix") { f.name = "postfix" + f.name }
            f.isOverride = modifiers.contains("override")
            decl.methods.append(f)
        case "init":
            let f = try parseFunction(isMutating: true, isStatic: false, allowMissingBody: isProtocol)
            if f.doc == nil { f.doc = docToken.doc }
            f.isConvenience = modifiers.contains("convenience")
            decl.initializers.append(f)
        case "deinit":
            let kw = advance()
            let body = try parseBlock()
            decl.deinitializer = FunctionDecl(name: "deinit", params: [], returnType: nil, body: body,
                                              range: range(from: kw.start), nameRange: kw.range)
        case "subscript":
            decl.subscripts.append(try parseSubscript(isStatic: isStatic, protocolRequirement: isProtocol))
        case "let", "var":
            let kw = advance()
            repeat {
                if current.isPunct(",") { _ = advance() }
                let nameTok = try expectIdentifier("a property name")
                var type: TypeRef?
                if current.isPunct(":") { _ = advance(); type = try parseType() }
                var value: Expr?
                if current.isOp("=") { _ = advance(); value = try parseExpression() }
                var prop = PropertyDecl(name: nameTok.text, isLet: kw.text == "let", type: type, defaultValue: value,
                                        getter: nil, setter: nil, isStatic: isStatic, range: nameTok.range,
                                        doc: kw.doc ?? docToken.doc)
                prop.isLazy = modifiers.contains("lazy")
                if current.isPunct("{") && !current.newlineBefore || current.isPunct("{") && value == nil {
                    try parseAccessors(into: &prop, protocolRequirement: isProtocol)
                }
                decl.properties.append(prop)
            } while current.isPunct(",")
        case "case":
            _ = advance()
            if modifiers.contains("indirect") { decl.isIndirect = true }
            repeat {
                if current.isPunct(",") { _ = advance() }
                let nameTok = try expectIdentifier("a case name")
                var params: [(label: String?, type: TypeRef)] = []
                if current.isPunct("(") {
                    _ = advance()
                    while !current.isPunct(")") {
                        var label: String?
                        if current.kind == .identifier && peekToken().isPunct(":") { label = advance().text; _ = advance() }
                        params.append((label, try parseType()))
                        if current.isOp("=") { _ = advance(); _ = try parseExpression() }   // a default, not kept
                        if current.isPunct(",") { _ = advance() } else { break }
                    }
                    _ = try expectPunct(")")
                }
                var raw: Expr?
                if current.isOp("=") { _ = advance(); raw = try parseExpression() }
                decl.cases.append(EnumCaseDecl(name: nameTok.text, params: params, rawValue: raw, range: nameTok.range))
            } while current.isPunct(",")
        case "struct", "class", "enum", "protocol":
            let nested = try parseTypeDecl()
            if modifiers.contains("indirect") { nested.isIndirect = true }
            decl.nestedTypes.append(nested)
        case "typealias":
            decl.typeAliases.append(try parseTypeAlias())
        case "associatedtype":
            // An associated type is a generic name of the protocol; conformers supply it.
            _ = advance()
            _ = try expectIdentifier("an associated type name")
            if current.isPunct(":") { _ = advance(); _ = try parseType() }
            skipWhereClause()
            if current.isOp("=") { _ = advance(); _ = try parseType() }
        default:
            throw error("expected a property, method or initializer in the type body, found \(describe(t))")
        }
    }

    /// `subscript(index: Int) -> T { get { } set { } }`, or with a getter body alone. A
    /// subscript's parameters take no argument label unless one is written before the name.
    mutating func parseSubscript(isStatic: Bool, protocolRequirement: Bool) throws -> SubscriptDecl {
        let kw = advance()
        skipGenericParameters()
        let paramsStart = pos
        var params = try parseParameterClause()
        // Each parameter written with one name (`index: Int`) has no label.
        var k = paramsStart + 1
        for i in params.indices {
            while k < tokens.count && tokens[k].kind != .identifier { k += 1 }
            let twoNames = k + 1 < tokens.count && tokens[k + 1].kind == .identifier
            if !twoNames { params[i].label = nil }
            var level = 0
            while k < tokens.count {
                if tokens[k].isPunct("(") || tokens[k].isPunct("[") { level += 1 }
                if tokens[k].isPunct(")") || tokens[k].isPunct("]") { if level == 0 { break }; level -= 1 }
                if tokens[k].isPunct(",") && level == 0 { k += 1; break }
                k += 1
            }
        }
        _ = try expectOp("->", "and the subscript's element type")
        let element = try parseType()
        skipWhereClause()
        var prop = PropertyDecl(name: "subscript", isLet: false, type: element, defaultValue: nil, getter: nil, setter: nil,
                                isStatic: isStatic, range: kw.range, doc: kw.doc)
        try parseAccessors(into: &prop, protocolRequirement: protocolRequirement)
        let getter = prop.getter ?? FunctionDecl(name: "subscript", params: [], returnType: element, body: [],
                                                 range: kw.range, nameRange: kw.range)
        getter.params = params + getter.params
        getter.isStatic = isStatic
        if let setter = prop.setter {
            setter.params = params + setter.params
            setter.isStatic = isStatic
        }
        return SubscriptDecl(getter: getter, setter: prop.setter, isStatic: isStatic, range: range(from: kw.start))
    }

    /// `{ expr }`, `{ get { } set { } }` or, in protocols, `{ get set }`.
    mutating func parseAccessors(into prop: inout PropertyDecl, protocolRequirement: Bool) throws {
        let open = try expectPunct("{")
        func makeGetter(_ body: [Stmt], _ r: SourceRange) -> FunctionDecl {
            FunctionDecl(name: prop.name, params: [], returnType: prop.type, body: Parser.returningBranches(body) ?? body,
                         range: r, nameRange: prop.range)
        }
        if current.isKeyword("get") || current.isKeyword("set") {
            while current.isKeyword("get") || current.isKeyword("set") || current.isKeyword("mutating") || current.isKeyword("nonmutating") {
                if current.isKeyword("mutating") || current.isKeyword("nonmutating") { _ = advance(); continue }
                let acc = advance()
                if acc.text == "get" {
                    if current.isPunct("{") {
                        let body = try parseBlock()
                        prop.getter = makeGetter(body, range(from: acc.start))
                    }
                } else {
                    var newName = "newValue"
                    if current.isPunct("(") { _ = advance(); newName = try expectIdentifier("a parameter name").text; _ = try expectPunct(")") }
                    if current.isPunct("{") {
                        let body = try parseBlock()
                        let f = FunctionDecl(name: prop.name, params: [Parameter(label: nil, name: newName, type: prop.type, range: acc.range)],
                                             returnType: nil, body: body, range: range(from: acc.start), nameRange: prop.range)
                        f.isMutating = true
                        prop.setter = f
                    }
                }
            }
            _ = try expectPunct("}", "to close the accessors")
            if prop.getter == nil && !protocolRequirement { throw error("a computed property needs a 'get'", at: open) }
        } else if current.isKeyword("didSet") || current.isKeyword("willSet") {
            // Observers: `willSet` sees `newValue` (or the name given), `didSet` sees `oldValue`.
            while current.isKeyword("didSet") || current.isKeyword("willSet") {
                let acc = advance()
                var name = acc.text == "willSet" ? "newValue" : "oldValue"
                if current.isPunct("(") { _ = advance(); name = try expectIdentifier("a parameter name").text; _ = try expectPunct(")") }
                let body = try parseBlock()
                let f = FunctionDecl(name: prop.name, params: [Parameter(label: nil, name: name, type: prop.type, range: acc.range)],
                                     returnType: nil, body: body, range: range(from: acc.start), nameRange: prop.range)
                f.isMutating = true
                if acc.text == "willSet" { prop.willSet = f } else { prop.didSet = f }
            }
            _ = try expectPunct("}", "to close the property observers")
        } else {
            let saved = noTrailingClosure
            noTrailingClosure = false
            let body = try parseStatements(until: "}")
            noTrailingClosure = saved
            _ = try expectPunct("}", "to close the computed property")
            prop.getter = makeGetter(body, range(from: open.start))
        }
    }
}
