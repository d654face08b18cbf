// A reverse-Polish calculator with errors for bad input.
struct CalcError: Error {
    let message: String
}
func evaluate(_ expression: String) throws -> Double {
    var stack: [Double] = []
    for token in expression.split(separator: " ") {
        switch token {
        case "+", "-", "*", "/":
            guard stack.count >= 2 else { throw CalcError(message: "stack underflow at \(token)") }
            let b = stack.remove(at: stack.count - 1)
            let a = stack.remove(at: stack.count - 1)
            switch token {
            case "+": stack.append(a + b)
            case "-": stack.append(a - b)
            case "*": stack.append(a * b)
            default:
                if b == 0 { throw CalcError(message: "division by zero") }
                stack.append(a / b)
            }
        case "pi":
            stack.append(Double.pi)
        default:
            var digits = 0
            var allDigits = true
            for piece in token.split(separator: "_") {
                digits += piece.count
                if piece.hasPrefix("x") { allDigits = false }
            }
            guard allDigits else { throw CalcError(message: "bad token \(token)") }
            stack.append(Double(digits))
        }
    }
    guard stack.count == 1, let result = stack.first else {
        throw CalcError(message: "expected one value, found \(stack.count)")
    }
    return result
}
for input in ["aaa bb +", "aaaa b /", "aa aaa aaaa * -", "a +", "a _ /", "a b", "pi aa *", "a x1 +"] {
    do {
        print(input, "=", try evaluate(input))
    } catch let e as CalcError {
        print(input, "error:", e.message)
    }
}
