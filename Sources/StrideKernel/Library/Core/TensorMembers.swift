import StrideEngine
import StrideLanguage

/// The properties and methods of `Tensor` values (`a.shape`, `a.sum(axis: 0)`, ...).
enum TensorMembers {
    static func register() {
        property("shape", "var shape: [Int]", "The size of each axis.") { LanguageArray.from($0.shape) }
        property("rank", "var rank: Int", "The number of axes.") { .int($0.rank) }
        property("scalarCount", "var scalarCount: Int", "The number of scalars.") { .int($0.scalarCount) }
        property("scalars", "var scalars: [Double]", "Every scalar in row-major order.") { LanguageArray.from($0.scalars) }
        property("count", "var count: Int", "The size of the leading axis (0 for a scalar).") { .int($0.count) }
        property("scalar", "var scalar: Double?", "The only scalar of a one-element tensor, else nil.") { t in
            t.scalar.map { .some(.double(LanguageArray.double(from: $0))) } ?? .none
        }

        method("scalarized", "func scalarized() -> Double", "The only scalar of a one-element tensor (a ValueError otherwise).") { t, call in
            try call.expect([])
            return .double(LanguageArray.double(from: try engine { try t.scalarValue() }))
        }
        method("transposed", "func transposed() -> Tensor", "The axes in reverse order (a matrix's transpose).") { t, call in
            try call.expect([])
            return .tensor(try engine { try t.transposed() })
        }
        method("reshaped", "func reshaped(to shape: [Int]) -> Tensor", "The same scalars under a new shape with the same count; one axis may be -1.") { t, call in
            try call.expect(["to"])
            let shape = try call.requiredIntArray("to")
            return .tensor(try engine { try t.reshaped(to: shape) })
        }
        method("flattened", "func flattened() -> Tensor", "A 1-D tensor of every scalar.") { t, call in
            try call.expect([])
            return .tensor(try engine { try t.flattened() })
        }
        method("expandingShape", "func expandingShape(at axis: Int) -> Tensor", "A size-1 axis inserted at `axis`.") { t, call in
            try call.expect(["at"])
            let axis = try call.requiredInt("at")
            return .tensor(try engine { try t.expandingShape(at: axis) })
        }
        method("squeezingShape", "func squeezingShape(at axes: [Int] = []) -> Tensor", "Size-1 axes removed (every one when `at:` is omitted).") { t, call in
            try call.expect(["at"])
            let axes = try call.intArray("at") ?? []
            return .tensor(try engine { try t.squeezingShape(at: axes) })
        }
        method("permuted", "func permuted(_ permutation: [Int]) -> Tensor", "The axes reordered: output axis i is input axis permutation[i].") { t, call in
            try call.expect([], unlabelled: 1)
            let p = try call.requiredIntArray(nil)
            return .tensor(try engine { try t.permuted(p) })
        }

        reduction("sum", "The sum of the scalars") { t, axes, keep in try t.sum(axes: axes, keepDims: keep) }
        reduction("mean", "The mean of the scalars") { t, axes, keep in try t.mean(axes: axes, keepDims: keep) }
        reduction("max", "The largest scalar") { t, axes, keep in try t.max(axes: axes, keepDims: keep) }
        reduction("min", "The smallest scalar") { t, axes, keep in try t.min(axes: axes, keepDims: keep) }
        reduction("variance", "The population variance (dividing by n, as NumPy)") { t, axes, keep in try t.variance(axes: axes, keepDims: keep) }
        reduction("standardDeviation", "The population standard deviation") { t, axes, keep in try t.standardDeviation(axes: axes, keepDims: keep) }

        method("argmax", "func argmax(axis: Int? = nil) -> Tensor", "The index of the largest scalar along `axis` (the axis is removed); without `axis:`, the flat index as an Int.") { t, call in
            try call.expect(["axis"])
            if let axis = try call.int("axis") { return .tensor(try engine { try t.argmax(axis: axis) }) }
            return .int(try engine { try t.argmax() })
        }
        method("argmin", "func argmin(axis: Int) -> Tensor", "The index of the smallest scalar along `axis` (the axis is removed).") { t, call in
            try call.expect(["axis"])
            let axis = try call.requiredInt("axis")
            return .tensor(try engine { try t.argmin(axis: axis) })
        }

        // Elementwise functions as methods too: the core library's `sqrt(x)`, `exp(x)`,
        // `log(x)` and `tanh(x)` call these when given a tensor.
        for (name, doc, f) in TensorFunctions.elementwise {
            method(name, "func \(name)() -> Tensor", doc) { t, call in
                try call.expect([])
                return .tensor(try engine { try f(t) })
            }
        }
    }

    private static func property(_ name: String, _ signature: String, _ doc: String, _ get: @escaping (Tensor) throws -> Value) {
        TensorValue.registerProperty(name, signature: signature, doc: doc) { try get($0.tensor) }
    }

    private static func method(_ name: String, _ signature: String, _ doc: String, _ body: @escaping (Tensor, NativeCall) throws -> Value) {
        TensorValue.registerMethod(name, signature: signature, doc: doc) { try body($0.tensor, $1) }
    }

    /// A reduction over every scalar, one `axis:`, or several `axes:`; `keepDims: true`
    /// keeps reduced axes with size 1.
    private static func reduction(_ name: String, _ what: String, _ f: @escaping (Tensor, [Int]?, Bool) throws -> Tensor) {
        method(name, "func \(name)(axis: Int? = nil, axes: [Int]? = nil, keepDims: Bool = false) -> Tensor",
               "\(what), over every axis or along `axis:`/`axes:`.") { t, call in
            try call.expect(["axis", "axes", "keepDims"])
            var axes = try call.intArray("axes")
            if let axis = try call.int("axis") {
                guard axes == nil else { throw StrideError(.typeError, "\(call.callee): give either 'axis:' or 'axes:', not both") }
                axes = [axis]
            }
            let keep = try call.bool("keepDims", default: false)
            return .tensor(try engine { try f(t, axes, keep) })
        }
    }
}
