import XCTest
@testable import JupyterProtocol

final class JSONTests: XCTestCase {
    func testParsesEveryKindOfValue() throws {
        let value = try JSON.parse(#"{"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "d"}, "e": ""}"#)
        XCTAssertEqual(value, ["a": [1, -2.5, 300.0, true, false, nil], "b": ["c": "d"], "e": ""])
    }

    func testDecodesEscapesAndSurrogatePairs() throws {
        let value = try JSON.parse(#"["a\"b\\c\/d\n\t\r\b\f", "\u00e9\u4e2d", "\ud83d\ude00", "\ud800x"]"#)
        XCTAssertEqual(value, ["a\"b\\c/d\n\t\r\u{08}\u{0C}", "é中", "😀", "\u{FFFD}x"])
    }

    func testSerializationRoundTripsUnicodeAndControlCharacters() throws {
        let original: JSON = ["text": "line1\nline2\t\u{01}\"quoted\" ünïcödé 🎉", "n": 42, "x": 0.1, "list": [nil, true]]
        let bytes = original.serialized()
        XCTAssertEqual(try JSON.parse(bytes), original)
        // Python's json.dumps(..., sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        XCTAssertEqual(JSON.object(["b": 1, "a": "\u{01}\n"]).text, #"{"a":"\u0001\n","b":1}"#)
    }

    func testIntegralDoublesStayDoubles() throws {
        XCTAssertEqual(JSON.double(2).text, "2.0")
        XCTAssertEqual(try JSON.parse("2.0"), .double(2))
        XCTAssertEqual(try JSON.parse("2"), .int(2))
        XCTAssertEqual(JSON.double(.nan).text, "null")
    }

    func testRejectsMalformedText() {
        for text in ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "01x", "{\"a\":1}}", "\"\u{01}\"", "-", "[1 2]"] {
            XCTAssertThrowsError(try JSON.parse(text), "accepted \(text.debugDescription)")
        }
    }

    func testRefusesPathologicalNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try JSON.parse(deep)) { error in
            XCTAssertTrue("\(error)".contains("nesting"), "\(error)")
        }
        XCTAssertNoThrow(try JSON.parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)))
    }

    func testSubscriptsAndAccessors() {
        var value: JSON = ["a": 1, "b": 2.0]
        value["c"] = "x"
        XCTAssertEqual(value["c"]?.stringValue, "x")
        XCTAssertEqual(value["a"]?.intValue, 1)
        XCTAssertEqual(value["b"]?.intValue, 2)
        XCTAssertNil(value["missing"])
        XCTAssertNil(JSON.string("s")["a"])
    }
}
