import Foundation
import XCTest
@testable import StrideDisplay

/// Writes every sample picture into $STRIDE_DISPLAY_OUT (when set) for the Python checks in
/// tests/display/, which decode the PNGs with Pillow and parse the SVG and HTML.
final class SampleWriterTests: XCTestCase {
    func testWriteSamplesWhenAsked() throws {
        guard let path = ProcessInfo.processInfo.environment["STRIDE_DISPLAY_OUT"], !path.isEmpty else {
            throw XCTSkip("STRIDE_DISPLAY_OUT is not set; no sample files are written.")
        }
        let directory = URL(fileURLWithPath: path)
        try SampleOutputs.write(to: directory)
        let written = try FileManager.default.contentsOfDirectory(atPath: path)
        XCTAssertGreaterThanOrEqual(written.count, try SampleOutputs.all().count)
    }
}
