/// A static error found before a cell runs: its kind, message and the source range it
/// points at. Turned into a `StrideError` with the source line in one place (`Source`).
struct Diagnostic: Error {
    var kind: ErrorKind
    var message: String
    var range: SourceRange
    /// Set when the input simply stops early (an open bracket or string): the REPL and
    /// `isComplete` then ask for more lines rather than reporting an error.
    var isUnexpectedEnd = false
}

/// Splits source text into tokens. Works on an array of Unicode scalars so every index
/// is checked and columns count scalars.
struct Lexer {
    private let chars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var tokens: [Token] = []
    private var pendingDoc: [String] = []
    private var sawNewline = true
    private var sawSpace = true
    /// The operators to recognise, longest first: the built-in ones and those the program declares.
    private var operators: [String] = Lexer.builtinOperators
    /// The first characters of declared operators outside the built-in operator characters (`√`, `•`).
    private var extraOperatorStarts: Set<Unicode.Scalar> = []

    init(_ source: String, declaredOperators: [String] = []) {
        chars = Array(source.unicodeScalars)
        if !declaredOperators.isEmpty {
            operators = (Lexer.builtinOperators + declaredOperators).sorted { $0.unicodeScalars.count > $1.unicodeScalars.count }
            for op in declaredOperators { if let c = op.unicodeScalars.first { extraOperatorStarts.insert(c) } }
        }
    }
    private init(chars: [Unicode.Scalar], start: SourcePosition, operators: [String], extraStarts: Set<Unicode.Scalar>) {
        self.chars = chars; index = start.offset; line = start.line; column = start.column
        self.operators = operators; extraOperatorStarts = extraStarts
    }

    static func tokenize(_ source: String, declaredOperators: [String] = []) throws -> [Token] {
        var lexer = Lexer(source, declaredOperators: declaredOperators)
        return try lexer.run(until: nil)
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let i = index + ahead
        return i < chars.count ? chars[i] : nil
    }
    private var position: SourcePosition { SourcePosition(offset: index, line: line, column: column) }

    private mutating func advance() {
        guard index < chars.count else { return }
        if chars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
        index += 1
    }

    private func error(_ msg: String, at start: SourcePosition, end: Bool = false) -> Diagnostic {
        var stop = start
        stop.offset += 1; stop.column += 1
        return Diagnostic(kind: .syntaxError, message: msg, range: SourceRange(start, stop), isUnexpectedEnd: end)
    }

    /// Lexes tokens; when `closer` is set, stops at the unmatched `)` that ends a string
    /// interpolation and leaves the index on it.
    private mutating func run(until closer: Unicode.Scalar?) throws -> [Token] {
        var depth = 0
        while true {
            try skipTrivia()
            guard let c = peek() else {
                if closer != nil { throw error("unterminated string interpolation", at: position, end: true) }
                break
            }
            if let closer = closer, c == closer, depth == 0 { break }
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            try lexToken()
        }
        markSpaceAfter()
        let p = position
        tokens.append(Token(kind: .eof, text: "", range: SourceRange(p, p), spaceBefore: true,
                            spaceAfter: true, newlineBefore: sawNewline, doc: nil))
        return tokens
    }

    private mutating func markSpaceAfter() {
        if !tokens.isEmpty { tokens[tokens.count - 1].spaceAfter = sawSpace || sawNewline }
    }

    private mutating func skipTrivia() throws {
        sawSpace = false
        while let c = peek() {
            if c == " " || c == "\t" || c == "\r" { sawSpace = true; advance() }
            else if c == "\n" {
                sawNewline = true; sawSpace = true; advance()
            } else if c == "/" && peek(1) == "/" {
                let isDoc = peek(2) == "/" && peek(3) != "/"
                var text = ""
                advance(); advance()
                if isDoc { advance() }
                while let d = peek(), d != "\n" { text.unicodeScalars.append(d); advance() }
                if isDoc { pendingDoc.append(text.hasPrefix(" ") ? String(text.dropFirst()) : text) }
                else { pendingDoc.removeAll() }
                sawSpace = true
            } else if c == "/" && peek(1) == "*" {
                let start = position
                advance(); advance()
                var depth = 1
                while depth > 0 {
                    guard let d = peek() else { throw error("unterminated block comment", at: start, end: true) }
                    if d == "/" && peek(1) == "*" { depth += 1; advance(); advance() }
                    else if d == "*" && peek(1) == "/" { depth -= 1; advance(); advance() }
                    else { advance() }
                }
                sawSpace = true
            } else { break }
        }
    }

    private mutating func add(_ kind: TokenKind, _ text: String, from start: SourcePosition) {
        markSpaceAfter()
        let doc = pendingDoc.isEmpty ? nil : pendingDoc.joined(separator: "\n")
        pendingDoc.removeAll()
        tokens.append(Token(kind: kind, text: text, range: SourceRange(start, position),
                            spaceBefore: sawSpace || sawNewline || tokens.isEmpty, spaceAfter: false,
                            newlineBefore: sawNewline, doc: doc))
        sawNewline = false
    }

    private static let operatorChars: Set<Unicode.Scalar> = ["+", "-", "*", "/", "%", "=", "<", ">", "!", "&", "|", "^", "~", "?", "."]
    /// Operators in the language, longest first so maximal munch picks the right one.
    private static let builtinOperators: [String] = [
        "...", "..<", "===", "!==", "&+=", "&-=", "&*=", "<<=", ">>=",
        "==", "!=", "<=", ">=", "&&", "||", "??", "->", "+=", "-=", "*=", "/=", "%=", "<<", ">>",
        "&+", "&-", "&*", "&=", "|=", "^=",
        "+", "-", "*", "/", "%", "=", "<", ">", "!", "&", "|", "^", "~", "?", ".",
    ]

    private mutating func lexToken() throws {
        let start = position
        guard let c = peek() else { return }
        if c == "\"" { return try lexString(start) }
        if c == "#" {
            // A raw string `#"..."#`: as many `#` close it as opened it, and escapes need them too.
            var n = 0
            while peek(n) == "#" { n += 1 }
            if peek(n) == "\"" {
                for _ in 0..<n { advance() }
                return try lexString(start, hashes: n)
            }
        }
        if c.properties.isXIDStart || c == "_" || c == "$" {
            var text = ""
            while let d = peek(), d.properties.isXIDContinue || d == "$" || (text.isEmpty && d == "_") {
                text.unicodeScalars.append(d); advance()
            }
            return add(.identifier, text, from: start)
        }
        if c == "`" {
            advance()
            var text = ""
            while let d = peek(), d != "`", d != "\n" { text.unicodeScalars.append(d); advance() }
            guard peek() == "`" else { throw error("unterminated `name`", at: start) }
            advance()
            return add(.identifier, text, from: start)
        }
        if ("0"..."9").contains(c) { return try lexNumber(start) }
        if "()[]{},:;@#\\".unicodeScalars.contains(c) {
            advance()
            return add(.punct, String(c), from: start)
        }
        if Lexer.operatorChars.contains(c) || extraOperatorStarts.contains(c) {
            // A lone `.` followed by a letter or digit is member access punctuation.
            for op in operators {
                let scalars = Array(op.unicodeScalars)
                var matches = true
                for (k, s) in scalars.enumerated() where peek(k) != s { matches = false; break }
                if matches {
                    for _ in scalars { advance() }
                    return add(op == "." ? .punct : .op, op, from: start)
                }
            }
        }
        throw error("unexpected character '\(c)'", at: start)
    }

    private mutating func lexNumber(_ start: SourcePosition) throws {
        var digits = ""
        var radix = 10
        if peek() == "0", let p = peek(1), p == "x" || p == "b" || p == "o" {
            radix = p == "x" ? 16 : p == "b" ? 2 : 8
            advance(); advance()
        }
        func isDigit(_ d: Unicode.Scalar) -> Bool {
            switch radix {
            case 16: return d.properties.isASCIIHexDigit
            case 2: return d == "0" || d == "1"
            case 8: return ("0"..."7").contains(d)
            default: return ("0"..."9").contains(d)
            }
        }
        while let d = peek(), isDigit(d) || d == "_" {
            if d != "_" { digits.unicodeScalars.append(d) }
            advance()
        }
        var isFloat = false
        if radix == 10, peek() == ".", let n = peek(1), ("0"..."9").contains(n) {
            isFloat = true
            digits += "."
            advance()
            while let d = peek(), ("0"..."9").contains(d) || d == "_" {
                if d != "_" { digits.unicodeScalars.append(d) }
                advance()
            }
        }
        if radix == 10, let e = peek(), e == "e" || e == "E" {
            var k = 1
            if let s = peek(1), s == "+" || s == "-" { k = 2 }
            if let d = peek(k), ("0"..."9").contains(d) {
                isFloat = true
                digits += "e"
                advance()
                if k == 2, let s = peek() { digits.unicodeScalars.append(s); advance() }
                while let d = peek(), ("0"..."9").contains(d) || d == "_" {
                    if d != "_" { digits.unicodeScalars.append(d) }
                    advance()
                }
            }
        }
        if let d = peek(), d.properties.isXIDContinue {
            throw error("'\(d)' is not a valid digit in a number", at: position)
        }
        let text = String(String.UnicodeScalarView(chars[start.offset..<index]))
        if digits.isEmpty { throw error("a number needs digits after its prefix", at: start) }
        if isFloat {
            guard let v = Double(digits) else { throw error("invalid number '\(text)'", at: start) }
            return add(.float(v), text, from: start)
        }
        if Int(digits, radix: radix) == nil, let big = UInt64(digits, radix: radix) {
            return add(.bigInteger(big), text, from: start)
        }
        guard let v = Int(digits, radix: radix) else {
            throw Diagnostic(kind: .syntaxError, message: "integer literal '\(text)' overflows Int",
                             range: SourceRange(start, position))
        }
        add(.integer(v), text, from: start)
    }

    /// True when the `n` scalars after `offset` are all `#`.
    private func hashesFollow(_ n: Int, after offset: Int) -> Bool {
        for k in 0..<n where peek(offset + k) != "#" { return false }
        return true
    }

    private mutating func lexString(_ start: SourcePosition, hashes: Int = 0) throws {
        let multiline = peek(1) == "\"" && peek(2) == "\""
        advance()
        if multiline { advance(); advance() }
        var parts: [StringPart] = []
        var text = ""
        var rawLines: [[StringPart]] = []  // multi-line: parts per line, for indentation stripping
        if multiline {
            while let c = peek(), c == " " || c == "\t" || c == "\r" { advance() }
            guard peek() == "\n" else { throw error("a multi-line string literal must start on a new line", at: start) }
            advance()
        }
        while true {
            guard let c = peek() else {
                throw error("unterminated string literal", at: start, end: true)
            }
            if multiline {
                if c == "\"" && peek(1) == "\"" && peek(2) == "\"" && hashesFollow(hashes, after: 3) {
                    for _ in 0..<(3 + hashes) { advance() }
                    break
                }
                if c == "\n" {
                    parts.append(.text(text)); text = ""
                    rawLines.append(parts); parts = []
                    advance(); continue
                }
            } else {
                if c == "\"" && hashesFollow(hashes, after: 1) {
                    for _ in 0...hashes { advance() }
                    break
                }
                if c == "\n" { throw error("unterminated string literal", at: start, end: true) }
            }
            if c == "\\" && hashesFollow(hashes, after: 1) {
                let escStart = position
                for _ in 0...hashes { advance() }
                guard let e = peek() else { throw error("unterminated string literal", at: start, end: true) }
                advance()
                switch e {
                case "n": text += "\n"
                case "t": text += "\t"
                case "r": text += "\r"
                case "0": text += "\0"
                case "\\": text += "\\"
                case "\"": text += "\""
                case "'": text += "'"
                case "u":
                    guard peek() == "{" else { throw error("expected '{' in \\u{...}", at: escStart) }
                    advance()
                    var hex = ""
                    while let h = peek(), h != "}" , hex.count < 9 { hex.unicodeScalars.append(h); advance() }
                    guard peek() == "}", let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else {
                        throw error("invalid unicode escape", at: escStart)
                    }
                    advance()
                    text.unicodeScalars.append(s)
                case "(":
                    parts.append(.text(text)); text = ""
                    var inner = Lexer(chars: chars, start: position, operators: operators, extraStarts: extraOperatorStarts)
                    let innerTokens = try inner.run(until: ")")
                    index = inner.index; line = inner.line; column = inner.column
                    guard peek() == ")" else { throw error("unterminated string interpolation", at: escStart, end: true) }
                    advance()
                    if innerTokens.count <= 1 { throw error("empty string interpolation", at: escStart) }
                    parts.append(.interpolation(innerTokens))
                case "\n" where multiline:
                    continue   // a backslash at line end joins lines
                default:
                    throw error("invalid escape sequence '\\\(e)'", at: escStart)
                }
                continue
            }
            text.unicodeScalars.append(c)
            advance()
        }
        if multiline {
            // The closing delimiter's indentation is removed from every line.
            let indent = text
            guard indent.allSatisfy({ $0 == " " || $0 == "\t" }) else {
                throw error("the closing \"\"\" of a multi-line string must be on its own line", at: start)
            }
            var result: [StringPart] = []
            for (n, lineParts) in rawLines.enumerated() {
                var lp = lineParts
                if case .text(let first)? = lp.first {
                    if first.hasPrefix(indent) { lp[0] = .text(String(first.dropFirst(indent.count))) }
                    else if !first.allSatisfy({ $0 == " " || $0 == "\t" }) || lp.count > 1 {
                        throw error("a line of a multi-line string is indented less than its closing \"\"\"", at: start)
                    } else { lp[0] = .text("") }
                }
                if n > 0 { result.append(.text("\n")) }
                result.append(contentsOf: lp)
            }
            parts = result
        } else {
            parts.append(.text(text))
        }
        // Merge neighbouring text parts.
        var merged: [StringPart] = []
        for p in parts {
            if case .text(let t) = p, case .text(let prev)? = merged.last {
                merged[merged.count - 1] = .text(prev + t)
            } else if case .text(let t) = p, t.isEmpty {
                continue
            } else { merged.append(p) }
        }
        let raw = String(String.UnicodeScalarView(chars[start.offset..<index]))
        add(.string(merged), raw, from: start)
    }
}
