// Struct errors thrown, caught, matched with `as`, and printed.
struct ParseError: Error {
    let line: Int
    let reason: String
}
struct EmptyInput: Error {}

func parseNumber(_ s: String, line: Int) throws -> Int {
    if s.count == 0 { throw EmptyInput() }
    var value = 0
    for part in s.split(separator: "|") {
        if part == "x" { throw ParseError(line: line, reason: "bad digit") }
        value += part.count
    }
    return value
}

do {
    let n = try parseNumber("ab|c", line: 1)
    print("parsed", n)
    let m = try parseNumber("a|x", line: 2)
    print("never", m)
} catch let e as ParseError {
    print("parse error on line \(e.line): \(e.reason)")
} catch {
    print("other error")
}

do {
    _ = try parseNumber("", line: 3)
} catch is ParseError {
    print("parse")
} catch {
    print("caught:", error)
}

do {
    _ = try parseNumber("x", line: 4)
} catch {
    print(error)
    if let p = error as? ParseError {
        print("line", p.line)
    }
    print(error is EmptyInput, error is ParseError)
}

let ok = try? parseNumber("abc", line: 5)
let bad = try? parseNumber("x", line: 6)
print(ok, bad)
print((try? parseNumber("", line: 7)) ?? -1)
