import XCTest
@testable import StrideLanguage

/// Sizes a cell may ask for that once crashed the kernel or ran on without end.
final class HostileSizeTests: XCTestCase {
    /// The globals table had 65,536 slots and no check: the 65,537th top-level name wrote past
    /// it (SIGSEGV). It grows now, in tables that never move.
    func testMoreTopLevelNamesThanTheFirstTableHolds() {
        let count = 70_000
        let lets = (0..<count).map { "let v\($0) = \($0)" }.joined(separator: "\n")
        XCTAssertEqual(runSource(lets + "\nprint(v\(count - 1) + v1, v65536)"), "70000 65536\n")
        // A later cell reads and writes names of the second table.
        let interp = Interpreter()
        _ = runSource(lets + "\nvar last = v\(count - 1)", in: interp)
        XCTAssertEqual(runSource("last += 1\nprint(last, v66000)", in: interp), "70000 66000\n")
    }

    /// `String(repeating:count:)` with 2^62 copies allocated without a limit; now it is refused
    /// before anything is allocated, and a small one is still exact.
    func testHugeRepeatedStringIsAMemoryError() {
        let e = runError(#"let s = String(repeating: "ab", count: 4611686018427387904)"#)
        XCTAssertEqual(e?.kind, .memoryError)
        XCTAssertEqual(e?.location?.line, 1)
        XCTAssertEqual(runSource(#"print(String(repeating: "ab", count: 3), String(repeating: "é", count: 2).count)"#),
                       "ababab 2\n")
    }
}
