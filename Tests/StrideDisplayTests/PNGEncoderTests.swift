import XCTest
@testable import StrideDisplay

final class PNGEncoderTests: XCTestCase {
    /// Deterministic pseudo-random bytes (a linear congruential generator).
    private func noise(_ count: Int, seed: UInt32) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(state >> 24)
        }
    }

    func testGrayscaleRoundTrip() throws {
        let pixels = noise(7 * 5, seed: 1)
        let png = try PNGEncoder.encode(pixels: pixels, width: 7, height: 5, colorType: .grayscale)
        let decoded = try decodePNG(png)
        XCTAssertEqual(decoded.width, 7)
        XCTAssertEqual(decoded.height, 5)
        XCTAssertEqual(decoded.colorType, 0)
        XCTAssertEqual(decoded.pixels, pixels)
        XCTAssertEqual(decoded.chunkTypes, ["IHDR", "IDAT", "IEND"])
    }

    func testRGBAndRGBARoundTrip() throws {
        for (type, code) in [(PNGColorType.rgb, UInt8(2)), (.rgba, 6)] {
            let pixels = noise(13 * 9 * type.channels, seed: 7)
            let png = try PNGEncoder.encode(pixels: pixels, width: 13, height: 9, colorType: type)
            let decoded = try decodePNG(png)
            XCTAssertEqual(decoded.colorType, code)
            XCTAssertEqual(decoded.pixels, pixels, "\(type)")
        }
    }

    func testSignatureAndHeaderBytes() throws {
        let png = try PNGEncoder.encode(pixels: [0, 255], width: 2, height: 1, colorType: .grayscale)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR length 13, then "IHDR", width 2, height 1, depth 8, colour type 0.
        XCTAssertEqual(Array(png[8..<16]), [0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
        XCTAssertEqual(Array(png[16..<26]), [0, 0, 0, 2, 0, 0, 0, 1, 8, 0])
        // IEND is always the same 12 bytes, CRC AE 42 60 82 from the specification.
        XCTAssertEqual(Array(png.suffix(12)), [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
    }

    func testFilterHeuristicPicksSubForHorizontalGradientAndUpForRepeatedRows() throws {
        // Rows that rise by 3 per pixel: Sub leaves constant small residuals.
        let ramp = (0..<16).flatMap { _ in (0..<64).map { UInt8($0 * 3) } }
        let rampPNG = try decodePNG(try PNGEncoder.encode(pixels: ramp, width: 64, height: 16,
                                                          colorType: .grayscale))
        XCTAssertEqual(rampPNG.pixels, ramp)
        XCTAssertEqual(rampPNG.filterTypes.first, 1)

        // Every row equal to a noisy first row: Up leaves zeros after the first row.
        let row = noise(48, seed: 3)
        let repeated = (0..<10).flatMap { _ in row }
        let upPNG = try decodePNG(try PNGEncoder.encode(pixels: repeated, width: 48, height: 10,
                                                        colorType: .grayscale))
        XCTAssertEqual(upPNG.pixels, repeated)
        XCTAssertEqual(Array(upPNG.filterTypes.dropFirst()), [UInt8](repeating: 2, count: 9))
    }

    func testRejectsWrongSizes() {
        XCTAssertThrowsError(try PNGEncoder.encode(pixels: [1, 2, 3], width: 2, height: 2,
                                                   colorType: .grayscale)) { error in
            XCTAssertEqual(error as? DisplayError,
                           .sizeMismatch(what: "A 2×2 grayscale PNG", expected: 4, found: 3))
        }
        XCTAssertThrowsError(try PNGEncoder.encode(pixels: [], width: 0, height: 3, colorType: .rgb))
    }

    func testLargeImageCompressesAndRoundTrips() throws {
        let w = 300, h = 200
        var pixels = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                pixels[(y * w + x) * 3] = UInt8(x % 256)
                pixels[(y * w + x) * 3 + 1] = UInt8(y)
                pixels[(y * w + x) * 3 + 2] = 128
            }
        }
        let png = try PNGEncoder.encode(pixels: pixels, width: w, height: h, colorType: .rgb)
        XCTAssertLessThan(png.count, pixels.count / 20)
        XCTAssertEqual(try decodePNG(png).pixels, pixels)
    }
}
