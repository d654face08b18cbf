import XCTest
@testable import StrideLanguage

/// Runs source in a fresh interpreter and returns what it printed, or the rendered error.
func runSource(_ source: String, in interp: Interpreter = Interpreter()) -> String {
    let out = CollectingOutput()
    interp.output = out
    switch interp.execute(source) {
    case .value: return out.stdout
    case .error(let e): return out.stdout + e.rendered
    }
}

/// Runs source and returns the error it reports (failing the test if none).
func runError(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> StrideError? {
    let interp = Interpreter()
    switch interp.execute(source) {
    case .value:
        XCTFail("expected an error", file: file, line: line)
        return nil
    case .error(let e): return e
    }
}
