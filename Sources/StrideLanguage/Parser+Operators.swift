/// Operators the program declares (`infix operator ** : MultiplicationPrecedence`), their
/// precedence groups, and the declarations' syntax. The table lives in the interpreter and
/// grows from cell to cell, as an operator declared in one cell is used in the next.

/// A precedence level on the parser's scale (ten apart, so a declared group can sit between
/// two standard ones) and its associativity.
struct Precedence: Equatable {
    var level: Int
    var rightAssociative = false
}

public struct OperatorTable {
    /// Swift's standard precedence groups on the parser's scale.
    static let standardGroups: [String: Precedence] = [
        "AssignmentPrecedence": Precedence(level: 1, rightAssociative: true),
        "TernaryPrecedence": Precedence(level: 20, rightAssociative: true),
        "DefaultPrecedence": Precedence(level: 25),
        "LogicalDisjunctionPrecedence": Precedence(level: 30),
        "LogicalConjunctionPrecedence": Precedence(level: 40),
        "ComparisonPrecedence": Precedence(level: 50),
        "NilCoalescingPrecedence": Precedence(level: 60, rightAssociative: true),
        "CastingPrecedence": Precedence(level: 70),
        "RangeFormationPrecedence": Precedence(level: 80),
        "AdditionPrecedence": Precedence(level: 90),
        "MultiplicationPrecedence": Precedence(level: 100),
        "BitwiseShiftPrecedence": Precedence(level: 110),
    ]

    var infix: [String: Precedence] = [:]
    var prefix: Set<String> = []
    var postfix: Set<String> = []
    var groups: [String: Precedence] = OperatorTable.standardGroups

    public init() {}

    /// Every declared spelling, for the lexer.
    var spellings: [String] { Array(infix.keys) + Array(prefix) + Array(postfix) }

    /// Spellings declared anywhere in `source` (`infix operator <>`), found before the source
    /// is lexed so that the lexer reads each as one token. Their precedence comes when the
    /// declaration itself is parsed.
    static func declaredSpellings(in source: String) -> [String] {
        let words = source.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        var found: [String] = []
        for i in words.indices.dropFirst() where words[i] == "operator" {
            let kind = words[i - 1]
            guard kind == "infix" || kind == "prefix" || kind == "postfix", i + 1 < words.count else { continue }
            let spelling = words[i + 1].prefix { $0 != ":" && $0 != "{" && $0 != ";" }
            if !spelling.isEmpty { found.append(String(spelling)) }
        }
        return found
    }
}

extension Parser {
    /// The precedence of an infix operator: a built-in one, or one the program declared.
    func infixPrecedence(_ symbol: String) -> Precedence? {
        if let p = Parser.precedence[symbol] { return Precedence(level: p, rightAssociative: symbol == "??") }
        return operators.infix[symbol]
    }

    /// `typealias Name = Type` (with generic parameters skipped: `typealias Pair<T> = (T, T)`).
    mutating func parseTypeAlias() throws -> (name: String, type: TypeRef, range: SourceRange) {
        _ = try expectKeyword("typealias")
        let name = try expectIdentifier("a type alias name")
        skipGenericParameters()
        _ = try expectOp("=", "after the type alias name")
        return (name.text, try parseType(), name.range)
    }

    /// `precedencegroup Name { higherThan: A  lowerThan: B  associativity: right }`.
    mutating func parsePrecedenceGroup() throws -> Stmt {
        let kw = try expectKeyword("precedencegroup")
        let name = try expectIdentifier("a precedence group name")
        _ = try expectPunct("{", "to start the precedence group")
        var above: Int?, below: Int?
        var right = false
        while !current.isPunct("}") {
            if current.isEOF { throw error("expected '}' to close the precedence group") }
            let key = try expectIdentifier("'higherThan', 'lowerThan', 'associativity' or 'assignment'")
            _ = try expectPunct(":", "after '\(key.text)'")
            let value = try expectIdentifier("a value for '\(key.text)'")
            switch key.text {
            case "higherThan", "lowerThan":
                guard let group = operators.groups[value.text] else {
                    throw error("unknown precedence group '\(value.text)'", at: value)
                }
                if key.text == "higherThan" { above = group.level } else { below = group.level }
            case "associativity": right = value.text == "right"
            case "assignment": break
            default: throw error("unknown precedence group attribute '\(key.text)'", at: key)
            }
        }
        _ = advance()
        // Between the two groups it names: the scale leaves room between standard groups.
        let level: Int
        switch (above, below) {
        case let (a?, b?): level = (a + b) / 2
        case let (a?, nil): level = a + 5
        case let (nil, b?): level = b - 5
        default: level = OperatorTable.standardGroups["DefaultPrecedence"]!.level
        }
        operators.groups[name.text] = Precedence(level: level, rightAssociative: right)
        return Stmt(.importStmt, range(from: kw.start))
    }

    /// `infix operator ** : MultiplicationPrecedence`, `prefix operator √`.
    mutating func parseOperatorDeclaration() throws -> Stmt {
        let kind = advance()
        let kw = try expectKeyword("operator")
        guard current.kind == .op else { throw error("expected an operator after 'operator', found \(describe(current))") }
        let symbol = advance().text
        switch kind.text {
        case "infix":
            var precedence = OperatorTable.standardGroups["DefaultPrecedence"]!
            if current.isPunct(":") {
                _ = advance()
                let group = try expectIdentifier("a precedence group")
                guard let p = operators.groups[group.text] else { throw error("unknown precedence group '\(group.text)'", at: group) }
                precedence = p
            }
            operators.infix[symbol] = precedence
        case "prefix": operators.prefix.insert(symbol)
        default: operators.postfix.insert(symbol)
        }
        return Stmt(.importStmt, range(from: kw.start))
    }
}
