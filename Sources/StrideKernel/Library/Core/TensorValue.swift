import Foundation
import StrideEngine
import StrideLanguage

/// A tensor as a language value. Tensors have value semantics in the engine (copy on
/// write), so wrapping one in a new object per result keeps `let b = a` safe.
///
/// `description` is Swift for TensorFlow's readable form: nested brackets with one row per
/// line, long axes shortened with `...` (`[[1.0, 2.0],\n [3.0, 4.0]]`); a rank-0 tensor shows
/// its number alone.
final class TensorValue: RegisteredMembers {
    var tensor: Tensor

    init(_ tensor: Tensor) { self.tensor = tensor }

    var typeName: String { "Tensor" }
    var description: String { tensor.description }

    /// Methods and properties of every tensor, added by the library's files.
    static let registry = MemberRegistry<TensorValue>(TensorMembers.all)

    func binary(_ op: BinaryOperator, _ other: Value, selfOnLeft: Bool) throws -> Value? {
        guard let rhs = try? Value.tensorOperand(other) else { return nil }
        let (a, b) = selfOnLeft ? (tensor, rhs) : (rhs, tensor)
        let result = try TensorOperators.apply(op, a, b)
        if ForwardRecorder.isActive { ForwardRecorder.current?.binary(op, a, b, result: result) }
        return result
    }

    func prefix(_ op: PrefixOperator) throws -> Value? {
        switch op {
        case .negate: return .tensor(-tensor)
        case .plus: return .tensor(tensor)
        default: return nil
        }
    }

    func subscriptGet(_ args: NativeCall) throws -> Value {
        try TensorSubscripts.get(tensor, args)
    }
}

extension Value {
    /// A tensor as a language value.
    static func tensor(_ t: Tensor) -> Value { .native(TensorValue(t)) }

    /// The tensor inside, or nil when the value is not a tensor.
    var asTensor: Tensor? {
        if case .native(let n) = self, let t = n as? TensorValue { return t.tensor }
        if case .some(let inner) = self { return inner.asTensor }
        return nil
    }

    /// A tensor, or a number promoted to a rank-0 tensor (for `a + 1`, `2 * a`).
    static func tensorOperand(_ v: Value) throws -> Tensor {
        if let t = v.asTensor { return t }
        switch v {
        case .int(let i): return Tensor(Float(i))
        case .double(let d): return Tensor(Float(d))
        case .bool(let b): return Tensor(b ? 1 : 0)
        default: throw StrideError(.typeError, "expected a Tensor or a number, got \(v.typeName)")
        }
    }
}

// MARK: - Conversions between engine numbers and language arrays

/// Converts between Swift number arrays and the language's arrays.
enum LanguageArray {
    /// `[Int]` as a language array of Ints.
    static func from(_ xs: [Int]) -> Value { .array(xs.map { .int($0) }) }
    /// `[Double]` as a language array of Doubles.
    static func from(_ xs: [Double]) -> Value { .array(xs.map { .double($0) }) }
    /// `[Float]` as a language array of Doubles, each the shortest decimal that reads back as
    /// the same Float (so `0.1` shows as 0.1, not 0.10000000149011612).
    static func from(_ xs: [Float]) -> Value { .array(xs.map { .double(double(from: $0)) }) }

    /// The Double whose shortest decimal form is the Float's.
    static func double(from f: Float) -> Double {
        if !f.isFinite || f == f.rounded() { return Double(f) }
        return Double(f.description) ?? Double(f)
    }

    /// A language array of numbers as `[Double]`, or a TypeError naming `what`.
    static func doubles(_ v: Value, _ what: String) throws -> [Double] {
        guard case .array(let items) = v.unwrappedOptional else {
            throw StrideError(.typeError, "\(what) must be an array of numbers, got \(v.typeName)")
        }
        return try items.map { item in
            switch item {
            case .int(let i): return Double(i)
            case .double(let d): return d
            default: throw StrideError(.typeError, "\(what) must be an array of numbers, found \(item.typeName)")
            }
        }
    }

    /// A language array of numbers as `[Float]`.
    static func floats(_ v: Value, _ what: String) throws -> [Float] { try doubles(v, what).map(Float.init) }

    /// A language array of Ints as `[Int]`, or a TypeError naming `what`.
    static func ints(_ v: Value, _ what: String) throws -> [Int] {
        guard case .array(let items) = v.unwrappedOptional else {
            throw StrideError(.typeError, "\(what) must be an array of Ints, got \(v.typeName)")
        }
        return try items.map { item in
            if case .int(let i) = item { return i }
            if case .double(let d) = item, d == d.rounded(), abs(d) < 1e15 { return Int(d) }
            throw StrideError(.typeError, "\(what) must be an array of Ints, found \(item.typeName)")
        }
    }

    /// A tensor from nested language arrays of numbers (or of tensors of equal shape, which
    /// are stacked). Ragged nesting is a ValueError.
    static func tensor(from v: Value, _ what: String = "Tensor") throws -> Tensor {
        if let t = v.asTensor { return t }
        switch v {
        case .int(let i): return Tensor(Float(i))
        case .double(let d): return Tensor(Float(d))
        case .bool(let b): return Tensor(b ? 1 : 0)
        case .array(let items):
            if let first = items.first, first.asTensor != nil {
                let parts = try items.map { item -> Tensor in
                    guard let t = item.asTensor else { throw StrideError(.typeError, "\(what): cannot mix tensors and \(item.typeName)") }
                    return t
                }
                return try engine { try Tensor(stacking: parts, axis: 0) }
            }
            var shape: [Int] = []
            var flat: [Float] = []
            try flatten(v, depth: 0, shape: &shape, into: &flat, what)
            return try engine { try Tensor(shape: shape, scalars: flat) }
        default:
            throw StrideError(.typeError, "\(what): expected numbers or nested arrays of numbers, got \(v.typeName)")
        }
    }

    private static func flatten(_ v: Value, depth: Int, shape: inout [Int], into flat: inout [Float], _ what: String) throws {
        if case .array(let items) = v {
            if depth == shape.count { shape.append(items.count) } else if depth > shape.count || shape[depth] != items.count {
                throw StrideError(.valueError, "\(what): nested arrays are ragged (expected \(depth < shape.count ? shape[depth] : 0) elements at depth \(depth), found \(items.count))")
            }
            for item in items { try flatten(item, depth: depth + 1, shape: &shape, into: &flat, what) }
            return
        }
        guard depth == shape.count else {
            throw StrideError(.valueError, "\(what): nested arrays are ragged (a number where an array was expected at depth \(depth))")
        }
        switch v {
        case .int(let i): flat.append(Float(i))
        case .double(let d): flat.append(Float(d))
        case .bool(let b): flat.append(b ? 1 : 0)
        default: throw StrideError(.typeError, "\(what): \(v.typeName) is not a number")
        }
    }
}

extension Value {
    /// The value inside `Optional.some`, or the value itself.
    var unwrappedOptional: Value {
        if case .some(let inner) = self { return inner.unwrappedOptional }
        return self
    }
}

// MARK: - Engine errors as language errors

/// Runs engine code, turning its errors into the language's kinds (ShapeError, MemoryError,
/// IOError, ...) with the engine's message (see `StrideError.mapping`).
func engine<R>(_ body: () throws -> R) throws -> R {
    do { return try body() } catch let error { throw StrideError.mapping(error) ?? error }
}
