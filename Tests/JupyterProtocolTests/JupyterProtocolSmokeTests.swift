import XCTest
@testable import JupyterProtocol

final class JupyterProtocolSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
