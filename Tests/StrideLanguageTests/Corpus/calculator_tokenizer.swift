enum Token: Equatable, CustomStringConvertible {
    case number(Double)
    case op(Character)
    case lparen, rparen
    var description: String {
        switch self {
        case .number(let d): return "\(d)"
        case .op(let c): return String(c)
        case .lparen: return "("
        case .rparen: return ")"
        }
    }
}
enum CalcError: Error { case badCharacter(Character), mismatched, empty }
func tokenize(_ s: String) throws -> [Token] {
    var tokens: [Token] = []
    var number = ""
    func flush() {
        if !number.isEmpty { tokens.append(.number(Double(number)!)); number = "" }
    }
    for ch in s {
        if ch.isNumber || ch == "." { number.append(ch); continue }
        flush()
        switch ch {
        case "+", "-", "*", "/": tokens.append(.op(ch))
        case "(": tokens.append(.lparen)
        case ")": tokens.append(.rparen)
        case " ": continue
        default: throw CalcError.badCharacter(ch)
        }
    }
    flush()
    return tokens
}
func precedence(_ c: Character) -> Int { c == "+" || c == "-" ? 1 : 2 }
func toRPN(_ tokens: [Token]) throws -> [Token] {
    var out: [Token] = [], stack: [Token] = []
    for t in tokens {
        switch t {
        case .number: out.append(t)
        case .op(let o):
            while case .op(let top)? = stack.last, precedence(top) >= precedence(o) { out.append(stack.removeLast()) }
            stack.append(t)
        case .lparen: stack.append(t)
        case .rparen:
            while let top = stack.last, top != .lparen { out.append(stack.removeLast()) }
            guard stack.popLast() == .lparen else { throw CalcError.mismatched }
        }
    }
    while let top = stack.popLast() {
        if top == .lparen { throw CalcError.mismatched }
        out.append(top)
    }
    return out
}
func evaluate(_ rpn: [Token]) throws -> Double {
    var st: [Double] = []
    for t in rpn {
        if case .number(let d) = t { st.append(d); continue }
        guard case .op(let o) = t, st.count >= 2 else { throw CalcError.empty }
        let b = st.removeLast(), a = st.removeLast()
        switch o {
        case "+": st.append(a + b)
        case "-": st.append(a - b)
        case "*": st.append(a * b)
        default: st.append(a / b)
        }
    }
    guard st.count == 1 else { throw CalcError.empty }
    return st[0]
}
for expr in ["1 + 2 * 3", "(1 + 2) * 3", "10 / 4 - 0.5", "2 * (3 + 4) * 5", "(1 + 2", "3 $ 4"] {
    do {
        let rpn = try toRPN(try tokenize(expr))
        print(expr, "=", try evaluate(rpn), "rpn:", rpn.map(\.description).joined(separator: " "))
    } catch {
        print(expr, "error:", error)
    }
}
