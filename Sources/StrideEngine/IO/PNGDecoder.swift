import CZlib

/// A decoded PNG image with 8-bit samples, row-major, channels interleaved.
public struct PNGImage: Equatable, Sendable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// 1 (gray), 2 (gray, alpha), 3 (RGB) or 4 (RGBA); palette images give 3, or 4 with transparency.
    public var channels: Int
    /// `height × width × channels` samples.
    public var pixels: [UInt8]
}

/// A PNG decoder (ISO/IEC 15948): every color type, bit depths 1–16 (16-bit samples are
/// rounded to 8 bits), all five filter types and Adam7 interlacing.
public enum PNGDecoder {
    /// The largest image accepted, so that a corrupt header cannot ask for gigabytes.
    public static let maximumPixels = 1 << 28

    /// Decodes the PNG file at `path`.
    public static func decode(file path: String) throws -> PNGImage {
        try decode(PosixFile.readAll(path), path: path)
    }

    /// Decodes PNG bytes; `path` only names the source in errors.
    public static func decode(_ bytes: [UInt8], path: String? = nil) throws -> PNGImage {
        func fail(_ kind: DataError.Kind, _ reason: String) -> DataError { DataError(kind, path: path, reason) }
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else {
            throw fail(.malformed, "not a PNG file (bad signature)")
        }
        var header: Header?
        var palette: [UInt8] = []
        var paletteAlpha: [UInt8] = []
        var compressed: [UInt8] = []
        var sawEnd = false
        var position = 8
        while !sawEnd {
            guard position + 12 <= bytes.count else {
                throw fail(.truncated, "the file ends inside a chunk header at byte \(position) (no IEND chunk)")
            }
            let length = Int(read32(bytes, position))
            let typeBytes = Array(bytes[(position + 4)..<(position + 8)])
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard length <= Int(Int32.max), position + 12 + length <= bytes.count else {
                throw fail(.truncated, "chunk \(type) of \(length) bytes at byte \(position) runs past the end of the file")
            }
            let dataStart = position + 8
            let storedCRC = read32(bytes, dataStart + length)
            let computedCRC = bytes.withUnsafeBufferPointer { buffer in
                UInt32(crc32(0, buffer.baseAddress! + position + 4, UInt32(length + 4)))
            }
            guard storedCRC == computedCRC else { throw fail(.malformed, "chunk \(type) at byte \(position) has a bad CRC") }
            let data = bytes[dataStart..<(dataStart + length)]
            if header == nil && type != "IHDR" { throw fail(.malformed, "the first chunk is \(type), not IHDR") }
            switch type {
            case "IHDR":
                guard header == nil else { throw fail(.malformed, "more than one IHDR chunk") }
                header = try Header(Array(data), path: path)
            case "PLTE":
                guard length % 3 == 0, length > 0, length <= 768 else {
                    throw fail(.malformed, "PLTE chunk of \(length) bytes is not 1 to 256 RGB entries")
                }
                palette = Array(data)
            case "tRNS":
                if header?.colorType == 3 { paletteAlpha = Array(data) }
            case "IDAT":
                compressed.append(contentsOf: data)
            case "IEND":
                sawEnd = true
            default:
                // Bit 5 of the first letter marks ancillary chunks, which a decoder may skip.
                if typeBytes[0] & 0x20 == 0 { throw fail(.unsupported, "unknown critical chunk \(type)") }
            }
            position = dataStart + length + 4
        }
        guard let header else { throw fail(.malformed, "no IHDR chunk") }
        guard !compressed.isEmpty else { throw fail(.malformed, "no IDAT chunk (no image data)") }
        if header.colorType == 3 && palette.isEmpty { throw fail(.malformed, "palette image without a PLTE chunk") }

        let passes = header.interlaced ? Adam7Interlace.passes : [Adam7Interlace.Pass(x: 0, y: 0, dx: 1, dy: 1)]
        let expectedSize = passes.reduce(0) { total, pass in
            let (w, h) = pass.size(width: header.width, height: header.height)
            return total + (w == 0 || h == 0 ? 0 : h * (1 + header.rowBytes(width: w)))
        }
        // Refused before decompressing: the pixel rows, then the samples (and RGBA expansion
        // of a palette) that the header asks for must fit the engine's memory limit.
        let what = "the pixels of \(header.width)×\(header.height) image\(path.map { " \($0)" } ?? "")"
        try EngineLimits.checkAllocation(count: expectedSize, bytesEach: 1, what: what)
        try EngineLimits.checkAllocation(count: header.width * header.height, bytesEach: 4, what: what)
        let raw = try Inflate.zlibDecompress(compressed, path: path, expectedSize: expectedSize)
        guard raw.count >= expectedSize else {
            throw fail(.truncated, "the image data holds \(raw.count) bytes but \(header.width)×\(header.height) pixels need \(expectedSize)")
        }

        let fileChannels = header.samplesPerPixel
        var samples = [UInt8](repeating: 0, count: header.width * header.height * fileChannels)
        var offset = 0
        for pass in passes {
            try EngineCancellation.checkpoint()
            let (w, h) = pass.size(width: header.width, height: header.height)
            guard w > 0 && h > 0 else { continue }
            let rowBytes = header.rowBytes(width: w)
            let rows = try unfilter(raw, offset: offset, rowBytes: rowBytes, height: h,
                                    bytesPerPixel: max(1, header.bitsPerPixel / 8), path: path)
            offset += h * (1 + rowBytes)
            for row in 0..<h {
                let rowSamples = header.samples(of: rows, row: row, rowBytes: rowBytes, width: w)
                let y = pass.y + row * pass.dy
                for column in 0..<w {
                    let x = pass.x + column * pass.dx
                    let target = (y * header.width + x) * fileChannels
                    for c in 0..<fileChannels { samples[target + c] = rowSamples[column * fileChannels + c] }
                }
            }
        }

        guard header.colorType == 3 else {
            return PNGImage(width: header.width, height: header.height, channels: fileChannels, pixels: samples)
        }
        // Palette: expand indices to RGB, or RGBA when a tRNS chunk gives alpha values.
        let entries = palette.count / 3
        let outChannels = paletteAlpha.isEmpty ? 3 : 4
        var pixels = [UInt8](repeating: 0, count: samples.count * outChannels)
        for (i, index) in samples.enumerated() {
            let entry = Int(index)
            guard entry < entries else {
                throw fail(.malformed, "pixel \(i % header.width), \(i / header.width) uses palette entry \(entry) but the palette has \(entries)")
            }
            pixels[i * outChannels] = palette[3 * entry]
            pixels[i * outChannels + 1] = palette[3 * entry + 1]
            pixels[i * outChannels + 2] = palette[3 * entry + 2]
            if outChannels == 4 { pixels[i * 4 + 3] = entry < paletteAlpha.count ? paletteAlpha[entry] : 255 }
        }
        return PNGImage(width: header.width, height: header.height, channels: outChannels, pixels: pixels)
    }

    /// Reverses the per-row filters of one (sub)image, returning rows without filter bytes.
    static func unfilter(_ raw: [UInt8], offset: Int, rowBytes: Int, height: Int, bytesPerPixel bpp: Int,
                         path: String?) throws -> [UInt8] {
        var rows = [UInt8](repeating: 0, count: rowBytes * height)
        try raw.withUnsafeBufferPointer { input in
            try rows.withUnsafeMutableBufferPointer { out in
                var poll = CancellationPoll()
                for row in 0..<height {
                    if poll.stopRequested(after: rowBytes) { throw EngineError.cancelled }
                    let source = offset + row * (rowBytes + 1)
                    let filter = input[source]
                    let line = row * rowBytes
                    let previous = line - rowBytes   // valid only when row > 0
                    for i in 0..<rowBytes {
                        let x = input[source + 1 + i]
                        let left: UInt8 = i >= bpp ? out[line + i - bpp] : 0
                        let up: UInt8 = row > 0 ? out[previous + i] : 0
                        let upLeft: UInt8 = (row > 0 && i >= bpp) ? out[previous + i - bpp] : 0
                        switch filter {
                        case 0: out[line + i] = x
                        case 1: out[line + i] = x &+ left
                        case 2: out[line + i] = x &+ up
                        case 3: out[line + i] = x &+ UInt8((Int(left) + Int(up)) / 2)
                        case 4: out[line + i] = x &+ paeth(left, up, upLeft)
                        default:
                            throw DataError(.malformed, path: path, "row \(row) uses unknown filter type \(filter)")
                        }
                    }
                }
            }
        }
        return rows
    }

    /// The Paeth predictor: whichever of left, up and upper-left is closest to left + up - upLeft.
    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    static func read32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}

/// The seven passes of Adam7 interlacing.
enum Adam7Interlace {
    struct Pass {
        var x: Int, y: Int, dx: Int, dy: Int

        /// The size of this pass's subimage for an image of the given size.
        func size(width: Int, height: Int) -> (Int, Int) {
            ((width - x + dx - 1) / dx, (height - y + dy - 1) / dy)
        }
    }

    static let passes = [
        Pass(x: 0, y: 0, dx: 8, dy: 8), Pass(x: 4, y: 0, dx: 8, dy: 8), Pass(x: 0, y: 4, dx: 4, dy: 8),
        Pass(x: 2, y: 0, dx: 4, dy: 4), Pass(x: 0, y: 2, dx: 2, dy: 4), Pass(x: 1, y: 0, dx: 2, dy: 2),
        Pass(x: 0, y: 1, dx: 1, dy: 2),
    ]
}
