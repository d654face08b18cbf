import Foundation
import XCTest
import StrideLanguage

/// An input that once crashed or hung the interpreter, or that would trap a naive one.
struct HostileInput {
    var name: String
    var source: String
    /// The kind the cell must stop with; nil when any outcome but a trap or a hang will do.
    var kind: ErrorKind?

    init(_ name: String, _ source: String, _ kind: ErrorKind? = nil) {
        self.name = name; self.source = source; self.kind = kind
    }
}

/// Inputs that must end in a result or a reported error, in bounded time, never in a trap.
///
/// The first table holds inputs written by hand at the places where Swift itself traps or
/// where an interpreter recurses on its input. The second holds every crash or hang that
/// `fuzz/run.sh` has found (docs/FUZZING.md); each entry names the artifact it came from.
final class FuzzRegressionTests: XCTestCase {
    static let deepParentheses = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
    static let deepBrackets = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
    static let deepBlocks = String(repeating: "if true { ", count: 3000) + String(repeating: "}", count: 3000)
    static let deepClosures = String(repeating: "{ ", count: 3000) + String(repeating: "}", count: 3000)
    static let deepInterpolation = String(repeating: "\"\\(", count: 500) + "1" + String(repeating: ")\"", count: 500)
    static let longUnary = "let x = " + String(repeating: "-", count: 5000) + "1"
    static let longChain = "let x = 0" + String(repeating: " + 1", count: 20000)

    static let handWritten: [HostileInput] = [
        // Arithmetic that traps in Swift.
        HostileInput("minDividedByMinusOne", "let m = Int.min\nlet d = -1\nprint(m / d)", .arithmeticError),
        HostileInput("minRemainderMinusOne", "let m = Int.min\nlet d = -1\nprint(m % d)", .arithmeticError),
        HostileInput("absOfMin", "print(abs(Int.min))", .arithmeticError),
        HostileInput("negateMin", "let m = Int.min\nprint(-m)", .arithmeticError),
        HostileInput("subtractionOverflow", "let m = Int.min\nprint(m - 1)", .arithmeticError),
        HostileInput("overflowInCompoundMultiply", "var x = Int.max\nx *= 2", .arithmeticError),
        HostileInput("intOfNaN", "print(Int(Double.nan))"),
        HostileInput("intOfInfinity", "print(Int(Double.infinity))"),
        HostileInput("intOfHugeDouble", "print(Int(1e300))"),
        HostileInput("closedRangeCountOverflow", "print((0...Int.max).count)"),
        HostileInput("rangeCountOverflow", "print((Int.min..<Int.max).count)"),
        // Collections and ranges that trap in Swift.
        HostileInput("reversedRange", "let r = 5..<1\nprint(r)"),
        HostileInput("reversedClosedRange", "for i in 3...1 { print(i) }"),
        HostileInput("reversedSlice", "let xs = [1, 2, 3]\nprint(xs[2..<1])"),
        HostileInput("sliceFarOutside", "let xs = [1, 2, 3]\nprint(xs[5...])", .indexError),
        HostileInput("negativeRepeatCount", "print(Array(repeating: 0, count: -1))"),
        HostileInput("hugeRepeatCount", "let xs = Array(repeating: 0, count: Int.max)\nprint(xs.count)"),
        HostileInput("strideByZero", "for i in stride(from: 0, to: 10, by: 0) { print(i) }"),
        HostileInput("removeFromEmpty", "var xs = [Int]()\nxs.remove(at: 0)", .indexError),
        HostileInput("insertPastEnd", "var xs = [1]\nxs.insert(2, at: 5)", .indexError),
        HostileInput("removeNegative", "var xs = [1]\nxs.remove(at: -1)", .indexError),
        HostileInput("hugeRangeMap", "let xs = (0..<Int.max).map { $0 }\nprint(xs.count)"),
        HostileInput("tupleIndexOutOfRange", "let t = (1, 2)\nprint(t.5)"),
        HostileInput("destructureMismatch", "let (a, b) = (1, 2, 3)\nprint(a, b)"),
        HostileInput("destructureNonTuple", "let (a, b) = 5\nprint(a, b)"),
        HostileInput("forceUnwrapNilLiteral", "let x: Int? = nil\nprint(x!)", .valueError),
        // Recursion through every kind of call.
        HostileInput("selfCallingClosure", "var f: (() -> Void)? = nil\nf = { f?() }\nf?()", .recursionError),
        HostileInput("recursiveDefaultProperty", "struct S { var x = S() }\nprint(S())"),
        HostileInput("recursiveInit", "class A { init() { _ = A() } }\n_ = A()", .recursionError),
        HostileInput("recursiveComputedProperty", "struct P { var v: Int { v + 1 } }\nprint(P().v)", .recursionError),
        HostileInput("recursiveCallAsFunction", "struct F { func callAsFunction() -> Int { self() } }\nprint(F()())",
                     .recursionError),
        HostileInput("mutualRecursion", "func a(_ n: Int) -> Int { b(n) }\nfunc b(_ n: Int) -> Int { a(n) }\nprint(a(1))",
                     .recursionError),
        HostileInput("recursionInsideSort", "func f(_ n: Int) -> [Int] { [n, 1].sorted { _, _ in f(n + 1).count > 0 } }\nprint(f(0))",
                     .recursionError),
        // Cycles that a printer could follow forever.
        HostileInput("printClassCycle", "class N { var next: N? = nil }\nlet a = N()\na.next = a\nprint(a)\ndebugPrint(a)"),
        HostileInput("printArrayCycleThroughClass",
                     "class C { var xs: [C] = [] }\nlet c = C()\nc.xs.append(c)\nprint(c.xs.count)\nprint(c.xs)"),
        HostileInput("interpolateClassCycle", "class N { var next: N? = nil }\nlet a = N()\na.next = a\nprint(\"\\(a)\")"),
        // Loops that only the interrupt ends.
        HostileInput("endlessWhile", "while true {}", .interrupted),
        HostileInput("endlessRepeat", "var n = 0\nrepeat { n += 1; n -= 1 } while n == 0", .interrupted),
        HostileInput("endlessFor", "for _ in 0..<Int.max {}", .interrupted),
        HostileInput("endlessRecursionWithLoop", "func f() { while true { } }\nf()", .interrupted),
        // Texts that a lexer or a parser could recurse or loop on.
        HostileInput("deepParentheses", deepParentheses),
        HostileInput("deepBrackets", deepBrackets),
        HostileInput("deepBlocks", deepBlocks),
        HostileInput("deepClosures", deepClosures),
        HostileInput("deepInterpolation", deepInterpolation),
        HostileInput("longUnaryChain", longUnary),
        HostileInput("longBinaryChain", longChain),
        HostileInput("unterminatedInterpolation", "print(\"a \\(1 + ", .syntaxError),
        HostileInput("interpolationOfUnterminatedString", "print(\"\\(\"\")", .syntaxError),
        HostileInput("invalidUnicodeEscape", "print(\"\\u{110000}\")", .syntaxError),
        HostileInput("surrogateEscape", "print(\"\\u{D800}\")", .syntaxError),
        HostileInput("replacementCharacters", "let \u{FFFD} = 1\nprint(\u{FFFD})"),
        HostileInput("nulInSource", "let a = 1\u{0}\nprint(a)"),
        HostileInput("loneMultilineOpener", "let s = \"\"\"", .syntaxError),
        HostileInput("multilineBadIndent", "let s = \"\"\"\n  a\n    \"\"\"", .syntaxError),
        HostileInput("hexWithoutDigits", "let h = 0x", .syntaxError),
        HostileInput("exponentWithoutDigits", "let e = 1e"),
        HostileInput("hugeLiteral", "print(123456789012345678901234567890)", .syntaxError),
        HostileInput("unterminatedNestedComment", "/* /* */", .syntaxError),
        HostileInput("onlyOperators", "+-*/%<>=!&|^~?", .syntaxError),
        HostileInput("emptyInterpolation", "print(\"\\()\")", .syntaxError),
        HostileInput("keywordSoup", "func let var struct class if else switch case", .syntaxError),
        HostileInput("labelWithoutLoop", "outer: print(1)"),
        HostileInput("breakOutsideLoop", "break", .syntaxError),
        HostileInput("fallthroughOutsideSwitch", "fallthrough", .syntaxError),
        HostileInput("returnAtTopLevel", "return 5"),
        HostileInput("selfAtTopLevel", "print(self)"),
        HostileInput("emptySwitch", "switch 1 {}"),
        HostileInput("throwNonError", "throw 5"),
        HostileInput("deferThatThrows", "struct E: Error {}\nfunc f() throws { defer { print(1) }; throw E() }\ntry f()",
                     .userError),
    ]

    /// Inputs found by `fuzz/run.sh`, with the artifact each came from. None so far: two
    /// 10-minute runs (85,720 inputs, 936 kept in the corpus) found no crash, hang or
    /// runaway allocation.
    static let foundByFuzzing: [HostileInput] = [
    ]

    func testHostileInputsEndInAResultOrAReportedError() {
        for input in Self.handWritten + Self.foundByFuzzing {
            let limit = 2.0
            let started = Date()
            let run = Conformance.run(input.source, cellName: input.name, timeLimit: limit)
            let elapsed = Date().timeIntervalSince(started)
            if run.hung {
                XCTFail("\(input.name): hung, still running \(Conformance.hangGrace) s after its interrupt")
                continue
            }
            XCTAssertLessThan(elapsed, limit + 3, "\(input.name): ran \(elapsed) s, past its interrupt")
            if let kind = input.kind {
                XCTAssertEqual(run.error?.kind, kind,
                               "\(input.name): expected \(kind.name), got \(run.error?.rendered ?? "no error")")
            }
            if let error = run.error {
                XCTAssertTrue(error.rendered.hasPrefix(error.kind.name), "\(input.name): \(error.rendered)")
                if error.kind != .interrupted {
                    XCTAssertFalse(error.message.isEmpty, "\(input.name): an error needs a message")
                }
            }
        }
    }

    func testEditorHelpersSurviveHostileInputs() {
        let interpreter = Interpreter()
        for input in Self.handWritten + Self.foundByFuzzing {
            let scalars = input.source.unicodeScalars.count
            _ = interpreter.isComplete(input.source)
            for cursor in [0, scalars / 2, scalars] {
                let completion = interpreter.complete(input.source, cursor: cursor)
                XCTAssertLessThanOrEqual(completion.start, completion.end, input.name)
                XCTAssertLessThanOrEqual(completion.end, scalars, input.name)
                _ = interpreter.inspect(input.source, cursor: cursor, detailLevel: 1)
            }
        }
    }
}
