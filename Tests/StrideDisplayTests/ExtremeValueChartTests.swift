import XCTest
@testable import StrideDisplay

/// Charts of values at the ends of Double: each axis ends after a few ticks that cover the
/// data, and the picture holds only finite coordinates.
final class ExtremeValueChartTests: XCTestCase {
    private let ranges: [(Double, Double)] = [
        (1e308, -1e308), (-.greatestFiniteMagnitude, .greatestFiniteMagnitude),
        (.greatestFiniteMagnitude, .greatestFiniteMagnitude), (-.greatestFiniteMagnitude, -.greatestFiniteMagnitude),
        (5e-324, 1e-323), (5e-324, 5e-324), (0, 5e-324), (-5e-324, 0), (1e-310, 3e-310), (1e300, 1.0000001e300),
    ]

    func testTicksOfExtremeRangesEndAndCoverTheData() {
        for (a, b) in ranges {
            for count in [1, 5, 8] {
                let ticks = AxisTicks(low: a, high: b, count: count)
                let message = "\(a)…\(b) in \(count)"
                XCTAssertFalse(ticks.values.isEmpty, message)
                XCTAssertLessThanOrEqual(ticks.values.count, AxisTicks.maximumTicks, message)
                XCTAssertTrue(ticks.values.allSatisfy(\.isFinite), message)
                XCTAssertTrue(ticks.lower.isFinite && ticks.upper.isFinite, message)
                XCTAssertLessThan(ticks.lower, ticks.upper, message)
                XCTAssertLessThanOrEqual(ticks.lower, Swift.min(a, b), message)
                XCTAssertGreaterThanOrEqual(ticks.upper, Swift.max(a, b), message)
                for v in [a, b] {
                    let t = ticks.fraction(v)
                    XCTAssertTrue(t >= 0 && t <= 1, "\(message): \(v) at \(t)")
                }
                XCTAssertTrue(ticks.values.allSatisfy { !ticks.label($0).isEmpty }, message)
            }
        }
        // The ordinary path is unchanged: nice steps, as before.
        XCTAssertEqual(AxisTicks(low: 0, high: 10, count: 5).values, [0, 2, 4, 6, 8, 10])
    }

    func testLineChartsOfExtremeValuesHaveFiniteCoordinates() throws {
        for (a, b) in ranges {
            let chart = try Render.lineChart([Series(name: "s", values: [a, b])])
            let svg = try XCTUnwrap(chart.data[MimeType.svg])
            let document = XMLChecker.parse(svg)
            for path in document.all("path") {
                let d = path.attributes["d"] ?? ""
                XCTAssertFalse(d.lowercased().contains("nan") || d.lowercased().contains("inf"), "\(a)…\(b): \(d)")
            }
            XCTAssertFalse(svg.contains("NaN") || svg.contains("\"inf") || svg.contains("-inf\""), "\(a)…\(b)")
        }
    }
}
