import XCTest
@testable import StrideLanguage

final class LexerTests: XCTestCase {
    func kinds(_ s: String) throws -> [String] {
        try Lexer.tokenize(s).dropLast().map { t in
            switch t.kind {
            case .identifier: return "id:\(t.text)"
            case .integer(let i): return "int:\(i)"
            case .bigInteger(let u): return "big:\(u)"
            case .float(let d): return "float:\(d)"
            case .string: return "str"
            case .op: return "op:\(t.text)"
            case .punct: return "p:\(t.text)"
            case .eof: return "eof"
            }
        }
    }

    func testNumbersAndOperators() throws {
        XCTAssertEqual(try kinds("0xFF 1_000_000 0b101 0o17 3.25 1e-3 2.5E2"),
                       ["int:255", "int:1000000", "int:5", "int:15", "float:3.25", "float:0.001", "float:250.0"])
        XCTAssertEqual(try kinds("a..<b...c ?? d === e != f"),
                       ["id:a", "op:..<", "id:b", "op:...", "id:c", "op:??", "id:d", "op:===", "id:e", "op:!=", "id:f"])
        XCTAssertEqual(try kinds("x.0.y $0"), ["id:x", "p:.", "int:0", "p:.", "id:y", "id:$0"])
        // Beyond Int.max a literal can only be a UInt64; beyond that it is an error.
        XCTAssertEqual(try kinds("18446744073709551615"), ["big:18446744073709551615"])
        XCTAssertThrowsError(try kinds("18446744073709551616"))
    }

    func testPositionsCountScalarsAndLines() throws {
        let toks = try Lexer.tokenize("let é = 1\n  var x")
        XCTAssertEqual(toks[1].start.column, 5)
        XCTAssertEqual(toks[3].start.column, 9)
        XCTAssertEqual(toks[4].start.line, 2)
        XCTAssertEqual(toks[4].start.column, 3)
        XCTAssertTrue(toks[4].newlineBefore)
    }

    func testWhitespaceDecidesOperatorRole() throws {
        let toks = try Lexer.tokenize("a - b -c x!")
        XCTAssertTrue(toks[1].spaceBefore && toks[1].spaceAfter)
        XCTAssertTrue(toks[3].spaceBefore && !toks[3].spaceAfter)
        XCTAssertFalse(toks[6].spaceBefore)
    }

    func testCommentsNestAndDocCommentsAttach() throws {
        let toks = try Lexer.tokenize("/* a /* b */ c */ x // tail\n/// Adds one.\n/// Really.\nfunc f() {}")
        XCTAssertEqual(toks[0].text, "x")
        XCTAssertEqual(toks[1].text, "func")
        XCTAssertEqual(toks[1].doc, "Adds one.\nReally.")
    }

    func testStringsWithInterpolationAndEscapes() throws {
        let toks = try Lexer.tokenize(#""a\tb\(1 + (2))c\u{41}""#)
        guard case .string(let parts) = toks[0].kind else { return XCTFail("not a string") }
        XCTAssertEqual(parts.count, 3)
        XCTAssertEqual(parts[0], .text("a\tb"))
        guard case .interpolation(let inner) = parts[1] else { return XCTFail("no interpolation") }
        XCTAssertEqual(inner.dropLast().map(\.text), ["1", "+", "(", "2", ")"])
        XCTAssertEqual(parts[2], .text("cA"))
    }

    func testMultilineStringStripsClosingIndentation() throws {
        let toks = try Lexer.tokenize("let s = \"\"\"\n    one\n      two\n    \"\"\"")
        guard case .string(let parts) = toks[3].kind else { return XCTFail("not a string") }
        XCTAssertEqual(parts, [.text("one\n  two")])
    }

    func testLexicalErrorsCarryPositions() {
        func diag(_ s: String) -> Diagnostic? {
            do { _ = try Lexer.tokenize(s); return nil } catch { return error as? Diagnostic }
        }
        let open = diag("let s = \"abc")
        XCTAssertEqual(open?.range.start.column, 9)
        XCTAssertEqual(open?.isUnexpectedEnd, true)
        XCTAssertEqual(diag("x = 1 @@ ¤")?.range.start.column, 10)
        XCTAssertEqual(diag("/* open /* nested */")?.isUnexpectedEnd, true)
        XCTAssertEqual(diag("let n = 12abc")?.range.start.column, 11)
    }
}
