import XCTest
@testable import StrideLanguage

final class ParserTests: XCTestCase {
    /// A compact rendering of an expression tree, for structure assertions.
    func show(_ e: Expr) -> String {
        switch e.kind {
        case .int(let i): return "\(i)"
        case .double(let d): return "\(d)"
        case .name(let n): return n
        case .binary(let op, let a, let b): return "(\(show(a)) \(op) \(show(b)))"
        case .prefix(let op, let a): return "(\(op)\(show(a)))"
        case .ternary(let c, let a, let b): return "(\(show(c)) ? \(show(a)) : \(show(b)))"
        case .assign(let op, let a, let b): return "(\(show(a)) \(op) \(show(b)))"
        case .call(let f, let args): return show(f) + "(" + args.map { ($0.label.map { "\($0): " } ?? "") + show($0.value) }.joined(separator: ", ") + ")"
        case .member(let b, let n): return show(b) + "." + n
        case .closure(let f): return "{\(f.params.map(\.name).joined(separator: ","))|\(f.body.count)}"
        case .subscriptCall(let b, let args): return show(b) + "[" + args.map { show($0.value) }.joined(separator: ", ") + "]"
        case .forceUnwrap(let b): return show(b) + "!"
        case .optionalChain(let b): return "chain(" + show(b) + ")"
        case .optionalUnwrapInChain(let b): return show(b) + "?"
        case .implicitMember(let n): return "." + n
        case .cast(let b, let op, let t): return "(\(show(b)) \(op) \(t.description))"
        default: return "?"
        }
    }

    func expr(_ s: String) throws -> Expr {
        let stmts = try Parser.parse(s)
        guard case .expr(let e) = stmts.last?.kind else { throw Diagnostic(kind: .syntaxError, message: "not an expression", range: SourceRange(SourcePosition(offset: 0, line: 1, column: 1), SourcePosition(offset: 0, line: 1, column: 1))) }
        return e
    }

    func testPrecedenceAndAssociativity() throws {
        XCTAssertEqual(show(try expr("1 + 2 * 3 - 4")), "((1 + (2 * 3)) - 4)")
        XCTAssertEqual(show(try expr("a ?? b ?? c")), "(a ?? (b ?? c))")
        XCTAssertEqual(show(try expr("a < b && c || d")), "(((a < b) && c) || d)")
        XCTAssertEqual(show(try expr("x = y == 1 ? 2 : 3")), "(x = ((y == 1) ? 2 : 3))")
        XCTAssertEqual(show(try expr("0..<n + 1")), "(0 ..< (n + 1))")
        XCTAssertEqual(show(try expr("-a * b")), "((-a) * b)")
        XCTAssertEqual(show(try expr("x as? Int ?? 0")), "((x as? Int) ?? 0)")
    }

    func testPostfixForms() throws {
        XCTAssertEqual(show(try expr("a.b(c: 1)[2]!.d")), "a.b(c: 1)[2]!.d")
        XCTAssertEqual(show(try expr("a?.b.c")), "chain(a?.b.c)")
        XCTAssertEqual(show(try expr("xs.map { $0 * 2 }")), "xs.map({|1})", "$0 parameters are added by the resolver")
        XCTAssertEqual(show(try expr("f(1) { x, y in x }")), "f(1, {x,y|1})")
        XCTAssertEqual(show(try expr("Sequential { A(); B() }")), "Sequential({|2})")
        XCTAssertEqual(show(try expr("conv(x, padding: .same)")), "conv(x, padding: .same)")
    }

    func testConditionsDoNotTakeTrailingClosures() throws {
        let stmts = try Parser.parse("if x { y() }\nfor i in xs { print(i) }\nwhile ok { }")
        XCTAssertEqual(stmts.count, 3)
        guard case .ifStmt(let conds, let body, _) = stmts[0].kind, case .expr(let c) = conds[0] else { return XCTFail("not an if") }
        XCTAssertEqual(show(c), "x")
        XCTAssertEqual(body.count, 1)
    }

    func testEveryNodeCarriesItsRange() throws {
        let e = try expr("let a = 1\n  foo(bar: 2) + 3")
        XCTAssertEqual(e.range.start.line, 2)
        XCTAssertEqual(e.range.start.column, 3)
        XCTAssertEqual(e.range.end.column, 18)
        XCTAssertEqual(e.opRange?.start.column, 15)
    }

    func testDeclarations() throws {
        let stmts = try Parser.parse("""
            /// A point.
            struct P: Layer { var x = 0.0; let y: Int
                static let origin = P(y: 0)
                var sum: Double { x + Double(y) }
                mutating func move(by d: Double = 1) { x += d }
                init(y: Int) { self.y = y }
            }
            enum E: String { case a, b = "bee" }
            func f(_ a: Int, label b: inout [Int], rest: Double...) throws -> Int? { nil }
            """)
        guard case .type(let p) = stmts[0].kind, case .type(let e) = stmts[1].kind, case .function(let f) = stmts[2].kind else {
            return XCTFail("wrong statements")
        }
        XCTAssertEqual(p.name, "P")
        XCTAssertEqual(p.doc, "A point.")
        XCTAssertEqual(p.conformances, ["Layer"])
        XCTAssertEqual(p.properties.map(\.name), ["x", "y", "origin", "sum"])
        XCTAssertNotNil(p.properties[3].getter)
        XCTAssertTrue(p.methods[0].isMutating)
        XCTAssertEqual(p.initializers.count, 1)
        XCTAssertEqual(e.cases.map(\.name), ["a", "b"])
        XCTAssertEqual(f.signature, "func f(_ a: Int, label b: inout [Int], rest: Double...) throws -> Int?")
    }

    func testSyntaxErrorsPointAtTheToken() {
        func diag(_ s: String) -> Diagnostic? {
            do { _ = try Parser.parse(s); return nil } catch { return error as? Diagnostic }
        }
        XCTAssertEqual(diag("let x = (1 + 2")?.isUnexpectedEnd, true)
        let d = diag("let x = 1 let y = 2")
        XCTAssertEqual(d?.range.start.column, 11)
        XCTAssertEqual(diag("f(a: 1 b: 2)")?.range.start.column, 8)
        XCTAssertEqual(diag("x = = 2")?.range.start.column, 5)
        let deep = String(repeating: "(", count: 3000) + "1" + String(repeating: ")", count: 3000)
        XCTAssertEqual(diag(deep)?.kind, .syntaxError, "deep nesting is refused, not a stack overflow")
    }
}
