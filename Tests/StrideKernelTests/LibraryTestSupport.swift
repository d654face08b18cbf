import XCTest
import StrideLanguage
@testable import StrideKernel

/// An interpreter with the core library installed, and helpers that run Stride source
/// and read what it printed or returned.
final class LibraryHarness {
    let interpreter = Interpreter()
    let output = CollectingOutput()

    init() {
        interpreter.output = output
        installCoreLibrary(into: interpreter)
    }

    /// Runs `source` and returns its printed output; fails the test on an error.
    @discardableResult
    func run(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        output.clear()
        switch interpreter.execute(source) {
        case .value: return output.stdout
        case .error(let e):
            XCTFail("unexpected error:\n\(e.rendered)", file: file, line: line)
            return output.stdout
        }
    }

    /// The cell's result value; fails the test on an error.
    func value(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> Value? {
        switch interpreter.execute(source) {
        case .value(let v): return v
        case .error(let e):
            XCTFail("unexpected error:\n\(e.rendered)", file: file, line: line)
            return nil
        }
    }

    /// The error the source stops with (nil, and a test failure, when it succeeds).
    func error(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> StrideError? {
        switch interpreter.execute(source) {
        case .value:
            XCTFail("expected an error", file: file, line: line)
            return nil
        case .error(let e): return e
        }
    }

    /// The scalars of the tensor the source evaluates to.
    func scalars(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> [Float] {
        guard let v = value(source, file: file, line: line) else { return [] }
        guard let t = v.asTensor else {
            XCTFail("expected a Tensor, got \(v.typeName)", file: file, line: line)
            return []
        }
        return t.scalars
    }

    /// The shape of the tensor the source evaluates to.
    func shape(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> [Int] {
        value(source, file: file, line: line)?.asTensor?.shape ?? [-1]
    }
}

/// Asserts that two float arrays agree elementwise within `tolerance`.
func assertClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-5,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(expected.isEmpty, "nothing to compare", file: file, line: line)
    XCTAssertEqual(actual.count, expected.count, "count", file: file, line: line)
    for (i, (a, e)) in zip(actual, expected).enumerated() where !(Swift.abs(a - e) <= tolerance * max(1, Swift.abs(e))) {
        XCTFail("element \(i): \(a) is not within \(tolerance) of \(e)", file: file, line: line)
        return
    }
}
