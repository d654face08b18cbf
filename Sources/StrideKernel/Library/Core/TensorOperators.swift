import StrideEngine
import StrideLanguage

/// Arithmetic and comparison operators between tensors (numbers are promoted to rank-0
/// tensors, so broadcasting works on both sides: `a + 1`, `2 * a`).
enum TensorOperators {
    /// `a op b`, or nil for an operator tensors do not support.
    /// `==`/`!=` compare whole tensors (shapes and scalars) and give a Bool, as in Swift for
    /// TensorFlow; `<`, `<=`, `>`, `>=` compare elementwise and give a tensor of 0s and 1s.
    static func apply(_ op: BinaryOperator, _ a: Tensor, _ b: Tensor) throws -> Value? {
        switch op {
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        default: break
        }
        return try engine { () -> Value? in
            switch op {
            case .add: return .tensor(try a + b)
            case .subtract: return .tensor(try a - b)
            case .multiply: return .tensor(try a * b)
            case .divide: return .tensor(try a / b)
            case .less: return .tensor(try a .< b)
            case .lessOrEqual: return .tensor(try a .<= b)
            case .greater: return .tensor(try a .> b)
            case .greaterOrEqual: return .tensor(try a .>= b)
            default: return nil
            }
        }
    }
}

/// `t[i]`, `t[i, j]`, `t[a..<b]`, `t[a...b]`, `t[..<b]`, `t[a...]` along the leading axes.
enum TensorSubscripts {
    static func get(_ t: Tensor, _ args: NativeCall) throws -> Value {
        guard !args.arguments.isEmpty, args.arguments.allSatisfy({ $0.label == nil }) else {
            throw StrideError(.typeError, "a Tensor subscript takes indices or one range, without labels")
        }
        if args.count == 1, case .range(let r) = args.values[0] {
            let n = t.rank > 0 ? t.shape[0] : 0
            let lower = r.lower ?? 0
            var upper = r.upper ?? n
            if r.closed && r.upper != nil { upper += 1 }
            guard r.step == 1 else { throw StrideError(.typeError, "a Tensor cannot be sliced with a stride") }
            guard lower <= upper else {
                throw StrideError(.indexError, "slice \(lower)..<\(upper) has its lower bound above its upper bound")
            }
            return .tensor(try engine { try t.slice(lower..<upper) })
        }
        var result = t
        for (position, v) in args.values.enumerated() {
            guard case .int(var i) = v else {
                throw StrideError(.typeError, "Tensor index \(position + 1) must be an Int, got \(v.typeName)")
            }
            // Negative indices count from the end, as in NumPy and PyTorch.
            if i < 0, result.rank > 0 { i += result.shape[0] }
            result = try engine { try result.element(i) }
        }
        return .tensor(result)
    }
}
