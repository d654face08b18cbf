/// A shell-style wildcard pattern, matched against a whole string as IPython's history
/// search does (SQLite GLOB): `*` any run, `?` one character, `[abc]`, `[a-z]`, `[^x]` a
/// class (`]` first in a class is literal; an unclosed `[` matches nothing, as in SQLite).
/// Case-sensitive; matching works on Unicode characters.
public struct GlobPattern: Sendable {
    private enum Token: Sendable {
        case any
        case one
        case literal(Character)
        case set([ClosedRange<Character>], negated: Bool)
    }

    private let tokens: [Token]

    public init(_ pattern: String) {
        var tokens: [Token] = []
        let chars = Array(pattern)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "*":
                if case .any? = tokens.last {} else { tokens.append(.any) }
                i += 1
            case "?": tokens.append(.one); i += 1
            case "[":
                if let (set, next) = GlobPattern.parseSet(chars, from: i) {
                    tokens.append(set)
                    i = next
                } else {
                    tokens.append(.set([], negated: false))
                    i = chars.count
                }
            default: tokens.append(.literal(c)); i += 1
            }
        }
        self.tokens = tokens
    }

    /// A bracket class starting at `start` ("["), and the index after its "]".
    private static func parseSet(_ chars: [Character], from start: Int) -> (Token, Int)? {
        var i = start + 1
        var negated = false
        if i < chars.count, chars[i] == "^" { negated = true; i += 1 }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while i < chars.count {
            let c = chars[i]
            if c == "]" && !first { return (.set(ranges, negated: negated), i + 1) }
            first = false
            if i + 2 < chars.count, chars[i + 1] == "-", chars[i + 2] != "]" {
                let low = c, high = chars[i + 2]
                if low <= high { ranges.append(low...high) }
                i += 3
            } else {
                ranges.append(c...c)
                i += 1
            }
        }
        return nil
    }

    /// Whether the whole of `text` matches.
    public func matches(_ text: String) -> Bool {
        let chars = Array(text)
        // Iterative matching with one backtrack point for the latest `*`: linear in
        // practice and never recursive, so a long pattern cannot exhaust the stack.
        var t = 0, p = 0
        var starP = -1, starT = 0
        while t < chars.count {
            if p < tokens.count, Self.matchesOne(tokens[p], chars[t]) {
                t += 1; p += 1
            } else if p < tokens.count, case .any = tokens[p] {
                starP = p; starT = t; p += 1
            } else if starP >= 0 {
                starT += 1; t = starT; p = starP + 1
            } else {
                return false
            }
        }
        while p < tokens.count, case .any = tokens[p] { p += 1 }
        return p == tokens.count
    }

    private static func matchesOne(_ token: Token, _ c: Character) -> Bool {
        switch token {
        case .any: return false
        case .one: return true
        case .literal(let l): return l == c
        case .set(let ranges, let negated): return ranges.contains { $0.contains(c) } != negated
        }
    }
}
