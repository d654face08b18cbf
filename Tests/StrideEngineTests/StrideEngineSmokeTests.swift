import XCTest
@testable import StrideEngine

final class StrideEngineSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
