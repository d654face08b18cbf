/// An array read from an IDX file (the format of the MNIST and Fashion-MNIST distributions).
public struct IDXArray: Equatable, Sendable {
    /// The element type announced by the third byte of the magic number.
    public enum ElementType: UInt8, Sendable {
        case uint8 = 0x08, int8 = 0x09, int16 = 0x0B, int32 = 0x0C, float32 = 0x0D, float64 = 0x0E

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .uint8, .int8: return 1
            case .int16: return 2
            case .int32, .float32: return 4
            case .float64: return 8
            }
        }
    }

    /// The size of each dimension, outermost first.
    public var dimensions: [Int]
    /// The element type.
    public var elementType: ElementType
    /// The data as stored (big-endian for multi-byte types), `dimensions` product × size bytes.
    public var payload: [UInt8]

    /// The number of elements.
    public var count: Int { dimensions.reduce(1, *) }

    /// The elements converted to Float, each divided by `divisor` (255 maps bytes to [0, 1]
    /// with correctly rounded quotients, as PyTorch's `ToTensor` does).
    public func scalars(dividedBy divisor: Float = 1) -> [Float] {
        var result = [Float](repeating: 0, count: count)
        payload.withUnsafeBufferPointer { bytes in
            result.withUnsafeMutableBufferPointer { out in
                switch elementType {
                case .uint8:
                    let table = (0..<256).map { Float($0) / divisor }
                    table.withUnsafeBufferPointer { table in
                        for i in 0..<out.count { out[i] = table[Int(bytes[i])] }
                    }
                case .int8:
                    for i in 0..<out.count { out[i] = Float(Int8(bitPattern: bytes[i])) / divisor }
                case .int16:
                    for i in 0..<out.count {
                        out[i] = Float(Int16(bitPattern: UInt16(bytes[2 * i]) << 8 | UInt16(bytes[2 * i + 1]))) / divisor
                    }
                case .int32:
                    for i in 0..<out.count { out[i] = Float(Int32(bitPattern: IDX.bigEndian32(bytes, 4 * i))) / divisor }
                case .float32:
                    for i in 0..<out.count { out[i] = Float(bitPattern: IDX.bigEndian32(bytes, 4 * i)) / divisor }
                case .float64:
                    for i in 0..<out.count {
                        let high = UInt64(IDX.bigEndian32(bytes, 8 * i)), low = UInt64(IDX.bigEndian32(bytes, 8 * i + 4))
                        out[i] = Float(Double(bitPattern: high << 32 | low) / Double(divisor))
                    }
                }
            }
        }
        return result
    }

    /// The elements as integers (for label files); nil when a value is not a whole number.
    public func integers() -> [Int]? {
        switch elementType {
        case .uint8: return payload.map { Int($0) }
        case .int8: return payload.map { Int(Int8(bitPattern: $0)) }
        default:
            var values: [Int] = []
            values.reserveCapacity(count)
            for value in scalars() {
                guard value.rounded() == value, abs(value) < 16_777_216 else { return nil }
                values.append(Int(value))
            }
            return values
        }
    }
}

/// Reading of IDX files, gzipped or not (detected from the content, not the name).
public enum IDX {
    /// Reads the IDX file at `path`, decompressing it first when it is gzipped.
    /// Every element becomes a 4-byte Float, so a file decompresses to a quarter of the memory
    /// limit at most.
    public static func read(_ path: String) throws -> IDXArray {
        let limit = Inflate.outputLimit / MemoryLayout<Float>.stride
        let bytes = try Inflate.isGzipFile(path) ? Inflate.gunzipFile(path, limit: limit) : PosixFile.readAll(path)
        return try parse(bytes, path: path)
    }

    /// Parses IDX bytes; `path` only names the source in errors.
    public static func parse(_ bytes: [UInt8], path: String? = nil) throws -> IDXArray {
        guard bytes.count >= 4 else {
            throw DataError(.truncated, path: path, "the IDX header needs 4 bytes but the file has \(bytes.count)")
        }
        guard bytes[0] == 0, bytes[1] == 0 else {
            let magic = bytes[0..<4].map { hex($0) }.joined(separator: " ")
            throw DataError(.malformed, path: path, "bad IDX magic number \(magic) (expected 00 00 followed by a type and a rank)")
        }
        guard let type = IDXArray.ElementType(rawValue: bytes[2]) else {
            throw DataError(.unsupported, path: path, "unknown IDX element type 0x\(hex(bytes[2]))")
        }
        let rank = Int(bytes[3])
        guard rank >= 1 else { throw DataError(.malformed, path: path, "IDX rank is 0") }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw DataError(.truncated, path: path, "the IDX header of rank \(rank) needs \(headerSize) bytes but the file has \(bytes.count)")
        }
        var dimensions: [Int] = []
        var count = 1
        for axis in 0..<rank {
            let dimension = Int(bytes.withUnsafeBufferPointer { bigEndian32($0, 4 + 4 * axis) })
            dimensions.append(dimension)
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= Int(Int32.max) * 8 else {
                throw DataError(.malformed, path: path, "IDX dimensions \(dimensions) are too large")
            }
            count = product
        }
        // A zero among them must not hide a product of the others that overflows.
        guard Tensor.checkedProduct(dimensions.filter { $0 != 0 }) != nil else {
            throw DataError(.malformed, path: path, "IDX dimensions \(dimensions) are too large")
        }
        try EngineLimits.checkAllocation(scalarCount: count)
        let expected = headerSize + count * type.size
        guard bytes.count >= expected else {
            throw DataError(.truncated, path: path, "IDX dimensions \(dimensions) need \(expected) bytes but the file has \(bytes.count)")
        }
        guard bytes.count == expected else {
            throw DataError(.malformed, path: path, "\(bytes.count - expected) unexpected bytes after the IDX data of dimensions \(dimensions)")
        }
        return IDXArray(dimensions: dimensions, elementType: type, payload: Array(bytes[headerSize...]))
    }

    static func bigEndian32(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
}
