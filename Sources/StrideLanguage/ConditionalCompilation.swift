/// Conditional compilation: `#if swift(>=5) ... #elseif os(macOS) ... #else ... #endif`.
/// The tokens of the branches whose condition is false are dropped before parsing, as
/// swiftc does, so a branch for another platform may hold code Stride would reject. The
/// conditions describe the machine Stride runs on: Linux, this CPU, Swift 6.3, and the
/// modules a Swift program on Linux can import.
enum ConditionalCompilation {
    static let swiftVersion = [6, 3]
    static let importable: Set<String> = ["Swift", "Foundation", "Glibc", "Dispatch", "FoundationEssentials"]

    static func apply(_ tokens: [Token]) throws -> [Token] {
        guard tokens.contains(where: { $0.isPunct("#") }) else { return tokens }
        // Each open `#if`: whether its enclosing code is kept, whether a branch was taken,
        // and whether the current branch is kept.
        var stack: [(outer: Bool, taken: Bool, active: Bool)] = []
        var out: [Token] = []
        var i = 0
        func active() -> Bool { stack.last?.active ?? true }
        while i < tokens.count {
            let t = tokens[i]
            let next = i + 1 < tokens.count ? tokens[i + 1] : t
            guard t.isPunct("#"), !next.spaceBefore, ["if", "elseif", "else", "endif"].contains(next.text) else {
                if active() || t.isEOF { out.append(t) }
                i += 1
                continue
            }
            i += 2
            var condition: [Token] = []
            while i < tokens.count, !tokens[i].newlineBefore, !tokens[i].isEOF { condition.append(tokens[i]); i += 1 }
            func evaluate() throws -> Bool {
                var p = ConditionParser(tokens: condition, at: next)
                return try p.parse()
            }
            switch next.text {
            case "if":
                let outer = active()
                let value = outer ? try evaluate() : false
                stack.append((outer, value, outer && value))
            case "elseif":
                guard var top = stack.popLast() else { throw misplaced(next) }
                let value = top.outer && !top.taken ? try evaluate() : false
                top.active = value; top.taken = top.taken || value
                stack.append(top)
            case "else":
                guard var top = stack.popLast() else { throw misplaced(next) }
                top.active = top.outer && !top.taken; top.taken = true
                stack.append(top)
            default:
                guard stack.popLast() != nil else { throw misplaced(next) }
            }
        }
        if !stack.isEmpty, let last = tokens.last {
            throw Diagnostic(kind: .syntaxError, message: "expected '#endif' to close '#if'", range: last.range)
        }
        return out
    }

    static func misplaced(_ t: Token) -> Diagnostic {
        Diagnostic(kind: .syntaxError, message: "'#\(t.text)' without '#if'", range: t.range)
    }
}

/// `!`, `&&`, `||`, parentheses and the platform conditions of an `#if` line.
private struct ConditionParser {
    let tokens: [Token]
    let at: Token
    var pos = 0

    init(tokens: [Token], at: Token) { self.tokens = tokens; self.at = at }

    func fail(_ message: String) -> Diagnostic {
        Diagnostic(kind: .syntaxError, message: message, range: pos < tokens.count ? tokens[pos].range : at.range)
    }

    mutating func parse() throws -> Bool {
        guard !tokens.isEmpty else { throw fail("expected a condition after '#\(at.text)'") }
        let v = try parseOr()
        if pos < tokens.count { throw fail("unexpected '\(tokens[pos].text)' in the '#\(at.text)' condition") }
        return v
    }

    mutating func parseOr() throws -> Bool {
        var v = try parseAnd()
        while pos < tokens.count, tokens[pos].isOp("||") { pos += 1; let r = try parseAnd(); v = v || r }
        return v
    }

    mutating func parseAnd() throws -> Bool {
        var v = try parseUnary()
        while pos < tokens.count, tokens[pos].isOp("&&") { pos += 1; let r = try parseUnary(); v = v && r }
        return v
    }

    mutating func parseUnary() throws -> Bool {
        guard pos < tokens.count else { throw fail("expected a condition") }
        let t = tokens[pos]
        if t.isOp("!") { pos += 1; return !(try parseUnary()) }
        if t.isPunct("(") {
            pos += 1
            let v = try parseOr()
            guard pos < tokens.count, tokens[pos].isPunct(")") else { throw fail("expected ')' in the condition") }
            pos += 1
            return v
        }
        guard t.kind == .identifier else { throw fail("expected a condition, found '\(t.text)'") }
        pos += 1
        guard pos < tokens.count, tokens[pos].isPunct("("), !tokens[pos].spaceBefore else {
            // A compilation flag (`DEBUG`) is unset; `true` and `false` are themselves.
            return t.text == "true"
        }
        pos += 1
        var argument = ""
        while pos < tokens.count, !tokens[pos].isPunct(")") { argument += tokens[pos].text; pos += 1 }
        guard pos < tokens.count else { throw fail("expected ')' after '\(t.text)(\(argument)'") }
        pos += 1
        switch t.text {
        case "os": return argument == "Linux"
        case "arch": return argument == ConditionParser.architecture
        case "canImport": return ConditionalCompilation.importable.contains(argument)
        case "swift", "compiler": return ConditionParser.versionHolds(argument)
        case "targetEnvironment", "hasFeature", "hasAttribute": return false
        default: throw fail("unknown condition '\(t.text)(...)' in '#\(at.text)'")
        }
    }

    static var architecture: String {
        #if arch(x86_64)
        return "x86_64"
        #elseif arch(arm64)
        return "arm64"
        #else
        return "unknown"
        #endif
    }

    /// `>=5.9` or `<6`, against the Swift version Stride follows.
    static func versionHolds(_ text: String) -> Bool {
        let wantsLess = text.hasPrefix("<")
        let digits = text.drop { $0 == ">" || $0 == "=" || $0 == "<" }
        let wanted = digits.split(separator: ".").map { Int($0) ?? 0 }
        var cmp = 0
        for k in 0..<max(wanted.count, ConditionalCompilation.swiftVersion.count) {
            let a = k < ConditionalCompilation.swiftVersion.count ? ConditionalCompilation.swiftVersion[k] : 0
            let b = k < wanted.count ? wanted[k] : 0
            if a != b { cmp = a < b ? -1 : 1; break }
        }
        return wantsLess ? cmp < 0 : cmp >= 0
    }
}
