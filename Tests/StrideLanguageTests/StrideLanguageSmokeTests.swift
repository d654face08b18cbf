import XCTest
@testable import StrideLanguage

final class StrideLanguageSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
