import XCTest
@testable import StrideLanguage

final class EditorTests: XCTestCase {
    func testIsComplete() {
        let interp = Interpreter()
        XCTAssertEqual(interp.isComplete("let x = 1"), .complete)
        XCTAssertEqual(interp.isComplete("func f() {"), .incomplete(indent: "    "))
        XCTAssertEqual(interp.isComplete("if a {\n  if b {"), .incomplete(indent: "        "))
        XCTAssertEqual(interp.isComplete("let s = \"abc"), .incomplete(indent: ""))
        XCTAssertEqual(interp.isComplete("let s = \"\"\"\nabc"), .incomplete(indent: ""))
        XCTAssertEqual(interp.isComplete("let x = 1 +"), .incomplete(indent: ""))
        XCTAssertEqual(interp.isComplete("print(1,"), .incomplete(indent: "    "))
        XCTAssertEqual(interp.isComplete("let xs = [1, 2,"), .incomplete(indent: "    "))
        XCTAssertEqual(interp.isComplete("/* open comment"), .incomplete(indent: ""))
        XCTAssertEqual(interp.isComplete("let a = 1 ¤ 2"), .invalid)
        XCTAssertEqual(interp.isComplete("x!"), .complete)
        // Code that no further typing can make valid is invalid, as ipykernel says.
        XCTAssertEqual(interp.isComplete("let = 5"), .invalid)
        XCTAssertEqual(interp.isComplete("1 +* 2"), .invalid)
        XCTAssertEqual(interp.isComplete("print(1))"), .invalid)
    }

    func testCompletionOfNamesMembersAndLabels() {
        let interp = Interpreter()
        _ = interp.execute("""
            struct Point { var x = 0.0; var y = 0.0; func norm() -> Double { 0 } }
            var point = Point()
            let points = [point]
            func area(width w: Double, height h: Double = 1) -> Double { w * h }
            """)
        let names = interp.complete("poi", cursor: 3)
        XCTAssertEqual(names.matches, ["point", "points"])
        XCTAssertEqual(names.start, 0)
        XCTAssertEqual(names.end, 3)
        let members = interp.complete("let n = point.", cursor: 14)
        XCTAssertEqual(Set(members.matches), ["x", "y", "norm"])
        XCTAssertEqual(members.start, 14)
        XCTAssertTrue(interp.complete("points.co", cursor: 9).matches.contains("count"))
        let labels = interp.complete("area(", cursor: 5)
        XCTAssertEqual(Array(labels.matches.prefix(2)), ["width:", "height:"])
        XCTAssertTrue(interp.complete("stride(", cursor: 7).matches.contains("from:"))
        XCTAssertTrue(interp.complete("pri", cursor: 3).matches.contains("print"))
        XCTAssertTrue(interp.complete("let local = 1\nloc", cursor: 17).matches.contains("local"))
        XCTAssertEqual(interp.complete("Double.p", cursor: 8).matches, ["pi"])
    }

    func testInspectShowsSignaturesAndDocComments() {
        let interp = Interpreter()
        _ = interp.execute("""
            /// Doubles a number.
            func twice(_ x: Int) -> Int { x * 2 }
            /// A 2-D point.
            struct Point { var x = 0.0
                /// The distance from the origin.
                func norm() -> Double { x } }
            let p = Point()
            """)
        XCTAssertEqual(interp.inspect("twice(3)", cursor: 2, detailLevel: 0), "func twice(_ x: Int) -> Int\n\nDoubles a number.")
        XCTAssertEqual(interp.inspect("twice(", cursor: 6, detailLevel: 0), "func twice(_ x: Int) -> Int\n\nDoubles a number.")
        XCTAssertTrue(interp.inspect("Point", cursor: 1, detailLevel: 0)?.contains("A 2-D point.") ?? false)
        XCTAssertTrue(interp.inspect("p.norm()", cursor: 4, detailLevel: 0)?.contains("The distance from the origin.") ?? false)
        XCTAssertTrue(interp.inspect("print", cursor: 2, detailLevel: 0)?.hasPrefix("print(_ items: Any...") ?? false)
        XCTAssertNil(interp.inspect("   ", cursor: 1, detailLevel: 0))
        let out = CollectingOutput()
        interp.output = out
        _ = interp.execute("help(twice)")
        XCTAssertEqual(out.stdout, "func twice(_ x: Int) -> Int\n\nDoubles a number.\n")
    }

    func testEditorHelpersNeverTrapOnOddInput() {
        let interp = Interpreter()
        for code in ["", ".", "(", "\"\\(", "a.b.c.", "f(,", "{ $0 }", "é.", String(repeating: "(", count: 500)] {
            for cursor in [-5, 0, 1, code.unicodeScalars.count, 10_000] {
                _ = interp.complete(code, cursor: cursor)
                _ = interp.inspect(code, cursor: cursor, detailLevel: 1)
            }
            _ = interp.isComplete(code)
        }
    }
}
