import Synchronization
import XCTest
@testable import StrideEngine

/// The one engine context: bound around work, restored after it (also when it throws),
/// seen by the parallel loops' workers, and not by other threads.
final class EngineContextTests: XCTestCase {
    struct Failure: Error {}

    func testBindingNestsAndRestoresAfterAThrow() {
        XCTAssertEqual(EngineContext.current.phase, .inference)
        XCTAssertThrowsError(try EngineContext.with({ $0.phase = .training; $0.stopCheck = { true } }) {
            XCTAssertEqual(LearningPhase.current, .training)
            XCTAssertTrue(EngineCancellation.isRequested)
            withLearningPhase(.inference) {
                XCTAssertEqual(LearningPhase.current, .inference)
                XCTAssertTrue(EngineCancellation.isRequested, "changing the phase keeps the stop check")
            }
            throw Failure()
        })
        XCTAssertEqual(EngineContext.current.phase, .inference)
        XCTAssertFalse(EngineCancellation.isRequested)
    }

    func testParallelWorkersSeeTheCallersContext() {
        let previous = EngineLimits.threads
        EngineLimits.threads = 2
        defer { EngineLimits.threads = previous }
        let seen = UnsafeMutablePointer<Int>.allocate(capacity: 8)
        defer { seen.deallocate() }
        seen.initialize(repeating: 0, count: 8)
        EngineContext.with({ $0.phase = .training; $0.stopCheck = { true } }) {
            Parallel.forEach(8) { i in
                seen[i] = (LearningPhase.current == .training ? 1 : 0) + (EngineCancellation.isRequested ? 2 : 0)
            }
        }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: seen, count: 8)), Array(repeating: 3, count: 8))
    }

    func testAnotherThreadDoesNotSeeTheBinding() {
        let other = Mutex<LearningPhase?>(nil)
        withLearningPhase(.training) {
            let done = DispatchSemaphore(value: 0)
            Thread { other.withLock { $0 = LearningPhase.current }; done.signal() }.start()
            done.wait()
        }
        XCTAssertEqual(other.withLock { $0 }, .inference)
    }
}
