extension PNGDecoder {
    /// The IHDR chunk, checked for a valid combination of color type and bit depth.
    struct Header {
        var width: Int
        var height: Int
        var bitDepth: Int
        var colorType: Int
        var interlaced: Bool

        init(_ data: [UInt8], path: String?) throws {
            func fail(_ kind: DataError.Kind, _ reason: String) -> DataError { DataError(kind, path: path, reason) }
            guard data.count == 13 else { throw fail(.malformed, "IHDR chunk has \(data.count) bytes instead of 13") }
            width = Int(PNGDecoder.read32(data, 0))
            height = Int(PNGDecoder.read32(data, 4))
            bitDepth = Int(data[8])
            colorType = Int(data[9])
            guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
                throw fail(.malformed, "image size \(width)×\(height) is invalid")
            }
            guard width * height <= PNGDecoder.maximumPixels else {
                throw fail(.unsupported, "image size \(width)×\(height) exceeds the limit of \(PNGDecoder.maximumPixels) pixels")
            }
            let allowed: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
            guard let depths = allowed[colorType] else { throw fail(.malformed, "unknown color type \(colorType)") }
            guard depths.contains(bitDepth) else {
                throw fail(.malformed, "bit depth \(bitDepth) is not allowed for color type \(colorType)")
            }
            guard data[10] == 0 else { throw fail(.unsupported, "unknown compression method \(data[10])") }
            guard data[11] == 0 else { throw fail(.unsupported, "unknown filter method \(data[11])") }
            guard data[12] <= 1 else { throw fail(.unsupported, "unknown interlace method \(data[12])") }
            interlaced = data[12] == 1
        }

        /// Samples per pixel as stored: palette indices count as one.
        var samplesPerPixel: Int {
            switch colorType {
            case 2: return 3
            case 4: return 2
            case 6: return 4
            default: return 1
            }
        }

        var bitsPerPixel: Int { samplesPerPixel * bitDepth }

        /// Bytes in one row of `width` pixels, without the filter byte.
        func rowBytes(width: Int) -> Int { (width * bitsPerPixel + 7) / 8 }

        /// The 8-bit samples of one unfiltered row: sub-byte gray values are scaled to 0–255,
        /// palette indices kept as they are, 16-bit values rounded to 8 bits.
        func samples(of rows: [UInt8], row: Int, rowBytes: Int, width: Int) -> [UInt8] {
            let start = row * rowBytes
            let count = width * samplesPerPixel
            var result = [UInt8](repeating: 0, count: count)
            switch bitDepth {
            case 8:
                for i in 0..<count { result[i] = rows[start + i] }
            case 16:
                for i in 0..<count {
                    let value = Int(rows[start + 2 * i]) << 8 | Int(rows[start + 2 * i + 1])
                    result[i] = UInt8((value * 255 + 32767) / 65535)
                }
            default:
                let perByte = 8 / bitDepth
                let mask = (1 << bitDepth) - 1
                let scale = colorType == 3 ? 1 : 255 / mask
                for i in 0..<count {
                    let byte = Int(rows[start + i / perByte])
                    let shift = 8 - bitDepth * (i % perByte + 1)
                    result[i] = UInt8(((byte >> shift) & mask) * scale)
                }
            }
            return result
        }
    }
}
