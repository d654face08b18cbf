import CZlib
import Foundation

/// The pixel layouts the encoder writes (8 bits per sample).
public enum PNGColorType: UInt8, Sendable {
    /// One sample per pixel.
    case grayscale = 0
    /// Red, green, blue.
    case rgb = 2
    /// Red, green, blue, alpha.
    case rgba = 6

    /// Samples (bytes) per pixel.
    public var channels: Int {
        switch self {
        case .grayscale: return 1
        case .rgb: return 3
        case .rgba: return 4
        }
    }
}

/// Encodes 8-bit pixels as PNG (ISO/IEC 15948), compressed with zlib.
public enum PNGEncoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Encodes row-major interleaved pixels (`width * height * channels` bytes).
    public static func encode(pixels: [UInt8], width: Int, height: Int,
                              colorType: PNGColorType) throws -> [UInt8] {
        guard width > 0, height > 0, width <= 1 << 24, height <= 1 << 24 else {
            throw DisplayError.invalidArgument(
                "A PNG needs a width and height between 1 and 16777216, found \(width)×\(height).")
        }
        let expected = width * height * colorType.channels
        guard pixels.count == expected else {
            throw DisplayError.sizeMismatch(what: "A \(width)×\(height) \(colorType) PNG",
                                            expected: expected, found: pixels.count)
        }
        var header: [UInt8] = []
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        // bit depth 8, colour type, compression 0, filter method 0, no interlace
        header += [8, colorType.rawValue, 0, 0, 0]

        let filtered = filterRows(pixels, width: width, height: height,
                                  bytesPerPixel: colorType.channels)
        let compressed = try deflate(filtered)

        var png = signature
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", compressed, to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// Encodes and returns base64 text, as Jupyter expects for "image/png".
    public static func base64(pixels: [UInt8], width: Int, height: Int,
                              colorType: PNGColorType) throws -> String {
        let png = try encode(pixels: pixels, width: width, height: height, colorType: colorType)
        return Data(png).base64EncodedString()
    }

    /// Prefixes each row with a filter byte, choosing per row the filter (None, Sub, Up,
    /// Average or Paeth) whose output has the smallest sum of absolute signed bytes, the
    /// heuristic suggested by the PNG specification.
    static func filterRows(_ pixels: [UInt8], width: Int, height: Int,
                           bytesPerPixel bpp: Int) -> [UInt8] {
        let stride = width * bpp
        var out = [UInt8](repeating: 0, count: (stride + 1) * height)
        // The five candidate rows side by side: None, Sub, Up, Average, Paeth.
        var candidates = [UInt8](repeating: 0, count: 5 * stride)
        pixels.withUnsafeBufferPointer { all in
            candidates.withUnsafeMutableBufferPointer { cand in
                out.withUnsafeMutableBufferPointer { dest in
                    for y in 0..<height {
                        let row = y * stride, up = (y - 1) * stride
                        for i in 0..<stride {
                            let x = all[row + i]
                            let a = i >= bpp ? all[row + i - bpp] : 0
                            let b = y > 0 ? all[up + i] : 0
                            let c = (i >= bpp && y > 0) ? all[up + i - bpp] : 0
                            cand[i] = x
                            cand[stride + i] = x &- a
                            cand[2 * stride + i] = x &- b
                            cand[3 * stride + i] = x &- UInt8((Int(a) + Int(b)) / 2)
                            cand[4 * stride + i] = x &- paethPredictor(a, b, c)
                        }
                        var best = 0
                        var bestCost = Int.max
                        for type in 0..<5 {
                            var cost = 0
                            for i in (type * stride)..<((type + 1) * stride) {
                                let v = cand[i]
                                cost += Int(v < 128 ? v : 255 - v + 1)
                            }
                            if cost < bestCost { bestCost = cost; best = type }
                        }
                        let target = y * (stride + 1)
                        dest[target] = UInt8(best)
                        for i in 0..<stride { dest[target + 1 + i] = cand[best * stride + i] }
                    }
                }
            }
        }
        return out
    }

    static func paethPredictor(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        if pb <= pc { return b }
        return c
    }

    static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
        var destinationLength = compressBound(uLong(bytes.count))
        var destination = [UInt8](repeating: 0, count: Int(destinationLength))
        let status = bytes.withUnsafeBufferPointer { source in
            destination.withUnsafeMutableBufferPointer { dest in
                compress2(dest.baseAddress, &destinationLength, source.baseAddress,
                          uLong(source.count), 9)
            }
        }
        guard status == Z_OK else { throw DisplayError.compressionFailed(code: status) }
        return Array(destination.prefix(Int(destinationLength)))
    }

    static func appendChunk(_ type: String, _ body: [UInt8], to png: inout [UInt8]) {
        appendBigEndian(UInt32(body.count), to: &png)
        let typeAndBody = Array(type.utf8) + body
        png += typeAndBody
        let checksum = typeAndBody.withUnsafeBufferPointer { buffer in
            crc32(0, buffer.baseAddress, uInt(buffer.count))
        }
        appendBigEndian(UInt32(checksum), to: &png)
    }

    static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF),
                  UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
