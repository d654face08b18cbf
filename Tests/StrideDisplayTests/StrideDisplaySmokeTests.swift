import XCTest
@testable import StrideDisplay

final class StrideDisplaySmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
