import XCTest
@testable import StrideLanguage

/// The inline call sequence of global calls and the operands read in place
/// (Compiler+Operands.swift): each must behave exactly as the general path does.
final class CallPathTests: XCTestCase {
    /// Every kind of call through the one call sequence (Runtime+Calls.swift): mutating and
    /// plain methods, `inout`, `reduce(into:)`'s accumulator, defaults, variadics, class methods.
    /// Expected output recorded from swiftc 6.3.1's build of the same program.
    func testEveryKindOfCallPrintsWhatSwiftPrints() {
        let source = #"""
struct Counter {
    var total = 0
    mutating func add(_ x: Int) -> Int { total += x; return total }
    func doubled(_ xs: [Int]) -> [Int] { xs.map { $0 * 2 } }
}
var c = Counter()
print(c.add(3), c.add(4), c.total)
print(c.doubled([1, 2]))
func swapEnds(_ xs: inout [Int]) { let t = xs[0]; xs[0] = xs[xs.count - 1]; xs[xs.count - 1] = t }
var ys = [1, 2, 3]
swapEnds(&ys)
print(ys)
let parts = [1, 2, 3, 4, 5].reduce(into: ([Int](), [Int]())) { acc, x in
    if x % 2 == 0 { acc.0.append(x) } else { acc.1.append(x) }
}
print(parts)
func pad(_ s: String, to n: Int = 5, with ch: String = ".") -> String {
    String(repeating: ch, count: max(0, n - s.count)) + s
}
print(pad("ab"), pad("abc", to: 4), pad("x", with: "-"))
func sum(_ xs: Int...) -> Int { xs.reduce(0, +) }
print(sum(), sum(1), sum(1, 2, 3))
class Node { var value: Int; init(_ v: Int) { value = v }; func bump() { value += 1 } }
let n = Node(1); n.bump(); n.bump()
print(n.value)
"""#
        let expected = """
        3 7 7
        [2, 4]
        [3, 2, 1]
        ([2, 4], [1, 3, 5])
        ...ab .abc ----x
        0 1 6
        3

        """
        XCTAssertEqual(runSource(source), expected)
    }

    func testRedefiningAFunctionInALaterCellReachesOldCallSites() {
        let interp = Interpreter()
        XCTAssertEqual(runSource("""
            func f(_ n: Int) -> Int { n + 1 }
            func g(_ n: Int) -> Int { n < 0 ? 0 : f(n) }
            print(g(1), g(2))
            """, in: interp), "2 3\n")
        XCTAssertEqual(runSource("func f(_ n: Int) -> Int { n * 10 }\nprint(g(2))\n", in: interp), "20\n")
        // A function with other parameters takes the general path at the same site.
        XCTAssertEqual(runSource("func f(_ n: Int, _ m: Int = 5) -> Int { n + m }\nprint(g(2))\n", in: interp), "7\n")
        XCTAssertEqual(runSource("func f(_ n: Int) -> Int { n - 1 }\nprint(g(2))\n", in: interp), "1\n")
    }

    func testAFunctionRedefinedWhileItRunsFinishesItsCall() {
        XCTAssertEqual(runSource("""
            var calls = 0
            func h(_ n: Int) -> Int { n < 1 ? 0 : h(n - 1) + 1 }
            print(h(5))
            func k(_ n: Int) -> Int { n }
            print(h(3), k(4))
            """), "5\n3 4\n")
    }

    func testAnIntFunctionWhoseExpressionIsNotAnIntReportsTheBody() throws {
        let interp = Interpreter()
        _ = runSource("func s(_ n: Int) -> Int { n }\nfunc t(_ n: Int) -> Int { n < 0 ? n : s(n) }\nprint(t(3))\n", in: interp)
        let out = CollectingOutput()
        interp.output = out
        guard case .error(let e) = interp.execute("func s(_ n: Int) -> String { \"x\" }\nt(3)\n") else {
            return XCTFail("a String where t returns Int must be an error")
        }
        XCTAssertEqual(e.kind, .typeError)
        XCTAssertTrue(e.message.contains("t returns Int"), e.message)
        XCTAssertTrue(e.message.contains("String"), e.message)
        XCTAssertEqual(e.traceback.map(\.function), ["<cell>", "t"])
    }

    func testArgumentArithmeticOverflowIsReportedAtTheOperator() throws {
        let source = "func id(_ n: Int) -> Int { n }\nfunc dec(_ n: Int) -> Int { id(n - 1) }\ndec(Int.min)\n"
        let e = try XCTUnwrap(runError(source))
        XCTAssertEqual(e.kind, .arithmeticError)
        XCTAssertTrue(e.message.contains("-9223372036854775808 - 1"), e.message)
        XCTAssertEqual(e.location?.line, 2)
        XCTAssertEqual(e.location?.column, 34)
    }

    func testOrderedConditionalsOnEveryKindOfOperand() {
        XCTAssertEqual(runSource("""
            let a = 1.5
            func pick(_ x: Double) -> String { x < 2 ? "lt" : "ge" }
            func name(_ s: String) -> Int { s >= "m" ? 1 : 2 }
            func cmp(_ x: Int, _ y: Int) -> Int { x <= y ? y - x : x - y }
            print(pick(a), pick(2), name("z"), name("a"), cmp(3, 10), cmp(10, 3))
            print(a > 1 ? true : false, 2 > 3 ? 1.5 : 2.5)
            """), "lt ge 1 2 7 7\ntrue 2.5\n")
    }

    func testOperandsAreEvaluatedOnceAndInOrder() {
        XCTAssertEqual(runSource("""
            var log: [Int] = []
            func note(_ n: Int) -> Int { log.append(n); return n }
            func both(_ a: Int, _ b: Int) -> Int { note(a) < note(b) ? note(a) + note(b) : 0 }
            print(both(1, 2), log)
            """), "3 [1, 2, 1, 2]\n")
    }

    func testAnOrderedConditionWithAValueThatIsNotComparableIsATypeError() throws {
        let e = try XCTUnwrap(runError("func f(_ x: [Int]) -> Int { x < 2 ? 1 : 0 }\nf([1])\n"))
        XCTAssertEqual(e.kind, .typeError)
        XCTAssertEqual(e.location?.line, 1)
        XCTAssertEqual(e.location?.column, 31)
    }

    func testDeepRecursionThroughTheInlineSequenceIsARecursionError() throws {
        let e = try XCTUnwrap(runError("func r(_ n: Int) -> Int { n < 1 ? 0 : r(n - 1) + 1 }\nr(1_000_000)\n"))
        XCTAssertEqual(e.kind, .recursionError)
        XCTAssertEqual(runSource("func r(_ n: Int) -> Int { n < 1 ? 0 : r(n - 1) + 1 }\nprint(r(5000))\n"), "5000\n")
    }

    func testAWrongArgumentToAnIntParameterIsReportedAtTheArgument() throws {
        let e = try XCTUnwrap(runError("func sq(_ n: Int) -> Int { n * n }\nfunc twice(_ x: Double) -> Int { sq(x) }\ntwice(1.5)\n"))
        XCTAssertEqual(e.kind, .typeError)
        XCTAssertTrue(e.message.contains("parameter 'n'"), e.message)
        XCTAssertEqual(e.location?.line, 2)
        XCTAssertEqual(e.location?.column, 37)
    }
}
