import Foundation
import XCTest
@testable import StrideEngine

final class DataInflateIDXTests: XCTestCase {
    private func pseudoRandomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        // Mostly small values so that the data compresses, as images do.
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next() % 7 == 0 ? generator.next() : 0) }
    }

    func testGunzipMatchesTheSystemGzip() throws {
        let original = pseudoRandomBytes(3_000_000, seed: 1)   // larger than one read chunk
        let compressed = try DataFixtures.gzip(original)
        let directory = try DataFixtures.temporaryDirectory(self)
        try DataFixtures.write(compressed, to: directory + "/x.gz")
        XCTAssertEqual(try Inflate.gunzipFile(directory + "/x.gz"), original)
        XCTAssertEqual(try Inflate.gunzip(compressed), original)
    }

    func testConcatenatedGzipMembersAreJoined() throws {
        let a = Array("first member, ".utf8), b = Array("second member".utf8)
        let joined = try DataFixtures.gzip(a) + DataFixtures.gzip(b)
        XCTAssertEqual(try Inflate.gunzip(joined), a + b)
    }

    func testTruncatedAndCorruptGzipAreErrors() throws {
        let compressed = try DataFixtures.gzip(pseudoRandomBytes(50_000, seed: 2))
        let directory = try DataFixtures.temporaryDirectory(self)
        let path = directory + "/cut.gz"
        try DataFixtures.write(Array(compressed.prefix(compressed.count / 2)), to: path)
        do {
            _ = try Inflate.gunzipFile(path)
            XCTFail("truncated gzip was accepted")
        } catch let error as DataError {
            XCTAssertEqual(error.kind, .truncated)
            XCTAssertTrue(error.description.hasPrefix("\(path): the gzip data ends before its end marker"), error.description)
        }
        var corrupt = compressed
        corrupt[12] ^= 0xFF
        corrupt[13] ^= 0xFF
        corrupt[14] ^= 0xFF
        do {
            _ = try Inflate.gunzip(corrupt, path: "c.gz")
            XCTFail("corrupt gzip was accepted")
        } catch let error as DataError {
            XCTAssertEqual(error.kind, .malformed)
            XCTAssertTrue(error.description.hasPrefix("c.gz: corrupt gzip data ("), error.description)
        }
        DataFixtures.assertError(try Inflate.gunzip([], path: "e.gz"), .truncated, "e.gz: the gzip data is empty")
        DataFixtures.assertError(try Inflate.gunzip(DataFixtures.gzip([1, 2, 3]) + [9, 9], path: "t.gz"),
                                 .malformed, "t.gz: unexpected bytes after the end of the gzip data")
        DataFixtures.assertError(try Inflate.gunzipFile(directory + "/missing.gz"), .notFound, "\(directory)/missing.gz: no such file")
    }

    /// An IDX file built byte by byte from the format's description.
    private func idxBytes(type: UInt8, dimensions: [UInt32], payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
        for d in dimensions { bytes += [UInt8(d >> 24), UInt8((d >> 16) & 0xFF), UInt8((d >> 8) & 0xFF), UInt8(d & 0xFF)] }
        return bytes + payload
    }

    func testIDXReadsUnsignedBytesPlainAndGzipped() throws {
        let payload: [UInt8] = (0..<24).map { UInt8($0 * 10) }
        let bytes = idxBytes(type: 0x08, dimensions: [2, 3, 4], payload: payload)
        let directory = try DataFixtures.temporaryDirectory(self)
        try DataFixtures.write(bytes, to: directory + "/a-idx3-ubyte")
        try DataFixtures.write(try DataFixtures.gzip(bytes), to: directory + "/a-idx3-ubyte.gz")
        for name in ["a-idx3-ubyte", "a-idx3-ubyte.gz"] {
            let array = try IDX.read(directory + "/" + name)
            XCTAssertEqual(array.dimensions, [2, 3, 4])
            XCTAssertEqual(array.elementType, .uint8)
            XCTAssertEqual(array.payload, payload)
            XCTAssertEqual(array.scalars(dividedBy: 2)[23], 115)
            XCTAssertEqual(array.integers()?.last, 230)
        }
    }

    func testIDXConvertsWiderTypes() throws {
        // int16 -2 and 300; float32 1.5 = 0x3FC00000; float64 -0.25 = 0xBFD0000000000000.
        let shorts = try IDX.parse(idxBytes(type: 0x0B, dimensions: [2], payload: [0xFF, 0xFE, 0x01, 0x2C]))
        XCTAssertEqual(shorts.scalars(), [-2, 300])
        XCTAssertEqual(shorts.integers(), [-2, 300])
        let floats = try IDX.parse(idxBytes(type: 0x0D, dimensions: [1], payload: [0x3F, 0xC0, 0, 0]))
        XCTAssertEqual(floats.scalars(), [1.5])
        XCTAssertNil(floats.integers())
        let doubles = try IDX.parse(idxBytes(type: 0x0E, dimensions: [1], payload: [0xBF, 0xD0, 0, 0, 0, 0, 0, 0]))
        XCTAssertEqual(doubles.scalars(), [-0.25])
        let signed = try IDX.parse(idxBytes(type: 0x09, dimensions: [2], payload: [0xFF, 0x05]))
        XCTAssertEqual(signed.integers(), [-1, 5])
    }

    func testMalformedIDXErrorsNameTheProblem() {
        let good = idxBytes(type: 0x08, dimensions: [2, 2], payload: [1, 2, 3, 4])
        DataFixtures.assertError(try IDX.parse([0, 0], path: "f"), .truncated, "f: the IDX header needs 4 bytes but the file has 2")
        DataFixtures.assertError(try IDX.parse([0x1F, 0x8B, 8, 1] + good, path: "f"), .malformed,
                                 "f: bad IDX magic number 1f 8b 08 01 (expected 00 00 followed by a type and a rank)")
        DataFixtures.assertError(try IDX.parse([0, 0, 0x07, 1, 0, 0, 0, 0], path: "f"), .unsupported, "f: unknown IDX element type 0x07")
        DataFixtures.assertError(try IDX.parse([0, 0, 8, 3, 0, 0, 0, 1], path: "f"), .truncated,
                                 "f: the IDX header of rank 3 needs 16 bytes but the file has 8")
        DataFixtures.assertError(try IDX.parse(Array(good.dropLast()), path: "f"), .truncated,
                                 "f: IDX dimensions [2, 2] need 16 bytes but the file has 15")
        DataFixtures.assertError(try IDX.parse(good + [0], path: "f"), .malformed,
                                 "f: 1 unexpected bytes after the IDX data of dimensions [2, 2]")
        DataFixtures.assertError(try IDX.parse([0, 0, 8, 0], path: "f"), .malformed, "f: IDX rank is 0")
    }
}
