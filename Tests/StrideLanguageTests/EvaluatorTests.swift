import XCTest
import Foundation
@testable import StrideLanguage

final class EvaluatorTests: XCTestCase {
    func testBasics() {
        XCTAssertEqual(runSource("print(1 + 2)"), "3\n")
        XCTAssertEqual(runSource("let x = 3\nvar y = x * 2\ny += 1\nprint(x, y, separator: \"-\")"), "3-7\n")
        XCTAssertEqual(runSource("func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }\nprint(fib(20))"), "6765\n")
    }

    func testCellsPersistAndShowTheirLastValue() {
        let interp = Interpreter()
        guard case .value(let v?) = interp.execute("let xs = [1, 2, 3]\nxs.map { $0 * 2 }") else { return XCTFail("no value") }
        XCTAssertEqual(v.debugDescription, "[2, 4, 6]")
        guard case .value(let s?) = interp.execute("\"ab\" + \"cd\"") else { return XCTFail("no value") }
        XCTAssertEqual(s.debugDescription, "\"abcd\"")
        guard case .value(let o?) = interp.execute("let d = [\"a\": 3]\nd[\"a\"]") else { return XCTFail("no value") }
        XCTAssertEqual(o.debugDescription, "Optional(3)")
        guard case .value(nil) = interp.execute("var z = 1\nz = 2") else { return XCTFail("an assignment shows nothing") }
        guard case .value(nil) = interp.execute("print(\"x\")") else { return XCTFail("Void shows nothing") }
        guard case .value(let again?) = interp.execute("let xs = \"redeclared\"\nxs") else { return XCTFail("redeclaration failed") }
        XCTAssertEqual(again.description, "redeclared")
    }

    func testTypeAnnotationsConvertAndCheck() {
        XCTAssertEqual(runSource("var t: Double = 0\nt += 1\nlet xs: [Double] = [1, 2]\nprint(t, xs)"), "1.0 [1.0, 2.0]\n")
        XCTAssertEqual(runSource("func half(_ x: Double) -> Double { x / 2 }\nprint(half(3))"), "1.5\n")
        XCTAssertEqual(runSource("var o: Int? = 3\nprint(o as Any)\no = nil\nprint(o ?? 0)"), "Optional(3)\n0\n")
        let e = runError("var n: Int = 1\nn = \"one\"")
        XCTAssertEqual(e?.kind, .typeError)
        XCTAssertEqual(e?.location?.line, 2)
    }

    func testStderrAndDebugPrint() {
        let interp = Interpreter()
        let out = CollectingOutput()
        interp.output = out
        _ = interp.execute("eprint(\"warn\", 1)\ndebugPrint(\"s\", [\"a\"])")
        XCTAssertEqual(out.stderr, "warn 1\n")
        XCTAssertEqual(out.stdout, "\"s\" [\"a\"]\n")
    }

    func testRuntimeErrorsWithLocationAndTraceback() {
        let e = runError("func inner(_ xs: [Int]) -> Int {\n    return xs[3]\n}\nfunc outer() -> Int { inner([1]) }\nprint(outer())")
        XCTAssertEqual(e?.kind, .indexError)
        XCTAssertEqual(e?.message, "index 3 is out of range for an array of 1 element")
        XCTAssertEqual(e?.location?.line, 2)
        XCTAssertEqual(e?.location?.column, 15)
        XCTAssertEqual(e?.traceback.map(\.function), ["<cell>", "outer", "inner"])
        XCTAssertEqual(e?.traceback.map(\.line), [5, 4, 2])
        XCTAssertEqual(e?.rendered, """
            IndexError: index 3 is out of range for an array of 1 element
              --> line 2, column 15
               2 |     return xs[3]
                 |               ^
            Traceback (most recent call last):
              <cell>, line 5
              outer, line 4
              inner, line 2
            """)
        let nilUnwrap = runError("let d = [\"a\": 1]\nlet v = d[\"b\"]! + 1")
        XCTAssertEqual(nilUnwrap?.kind, .valueError)
        XCTAssertEqual(nilUnwrap?.message, "unexpectedly found nil while unwrapping 'd[\"b\"]'")
        let overflow = runError("var x = Int.max\nx = x * 2")
        XCTAssertEqual(overflow?.kind, .arithmeticError)
        XCTAssertEqual(overflow?.location?.column, 7)
        XCTAssertEqual(runError("print(1 / 0)")?.kind, .arithmeticError)
        XCTAssertEqual(runError("fatalError(\"stop\")")?.message, "stop")
    }

    func testDeepRecursionIsARecursionError() {
        let e = runError("func down(_ n: Int) -> Int { down(n + 1) + 1 }\nprint(down(0))")
        XCTAssertEqual(e?.kind, .recursionError)
        XCTAssertEqual(e?.location?.line, 1)
        XCTAssertLessThanOrEqual(e?.traceback.count ?? 0, 50, "long tracebacks are cut")
        // The interpreter stays usable afterwards.
        XCTAssertEqual(runSource("func d(_ n: Int) -> Int { n == 0 ? 0 : 1 + d(n - 1) }\nprint(d(9000))"), "9000\n")
    }

    func testInterruptStopsAnEndlessLoopQuickly() {
        let interp = Interpreter()
        let flag = interp.interruptFlag
        final class Stamp: @unchecked Sendable { var setAt: UInt64 = 0 }
        let stamp = Stamp()
        let setter = Thread {
            usleep(200_000)
            stamp.setAt = DispatchTime.now().uptimeNanoseconds
            flag.set()
        }
        setter.start()
        let result = interp.execute("var spins = 0\nwhile true { spins += 1 }")
        // Latency from the request to the cell's end (a little slack for a loaded machine).
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - stamp.setAt) / 1e9
        guard case .error(let e) = result else { return XCTFail("the loop was not interrupted") }
        XCTAssertEqual(e.kind, .interrupted)
        XCTAssertEqual(e.kind.name, "Interrupted")
        XCTAssertLessThan(elapsed, 0.15, "stopped within about 100 ms of the request")
        let out = CollectingOutput()
        interp.output = out
        _ = interp.execute("print(spins > 0)")
        XCTAssertEqual(out.stdout, "true\n", "state survives the interrupt")
    }

    func testAnInterruptRequestedBeforeACellStartsStopsItAndIsThenForgotten() {
        // The kernel core forwards a request only while a cell is on its way; it may land
        // before the interpreter has started the cell, and must not be lost then.
        let interp = Interpreter()
        interp.interruptFlag.set()
        guard case .error(let e) = interp.execute("var n = 0\nwhile true { n += 1 }") else {
            return XCTFail("the loop was not interrupted")
        }
        XCTAssertEqual(e.kind, .interrupted)
        XCTAssertEqual(runSource("print(n >= 0)", in: interp), "true\n", "the request ended with its cell")
    }

    func testClosuresCaptureByReferenceAndPerIteration() {
        XCTAssertEqual(runSource("""
            var counter = 0
            let inc = { counter += 1 }
            inc(); inc()
            print(counter)
            var fs: [() -> Int] = []
            for i in 0..<3 { fs.append { i } }
            print(fs.map { $0() })
            func make() -> (Int) -> Int { var total = 0; return { total += $0; return total } }
            let acc = make()
            _ = acc(5)
            print(acc(10))
            """), "2\n[0, 1, 2]\n15\n")
    }
}
