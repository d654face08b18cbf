/// A recursive-descent parser over the lexer's tokens, one method per grammar rule.
/// Split by concern: this file holds token handling, types and patterns;
/// `Parser+Expressions.swift` and `Parser+Statements.swift` hold the rest.
struct Parser {
    var tokens: [Token]
    var pos = 0
    /// Conditions of `if`, `while`, `guard`, `for` and `switch` may not end in a trailing
    /// closure: the `{` starts the body, as in Swift.
    var noTrailingClosure = false
    var depth = 0
    static let maxDepth = 200
    /// `#function` inside each function being parsed (`area(width:height:)`), innermost last.
    var functionNames: [String] = []
    /// A parameter's default is being parsed: `#line` there means the caller's line.
    var inParameterDefault = false
    /// Operators the program declares, with their precedence (Parser+Operators.swift).
    var operators = OperatorTable()

    init(tokens: [Token], operators: OperatorTable = OperatorTable()) { self.tokens = tokens; self.operators = operators }

    static func parse(_ source: String) throws -> [Stmt] {
        var table = OperatorTable()
        return try parse(source, operators: &table)
    }

    /// Parses a cell with the operators earlier cells declared; declarations in this cell
    /// are added to `operators`.
    static func parse(_ source: String, operators: inout OperatorTable) throws -> [Stmt] {
        let declared = operators.spellings + OperatorTable.declaredSpellings(in: source)
        let tokens = try ConditionalCompilation.apply(try Lexer.tokenize(source, declaredOperators: declared))
        var p = Parser(tokens: tokens, operators: operators)
        let program = try p.parseProgram()
        operators = p.operators
        return program
    }

    var current: Token { tokens[min(pos, tokens.count - 1)] }
    func peekToken(_ n: Int = 1) -> Token { tokens[min(pos + n, tokens.count - 1)] }
    var previous: Token { tokens[max(0, min(pos - 1, tokens.count - 1))] }

    mutating func advance() -> Token {
        let t = current
        if pos < tokens.count - 1 { pos += 1 }
        return t
    }

    func error(_ message: String, at token: Token? = nil) -> Diagnostic {
        let t = token ?? current
        var range = t.range
        // Text that ends too early is reported at its last token.
        if t.isEOF {
            if pos > 0 && !tokens.isEmpty { range = tokens[min(pos, tokens.count - 1) - (tokens[min(pos, tokens.count - 1)].isEOF ? 1 : 0)].range }
            else { range.end.offset += 1; range.end.column += 1 }
        }
        return Diagnostic(kind: .syntaxError, message: message, range: range, isUnexpectedEnd: t.isEOF)
    }

    func describe(_ t: Token) -> String { t.isEOF ? "end of input" : "'\(t.text)'" }

    mutating func expectPunct(_ s: String, _ context: String = "") throws -> Token {
        guard current.isPunct(s) else {
            throw error("expected '\(s)'\(context.isEmpty ? "" : " " + context), found \(describe(current))")
        }
        return advance()
    }

    mutating func expectOp(_ s: String, _ context: String = "") throws -> Token {
        guard current.isOp(s) else {
            throw error("expected '\(s)'\(context.isEmpty ? "" : " " + context), found \(describe(current))")
        }
        return advance()
    }

    mutating func expectKeyword(_ s: String) throws -> Token {
        guard current.isKeyword(s) else { throw error("expected '\(s)', found \(describe(current))") }
        return advance()
    }

    mutating func expectIdentifier(_ what: String) throws -> Token {
        guard current.kind == .identifier, !reservedWords.contains(current.text) || current.text == "init" && what == "member name" else {
            throw error("expected \(what), found \(describe(current))")
        }
        return advance()
    }

    /// Member names after `.` may be keywords (`.init`, `.default`, `.self`).
    mutating func expectMemberName() throws -> Token {
        guard current.kind == .identifier else { throw error("expected a member name after '.', found \(describe(current))") }
        return advance()
    }

    func range(from start: SourcePosition) -> SourceRange { SourceRange(start, previous.range.end) }

    mutating func enter() throws {
        depth += 1
        if depth > Parser.maxDepth { throw error("expression or block is nested too deeply") }
    }

    // MARK: Types

    mutating func parseType() throws -> TypeRef {
        try enter(); defer { depth -= 1 }
        var base: TypeRef
        if current.isPunct("[") {
            _ = advance()
            let element = try parseType()
            if current.isPunct(":") {
                _ = advance()
                let value = try parseType()
                _ = try expectPunct("]", "to close the dictionary type")
                base = .dictionary(element, value)
            } else {
                _ = try expectPunct("]", "to close the array type")
                base = .array(element)
            }
        } else if current.isPunct("(") {
            _ = advance()
            var items: [(label: String?, type: TypeRef)] = []
            while !current.isPunct(")") {
                var label: String?
                if current.kind == .identifier, peekToken().isPunct(":") {
                    label = advance().text; _ = advance()
                }
                items.append((label, try parseType()))
                if current.isPunct(",") { _ = advance() } else { break }
            }
            _ = try expectPunct(")", "to close the tuple type")
            if current.isKeyword("throws") { _ = advance() }
            if current.isOp("->") {
                _ = advance()
                base = .function(items.map(\.type), try parseType())
            } else if items.count == 1 && items[0].label == nil {
                base = items[0].type
            } else {
                base = .tuple(items)
            }
        } else if current.isKeyword("inout") || current.isKeyword("some") || current.isKeyword("any") {
            _ = advance()
            return try parseType()
        } else {
            let name = current.isKeyword("Self") ? advance() : try expectIdentifier("a type name")
            var path = name.text
            while current.isPunct("."), peekToken().kind == .identifier {
                _ = advance(); path += "." + advance().text
            }
            var args: [TypeRef] = []
            if current.isOp("<") && !current.spaceBefore {
                _ = advance()
                while true {
                    args.append(try parseType())
                    if current.isPunct(",") { _ = advance() } else { break }
                }
                _ = try expectOp(">", "to close the generic arguments")
            }
            base = .named(path, args)
        }
        while !current.spaceBefore && (current.isOp("?") || current.isOp("!") || current.isOp("??")) {
            if advance().text == "??" { base = .optional(base) }   // `Int??` lexes as one token
            base = .optional(base)
        }
        return base
    }

    // MARK: Patterns

    /// A pattern in `case` labels. `bindingMode` is set inside `let (...)`/`var (...)`.
    mutating func parsePattern(bindingMode: Bool? = nil) throws -> Pattern {
        try enter(); defer { depth -= 1 }
        let start = current.start
        var pattern: Pattern
        if current.isKeyword("let") || current.isKeyword("var") {
            let isLet = advance().text == "let"
            pattern = try parsePattern(bindingMode: isLet)
        } else if current.isKeyword("is") {
            _ = advance()
            pattern = Pattern(.isType(try parseType()), range(from: start))
        } else if current.kind == .identifier && current.text == "_" {
            _ = advance()
            pattern = Pattern(.wildcard, range(from: start))
        } else if current.isPunct("(") {
            // A tuple pattern, or a parenthesised expression pattern.
            let save = pos
            _ = advance()
            var items: [(label: String?, pattern: Pattern)] = []
            var ok = true
            while !current.isPunct(")") {
                var label: String?
                if current.kind == .identifier, peekToken().isPunct(":"), !reservedWords.contains(current.text) {
                    label = advance().text; _ = advance()
                }
                do { items.append((label, try parsePattern(bindingMode: bindingMode))) } catch { ok = false; break }
                if current.isPunct(",") { _ = advance() } else { break }
            }
            if ok && current.isPunct(")") && (items.count != 1 || bindingMode != nil) {
                _ = advance()
                pattern = Pattern(.tuple(items), range(from: start))
            } else if ok && current.isPunct(")") && items.count == 1 {
                _ = advance()
                pattern = items[0].pattern
            } else {
                pos = save
                pattern = Pattern(.expression(try parseExpression(stopAtColonOrComma: true)), range(from: start))
            }
        } else if let isLet = bindingMode, current.kind == .identifier, !reservedWords.contains(current.text) {
            let name = advance()
            pattern = Pattern(.binding(name: name.text, isLet: isLet, decl: nil), name.range)
        } else if current.isPunct(".") && peekToken().kind == .identifier {
            _ = advance()
            let name = advance().text
            pattern = try parseEnumCaseTail(type: nil, name: name, start: start, bindingMode: bindingMode)
        } else if current.kind == .identifier, let first = current.text.unicodeScalars.first,
                  first.properties.isUppercase, peekToken().isPunct("."), peekToken(2).kind == .identifier,
                  peekToken(3).isPunct("(") || peekToken(3).isPunct(":") || peekToken(3).isPunct(",") || peekToken(3).isPunct("{") || peekToken(3).isKeyword("where") {
            // `Kind.name(...)` enum case pattern with a type prefix.
            let type = advance().text
            _ = advance()
            let name = advance().text
            pattern = try parseEnumCaseTail(type: type, name: name, start: start, bindingMode: bindingMode)
        } else {
            pattern = Pattern(.expression(try parseExpression(stopAtColonOrComma: true)), range(from: start))
        }
        while true {
            if current.isKeyword("as") {
                _ = advance()
                pattern = Pattern(.asType(pattern, try parseType()), range(from: start))
            } else if current.isOp("?") && !current.spaceBefore {
                _ = advance()
                pattern = Pattern(.optionalSome(pattern), range(from: start))
            } else { break }
        }
        return pattern
    }

    mutating func parseEnumCaseTail(type: String?, name: String, start: SourcePosition, bindingMode: Bool?) throws -> Pattern {
        var args: [(label: String?, pattern: Pattern)]?
        if current.isPunct("(") && !current.spaceBefore {
            _ = advance()
            var list: [(label: String?, pattern: Pattern)] = []
            while !current.isPunct(")") {
                var label: String?
                if current.kind == .identifier, peekToken().isPunct(":"), !reservedWords.contains(current.text) {
                    label = advance().text; _ = advance()
                }
                list.append((label, try parsePattern(bindingMode: bindingMode)))
                if current.isPunct(",") { _ = advance() } else { break }
            }
            _ = try expectPunct(")", "to close the case pattern")
            args = list
        }
        return Pattern(.enumCase(type: type, name: name, args: args), range(from: start))
    }
}
