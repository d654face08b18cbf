/// Expressions: precedence climbing over Swift's operator precedence groups.
extension Parser {
    static let assignmentOps: Set<String> = ["=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&+=", "&-=", "&*="]
    /// Swift's precedence groups, ten apart (Parser+Operators.swift's scale).
    static let precedence: [String: Int] = [
        "||": 30, "&&": 40,
        "==": 50, "!=": 50, "<": 50, ">": 50, "<=": 50, ">=": 50, "===": 50, "!==": 50,
        "??": 60,
        "..<": 80, "...": 80,
        "+": 90, "-": 90, "|": 90, "^": 90, "&+": 90, "&-": 90,
        "*": 100, "/": 100, "%": 100, "&": 100, "&*": 100,
        "<<": 110, ">>": 110,
    ]
    static let comparisonPrecedence = 50
    static let castPrecedence = 70
    static let ternaryPrecedence = 20

    /// An expression; with `stopAtColonOrComma` (patterns, capture lists) an `=` after it is
    /// left to the caller (`if case 1...9 = x`).
    mutating func parseExpression(stopAtColonOrComma: Bool = false) throws -> Expr {
        try enter(); defer { depth -= 1 }
        return try parseBinary(minPrecedence: stopAtColonOrComma ? 2 : 1)
    }

    /// An operator token is binary when it has whitespace on both sides or on neither.
    func isBinaryOperator(_ t: Token) -> Bool {
        t.kind == .op && t.spaceBefore == t.spaceAfter
    }

    mutating func parseBinary(minPrecedence: Int) throws -> Expr {
        var lhs = try parseUnary()
        while true {
            let t = current
            let start = lhs.range.start
            if (t.isKeyword("is") || t.isKeyword("as")) && Parser.castPrecedence >= minPrecedence {
                _ = advance()
                var op = t.text
                if op == "as", (current.isOp("?") || current.isOp("!")), !current.spaceBefore { op += advance().text }
                let type = try parseType()
                lhs = Expr(.cast(lhs, op, type), range(from: start))
                continue
            }
            if t.isOp("?") && t.spaceBefore && Parser.ternaryPrecedence >= minPrecedence {
                _ = advance()
                let a = try parseBinary(minPrecedence: 1)
                guard current.isPunct(":") else { throw error("expected ':' in the conditional expression, found \(describe(current))") }
                _ = advance()
                let b = try parseBinary(minPrecedence: Parser.ternaryPrecedence)
                lhs = Expr(.ternary(lhs, a, b), range(from: start))
                continue
            }
            guard t.kind == .op, isBinaryOperator(t) else { break }
            if Parser.assignmentOps.contains(t.text) {
                guard minPrecedence <= 1 else { break }
                _ = advance()
                try checkAssignable(lhs, op: t)
                let rhs = try parseBinary(minPrecedence: 1)
                lhs = Expr(.assign(AssignmentOperator(symbol: t.text)!, lhs, rhs), range(from: start), op: t.range)
                continue
            }
            guard let p = infixPrecedence(t.text), p.level >= minPrecedence else { break }
            let prec = p.level
            _ = advance()
            let rhs = try parseBinary(minPrecedence: p.rightAssociative ? prec : prec + 1)
            if let op = BinaryOperator(symbol: t.text) {
                lhs = Expr(.binary(op, lhs, rhs), range(from: start), op: t.range)
            } else {
                // A declared operator is a call of the function that implements it.
                lhs = Expr(.call(Expr(.name(t.text), t.range), [Argument(label: nil, value: lhs), Argument(label: nil, value: rhs)]),
                           range(from: start), op: t.range)
                lhs.isOperatorCall = true
            }
            if prec == Parser.comparisonPrecedence, let next = Optional(current), next.kind == .op, isBinaryOperator(next),
               Parser.precedence[next.text] == Parser.comparisonPrecedence {
                throw error("adjacent comparison operators '\(t.text)' and '\(next.text)' need parentheses", at: next)
            }
        }
        return lhs
    }

    func checkAssignable(_ e: Expr, op: Token) throws {
        switch e.kind {
        case .name, .member, .subscriptCall, .tupleIndex, .selfRef: return
        case .forceUnwrap(let inner): try checkAssignable(inner, op: op)
        case .optionalChain(let inner): try checkAssignable(inner, op: op)
        case .optionalUnwrapInChain(let inner): try checkAssignable(inner, op: op)
        case .tuple(let items) where op.text == "=":
            for item in items { try checkAssignable(item.value, op: op) }
        default:
            throw Diagnostic(kind: .syntaxError, message: "cannot assign to this expression", range: e.range)
        }
    }

    mutating func parseUnary() throws -> Expr {
        try enter(); defer { depth -= 1 }
        let t = current
        if t.isKeyword("try") {
            _ = advance()
            var kind = "try"
            if (current.isOp("?") || current.isOp("!")) && !current.spaceBefore { kind += advance().text }
            let inner = try parseBinary(minPrecedence: Parser.castPrecedence + 1)
            return Expr(.tryExpr(kind, inner), range(from: t.start))
        }
        if t.isKeyword("await") { _ = advance(); return try parseUnary() }
        if t.kind == .op && (["-", "+", "!", "~", "...", "..<"].contains(t.text) || operators.prefix.contains(t.text))
            && !t.spaceAfter && !peekToken().isPunct(")") && !peekToken().isPunct(",") {
            _ = advance()
            let operand = try parseUnary()
            if t.text == "-" {
                if case .int(let v) = operand.kind { return Expr(.int(-v), range(from: t.start)) }
                if case .double(let v) = operand.kind { return Expr(.double(-v), range(from: t.start)) }
            }
            guard let op = PrefixOperator(symbol: t.text), !operators.prefix.contains(t.text) else {
                // A declared prefix operator (or a built-in one redeclared) calls its function.
                let call = Expr(.call(Expr(.name(t.text), t.range), [Argument(label: nil, value: operand)]), range(from: t.start))
                call.isOperatorCall = true
                return call
            }
            return Expr(.prefix(op, operand), range(from: t.start))
        }
        if t.kind == .op && t.text == "&" && !t.spaceAfter {
            throw error("'&' marks an inout argument and may only appear in a call's argument list")
        }
        return try parsePostfix(try parsePrimary())
    }

    mutating func parsePostfix(_ base: Expr) throws -> Expr {
        var e = base
        var chained = false
        let start = base.range.start
        while true {
            let t = current
            if t.isPunct("(") && !t.newlineBefore {
                let args = try parseArguments(open: "(", close: ")")
                e = Expr(.call(e, args + (try parseTrailingClosures())), range(from: start))
            } else if t.isPunct("[") && !t.newlineBefore && !t.spaceBefore {
                let args = try parseArguments(open: "[", close: "]")
                e = Expr(.subscriptCall(e, args), range(from: start), op: SourceRange(t.start, previous.range.end))
            } else if t.isPunct(".") {
                _ = advance()
                let name = current
                if case .integer(let n) = name.kind {
                    _ = advance()
                    e = Expr(.tupleIndex(e, n), range(from: start))
                } else if case .float = name.kind {
                    // `t.0.1` lexes its tail as the number `0.1`: two tuple indices.
                    _ = advance()
                    let parts = name.text.split(separator: ".")
                    for p in parts {
                        guard let n = Int(p) else { throw error("expected a tuple index", at: name) }
                        e = Expr(.tupleIndex(e, n), range(from: start))
                    }
                } else {
                    let n = try expectMemberName()
                    e = Expr(.member(e, n.text), range(from: start), op: n.range)
                    if current.isPunct("("), !current.spaceBefore, namesArgumentLabelsOnly() {
                        // `P.init(x:)`, `Greeter.hello(_:)`: the function itself, named by its labels.
                        while !current.isPunct(")") { _ = advance() }
                        _ = advance()
                    }
                }
            } else if t.isOp("!") && !t.spaceBefore {
                _ = advance()
                e = Expr(.forceUnwrap(e), range(from: start), op: t.range)
            } else if t.isOp("?") && !t.spaceBefore {
                _ = advance()
                chained = true
                e = Expr(.optionalUnwrapInChain(e), range(from: start))
            } else if t.isOp("...") && !t.spaceBefore && (t.spaceAfter || peekToken().isPunct("]") || peekToken().isPunct(")") || peekToken().isPunct(":") || peekToken().isPunct(",")) {
                _ = advance()
                e = Expr(.postfixRange(e), range(from: start))
            } else if t.isPunct("{") && !noTrailingClosure && !t.newlineBefore && !startsObservers() {
                let closures = try parseTrailingClosures()
                e = Expr(.call(e, closures), range(from: start))
            } else {
                break
            }
        }
        if chained { e = Expr(.optionalChain(e), e.range) }
        return e
    }

    /// `(x:)`, `(_:with:)`: argument labels alone, as in a reference to a function by its name.
    func namesArgumentLabelsOnly() -> Bool {
        var k = 1
        var sawLabel = false
        while true {
            let t = peekToken(k)
            if t.isPunct(")") { return sawLabel }
            guard t.kind == .identifier, peekToken(k + 1).isPunct(":"), !peekToken(k + 1).spaceAfter || peekToken(k + 2).isPunct(")")
            else { return false }
            sawLabel = true
            k += 2
        }
    }

    /// `{ willSet ...` or `{ didSet ...` after a property's default: observers, not a closure.
    func startsObservers() -> Bool {
        let next = peekToken()
        return (next.isKeyword("willSet") || next.isKeyword("didSet"))
            && (peekToken(2).isPunct("{") || peekToken(2).isPunct("("))
    }

    mutating func parseTrailingClosures() throws -> [Argument] {
        var result: [Argument] = []
        guard current.isPunct("{") && !noTrailingClosure && !current.newlineBefore && !startsObservers() else { return result }
        result.append(Argument(label: nil, value: try parseClosure(), isTrailingClosure: true))
        // Further trailing closures carry labels: `} label: { ... }`.
        while current.kind == .identifier && peekToken().isPunct(":") && peekToken(2).isPunct("{") && !current.newlineBefore {
            let label = advance().text
            _ = advance()
            result.append(Argument(label: label, value: try parseClosure(), isTrailingClosure: false))
        }
        return result
    }

    mutating func parseArguments(open: String, close: String) throws -> [Argument] {
        _ = try expectPunct(open)
        let saved = noTrailingClosure
        noTrailingClosure = false
        defer { noTrailingClosure = saved }
        var args: [Argument] = []
        while !current.isPunct(close) {
            var label: String?
            if current.kind == .identifier && peekToken().isPunct(":") {
                label = advance().text
                _ = advance()
            }
            if current.isOp("&") {
                _ = advance()
                let v = try parseUnary()
                args.append(Argument(label: label, value: v, isInout: true))
            } else {
                args.append(Argument(label: label, value: try parseExpression()))
            }
            if current.isPunct(",") { _ = advance() }
            else if !current.isPunct(close) {
                throw error("expected ',' or '\(close)' in the argument list, found \(describe(current))")
            }
        }
        _ = advance()
        return args
    }

    mutating func parsePrimary() throws -> Expr {
        let t = current
        switch t.kind {
        case .integer(let v): _ = advance(); return Expr(.int(v), t.range)
        case .float(let v): _ = advance(); return Expr(.double(v), t.range)
        case .bigInteger(let v): _ = advance(); return Expr(.bigInt(v), t.range)
        case .string(let parts):
            _ = advance()
            var segments: [StringSegment] = []
            for p in parts {
                switch p {
                case .text(let s): segments.append(.text(s))
                case .interpolation(let toks):
                    var sub = Parser(tokens: toks, operators: operators)
                    sub.depth = depth
                    sub.functionNames = functionNames
                    sub.inParameterDefault = inParameterDefault
                    let e = try sub.parseExpression()
                    if !sub.current.isEOF {
                        throw sub.error("unexpected \(sub.describe(sub.current)) in string interpolation")
                    }
                    segments.append(.expr(e))
                }
            }
            return Expr(.string(segments), t.range)
        case .identifier:
            switch t.text {
            case "true", "false": _ = advance(); return Expr(.bool(t.text == "true"), t.range)
            case "nil": _ = advance(); return Expr(.nilLiteral, t.range)
            case "self": _ = advance(); return Expr(.selfRef, t.range)
            case "super": _ = advance(); return Expr(.superRef(""), t.range)
            case "Self": _ = advance(); return Expr(.name("Self"), t.range)
            case "init": _ = advance(); return Expr(.name("init"), t.range)
            case "if", "switch":
                // An `if` or `switch` expression: a closure run at once, each branch returning its value.
                let stmt = t.text == "if" ? try parseIf() : try parseSwitch(label: nil)
                guard let body = Parser.returningBranches([stmt]) else {
                    throw error("an '\(t.text)' expression needs a value in every branch (and an 'else')", at: t)
                }
                let decl = FunctionDecl(name: "closure", params: [], returnType: nil, body: body,
                                        range: stmt.range, nameRange: t.range)
                decl.isClosure = true
                return Expr(.call(Expr(.closure(decl), stmt.range), []), stmt.range)
            default:
                if reservedWords.contains(t.text) {
                    throw error("expected an expression, found keyword '\(t.text)'")
                }
                _ = advance()
                // `Stack<Int>()`: the type with its generic arguments, which its instances keep.
                if current.isOp("<") && !current.spaceBefore, let first = t.text.unicodeScalars.first, first.properties.isUppercase {
                    let save = pos
                    _ = advance()
                    var ok = true
                    var args: [TypeRef] = []
                    while ok {
                        guard let a = try? parseType() else { ok = false; break }
                        args.append(a)
                        if current.isPunct(",") { _ = advance() } else { break }
                    }
                    if ok && current.isOp(">") && (peekToken().isPunct("(") || peekToken().isPunct(".")) && !peekToken().spaceBefore {
                        _ = advance()
                        return Expr(.typeExpr(.named(t.text, args)), range(from: t.start))
                    }
                    pos = save
                }
                return Expr(.name(t.text), t.range)
            }
        case .punct:
            if t.text == "(" { return try parseParenthesized() }
            if t.text == "[" { return try parseCollectionLiteral() }
            if t.text == "{" { return try parseClosure() }
            if t.text == "." {
                _ = advance()
                let name = try expectMemberName()
                return Expr(.implicitMember(name.text), range(from: t.start))
            }
            if t.text == "#" { return try parseMagicLiteral() }
            if t.text == "\\" { return try parseKeyPath() }
        case .op:
            // An operator used as a function value: `sorted(by: >)`, `reduce(0, +)`.
            if infixPrecedence(t.text) != nil || operators.prefix.contains(t.text), peekToken().isPunct(")") || peekToken().isPunct(",") {
                _ = advance()
                return Expr(.name(t.text), t.range)
            }
            if t.text == "." {
                _ = advance()
                let name = try expectMemberName()
                return Expr(.implicitMember(name.text), range(from: t.start))
            }
        case .eof:
            throw error("expected an expression, found end of input")
        }
        throw error("expected an expression, found \(describe(t))")
    }

    /// `#line`, `#column`, `#function`, `#file`, `#fileID`, `#available(...)`.
    mutating func parseMagicLiteral() throws -> Expr {
        let hash = advance()
        guard current.kind == .identifier, !current.spaceBefore else { throw error("expected a name after '#'") }
        let name = advance()
        let r = range(from: hash.start)
        switch name.text {
        case "line": return Expr(inParameterDefault ? .magic("line") : .int(hash.start.line), r)
        case "column": return Expr(.int(hash.start.column), r)
        case "function":
            if let f = functionNames.last { return Expr(.string([.text(f)]), r) }
            return Expr(.magic("function"), r)
        case "file", "filePath", "fileID": return Expr(.magic(name.text), r)
        case "available", "unavailable":
            if current.isPunct("(") { skipBalanced() }
            return Expr(.bool(name.text == "available"), r)
        default: throw error("'#\(name.text)' is not supported", at: name)
        }
    }

    /// `\.name`, `\Person.address.city`, `\.count`: a key path, the members to read in turn.
    mutating func parseKeyPath() throws -> Expr {
        let slash = advance()
        if current.kind == .identifier && !current.spaceBefore { _ = advance() }   // the root type
        var path: [String] = []
        while current.isPunct(".") || current.isOp(".") {
            _ = advance()
            path.append(try expectMemberName().text)
        }
        guard !path.isEmpty else { throw error("'\\' outside a string starts a key path, which needs '.member'", at: slash) }
        return Expr(.keyPath(path), range(from: slash.start))
    }

    mutating func parseParenthesized() throws -> Expr {
        let open = try expectPunct("(")
        let saved = noTrailingClosure
        noTrailingClosure = false
        defer { noTrailingClosure = saved }
        var items: [(label: String?, value: Expr)] = []
        var sawComma = false
        while !current.isPunct(")") {
            var label: String?
            if current.kind == .identifier && peekToken().isPunct(":") {
                label = advance().text; _ = advance()
            }
            items.append((label, try parseExpression()))
            if current.isPunct(",") { _ = advance(); sawComma = true }
            else if !current.isPunct(")") { throw error("expected ',' or ')', found \(describe(current))") }
        }
        _ = advance()
        if items.count == 1 && !sawComma && items[0].label == nil {
            let inner = items[0].value
            return Expr(inner.kind, range(from: open.start))
        }
        return Expr(.tuple(items), range(from: open.start))
    }

    mutating func parseCollectionLiteral() throws -> Expr {
        let open = current
        // `[Int]()` and `[String: Double]()`: a type used as a constructor.
        let save = pos
        if let type = try? parseType(), case let kind = type, current.isPunct("("), !current.spaceBefore {
            switch kind {
            case .array, .dictionary: return Expr(.typeExpr(kind), range(from: open.start))
            default: break
            }
        }
        pos = save
        _ = try expectPunct("[")
        let saved = noTrailingClosure
        noTrailingClosure = false
        defer { noTrailingClosure = saved }
        if current.isPunct(":") {
            _ = advance()
            _ = try expectPunct("]", "to close the empty dictionary literal")
            return Expr(.dictionary([]), range(from: open.start))
        }
        var elements: [Expr] = []
        var pairs: [(Expr, Expr)] = []
        var isDictionary = false
        while !current.isPunct("]") {
            let key = try parseExpression()
            if current.isPunct(":") {
                if !elements.isEmpty { throw error("expected ',' in the array literal, found ':'") }
                isDictionary = true
                _ = advance()
                pairs.append((key, try parseExpression()))
            } else {
                if isDictionary { throw error("expected ':' in the dictionary literal, found \(describe(current))") }
                elements.append(key)
            }
            if current.isPunct(",") { _ = advance() }
            else if !current.isPunct("]") { throw error("expected ',' or ']' in the collection literal, found \(describe(current))") }
        }
        _ = advance()
        if isDictionary { return Expr(.dictionary(pairs), range(from: open.start)) }
        return Expr(.array(elements), range(from: open.start))
    }

    /// `{ params in body }`, `{ $0 + 1 }`, `{ (x: Int) -> Int in ... }`.
    mutating func parseClosure() throws -> Expr {
        try enter(); defer { depth -= 1 }
        let open = try expectPunct("{")
        var params: [Parameter] = []
        var returnType: TypeRef?
        var hasSignature = false
        let save = pos
        // A capture list: `[x]` and `[y = e]` take their values when the closure is made;
        // `[weak self]` and `[unowned self]` change nothing here (references are strong).
        var captureList: [(name: Token, value: Expr?)] = []
        if current.isPunct("[") {
            _ = advance()
            while !current.isPunct("]") {
                if current.isEOF { throw error("expected ']' to close the capture list") }
                if current.isKeyword("weak") || current.isKeyword("unowned") {
                    _ = advance()
                    if current.isPunct("(") { skipBalanced() }
                }
                let name = try expectIdentifier("a name in the capture list")
                var value: Expr?
                if current.isOp("=") { _ = advance(); value = try parseExpression(stopAtColonOrComma: true) }
                if name.text != "self" { captureList.append((name, value)) }
                if current.isPunct(",") { _ = advance() } else if !current.isPunct("]") {
                    throw error("expected ',' or ']' in the capture list, found \(describe(current))")
                }
            }
            _ = advance()
            if current.isKeyword("in") { _ = advance(); hasSignature = true }
        }
        if hasSignature {
        } else if current.kind == .identifier && !reservedWords.contains(current.text) {
            var names: [Token] = []
            while current.kind == .identifier && !reservedWords.contains(current.text) {
                names.append(advance())
                if current.isPunct(",") { _ = advance() } else { break }
            }
            // `{ x -> Int in ... }`: a result type after the bare names.
            if current.isOp("->") { _ = advance(); returnType = try? parseType() }
            if current.isKeyword("in") {
                _ = advance()
                hasSignature = true
                params = names.map { Parameter(label: nil, name: $0.text, type: nil, range: $0.range) }
            }
        } else if current.isPunct("(") {
            if let ps = try? parseParameterClause(closure: true) {
                if current.isKeyword("throws") { _ = advance() }
                if current.isOp("->") {
                    _ = advance()
                    returnType = try parseType()
                }
                if current.isKeyword("in") {
                    _ = advance()
                    hasSignature = true
                    params = ps
                }
            }
        }
        if !hasSignature { pos = save; captureList = [] }
        let savedTC = noTrailingClosure
        noTrailingClosure = false
        let body = try parseStatements(until: "}")
        noTrailingClosure = savedTC
        _ = try expectPunct("}", "to close the closure")
        let decl = FunctionDecl(name: "closure", params: params, returnType: returnType,
                                body: Parser.returningBranches(body) ?? body,
                                range: range(from: open.start), nameRange: open.range)
        decl.isClosure = true
        if !hasSignature { decl.dollarCount = -1 }   // the resolver counts `$n` uses
        let closure = Expr(.closure(decl), range(from: open.start))
        guard !captureList.isEmpty else { return closure }
        // `{ [x] in ... }` is `{ let x = x; return { ... } }()`: the values are read once, now.
        var makerBody: [Stmt] = captureList.map { item in
            let pattern = Pattern(.binding(name: item.name.text, isLet: true, decl: nil), item.name.range)
            let value = item.value ?? Expr(.name(item.name.text), item.name.range)
            return Stmt(.variable(isLet: true, pattern: pattern, type: nil, value: value, doc: nil), item.name.range)
        }
        makerBody.append(Stmt(.returnStmt(closure), closure.range))
        let maker = FunctionDecl(name: "closure", params: [], returnType: nil, body: makerBody,
                                 range: closure.range, nameRange: open.range)
        maker.isClosure = true
        return Expr(.call(Expr(.closure(maker), closure.range), []), closure.range)
    }
}
