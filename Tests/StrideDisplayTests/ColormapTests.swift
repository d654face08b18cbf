import XCTest
@testable import StrideDisplay

final class ColormapTests: XCTestCase {
    /// Endpoint colours as published in matplotlib's colormap data
    /// (_cm_listed.py for viridis and magma, _cm.py's _coolwarm_data for coolwarm).
    private let references: [(Colormap, first: (Double, Double, Double), last: (Double, Double, Double))] = [
        (.viridis, (0.267004, 0.004874, 0.329415), (0.993248, 0.906157, 0.143936)),
        (.magma, (0.001462, 0.000466, 0.013866), (0.987053, 0.991438, 0.749504)),
        (.coolwarm, (0.2298057, 0.298717966, 0.753683153), (0.705673158, 0.01555616, 0.150232812)),
        (.gray, (0, 0, 0), (1, 1, 1)),
    ]

    private func assertClose(_ color: RGB, _ ref: (Double, Double, Double), _ label: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        for (got, want) in [(color.r, ref.0), (color.g, ref.1), (color.b, ref.2)] {
            XCTAssertEqual(Double(got), want * 255, accuracy: 0.51, label, file: file, line: line)
        }
    }

    func testEndpointsMatchMatplotlib() {
        for (map, first, last) in references {
            XCTAssertEqual(map.table.count, 256, map.rawValue)
            assertClose(map.color(at: 0), first, "\(map) at 0")
            assertClose(map.color(at: 1), last, "\(map) at 1")
            assertClose(map.table[0], first, "\(map) entry 0")
            assertClose(map.table[255], last, "\(map) entry 255")
        }
    }

    func testGrayIsLinearAndCoolwarmIsNeutralInTheMiddle() {
        for i in stride(from: 0, to: 256, by: 17) {
            let c = Colormap.gray.table[i]
            XCTAssertEqual(c, RGB(UInt8(i), UInt8(i), UInt8(i)))
        }
        // The diverging map passes through a light grey near 0.5 (about 221, 221, 221).
        let middle = Colormap.coolwarm.color(at: 0.5)
        XCTAssertLessThan(abs(Int(middle.r) - Int(middle.b)), 12)
        XCTAssertGreaterThan(Int(middle.g), 200)
    }

    func testLookupClampsAndMapsNaNToWhite() {
        XCTAssertEqual(Colormap.viridis.color(at: -3), Colormap.viridis.table[0])
        XCTAssertEqual(Colormap.viridis.color(at: 7), Colormap.viridis.table[255])
        XCTAssertEqual(Colormap.viridis.color(at: .nan), RGB(255, 255, 255))
        // matplotlib picks entry floor(t × 256): t = 0.5 is entry 128.
        XCTAssertEqual(Colormap.magma.color(at: 0.5), Colormap.magma.table[128])
    }

    func testNormalizations() {
        let values: [Float] = [-2, 0, 2, .nan, .infinity]
        XCTAssertEqual(Normalization.minMax.unitValues(values).prefix(3), [0, 0.5, 1])
        XCTAssertEqual(Normalization.symmetric.bounds(of: [Float(-1), 4]).0, -4)
        XCTAssertEqual(Normalization.range(lower: 0, upper: 4).unitValues(values).prefix(3), [0, 0, 0.5])
        XCTAssertEqual(Normalization.automatic.bounds(of: [Float(0.2), 0.9]).1, 1)
        XCTAssertEqual(Normalization.automatic.bounds(of: [Float(0.2), 3]).1, 3)
        let unit = Normalization.minMax.unitValues(values)
        XCTAssertTrue(unit[3].isNaN)
        XCTAssertEqual(unit[4], 1)
        // A constant plane shows the middle colour instead of dividing by zero.
        XCTAssertEqual(Normalization.minMax.unitValues([Float(3), 3]), [0.5, 0.5])
    }

    func testHexText() {
        XCTAssertEqual(RGB(255, 0, 171).hex, "#ff00ab")
    }
}
