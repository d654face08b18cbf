import XCTest
@testable import StrideKernel

final class StrideKernelSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
