import StrideEngine
import StrideLanguage

/// The `Tensor` type (its initializers) and the free functions on tensors: activations,
/// matmul, concat, convolutions, pooling, and safetensors files.
enum TensorFunctions {
    /// Elementwise functions available both as `f(x)` and `x.f()`.
    static let elementwise: [(String, String, (Tensor) throws -> Tensor)] = [
        ("relu", "max(x, 0), elementwise.", { try relu($0) }),
        ("sigmoid", "1 / (1 + e^-x), elementwise.", { try sigmoid($0) }),
        ("tanh", "The hyperbolic tangent, elementwise.", { try StrideEngine.tanh($0) }),
        ("exp", "e raised to each scalar.", { try StrideEngine.exp($0) }),
        ("log", "The natural logarithm of each scalar.", { try StrideEngine.log($0) }),
        ("sqrt", "The square root of each scalar.", { try StrideEngine.sqrt($0) }),
        ("abs", "The absolute value of each scalar.", { try StrideEngine.abs($0) }),
        ("square", "Each scalar squared.", { try square($0) }),
        ("swish", "x · sigmoid(x), elementwise (Ramachandran et al. 2017).", { try swish($0) }),
        ("softplus", "log(1 + e^x), elementwise.", { try softplus($0) }),
    ]

    static func install(into interp: Interpreter) {
        defineTensorType(interp)
        // `tanh`, `exp`, `log`, `sqrt` and `abs` stay the core library's number functions,
        // which call the tensor method of the same name when given a tensor.
        let numberFunctions: Set<String> = ["tanh", "exp", "log", "sqrt", "abs"]
        define(interp, "abs", "abs(_ x: Int, Double or Tensor)", "The absolute value (of each scalar, for a tensor).") { call in
            try call.expect([], unlabelled: 1)
            switch try call.required(nil).unwrappedOptional {
            case .int(let i):
                if i == Int.min { throw StrideError(.arithmeticError, "integer overflow in abs(\(i))") }
                return .int(Swift.abs(i))
            case .double(let d): return .double(Swift.abs(d))
            default:
                let x = try call.tensor(nil)
                return .tensor(try engine { try StrideEngine.abs(x) })
            }
        }
        for (name, doc, f) in elementwise where !numberFunctions.contains(name) {
            interp.defineNative(function: name, signature: "\(name)(_ x: Tensor) -> Tensor", doc: doc) { call in
                try call.expect([], unlabelled: 1)
                let x = try call.tensor(nil)
                return .tensor(try engine { try f(x) })
            }
        }
        define(interp, "leakyRelu", "leakyRelu(_ x: Tensor, alpha: Double = 0.01) -> Tensor", "x where x > 0, else alpha · x.") { call in
            try call.expect(["alpha"], unlabelled: 1)
            let x = try call.tensor(nil), alpha = try call.float("alpha", default: 0.01)
            return .tensor(try engine { try leakyRelu(x, alpha: alpha) })
        }
        define(interp, "elu", "elu(_ x: Tensor, alpha: Double = 1) -> Tensor", "x where x > 0, else alpha · (e^x − 1) (Clevert et al. 2015).") { call in
            try call.expect(["alpha"], unlabelled: 1)
            let x = try call.tensor(nil), alpha = try call.float("alpha", default: 1)
            return .tensor(try engine { try elu(x, alpha: alpha) })
        }
        define(interp, "softmax", "softmax(_ x: Tensor, axis: Int = -1) -> Tensor", "e^x normalized to sum to 1 along `axis` (computed stably).") { call in
            try call.expect(["axis"], unlabelled: 1)
            let x = try call.tensor(nil), axis = try call.int("axis", default: -1)
            return .tensor(try engine { try softmax(x, axis: axis) })
        }
        define(interp, "logSoftmax", "logSoftmax(_ x: Tensor, axis: Int = -1) -> Tensor", "log(softmax(x)) along `axis`, computed stably.") { call in
            try call.expect(["axis"], unlabelled: 1)
            let x = try call.tensor(nil), axis = try call.int("axis", default: -1)
            return .tensor(try engine { try logSoftmax(x, axis: axis) })
        }
        define(interp, "matmul", "matmul(_ a: Tensor, _ b: Tensor) -> Tensor", "The matrix product (batched over leading axes).") { call in
            try call.expect([], unlabelled: 2)
            let a = try call.tensor(nil, position: 0), b = try call.tensor(nil, position: 1)
            return .tensor(try engine { try matmul(a, b) })
        }
        define(interp, "concat", "concat(_ tensors: [Tensor], axis: Int = 0) -> Tensor", "The tensors joined along `axis`; other axes must agree.") { call in
            try call.expect(["axis"], unlabelled: 1)
            let parts = try tensorList(call.required(nil), call.callee)
            let axis = try call.int("axis", default: 0)
            return .tensor(try engine { try concat(parts, axis: axis) })
        }
        define(interp, "oneHot", "oneHot(_ labels: Tensor, classes: Int) -> Tensor", "Class indices [N] as rows of 0s with a 1 at each label [N, classes].") { call in
            try call.expect(["classes"], unlabelled: 1)
            let labels = try call.tensor(nil), classes = try call.positiveInt("classes")
            return .tensor(try engine { try oneHot(labels, classes: classes) })
        }
        installConvolutionAndPooling(interp)
        installFiles(interp)
    }

    // MARK: The Tensor type

    static func defineTensorType(_ interp: Interpreter) {
        let inits = [
            "Tensor(_ values: [[Double]])  // nested arrays of numbers, or a number",
            "Tensor(zeros shape: [Int])",
            "Tensor(ones shape: [Int])",
            "Tensor(repeating value: Double, shape: [Int])",
            "Tensor(randomNormal shape: [Int], mean: Double = 0, standardDeviation: Double = 1, seed: Int? = nil)",
            "Tensor(randomUniform shape: [Int], lowerBound: Double = 0, upperBound: Double = 1, seed: Int? = nil)",
            "Tensor(stacking tensors: [Tensor], axis: Int = 0)",
            "Tensor(shape: [Int], scalars: [Double])",
            "Tensor(range: Range<Int>)",
        ]
        interp.defineNativeType(NativeTypeInfo(
            name: "Tensor",
            doc: "An n-dimensional array of Float32 numbers, row-major; image batches are [N, C, H, W].",
            initSignatures: inits,
            construct: { call in .tensor(try makeTensor(call)) },
            memberNames: TensorValue.registry.names(in: interp),
            isInstance: { $0.asTensor != nil }))
    }

    /// The `seed:` argument: nil when absent (the engine's shared stream), else a
    /// non-negative Int.
    private static func seed(_ call: NativeCall) throws -> UInt64? {
        guard let v = call.argument("seed") else { return nil }
        if case .none = v { return nil }
        guard case .int(let s) = v.unwrappedOptional else {
            throw StrideError(.typeError, "\(call.callee): argument 'seed:' must be an Int, got \(v.typeName)")
        }
        guard s >= 0 else { throw StrideError(.valueError, "\(call.callee): seed must not be negative, got \(s)") }
        return UInt64(s)
    }

    static func makeTensor(_ call: NativeCall) throws -> Tensor {
        let labels = Set(call.arguments.compactMap(\.label))
        if labels.contains("zeros") {
            try call.expect(["zeros"])
            let shape = try call.requiredIntArray("zeros")
            return try engine { try Tensor(zeros: shape) }
        }
        if labels.contains("ones") {
            try call.expect(["ones"])
            let shape = try call.requiredIntArray("ones")
            return try engine { try Tensor(ones: shape) }
        }
        if labels.contains("repeating") {
            try call.expect(["repeating", "shape"])
            let value = try call.float("repeating", default: 0), shape = try call.requiredIntArray("shape")
            return try engine { try Tensor(repeating: value, shape: shape) }
        }
        if labels.contains("randomNormal") {
            try call.expect(["randomNormal", "mean", "standardDeviation", "seed"])
            let shape = try call.requiredIntArray("randomNormal")
            let mean = try call.float("mean", default: 0), sd = try call.float("standardDeviation", default: 1)
            let s = try seed(call)
            return try engine { try Tensor(randomNormal: shape, mean: mean, standardDeviation: sd, seed: s) }
        }
        if labels.contains("randomUniform") {
            try call.expect(["randomUniform", "lowerBound", "upperBound", "seed"])
            let shape = try call.requiredIntArray("randomUniform")
            let lo = try call.float("lowerBound", default: 0), hi = try call.float("upperBound", default: 1)
            let s = try seed(call)
            return try engine { try Tensor(randomUniform: shape, lowerBound: lo, upperBound: hi, seed: s) }
        }
        if labels.contains("stacking") {
            try call.expect(["stacking", "axis"])
            let parts = try tensorList(call.required("stacking"), call.callee)
            let axis = try call.int("axis", default: 0)
            return try engine { try Tensor(stacking: parts, axis: axis) }
        }
        if labels.contains("scalars") {
            try call.expect(["shape", "scalars"])
            let shape = try call.requiredIntArray("shape")
            let scalars = try LanguageArray.floats(call.required("scalars"), "Tensor(shape:scalars:): scalars")
            return try engine { try Tensor(shape: shape, scalars: scalars) }
        }
        if labels.contains("range") {
            try call.expect(["range"])
            guard case .range(let r) = try call.required("range"), let lo = r.lower, let hi = r.upper, r.step == 1 else {
                throw StrideError(.typeError, "Tensor(range:) needs a bounded range such as 0..<10")
            }
            let upper = r.closed ? hi + 1 : hi
            guard lo <= upper else { throw StrideError(.valueError, "Tensor(range:): the range \(lo)..<\(upper) is reversed") }
            return try engine { try Tensor(range: lo..<upper) }
        }
        try call.expect([], unlabelled: 1)
        return try LanguageArray.tensor(from: call.required(nil), "Tensor")
    }

    /// A language array of tensors.
    static func tensorList(_ v: Value, _ callee: String) throws -> [Tensor] {
        guard case .array(let items) = v.unwrappedOptional else {
            throw StrideError(.typeError, "\(callee): expected an array of tensors, got \(v.typeName)")
        }
        return try items.map { item in
            guard let t = item.asTensor else { throw StrideError(.typeError, "\(callee): expected an array of tensors, found \(item.typeName)") }
            return t
        }
    }

    static func define(_ interp: Interpreter, _ name: String, _ signature: String, _ doc: String, _ body: @escaping (NativeCall) throws -> Value) {
        interp.defineNative(function: name, signature: signature, doc: doc, body)
    }

    // MARK: Convolution and pooling

    private static func installConvolutionAndPooling(_ interp: Interpreter) {
        for (name, rank, engineFunction) in [
            ("conv1d", "[N, C, L]", conv1d as (Tensor, Tensor, Tensor?, Int, Padding, Int, Int) throws -> Tensor),
            ("conv2d", "[N, C, H, W]", conv2d as (Tensor, Tensor, Tensor?, Int, Padding, Int, Int) throws -> Tensor),
            ("conv3d", "[N, C, D, H, W]", conv3d as (Tensor, Tensor, Tensor?, Int, Padding, Int, Int) throws -> Tensor),
        ] {
            define(interp, name,
                   "\(name)(_ input: Tensor, filter: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Padding = .valid (or an Int), dilation: Int = 1, groups: Int = 1) -> Tensor",
                   "Convolution of an input \(rank) with a filter [out, in/groups, k...] (PyTorch's layout).") { call in
                try call.expect(["filter", "bias", "stride", "padding", "dilation", "groups"], unlabelled: 1)
                let x = try call.tensor(nil), w = try call.tensor("filter"), b = try call.optionalTensor("bias")
                let stride = try call.positiveInt("stride", default: 1), padding = try call.padding()
                let dilation = try call.positiveInt("dilation", default: 1), groups = try call.positiveInt("groups", default: 1)
                return .tensor(try engine { try engineFunction(x, w, b, stride, padding, dilation, groups) })
            }
        }
        define(interp, "transposedConv2d",
               "transposedConv2d(_ input: Tensor, filter: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Padding = .valid (or an Int), outputPadding: Int = 0, dilation: Int = 1) -> Tensor",
               "Transposed 2-D convolution (PyTorch's conv_transpose2d), filter [in, out, kh, kw].") { call in
            try call.expect(["filter", "bias", "stride", "padding", "outputPadding", "dilation"], unlabelled: 1)
            let x = try call.tensor(nil), w = try call.tensor("filter"), b = try call.optionalTensor("bias")
            let stride = try call.positiveInt("stride", default: 1), padding = try call.padding()
            let outputPadding = try call.int("outputPadding", default: 0), dilation = try call.positiveInt("dilation", default: 1)
            return .tensor(try engine { try transposedConv2d(x, filter: w, bias: b, stride: stride, padding: padding, outputPadding: outputPadding, dilation: dilation) })
        }
        typealias Pool = (Tensor, Int, Int?, Padding) throws -> Tensor
        let pools: [(String, String, Pool)] = [
            ("maxPool1d", "The maximum of each window of [N, C, L].", maxPool1d),
            ("maxPool2d", "The maximum of each size×size window of [N, C, H, W].", maxPool2d),
            ("maxPool3d", "The maximum of each window of [N, C, D, H, W].", maxPool3d),
            ("avgPool1d", "The mean of each window of [N, C, L].", avgPool1d),
            ("avgPool2d", "The mean of each size×size window of [N, C, H, W].", avgPool2d),
            ("avgPool3d", "The mean of each window of [N, C, D, H, W].", avgPool3d),
        ]
        for (name, doc, f) in pools {
            define(interp, name, "\(name)(_ input: Tensor, size: Int, stride: Int? = nil, padding: Padding = .valid (or an Int)) -> Tensor",
                   doc + " The stride defaults to the size.") { call in
                try call.expect(["size", "stride", "padding"], unlabelled: 1)
                let x = try call.tensor(nil), size = try call.positiveInt("size")
                let stride: Int? = call.argument("stride") == nil ? nil : try call.positiveInt("stride", default: size)
                let padding = try call.padding()
                return .tensor(try engine { try f(x, size, stride, padding) })
            }
        }
        let globals: [(String, String, (Tensor) throws -> Tensor)] = [
            ("globalAvgPool2d", "The mean over H and W of [N, C, H, W], giving [N, C].", globalAvgPool2d),
            ("globalMaxPool2d", "The maximum over H and W of [N, C, H, W], giving [N, C].", globalMaxPool2d),
            ("globalAvgPool", "The mean over every spatial axis of [N, C, ...], giving [N, C].", globalAvgPool),
            ("globalMaxPool", "The maximum over every spatial axis of [N, C, ...], giving [N, C].", globalMaxPool),
        ]
        for (name, doc, f) in globals {
            define(interp, name, "\(name)(_ input: Tensor) -> Tensor", doc) { call in
                try call.expect([], unlabelled: 1)
                let x = try call.tensor(nil)
                return .tensor(try engine { try f(x) })
            }
        }
        define(interp, "upsample2d", "upsample2d(_ input: Tensor, scale: Int) -> Tensor", "Each pixel of [N, C, H, W] repeated scale×scale times (nearest neighbour).") { call in
            try call.expect(["scale"], unlabelled: 1)
            let x = try call.tensor(nil), scale = try call.positiveInt("scale")
            return .tensor(try engine { try upsample2d(x, scale: scale) })
        }
    }

    // MARK: Files

    private static func installFiles(_ interp: Interpreter) {
        define(interp, "saveTensors", "saveTensors(_ tensors: [String: Tensor], to path: String)",
               "Writes named tensors to a safetensors file (atomically: whole or not at all).") { call in
            try call.expect(["to"], unlabelled: 1)
            let path = try call.requiredString("to")
            guard case .dictionary(let d) = try call.required(nil).unwrappedOptional else {
                throw StrideError(.typeError, "saveTensors: expected a [String: Tensor] dictionary, got \(try call.required(nil).typeName)")
            }
            var tensors: [String: HostTensor] = [:]
            for (k, v) in zip(d.keys, d.values) {
                guard case .string(let name) = k else { throw StrideError(.typeError, "saveTensors: keys must be Strings, found \(k.typeName)") }
                guard let t = v.asTensor else { throw StrideError(.typeError, "saveTensors: '\(name)' is a \(v.typeName), not a Tensor") }
                tensors[name] = try engine { try HostTensor(shape: t.shape, scalars: t.scalars) }
            }
            try engine { try SafeTensors.write(tensors, to: path) }
            return .void
        }
        define(interp, "loadTensors", "loadTensors(_ path: String) -> [String: Tensor]",
               "Reads every tensor of a safetensors file (any float or integer dtype, as Float32), by name.") { call in
            try call.expect([], unlabelled: 1)
            let path = try call.requiredString(nil)
            let tensors = try readSafeTensors(path)
            let pairs = tensors.keys.sorted().map { (Value.string($0), Value.tensor(tensors[$0]!)) }
            return .dictionary(DictionaryStorage.from(pairs))
        }
    }

    /// Every tensor of a safetensors file.
    static func readSafeTensors(_ path: String) throws -> [String: Tensor] {
        try engine {
            let file = try SafeTensors.read(path)
            var result: [String: Tensor] = [:]
            for (name, host) in file.tensors { result[name] = try Tensor(shape: host.shape, scalars: host.scalars) }
            return result
        }
    }
}
