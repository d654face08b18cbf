import CZlib
import Foundation
@testable import StrideDisplay

/// A small PNG reader written for the tests, independent of the encoder: it walks the
/// chunks, checks each CRC with zlib's crc32, inflates the IDAT data with zlib's
/// uncompress and undoes the five row filters from the specification.
struct DecodedPNG {
    var width: Int
    var height: Int
    var colorType: UInt8
    var pixels: [UInt8]
    var chunkTypes: [String]
    var filterTypes: [UInt8]

    /// The RGB colour at (x, y) of an RGB image.
    func rgb(_ x: Int, _ y: Int) -> RGB {
        let i = (y * width + x) * 3
        return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
    }
}

enum PNGCheckError: Error, Equatable {
    case badSignature, truncated, badCRC(String), missingHeader, unsupported, inflateFailed(Int32),
         badFilter(UInt8)
}

func decodePNG(_ bytes: [UInt8]) throws -> DecodedPNG {
    let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
    guard bytes.count >= 8, Array(bytes[0..<8]) == signature else { throw PNGCheckError.badSignature }
    func u32(_ at: Int) -> Int {
        Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
    }
    var offset = 8
    var types: [String] = []
    var idat: [UInt8] = []
    var width = 0, height = 0, colorType: UInt8 = 255
    while offset < bytes.count {
        guard offset + 12 <= bytes.count else { throw PNGCheckError.truncated }
        let length = u32(offset)
        guard offset + 12 + length <= bytes.count else { throw PNGCheckError.truncated }
        let typeBytes = Array(bytes[(offset + 4)..<(offset + 8)])
        let type = String(decoding: typeBytes, as: UTF8.self)
        let body = Array(bytes[(offset + 8)..<(offset + 8 + length)])
        let stored = u32(offset + 8 + length)
        let computed = (typeBytes + body).withUnsafeBufferPointer {
            Int(crc32(0, $0.baseAddress, uInt($0.count)))
        }
        guard stored == computed else { throw PNGCheckError.badCRC(type) }
        types.append(type)
        if type == "IHDR" {
            width = Int(body[0]) << 24 | Int(body[1]) << 16 | Int(body[2]) << 8 | Int(body[3])
            height = Int(body[4]) << 24 | Int(body[5]) << 16 | Int(body[6]) << 8 | Int(body[7])
            guard body[8] == 8, body[10] == 0, body[11] == 0, body[12] == 0 else {
                throw PNGCheckError.unsupported
            }
            colorType = body[9]
        } else if type == "IDAT" {
            idat += body
        }
        offset += 12 + length
    }
    guard types.first == "IHDR" else { throw PNGCheckError.missingHeader }
    let channels: Int
    switch colorType {
    case 0: channels = 1
    case 2: channels = 3
    case 6: channels = 4
    default: throw PNGCheckError.unsupported
    }
    let stride = width * channels
    var rawLength = uLongf((stride + 1) * height)
    var raw = [UInt8](repeating: 0, count: Int(rawLength))
    let status = raw.withUnsafeMutableBufferPointer { out in
        idat.withUnsafeBufferPointer { src in
            uncompress(out.baseAddress, &rawLength, src.baseAddress, uLong(src.count))
        }
    }
    guard status == Z_OK, Int(rawLength) == (stride + 1) * height else {
        throw PNGCheckError.inflateFailed(status)
    }
    var pixels = [UInt8](repeating: 0, count: stride * height)
    var filters: [UInt8] = []
    for y in 0..<height {
        let filter = raw[y * (stride + 1)]
        filters.append(filter)
        for i in 0..<stride {
            let x = Int(raw[y * (stride + 1) + 1 + i])
            let a = i >= channels ? Int(pixels[y * stride + i - channels]) : 0
            let b = y > 0 ? Int(pixels[(y - 1) * stride + i]) : 0
            let c = (i >= channels && y > 0) ? Int(pixels[(y - 1) * stride + i - channels]) : 0
            let predicted: Int
            switch filter {
            case 0: predicted = 0
            case 1: predicted = a
            case 2: predicted = b
            case 3: predicted = (a + b) / 2
            case 4:
                let p = a + b - c
                let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                predicted = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
            default: throw PNGCheckError.badFilter(filter)
            }
            pixels[y * stride + i] = UInt8((x + predicted) & 0xFF)
        }
    }
    return DecodedPNG(width: width, height: height, colorType: colorType, pixels: pixels,
                      chunkTypes: types, filterTypes: filters)
}

/// Decodes a base64 PNG (as found in a bundle or a data URI).
func decodePNG(base64 text: String) throws -> DecodedPNG {
    let payload = text.hasPrefix("data:image/png;base64,")
        ? String(text.dropFirst("data:image/png;base64,".count)) : text
    guard let data = Data(base64Encoded: payload) else { throw PNGCheckError.badSignature }
    return try decodePNG([UInt8](data))
}
