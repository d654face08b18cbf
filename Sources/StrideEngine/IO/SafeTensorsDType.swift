/// An element type of the safetensors format, by its name in the file header.
public enum SafeTensorsDType: String, CaseIterable, Sendable {
    case float64 = "F64", float32 = "F32", float16 = "F16", bfloat16 = "BF16"
    case int64 = "I64", int32 = "I32", int16 = "I16", int8 = "I8", uint8 = "U8", bool = "BOOL"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float64, .int64: return 8
        case .float32, .int32: return 4
        case .float16, .bfloat16, .int16: return 2
        case .int8, .uint8, .bool: return 1
        }
    }

    /// True for the integer and boolean types, whose values must be whole numbers when written.
    var isInteger: Bool {
        switch self {
        case .float64, .float32, .float16, .bfloat16: return false
        default: return true
        }
    }

    /// The range of whole numbers the type holds exactly (for checking writes).
    var integerRange: ClosedRange<Double> {
        switch self {
        case .int64: return -9_223_372_036_854_775_808.0...9_223_372_036_854_775_807.0
        case .int32: return -2_147_483_648.0...2_147_483_647.0
        case .int16: return -32_768.0...32_767.0
        case .int8: return -128.0...127.0
        case .uint8: return 0.0...255.0
        case .bool: return 0.0...1.0
        default: return -Double.infinity...Double.infinity
        }
    }

    /// Converts `count` little-endian elements starting at `source` to Float.
    func decode(_ source: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<Float>) {
        let count = out.count
        switch self {
        case .float32:
            for i in 0..<count { out[i] = Float(bitPattern: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
        case .float64:
            for i in 0..<count { out[i] = Float(Double(bitPattern: UInt64(littleEndian: source.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))) }
        case .float16:
            for i in 0..<count { out[i] = SafeTensorsDType.halfToFloat(UInt16(littleEndian: source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) }
        case .bfloat16:
            for i in 0..<count { out[i] = Float(bitPattern: UInt32(UInt16(littleEndian: source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) << 16) }
        case .int64:
            for i in 0..<count { out[i] = Float(Int64(littleEndian: source.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))) }
        case .int32:
            for i in 0..<count { out[i] = Float(Int32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self))) }
        case .int16:
            for i in 0..<count { out[i] = Float(Int16(littleEndian: source.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self))) }
        case .int8:
            for i in 0..<count { out[i] = Float(Int8(bitPattern: source[i])) }
        case .uint8:
            for i in 0..<count { out[i] = Float(source[i]) }
        case .bool:
            for i in 0..<count { out[i] = source[i] == 0 ? 0 : 1 }
        }
    }

    /// Appends the little-endian encoding of `values` to `bytes`; values are already checked.
    func encode(_ values: [Float], into bytes: inout [UInt8]) {
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        switch self {
        case .float32: for v in values { append(v.bitPattern) }
        case .float64: for v in values { append(Double(v).bitPattern) }
        case .float16: for v in values { append(SafeTensorsDType.floatToHalf(v)) }
        case .bfloat16: for v in values { append(SafeTensorsDType.floatToBFloat16(v)) }
        case .int64: for v in values { append(Int64(v)) }
        case .int32: for v in values { append(Int32(v)) }
        case .int16: for v in values { append(Int16(v)) }
        case .int8: for v in values { append(Int8(v)) }
        case .uint8: for v in values { append(UInt8(v)) }
        case .bool: for v in values { append(UInt8(v)) }
        }
    }

    /// IEEE 754 binary16 to binary32, exact (subnormals, infinities and NaN included).
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x3FF)
        if exponent == 0x1F {
            return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
        }
        if exponent == 0 {
            // Zero or subnormal: mantissa × 2^-24, exact in Float.
            let magnitude = Float(mantissa) * 0x1.0p-24
            return sign == 0 ? magnitude : -magnitude
        }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | mantissa << 13)
    }

    /// binary32 to binary16 with round-to-nearest-even, overflow to infinity, NaN kept as NaN.
    static func floatToHalf(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        if value.isNaN { return sign | 0x7E00 }
        let magnitude = abs(value)
        if magnitude >= 65520 { return sign | 0x7C00 }   // rounds past the largest half, 65504
        if magnitude < 0x1.0p-14 {
            // Subnormal half: units of 2^-24, rounded to nearest even by Float's own rounding.
            let units = (magnitude * 0x1.0p24).rounded(.toNearestOrEven)
            return sign | UInt16(units)
        }
        let exponent = Int((bits >> 23) & 0xFF) - 127 + 15
        var mantissa = bits & 0x7F_FFFF
        var halfExponent = UInt32(exponent)
        let remainder = mantissa & 0x1FFF
        mantissa >>= 13
        if remainder > 0x1000 || (remainder == 0x1000 && (mantissa & 1) == 1) {
            mantissa += 1
            if mantissa == 0x400 { mantissa = 0; halfExponent += 1 }
        }
        return sign | UInt16(halfExponent << 10) | UInt16(mantissa)
    }

    /// binary32 to bfloat16 with round-to-nearest-even (as PyTorch converts).
    static func floatToBFloat16(_ value: Float) -> UInt16 {
        if value.isNaN { return UInt16(value.bitPattern >> 16) | 0x0040 }
        let bits = value.bitPattern
        let rounding = 0x7FFF + ((bits >> 16) & 1)
        return UInt16((bits &+ rounding) >> 16)
    }
}
