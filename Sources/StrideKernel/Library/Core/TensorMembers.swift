import StrideEngine
import StrideLanguage

/// The properties and methods of `Tensor` values (`a.shape`, `a.sum(axis: 0)`, ...).
enum TensorMembers {
    typealias Member = MemberRegistry<TensorValue>.Member

    static let all: [Member] = [
        property("shape", "[Int]", "The size of each axis.") { LanguageArray.from($0.shape) },
        property("rank", "Int", "The number of axes.") { .int($0.rank) },
        property("scalarCount", "Int", "The number of scalars.") { .int($0.scalarCount) },
        property("scalars", "[Double]", "Every scalar in row-major order.") { LanguageArray.from($0.scalars) },
        property("count", "Int", "The size of the leading axis (0 for a scalar).") { .int($0.count) },
        property("scalar", "Double?", "The only scalar of a one-element tensor, else nil.") { t in
            t.scalar.map { .some(.double(LanguageArray.double(from: $0))) } ?? .none
        },
        method("scalarized", returns: "Double", "The only scalar of a one-element tensor (a ValueError otherwise).") { t, _ in
            .double(LanguageArray.double(from: try engine { try t.scalarValue() }))
        },
        method("transposed", "The axes in reverse order (a matrix's transpose).") { t, _ in .tensor(try engine { try t.transposed() }) },
        method("reshaped", [.ints("to shape")], "The same scalars under a new shape with the same count; one axis may be -1.") { t, a in
            let shape = try a.ints("to")
            return .tensor(try engine { try t.reshaped(to: shape) })
        },
        method("flattened", "A 1-D tensor of every scalar.") { t, _ in .tensor(try engine { try t.flattened() }) },
        method("expandingShape", [.int("at axis")], "A size-1 axis inserted at `axis`.") { t, a in
            let axis = try a.int("at")
            return .tensor(try engine { try t.expandingShape(at: axis) })
        },
        method("squeezingShape", [.ints("at axes", [])], "Size-1 axes removed (every one when `at:` is omitted).") { t, a in
            let axes = try a.ints("at")
            return .tensor(try engine { try t.squeezingShape(at: axes) })
        },
        method("permuted", [.ints("_ permutation")], "The axes reordered: output axis i is input axis permutation[i].") { t, a in
            let p = try a.ints("permutation")
            return .tensor(try engine { try t.permuted(p) })
        },
        reduction("sum", "The sum of the scalars") { t, axes, keep in try t.sum(axes: axes, keepDims: keep) },
        reduction("mean", "The mean of the scalars") { t, axes, keep in try t.mean(axes: axes, keepDims: keep) },
        reduction("max", "The largest scalar") { t, axes, keep in try t.max(axes: axes, keepDims: keep) },
        reduction("min", "The smallest scalar") { t, axes, keep in try t.min(axes: axes, keepDims: keep) },
        reduction("variance", "The population variance (dividing by n, as NumPy)") { t, axes, keep in
            try t.variance(axes: axes, keepDims: keep)
        },
        reduction("standardDeviation", "The population standard deviation") { t, axes, keep in
            try t.standardDeviation(axes: axes, keepDims: keep)
        },
        method("argmax", [.optionalInt("axis")], "The index of the largest scalar along `axis` (the axis is removed); without `axis:`, the flat index as an Int.") { t, a in
            if let axis = try a.optionalInt("axis") { return .tensor(try engine { try t.argmax(axis: axis) }) }
            return .int(try engine { try t.argmax() })
        },
        method("argmin", [.int("axis")], "The index of the smallest scalar along `axis` (the axis is removed).") { t, a in
            let axis = try a.int("axis")
            return .tensor(try engine { try t.argmin(axis: axis) })
        },
    ]
    // Elementwise functions as methods too: the core library's `sqrt(x)`, `exp(x)`,
    // `log(x)` and `tanh(x)` call these when given a tensor.
    + TensorFunctions.elementwise.map { name, doc, f in
        method(name, doc) { t, _ in .tensor(try engine { try f(t) }) }
    }

    private static func property(_ name: String, _ type: String, _ doc: String, _ get: @escaping (Tensor) throws -> Value) -> Member {
        .property(name, type, doc: doc) { try get($0.tensor) }
    }

    /// A method without parameters.
    private static func method(_ name: String, returns: String = "Tensor", _ doc: String,
                               _ body: @escaping (Tensor, NativeArguments) throws -> Value) -> Member {
        method(name, [], returns: returns, doc, body)
    }

    private static func method(_ name: String, _ parameters: [NativeParameter], returns: String = "Tensor", _ doc: String,
                               _ body: @escaping (Tensor, NativeArguments) throws -> Value) -> Member {
        .method(NativeDeclaration(name, kind: .method, parameters, returns: returns, doc: doc)) { try body($0.tensor, $1) }
    }

    /// A reduction over every scalar, one `axis:`, or several `axes:`; `keepDims: true`
    /// keeps reduced axes with size 1.
    private static func reduction(_ name: String, _ what: String, _ f: @escaping (Tensor, [Int]?, Bool) throws -> Tensor) -> Member {
        method(name, [.optionalInt("axis"), .optionalInts("axes"), .bool("keepDims", false)],
               "\(what), over every axis or along `axis:`/`axes:`.") { t, a in
            var axes = try a.optionalInts("axes")
            if let axis = try a.optionalInt("axis") {
                guard axes == nil else { throw StrideError(.typeError, "\(a.callee): give either 'axis:' or 'axes:', not both") }
                axes = [axis]
            }
            let keep = try a.bool("keepDims")
            return .tensor(try engine { try f(t, axes, keep) })
        }
    }
}
