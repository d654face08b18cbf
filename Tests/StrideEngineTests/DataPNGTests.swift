import Foundation
import XCTest
@testable import StrideEngine

final class DataPNGTests: XCTestCase {
    /// Each fixture decodes to exactly the pixels Pillow decodes (see generate_fixtures.py).
    func testDecodesLikePillow() throws {
        let expected = try DataFixtures.json("png_expected.json")
        let names = ["gray.png", "rgb.png", "rgba.png", "gray_alpha.png", "palette.png", "palette_alpha.png", "palette4.png", "bits.png",
                     "gray16.png", "filters.png", "interlaced.png"]
        for name in names {
            let reference = try XCTUnwrap(expected[name] as? [String: Any], name)
            let image = try PNGDecoder.decode(file: DataFixtures.path("png/" + name))
            XCTAssertEqual(image.width, reference["width"] as? Int, name)
            XCTAssertEqual(image.height, reference["height"] as? Int, name)
            XCTAssertEqual(image.channels, reference["channels"] as? Int, name)
            XCTAssertEqual(image.pixels, (reference["pixels"] as? [Int])?.map(UInt8.init), name)
        }
    }

    private func pngBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: DataFixtures.path("png/" + name))))
    }

    /// Rewrites the CRC of the chunk starting at `offset` after a deliberate change.
    private func fixCRC(_ bytes: inout [UInt8], chunkAt offset: Int) {
        let length = Int(PNGDecoder.read32(bytes, offset))
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes[(offset + 4)..<(offset + 8 + length)] {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        let end = offset + 8 + length
        bytes[end] = UInt8(crc >> 24); bytes[end + 1] = UInt8((crc >> 16) & 0xFF)
        bytes[end + 2] = UInt8((crc >> 8) & 0xFF); bytes[end + 3] = UInt8(crc & 0xFF)
    }

    func testMalformedPNGsAreRefusedWithTheReason() throws {
        let good = try pngBytes("gray.png")
        DataFixtures.assertError(try PNGDecoder.decode(Array(good.prefix(5)), path: "p.png"), .malformed, "p.png: not a PNG file (bad signature)")
        DataFixtures.assertError(try PNGDecoder.decode(Array("GIF89a..".utf8) + good, path: "p.png"), .malformed, "p.png: not a PNG file (bad signature)")
        DataFixtures.assertError(try PNGDecoder.decode(Array(good.prefix(50)), path: "p.png"), .truncated,
                                 "p.png: chunk IDAT of \(PNGDecoder.read32(good, 33)) bytes at byte 33 runs past the end of the file")
        DataFixtures.assertError(try PNGDecoder.decode(Array(good.prefix(good.count - 12)), path: "p.png"), .truncated,
                                 "p.png: the file ends inside a chunk header at byte \(good.count - 12) (no IEND chunk)")
        var badCRC = good
        badCRC[20] ^= 1   // inside IHDR's data
        DataFixtures.assertError(try PNGDecoder.decode(badCRC, path: "p.png"), .malformed, "p.png: chunk IHDR at byte 8 has a bad CRC")

        var badDepth = good
        badDepth[24] = 3   // bit depth 3 does not exist
        fixCRC(&badDepth, chunkAt: 8)
        DataFixtures.assertError(try PNGDecoder.decode(badDepth, path: "p.png"), .malformed, "p.png: bit depth 3 is not allowed for color type 0")

        var badColor = good
        badColor[25] = 5
        fixCRC(&badColor, chunkAt: 8)
        DataFixtures.assertError(try PNGDecoder.decode(badColor, path: "p.png"), .malformed, "p.png: unknown color type 5")

        var huge = good
        huge[16] = 0x7F   // width ≈ 2^31
        fixCRC(&huge, chunkAt: 8)
        DataFixtures.assertError(try PNGDecoder.decode(huge, path: "p.png"), .unsupported,
                                 "p.png: image size 2130706439×5 exceeds the limit of 268435456 pixels")

        // The same image claiming one more row than its data holds.
        var taller = good
        taller[23] += 1
        fixCRC(&taller, chunkAt: 8)
        DataFixtures.assertError(try PNGDecoder.decode(taller, path: "p.png"), .truncated,
                                 "p.png: the image data holds 40 bytes but 7×6 pixels need 48")
    }

    func testUnknownFilterTypeIsAnError() throws {
        // Build a 1×1 gray PNG whose only row uses filter type 7, compressed with the system gzip's
        // deflate stream re-wrapped as zlib is not possible, so use a stored (uncompressed) block.
        let raw: [UInt8] = [7, 42]
        var zlibStream: [UInt8] = [0x78, 0x01, 0x01, UInt8(raw.count), 0, ~UInt8(raw.count), 0xFF] + raw
        var adler = (a: UInt32(1), b: UInt32(0))
        for byte in raw { adler.a = (adler.a + UInt32(byte)) % 65521; adler.b = (adler.b + adler.a) % 65521 }
        let checksum = adler.b << 16 | adler.a
        zlibStream += [UInt8(checksum >> 24), UInt8((checksum >> 16) & 0xFF), UInt8((checksum >> 8) & 0xFF), UInt8(checksum & 0xFF)]
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func chunk(_ type: String, _ data: [UInt8]) {
            let start = bytes.count
            let n = UInt32(data.count)
            bytes += [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
            fixCRC(&bytes, chunkAt: start)
        }
        chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])
        chunk("IDAT", zlibStream)
        chunk("IEND", [])
        DataFixtures.assertError(try PNGDecoder.decode(bytes, path: "f.png"), .malformed, "f.png: row 0 uses unknown filter type 7")
        // The same stream with filter 0 decodes to the stored byte, which shows the stream is valid.
        var plain = bytes
        let filterByte = plain.firstIndex(of: 7)!
        plain[filterByte] = 0
        // Adler-32 changes with the byte: recompute it for [0, 42].
        let a = UInt32(1 + 0 + 42) % 65521, b = (UInt32(1) + UInt32(1 + 42)) % 65521
        let sum = b << 16 | a
        plain[filterByte + 2] = UInt8(sum >> 24); plain[filterByte + 3] = UInt8((sum >> 16) & 0xFF)
        plain[filterByte + 4] = UInt8((sum >> 8) & 0xFF); plain[filterByte + 5] = UInt8(sum & 0xFF)
        fixCRC(&plain, chunkAt: 33)
        XCTAssertEqual(try PNGDecoder.decode(plain).pixels, [42])
    }
}
