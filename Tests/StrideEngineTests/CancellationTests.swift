import XCTest
@testable import StrideEngine

/// A large convolution polls the stop request between chunks of its batch, so it stops
/// part-way instead of running to the end.
final class CancellationTests: XCTestCase {
    /// A check that says "stop" from its `after`-th call on, counting every call.
    final class CountingCheck {
        private let lock = NSLock()
        private(set) var calls = 0
        let after: Int
        init(after: Int) { self.after = after }
        func callAsFunction() -> Bool {
            lock.lock(); defer { lock.unlock() }
            calls += 1
            return calls >= after
        }
    }

    // 64 samples of 8×64×64: many chunks, so the kernels poll many times.
    let input = try! Tensor(randomNormal: [64, 8, 64, 64], seed: 1)
    let filter = try! Tensor(randomNormal: [16, 8, 3, 3], seed: 2)

    func testUnrequestedStopChangesNothing() throws {
        let check = CountingCheck(after: .max)
        let stopped = try EngineCancellation.whileRunning(check: { check() }) {
            try conv2d(input, filter: filter, padding: .same)
        }
        let plain = try conv2d(input, filter: filter, padding: .same)
        XCTAssertEqual(stopped.scalars, plain.scalars)
        XCTAssertGreaterThan(check.calls, 4, "the forward pass polls once per chunk")
    }

    func testForwardStopsPartWay() throws {
        let total = CountingCheck(after: .max)
        _ = try EngineCancellation.whileRunning(check: { total() }) {
            try conv2d(input, filter: filter, padding: .same)
        }
        let check = CountingCheck(after: 3)
        XCTAssertThrowsError(try EngineCancellation.whileRunning(check: { check() }) {
            try conv2d(input, filter: filter, padding: .same)
        }) { error in
            XCTAssertEqual((error as? EngineError)?.kind, "Interrupted")
        }
        XCTAssertLessThan(check.calls, total.calls, "it stopped before polling every chunk")
    }

    func testBackwardStopsToo() throws {
        let x = input
        let check = CountingCheck(after: 1)
        XCTAssertThrowsError(try EngineCancellation.whileRunning(check: { check() }) {
            try gradient(at: x) { x in try conv2d(x, filter: filter, padding: .same).sum() }
        })
    }

    func testNoCheckOutsideWhileRunning() throws {
        XCTAssertFalse(EngineCancellation.isRequested)
        _ = try EngineCancellation.whileRunning(check: { true }) { 0 }
        XCTAssertFalse(EngineCancellation.isRequested, "the previous (absent) check is restored")
    }
}
