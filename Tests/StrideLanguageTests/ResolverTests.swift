import XCTest
@testable import StrideLanguage

final class ResolverTests: XCTestCase {
    func resolve(_ s: String) throws -> (Resolver, [Stmt]) {
        let stmts = try Parser.parse(s)
        var r = Resolver(env: GlobalEnvironment(), builtinNames: ["print"])
        _ = try r.resolveCell(stmts)
        return (r, stmts)
    }

    func diag(_ s: String) -> Diagnostic? {
        do { _ = try resolve(s); return nil } catch { return error as? Diagnostic }
    }

    func testTopLevelNamesAreGlobalsAndLocalsGetSlots() throws {
        let (r, stmts) = try resolve("let a = 1\nfunc f(_ x: Int) -> Int { let y = x; return y + a }")
        XCTAssertNotNil(r.env.globals["a"])
        XCTAssertNotNil(r.env.globals["f"])
        guard case .function(let f) = stmts[1].kind else { return XCTFail("no function") }
        XCTAssertEqual(f.params[0].info?.slot, 0)
        XCTAssertGreaterThanOrEqual(f.frameSize, 2)
    }

    func testClosuresCaptureVariablesAsCells() throws {
        let (_, stmts) = try resolve("func make() -> () -> Int { var n = 0; return { n += 1; return n } }")
        guard case .function(let f) = stmts[0].kind, case .variable(_, let p, _, _, _) = f.body[0].kind,
              case .binding(_, _, let info?) = p.kind else { return XCTFail("unexpected shape") }
        XCTAssertTrue(info.isCaptured)
        guard case .returnStmt(let e?) = f.body[1].kind, case .closure(let c) = e.kind else { return XCTFail("no closure") }
        XCTAssertEqual(c.captures.count, 1)
        XCTAssertEqual(c.captures[0].fromSlot, info.slot)
    }

    func testDollarParametersAreCounted() throws {
        let (_, stmts) = try resolve("let f = { $0 + $2 }")
        guard case .variable(_, _, _, let v?, _) = stmts[0].kind, case .closure(let c) = v.kind else { return XCTFail("no closure") }
        XCTAssertEqual(c.params.map(\.name), ["$0", "$1", "$2"])
    }

    func testStaticErrors() {
        let undeclared = diag("let a = 1\nprint(b + a)")
        XCTAssertEqual(undeclared?.kind, .nameError)
        XCTAssertEqual(undeclared?.range.start.line, 2)
        XCTAssertEqual(undeclared?.range.start.column, 7)
        XCTAssertEqual(diag("let value = 1\nprnt(value)")?.message, "cannot find 'prnt' in scope; did you mean 'print'?")
        // Among names equally close, the hint is the alphabetically first, on every run.
        for _ in 0..<20 {
            XCTAssertEqual(diag("let abd = 1\nlet abf = 2\nprint(abe)")?.message,
                           "cannot find 'abe' in scope; did you mean 'abd'?")
        }
        let redeclared = diag("func f() {\n  var q = 1\n  let q = 2\n}")
        XCTAssertEqual(redeclared?.kind, .syntaxError)
        XCTAssertEqual(redeclared?.range.start.line, 3)
        XCTAssertEqual(redeclared?.range.start.column, 7)
        XCTAssertNil(diag("let q = 1\nif true { let q = 2; print(q) }"), "shadowing in an inner scope is allowed")
        XCTAssertEqual(diag("let k = 1\nk += 1")?.message, "cannot assign to value: 'k' is a 'let' constant")
        XCTAssertEqual(diag("let xs = [1]\nxs.append(2)")?.kind, .syntaxError)
        XCTAssertEqual(diag("struct P { var x = 0; func f() { x = 1 } }")?.kind, .syntaxError)
        XCTAssertNil(diag("struct P { var x = 0; mutating func f() { x = 1 } }"))
        XCTAssertNil(diag("class C { var x = 0; func f() { x = 1 } }"))
        XCTAssertEqual(diag("break")?.kind, .syntaxError)
        XCTAssertEqual(diag("for i in 0..<2 { continue outer }")?.kind, .syntaxError)
        XCTAssertEqual(diag("func f(_ x: Int) { x = 2 }")?.kind, .syntaxError)
        XCTAssertEqual(diag("guard true else { print(1) }")?.kind, .syntaxError)
    }

    func testStaticErrorsStopTheCellBeforeItRuns() {
        let interp = Interpreter()
        let out = CollectingOutput()
        interp.output = out
        guard case .error(let e) = interp.execute("print(\"side effect\")\nlet a = 1\na = 2") else { return XCTFail("expected an error") }
        XCTAssertEqual(e.kind, .syntaxError)
        XCTAssertEqual(out.stdout, "")
    }
}
