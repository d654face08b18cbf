/// The sized integers (`Int8` ... `UInt64`, `UInt`) and `Float`. `Int` and `Double` are the
/// language's own values; these are values of their own type, so that they overflow, wrap,
/// shift and print as Swift's do: `UInt8(250) + 10` is an overflow error, `&+` wraps,
/// `Float(1) / 3` prints `0.33333334`. An integer literal takes the type of the other operand.

enum IntegerKind: String, CaseIterable {
    case int8 = "Int8", int16 = "Int16", int32 = "Int32", int64 = "Int64"
    case uint8 = "UInt8", uint16 = "UInt16", uint32 = "UInt32", uint64 = "UInt64", uint = "UInt"

    var bitWidth: Int {
        switch self {
        case .int8, .uint8: return 8
        case .int16, .uint16: return 16
        case .int32, .uint32: return 32
        default: return 64
        }
    }
    var isSigned: Bool { rawValue.hasPrefix("Int") }
    var mask: UInt64 { bitWidth == 64 ? UInt64.max : (1 << UInt64(bitWidth)) - 1 }
    var minSigned: Int64 { isSigned ? (bitWidth == 64 ? Int64.min : -(1 << Int64(bitWidth - 1))) : 0 }
    var maxSigned: Int64 { bitWidth == 64 ? Int64.max : (1 << Int64(bitWidth - (isSigned ? 1 : 0))) - 1 }
}

/// A value of a sized integer type: its bit pattern in the type's width.
final class SizedInt: NativeObject {
    let kind: IntegerKind
    let pattern: UInt64

    init(_ kind: IntegerKind, pattern: UInt64) { self.kind = kind; self.pattern = pattern & kind.mask }

    /// The value as a signed 64-bit number (exact for every kind but large UInt64s).
    var signed: Int64 {
        guard kind.isSigned, kind.bitWidth < 64 else { return Int64(bitPattern: pattern) }
        let shift = UInt64(64 - kind.bitWidth)
        return Int64(bitPattern: pattern << shift) >> Int64(shift)
    }
    var isNegative: Bool { kind.isSigned && signed < 0 }

    /// `kind(value)` when it fits; nil when it does not.
    static func exactly(_ kind: IntegerKind, _ value: Int) -> SizedInt? {
        if kind.isSigned || kind.bitWidth < 64 {
            guard Int64(value) >= kind.minSigned, Int64(value) <= kind.maxSigned else { return nil }
        } else if value < 0 { return nil }
        return SizedInt(kind, pattern: UInt64(bitPattern: Int64(value)))
    }

    static func checked(_ kind: IntegerKind, _ value: Int) throws -> SizedInt {
        guard let v = exactly(kind, value) else {
            throw RuntimeError(.arithmeticError, "\(value) does not fit in \(kind.rawValue)")
        }
        return v
    }

    var typeName: String { kind.rawValue }
    var description: String { kind.isSigned ? String(signed) : String(pattern) }
    /// The value as an Int, when it fits.
    var intValue: Int? {
        if kind.isSigned || pattern <= UInt64(Int.max) { return kind.isSigned ? Int(signed) : Int(pattern) }
        return nil
    }
    var doubleValue: Double { kind.isSigned ? Double(signed) : Double(pattern) }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "bitWidth": return .int(kind.bitWidth)
        case "nonzeroBitCount": return .int(pattern.nonzeroBitCount)
        case "leadingZeroBitCount": return .int(pattern.leadingZeroBitCount - (64 - kind.bitWidth))
        case "trailingZeroBitCount": return .int(pattern == 0 ? kind.bitWidth : pattern.trailingZeroBitCount)
        case "description": return .string(description)
        case "magnitude":
            let m = isNegative ? UInt64(bitPattern: -signed) : pattern
            let unsigned = IntegerKind(rawValue: "U" + kind.rawValue) ?? kind
            return .native(SizedInt(unsigned, pattern: m))
        case "byteSwapped":
            var p = pattern.byteSwapped >> UInt64(64 - kind.bitWidth)
            p &= kind.mask
            return .native(SizedInt(kind, pattern: p))
        default: throw StrideError(.typeError, "value of type \(kind.rawValue) has no member '\(name)'")
        }
    }

    /// The other operand as this kind: the same kind, or an Int literal that fits.
    func operand(_ other: Value, _ op: BinaryOperator) throws -> SizedInt {
        switch other {
        case .native(let o as SizedInt) where o.kind == kind: return o
        case .int(let i):
            guard let v = SizedInt.exactly(kind, i) else {
                throw StrideError(.arithmeticError, "\(i) does not fit in \(kind.rawValue)")
            }
            return v
        default:
            throw StrideError(.typeError,
                "binary operator '\(op)' cannot be applied to operands of type \(kind.rawValue) and \(other.typeName)")
        }
    }

    func binary(_ op: BinaryOperator, _ other: Value, selfOnLeft: Bool) throws -> Value? {
        let o = try operand(other, op)
        let (a, b) = selfOnLeft ? (self, o) : (o, self)
        return try SizedInt.apply(op, a, b)
    }

    func prefix(_ op: PrefixOperator) throws -> Value? {
        switch op {
        case .negate:
            guard kind.isSigned, signed != kind.minSigned else {
                throw StrideError(.arithmeticError, "negating \(description) overflows \(kind.rawValue)")
            }
            return .native(SizedInt(kind, pattern: UInt64(bitPattern: -signed)))
        case .bitwiseNot: return .native(SizedInt(kind, pattern: ~pattern))
        case .plus: return .native(self)
        default: return nil
        }
    }

    static func apply(_ op: BinaryOperator, _ a: SizedInt, _ b: SizedInt) throws -> Value {
        let k = a.kind
        func overflow() -> StrideError { StrideError(.arithmeticError,
                      "arithmetic overflow in \(a) \(op) \(b) (\(k.rawValue))") }
        func result(_ signed: Int64, _ o: Bool) throws -> Value {
            guard !o, signed >= k.minSigned, signed <= k.maxSigned else { throw overflow() }
            return .native(SizedInt(k, pattern: UInt64(bitPattern: signed)))
        }
        func resultUnsigned(_ u: UInt64, _ o: Bool) throws -> Value {
            guard !o, u <= k.mask else { throw overflow() }
            return .native(SizedInt(k, pattern: u))
        }
        let signedMath = k.isSigned
        switch op {
        case .add:
            if signedMath { let (r, o) = a.signed.addingReportingOverflow(b.signed); return try result(r, o) }
            let (r, o) = a.pattern.addingReportingOverflow(b.pattern); return try resultUnsigned(r, o)
        case .subtract:
            if signedMath { let (r, o) = a.signed.subtractingReportingOverflow(b.signed); return try result(r, o) }
            let (r, o) = a.pattern.subtractingReportingOverflow(b.pattern); return try resultUnsigned(r, o)
        case .multiply:
            if signedMath { let (r, o) = a.signed.multipliedReportingOverflow(by: b.signed); return try result(r, o) }
            let (r, o) = a.pattern.multipliedReportingOverflow(by: b.pattern); return try resultUnsigned(r, o)
        case .divide, .remainder:
            guard b.pattern != 0 else { throw StrideError(.arithmeticError, "division by zero") }
            if signedMath {
                let (r, o) = op == .divide ? a.signed.dividedReportingOverflow(by: b.signed)
                                           : a.signed.remainderReportingOverflow(dividingBy: b.signed)
                return try result(r, o)
            }
            return .native(SizedInt(k, pattern: op == .divide ? a.pattern / b.pattern : a.pattern % b.pattern))
        case .wrappingAdd: return .native(SizedInt(k, pattern: a.pattern &+ b.pattern))
        case .wrappingSubtract: return .native(SizedInt(k, pattern: a.pattern &- b.pattern))
        case .wrappingMultiply: return .native(SizedInt(k, pattern: a.pattern &* b.pattern))
        case .bitwiseAnd: return .native(SizedInt(k, pattern: a.pattern & b.pattern))
        case .bitwiseOr: return .native(SizedInt(k, pattern: a.pattern | b.pattern))
        case .bitwiseXor: return .native(SizedInt(k, pattern: a.pattern ^ b.pattern))
        case .shiftLeft, .shiftRight:
            // Swift's smart shifts: a negative count shifts the other way; past the width gives 0
            // (or all ones for a negative value shifted right).
            var n = b.signed
            let left = (op == .shiftLeft) == (n >= 0)
            n = n.magnitude > 64 ? 64 : Int64(n.magnitude)
            if left { return .native(SizedInt(k, pattern: n >= Int64(k.bitWidth) ? 0 : a.pattern << UInt64(n))) }
            if a.isNegative {
                let shifted = n >= Int64(k.bitWidth) ? Int64(-1) : a.signed >> n
                return .native(SizedInt(k, pattern: UInt64(bitPattern: shifted)))
            }
            return .native(SizedInt(k, pattern: n >= Int64(k.bitWidth) ? 0 : a.pattern >> UInt64(n)))
        case .equal: return .bool(a.pattern == b.pattern)
        case .notEqual: return .bool(a.pattern != b.pattern)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let c = signedMath ? (a.signed < b.signed ? -1 : (a.signed == b.signed ? 0 : 1))
                               : (a.pattern < b.pattern ? -1 : (a.pattern == b.pattern ? 0 : 1))
            switch op {
            case .less: return .bool(c < 0)
            case .lessOrEqual: return .bool(c <= 0)
            case .greater: return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        default:
            throw StrideError(.typeError, "binary operator '\(op)' cannot be applied to \(k.rawValue) operands")
        }
    }
}

/// A `Float`: 32-bit arithmetic, printed as Swift prints a Float.
final class FloatValue: NativeObject {
    let value: Float
    init(_ value: Float) { self.value = value }
    var typeName: String { "Float" }
    var description: String { value.description }

    func member(_ name: String, in interp: Interpreter) throws -> Value {
        switch name {
        case "isNaN": return .bool(value.isNaN)
        case "isInfinite": return .bool(value.isInfinite)
        case "isFinite": return .bool(value.isFinite)
        case "isZero": return .bool(value.isZero)
        case "magnitude": return .native(FloatValue(value.magnitude))
        case "description": return .string(description)
        case "squareRoot", "rounded", "magnitudeOf":
            let v = value
            return .function(Function(native: name, signature: "\(name)()", doc: nil) { _ in
                .native(FloatValue(name == "squareRoot" ? v.squareRoot() : v.rounded()))
            })
        default: throw StrideError(.typeError, "value of type Float has no member '\(name)'")
        }
    }

    static func operand(_ v: Value) -> Float? {
        switch v {
        case .native(let f as FloatValue): return f.value
        case .int(let i): return Float(i)
        case .double(let d): return Float(d)   // a literal takes the Float's type
        default: return nil
        }
    }

    func binary(_ op: BinaryOperator, _ other: Value, selfOnLeft: Bool) throws -> Value? {
        guard let o = FloatValue.operand(other) else {
            throw StrideError(.typeError,
                "binary operator '\(op)' cannot be applied to operands of type Float and \(other.typeName)")
        }
        let (a, b) = selfOnLeft ? (value, o) : (o, value)
        switch op {
        case .add: return .native(FloatValue(a + b))
        case .subtract: return .native(FloatValue(a - b))
        case .multiply: return .native(FloatValue(a * b))
        case .divide: return .native(FloatValue(a / b))
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less: return .bool(a < b)
        case .lessOrEqual: return .bool(a <= b)
        case .greater: return .bool(a > b)
        case .greaterOrEqual: return .bool(a >= b)
        default: throw StrideError(.typeError, "binary operator '\(op)' cannot be applied to Float operands")
        }
    }

    func prefix(_ op: PrefixOperator) throws -> Value? {
        switch op {
        case .negate: return .native(FloatValue(-value))
        case .plus: return .native(self)
        default: return nil
        }
    }
}

extension Runtime {
    /// `UInt8(x)`, `Int32(truncatingIfNeeded: x)`, `UInt64(exactly: x)`, `Float(x)` and the
    /// conversions back (`Int(x)`, `Double(x)`); nil when `name` is not one of these types.
    func fixedWidthConstruct(_ name: String, _ args: [Value], labels: [String?]) throws -> Value? {
        if name == "Float" {
            guard args.count == 1 else { return nil }
            switch args[0] {
            case .int(let i): return .native(FloatValue(Float(i)))
            case .double(let d): return .native(FloatValue(Float(d)))
            case .native(let f as FloatValue): return .native(f)
            case .native(let s as SizedInt): return .native(FloatValue(Float(s.doubleValue)))
            case .string(let s): return Float(s).map { Value.some(.native(FloatValue($0))) } ?? Value.none
            default: return nil
            }
        }
        guard let kind = IntegerKind(rawValue: name), args.count == 1 else { return nil }
        let label = labels[0]
        let x = args[0]
        switch (label, x) {
        case ("bitPattern"?, .int(let i)): return .native(SizedInt(kind, pattern: UInt64(bitPattern: Int64(i))))
        case ("bitPattern"?, .native(let s as SizedInt)) where s.kind.bitWidth == kind.bitWidth:
            return .native(SizedInt(kind, pattern: s.pattern))
        case (nil, .int(let i)): return .native(try SizedInt.checked(kind, i))
        case ("exactly"?, .int(let i)): return SizedInt.exactly(kind, i).map { Value.some(.native($0)) } ?? Value.none
        case ("truncatingIfNeeded"?, .int(let i)): return .native(SizedInt(kind, pattern: UInt64(bitPattern: Int64(i))))
        case ("clamping"?, .int(let i)):
            let clamped = kind.isSigned || kind.bitWidth < 64
                ? min(max(Int64(i), kind.minSigned), kind.maxSigned) : max(Int64(i), 0)
            return .native(SizedInt(kind, pattern: UInt64(bitPattern: clamped)))
        case (nil, .native(let s as SizedInt)), ("truncatingIfNeeded"?, .native(let s as SizedInt)):
            if label == nil {
                if s.isNegative { return .native(try SizedInt.checked(kind, Int(s.signed))) }
                guard kind.isSigned || kind.bitWidth < 64 ? s.pattern <= UInt64(kind.maxSigned) : true else {
                    throw RuntimeError(.arithmeticError, "\(s) does not fit in \(kind.rawValue)")
                }
            }
            let p = s.isNegative ? UInt64(bitPattern: s.signed) : s.pattern
            return .native(SizedInt(kind, pattern: p))
        case (nil, .double(let d)), ("exactly"?, .double(let d)):
            let t = d.rounded(.towardZero)
            let fits = d.isFinite && t >= Double(kind.minSigned) && t < (kind.isSigned || kind.bitWidth < 64
                ? Double(kind.maxSigned) + 1 : 18446744073709551616.0)
            if label == "exactly" {
                guard fits, t == d else { return Value.none }
                return Value.some(.native(SizedInt(kind, pattern: t < 0 ? UInt64(bitPattern: Int64(t)) : UInt64(t))))
            }
            guard fits else { throw RuntimeError(.arithmeticError, "\(d) cannot be converted to \(kind.rawValue)") }
            return .native(SizedInt(kind, pattern: t < 0 ? UInt64(bitPattern: Int64(t)) : UInt64(t)))
        case (nil, .native(let f as FloatValue)):
            return try fixedWidthConstruct(name, [.double(Double(f.value))], labels: [nil])
        case (nil, .string(let s)):
            if kind.isSigned {
                return Int64(s).flatMap { SizedInt.exactly(kind, Int($0)) }.map { Value.some(.native($0)) } ?? Value.none
            }
            return UInt64(s).flatMap { $0 <= kind.mask
                ? SizedInt(kind, pattern: $0) : nil }.map { Value.some(.native($0)) } ?? Value.none
        default: return nil
        }
    }

    /// `UInt8.max`, `Int32.min`, `Float.pi` ...
    func fixedWidthStatic(_ type: String, _ name: String) -> Value? {
        if type == "Float" {
            switch name {
            case "pi": return .native(FloatValue(Float.pi))
            case "infinity": return .native(FloatValue(Float.infinity))
            case "nan": return .native(FloatValue(Float.nan))
            case "greatestFiniteMagnitude": return .native(FloatValue(Float.greatestFiniteMagnitude))
            case "ulpOfOne": return .native(FloatValue(Float.ulpOfOne))
            default: return nil
            }
        }
        guard let kind = IntegerKind(rawValue: type) else { return nil }
        switch name {
        case "max": return .native(SizedInt(kind, pattern: kind.isSigned ? UInt64(kind.maxSigned) : kind.mask))
        case "min": return .native(SizedInt(kind, pattern: UInt64(bitPattern: kind.minSigned)))
        case "bitWidth": return .int(kind.bitWidth)
        case "zero": return .native(SizedInt(kind, pattern: 0))
        default: return nil
        }
    }
}
