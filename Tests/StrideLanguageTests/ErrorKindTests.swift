import Foundation
import XCTest
import StrideLanguage

/// One golden error: a source, the kind it must report, and where the caret must point.
struct ErrorCase {
    var name: String
    var kind: ErrorKind
    var line: Int
    var column: Int
    /// Text the message must contain (the name, index or count it should mention).
    var mentions: [String]
    /// Function names that the traceback must list, for errors raised inside calls.
    var frames: [String]
    var source: String

    init(_ name: String, _ kind: ErrorKind, line: Int, column: Int, mentions: [String] = [],
         frames: [String] = [], _ source: String) {
        self.name = name; self.kind = kind; self.line = line; self.column = column
        self.mentions = mentions; self.frames = frames; self.source = source
    }

    /// Syntax errors (which include a redeclaration in one scope and an assignment to a `let`,
    /// as in Swift's compiler) and undeclared names are found before the cell runs: such a
    /// cell must not print anything.
    var isStatic: Bool { kind == .syntaxError || kind == .nameError }
}

/// Every error kind of the language, with the exact line and column of the caret.
///
/// Caret conventions (docs/LANGUAGE.md, "Errors"): a syntax error points at the offending
/// token, or at the last token when the text ends too early; a name error at the name; an
/// operator's error (type mismatch, division by zero, overflow) at the operator; an index
/// error at the index; a failed force unwrap at the start of the expression it unwraps; a
/// wrong value at the value; a call that cannot be made or recurses too deep at the callee's
/// name; `fatalError`, `precondition` and `throw` at their keyword. Columns count Unicode
/// scalars from 1.
/// ShapeError, IOError and MemoryError come from the engine and are tested at kernel level.
final class ErrorKindTests: XCTestCase {
    static let cases: [ErrorCase] = [
        // Syntax errors.
        ErrorCase("missingInitializerAtEnd", .syntaxError, line: 3, column: 7,
                  "let a = 1\nlet b = 2\nlet x = "),
        ErrorCase("numberAsDeclaredName", .syntaxError, line: 1, column: 5,
                  "let 5 = 3"),
        ErrorCase("extraClosingParenthesis", .syntaxError, line: 1, column: 16,
                  "let a = (1 + 2))"),
        ErrorCase("operatorWithoutOperand", .syntaxError, line: 1, column: 13,
                  "var y = 1 + * 2"),
        ErrorCase("unterminatedString", .syntaxError, line: 1, column: 9,
                  "let s = \"abc\nprint(s)"),
        ErrorCase("ifWithoutBrace", .syntaxError, line: 2, column: 10,
                  "let x = 2\nif x > 1 print(x)"),
        ErrorCase("unterminatedBlockComment", .syntaxError, line: 2, column: 1,
                  "print(1)\n/* outer /* inner */ still open\nprint(2)"),
        ErrorCase("strayClosingBrace", .syntaxError, line: 2, column: 1,
                  "let a = 1\n}"),
        ErrorCase("badDigitInHexLiteral", .syntaxError, line: 1, column: 12,
                  "let h = 0xFG"),
        ErrorCase("integerLiteralTooLarge", .syntaxError, line: 1, column: 11,
                  "let big = 99999999999999999999"),
        ErrorCase("invalidEscape", .syntaxError, line: 1, column: 11,
                  "let s = \"a\\qb\""),
        ErrorCase("syntaxErrorInsideFunction", .syntaxError, line: 3, column: 1,
                  "func f(_ n: Int) -> Int {\n    return n +\n}"),
        // One malformed variant of each syntax form.
        ErrorCase("guardWithoutElse", .syntaxError, line: 2, column: 13,
                  "let x = 1\nguard x > 0 { print(x) }"),
        ErrorCase("forWithoutIn", .syntaxError, line: 1, column: 7,
                  "for i 0..<3 {\n    print(i)\n}"),
        ErrorCase("repeatWithoutWhile", .syntaxError, line: 2, column: 19,
                  "var x = 0\nrepeat { x += 1 } until x > 3"),
        ErrorCase("statementBeforeFirstCase", .syntaxError, line: 2, column: 5,
                  "switch 1 {\n    print(1)\ncase 1: break\ndefault: break\n}"),
        ErrorCase("caseOutsideSwitch", .syntaxError, line: 2, column: 1,
                  "let a = 1\ncase 1: print(a)"),
        ErrorCase("structWithoutName", .syntaxError, line: 1, column: 8,
                  "struct {\n    var x = 1\n}"),
        ErrorCase("propertyWithoutName", .syntaxError, line: 3, column: 1,
                  "class C {\n    var\n}"),
        ErrorCase("functionWithoutName", .syntaxError, line: 1, column: 6,
                  "func (x: Int) -> Int { x }"),
        ErrorCase("parameterTypeMissingParenthesis", .syntaxError, line: 1, column: 17,
                  "func f(_ x: Int -> Int { x }"),
        ErrorCase("unclosedTupleBeforeNextLine", .syntaxError, line: 2, column: 1,
                  "let t = (1, 2\nprint(t)"),
        ErrorCase("mixedDictionaryAndArray", .syntaxError, line: 1, column: 17,
                  "let d = [1: 2, 3]"),
        ErrorCase("closureArrowWithoutType", .syntaxError, line: 1, column: 23,
                  "let f = { (x: Int) -> in x }"),
        ErrorCase("doubleCatchKeyword", .syntaxError, line: 3, column: 9,
                  "do {\n    print(1)\n} catch catch {\n}"),
        ErrorCase("deferWithoutBlock", .syntaxError, line: 2, column: 11,
                  "func f() {\n    defer print(1)\n}"),
        ErrorCase("twoStatementsOnOneLine", .syntaxError, line: 1, column: 11,
                  "let x = 1 let y = 2"),
        ErrorCase("adjacentStringLiterals", .syntaxError, line: 1, column: 11,
                  "print(\"a\" \"b\")"),
        ErrorCase("ifLetWithoutName", .syntaxError, line: 2, column: 8,
                  "let x: Int? = 1\nif let = x { print(1) }"),
        ErrorCase("annotationWithoutType", .syntaxError, line: 1, column: 8,
                  "var x: = 3"),
        ErrorCase("multilineStringOnOneLine", .syntaxError, line: 1, column: 9,
                  "let s = \"\"\"abc\"\"\""),
        ErrorCase("letterInDecimalLiteral", .syntaxError, line: 1, column: 10,
                  "let a = 1x"),
        ErrorCase("unexpectedCharacter", .syntaxError, line: 1, column: 11,
                  "let a = 1 # 2"),
        ErrorCase("backslashOutsideString", .syntaxError, line: 1, column: 9,
                  "let a = \\x"),
        // Static errors, found before anything runs: undeclared names (NameError), redeclarations and assignments to a let (SyntaxError).
        ErrorCase("undeclaredName", .nameError, line: 2, column: 7, mentions: ["undefinedThing"],
                  "print(\"before\")\nprint(undefinedThing)"),
        ErrorCase("undeclaredNameInFunctionBody", .nameError, line: 2, column: 12, mentions: ["missing"],
                  "func f() -> Int {\n    return missing + 1\n}"),
        ErrorCase("undeclaredNameInClosure", .nameError, line: 2, column: 24, mentions: ["offset"],
                  "let xs = [1, 2]\nlet ys = xs.map { $0 + offset }"),
        ErrorCase("useOfLocalOutsideItsBlock", .nameError, line: 4, column: 7, mentions: ["inner"],
                  "if true {\n    let inner = 1\n}\nprint(inner)"),
        ErrorCase("redeclarationInOneScope", .syntaxError, line: 3, column: 5, mentions: ["a"],
                  "print(\"before\")\nlet a = 1\nvar a = 2"),
        ErrorCase("redeclarationInFunction", .syntaxError, line: 3, column: 9, mentions: ["q"],
                  "func f() {\n    let q = 1\n    let q = 2\n}"),
        ErrorCase("redeclaredFunction", .syntaxError, line: 2, column: 6, mentions: ["g"],
                  "func g() {}\nfunc g() {}"),
        ErrorCase("assignmentToLet", .syntaxError, line: 3, column: 1, mentions: ["answer"],
                  "print(\"before\")\nlet answer = 42\nanswer = 43"),
        ErrorCase("compoundAssignmentToLet", .syntaxError, line: 3, column: 5, mentions: ["total"],
                  "let total = 1\nfunc f() {\n    total += 1\n}"),
        ErrorCase("assignmentToLetInLoop", .syntaxError, line: 2, column: 5, mentions: ["i"],
                  "for i in 0..<3 {\n    i = 5\n}"),
        // Type errors.
        ErrorCase("addIntAndString", .typeError, line: 1, column: 11,
                  "let n = 1 + \"a\""),
        ErrorCase("annotationMismatch", .typeError, line: 3, column: 14,
                  "var count: Int = 0\ncount = 1\nlet s: Int = \"text\""),
        ErrorCase("callingAnInt", .typeError, line: 2, column: 1,
                  "let k = 5\nk()"),
        ErrorCase("nonBoolCondition", .typeError, line: 2, column: 4,
                  "let n = 1\nif n { print(n) }"),
        ErrorCase("wrongArgumentType", .typeError, line: 3, column: 14,
                  "func double(_ x: Int) -> Int { x * 2 }\nlet s = \"a\"\nprint(double(s))"),
        // Value errors.
        ErrorCase("forceUnwrapNil", .valueError, line: 2, column: 7, mentions: ["m"],
                  "let m: Int? = nil\nprint(m!)"),
        ErrorCase("forceUnwrapMissingKey", .valueError, line: 2, column: 9,
                  "let d = [\"a\": 1]\nlet v = d[\"b\"]!"),
        // Index errors.
        ErrorCase("indexPastEnd", .indexError, line: 2, column: 10, mentions: ["5", "3"],
                  "let xs = [1, 2, 3]\nprint(xs[5])"),
        ErrorCase("negativeIndex", .indexError, line: 2, column: 4, mentions: ["-1", "2"],
                  "var xs = [10, 20]\nxs[-1] = 0"),
        ErrorCase("indexInsideFunction", .indexError, line: 2, column: 14, mentions: ["2", "1"], frames: ["third"],
                  "func third(_ a: [Int]) -> Int {\n    return a[2]\n}\nprint(third([1]))"),
        ErrorCase("sliceOutOfRange", .indexError, line: 2, column: 12,
                  "let xs = [1, 2, 3]\nlet s = xs[1..<7]"),
        // Arithmetic errors.
        ErrorCase("integerDivisionByZero", .arithmeticError, line: 2, column: 10,
                  "let z = 0\nprint(10 / z)"),
        ErrorCase("remainderByZero", .arithmeticError, line: 2, column: 11,
                  "let z = 0\nlet r = 7 % z"),
        ErrorCase("additionOverflow", .arithmeticError, line: 2, column: 13,
                  "let big = Int.max\nlet c = big + 1"),
        ErrorCase("multiplicationOverflow", .arithmeticError, line: 3, column: 11,
                  "var x = 1\nfor _ in 0..<70 {\n    x = x * 2\n}"),
        ErrorCase("negationOverflow", .arithmeticError, line: 2, column: 9,
                  "let m = Int.min\nlet n = -m"),
        ErrorCase("compoundAssignmentOverflow", .arithmeticError, line: 2, column: 3,
                  "var x = Int.max\nx += 1"),
        // Recursion.
        ErrorCase("unboundedRecursion", .recursionError, line: 2, column: 12, frames: ["down"],
                  "func down(_ n: Int) -> Int {\n    return down(n + 1) + 1\n}\nprint(down(0))"),
        // fatalError and precondition.
        ErrorCase("fatalErrorAtTopLevel", .fatalError, line: 2, column: 1, mentions: ["boom"],
                  "print(1)\nfatalError(\"boom\")"),
        ErrorCase("fatalErrorInFunction", .fatalError, line: 2, column: 5, mentions: ["unreachable"], frames: ["f"],
                  "func f() {\n    fatalError(\"unreachable\")\n}\nf()"),
        ErrorCase("preconditionFails", .fatalError, line: 2, column: 1, mentions: ["must be non-negative"],
                  "let v = -1\nprecondition(v >= 0, \"must be non-negative\")"),
        ErrorCase("guardElseFatalError", .fatalError, line: 2, column: 21, mentions: ["n is 1"],
                  "let n = 1\nguard n == 0 else { fatalError(\"n is \\(n)\") }"),
        // Errors thrown and never caught.
        ErrorCase("uncaughtThrow", .userError, line: 2, column: 19, mentions: ["Oops", "7"], frames: ["f"],
                  "struct Oops: Error { let code: Int }\nfunc f() throws { throw Oops(code: 7) }\ntry f()"),
        // A wrong argument to a builtin method points at the argument.
        ErrorCase("optionalAppendedToDoubles", .typeError, line: 3, column: 11, mentions: ["Optional<Double>", "Double"],
                  "var xs: [Double] = []\nlet d: [String: Double] = [\"a\": 1]\nxs.append(d[\"a\"])"),
    ]

    func testEveryErrorKindPointsAtTheExactToken() {
        for c in Self.cases {
            let run = Conformance.run(c.source, timeLimit: 30)
            if run.hung {
                XCTFail("\(c.name): did not stop within \(Conformance.hangGrace) s of its interrupt")
                continue
            }
            guard let error = run.error else {
                XCTFail("\(c.name): expected \(c.kind.name), but the cell ran (stdout: \(run.stdout.debugDescription))")
                continue
            }
            XCTAssertEqual(error.kind, c.kind, "\(c.name): wrong kind; rendered:\n\(error.rendered)")
            guard let location = error.location else {
                XCTFail("\(c.name): \(error.kind.name) has no location")
                continue
            }
            let where_ = "\(c.name): expected line \(c.line), column \(c.column); rendered:\n\(error.rendered)"
            XCTAssertEqual(location.line, c.line, where_)
            XCTAssertEqual(location.column, c.column, where_)
            let sourceLines = c.source.split(separator: "\n", omittingEmptySubsequences: false)
            if c.line <= sourceLines.count {
                XCTAssertEqual(location.sourceLine, String(sourceLines[c.line - 1]), "\(c.name): source line")
            }
            for fragment in c.mentions {
                XCTAssertTrue(error.message.contains(fragment),
                              "\(c.name): message \(error.message.debugDescription) should mention \(fragment)")
            }
            for function in c.frames {
                XCTAssertTrue(error.traceback.contains { $0.function.contains(function) },
                              "\(c.name): traceback \(error.traceback) should list \(function)")
            }
            if c.isStatic {
                XCTAssertEqual(run.stdout, "", "\(c.name): a static error must stop the cell before it runs")
            }
            checkRendering(error, line: c.line, column: c.column, name: c.name)
        }
    }

    /// The rendered report names the kind, the line and column, shows the source line and puts
    /// the caret under the column.
    private func checkRendering(_ error: StrideError, line: Int, column: Int, name: String) {
        let text = error.rendered
        XCTAssertTrue(text.hasPrefix(error.kind.name + ":"), "\(name): rendered should start with the kind:\n\(text)")
        XCTAssertTrue(text.contains("line \(line), column \(column)"), "\(name): rendered should name the place:\n\(text)")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let sourceIndex = lines.firstIndex(where: { $0.hasSuffix("| " + (error.location?.sourceLine ?? "\u{0}")) }),
              sourceIndex + 1 < lines.count,
              let bar = lines[sourceIndex + 1].range(of: "| ") else {
            XCTFail("\(name): rendered should show the source line then a caret line:\n\(text)")
            return
        }
        let caretLine = lines[sourceIndex + 1][bar.upperBound...]
        let lead = caretLine.prefix { $0 == " " || $0 == "\t" }
        XCTAssertEqual(lead.unicodeScalars.count, column - 1, "\(name): caret under the wrong column:\n\(text)")
        XCTAssertTrue(caretLine.dropFirst(lead.count).hasPrefix("^"), "\(name): no caret:\n\(text)")
    }

    func testEveryLanguageErrorKindHasACase() {
        let covered = Set(Self.cases.map { $0.kind })
        let engineKinds: Set<ErrorKind> = [.shapeError, .ioError, .memoryError]
        // Interrupted has its own test below; KeyError has no source of its own in the
        // language (a dictionary subscript gives an Optional), so the engine's loaders raise it.
        let elsewhere: Set<ErrorKind> = [.interrupted, .keyError]
        for kind in ErrorKind.allCases where !engineKinds.contains(kind) && !elsewhere.contains(kind) {
            XCTAssertTrue(covered.contains(kind), "no golden case for \(kind.name)")
        }
    }

    func testNamesOfErrorKinds() {
        let names = [ErrorKind.syntaxError, .nameError, .typeError, .valueError, .shapeError, .indexError,
                     .keyError, .arithmeticError, .ioError, .recursionError, .memoryError, .interrupted]
            .map { $0.name }
        XCTAssertEqual(names, ["SyntaxError", "NameError", "TypeError", "ValueError", "ShapeError", "IndexError",
                               "KeyError", "ArithmeticError", "IOError", "RecursionError", "MemoryError",
                               "Interrupted"])
    }

    func testALaterCellMayDeclareANameAgain() {
        let interpreter = Interpreter()
        XCTAssertNil(Conformance.run("let x = 1\nvar y = 2", in: interpreter).error)
        let second = Conformance.run("let x = \"two\"\nlet y = x + \"!\"\nprint(y)", in: interpreter)
        XCTAssertNil(second.error, second.error?.rendered ?? "")
        XCTAssertEqual(second.stdout, "two!\n")
    }

    func testStaticErrorLeavesEarlierCellsIntact() {
        let interpreter = Interpreter()
        XCTAssertNil(Conformance.run("var kept = 5", in: interpreter).error)
        let bad = Conformance.run("kept = 6\nprint(kept)\nprint(nowhere)", in: interpreter)
        XCTAssertEqual(bad.error?.kind, .nameError)
        XCTAssertEqual(bad.stdout, "")
        let after = Conformance.run("print(kept)", in: interpreter)
        XCTAssertEqual(after.stdout, "5\n", "the failed cell must not have run its first line")
    }

    func testRuntimeErrorKeepsWhatRanBefore() {
        let interpreter = Interpreter()
        let run = Conformance.run("var done = 0\nprint(\"one\")\ndone = 1\nlet z = 0\nprint(done / z)", in: interpreter)
        XCTAssertEqual(run.error?.kind, .arithmeticError)
        XCTAssertEqual(run.stdout, "one\n")
        XCTAssertEqual(Conformance.run("print(done)", in: interpreter).stdout, "1\n")
    }

    func testInterruptStopsAnEndlessLoopQuicklyWithStateIntact() {
        let interpreter = Interpreter()
        let flag = interpreter.interruptFlag
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { flag.set() }
        let started = Date()
        let run = Conformance.run("var spins = 0\nwhile true { spins += 1 }", in: interpreter)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertFalse(run.hung, "the loop did not stop")
        XCTAssertEqual(run.error?.kind, .interrupted, run.error?.rendered ?? "the loop was not interrupted")
        XCTAssertLessThan(elapsed, 0.3 + 1.0, "interrupt took too long")
        let after = Conformance.run("print(spins > 0)", in: interpreter)
        XCTAssertNil(after.error, after.error?.rendered ?? "")
        XCTAssertEqual(after.stdout, "true\n")
    }

    func testCaughtErrorsDoNotReachTheCell() {
        let run = Conformance.run("""
            struct Oops: Error { let code: Int }
            do { throw Oops(code: 3) } catch { print("caught", error) }
            """)
        XCTAssertNil(run.error, run.error?.rendered ?? "")
        XCTAssertEqual(run.stdout, "caught Oops(code: 3)\n")
    }
}
