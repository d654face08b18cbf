import XCTest
@testable import StrideLanguage

final class EvaluatorTests: XCTestCase {
    func testBasics() {
        XCTAssertEqual(runSource("print(1 + 2)"), "3\n")
        XCTAssertEqual(runSource("let x = 3\nvar y = x * 2\ny += 1\nprint(x, y, separator: \"-\")"), "3-7\n")
        XCTAssertEqual(runSource("func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }\nprint(fib(20))"), "6765\n")
    }
}
