import Foundation
import XCTest
@testable import StrideDisplay

/// Writes every sample picture for the Python checks in tests/display/, which decode the
/// PNGs with Pillow and parse the SVG and HTML. The folder is $STRIDE_DISPLAY_OUT when set,
/// otherwise `.build/display-samples` in the package, where the Python tests look by default.
final class SampleWriterTests: XCTestCase {
    static var defaultFolder: URL {
        URL(fileURLWithPath: #filePath)          // Tests/StrideDisplayTests/SampleWriterTests.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/display-samples")
    }

    func testWriteSamples() throws {
        let configured = ProcessInfo.processInfo.environment["STRIDE_DISPLAY_OUT"] ?? ""
        let directory = configured.isEmpty ? SampleWriterTests.defaultFolder
                                           : URL(fileURLWithPath: configured)
        // Only the samples' own files are replaced, so a stale run cannot pass for this one.
        let fm = FileManager.default
        if let old = try? fm.contentsOfDirectory(atPath: directory.path) {
            for name in old where ["png", "svg", "html", "txt"].contains((name as NSString).pathExtension) {
                try fm.removeItem(at: directory.appendingPathComponent(name))
            }
        }
        try SampleOutputs.write(to: directory)
        let written = try fm.contentsOfDirectory(atPath: directory.path)
        let expected = try SampleOutputs.all().reduce(0) { $0 + $1.1.data.count }
        XCTAssertEqual(written.filter { !$0.hasPrefix(".") }.count, expected)
    }
}
