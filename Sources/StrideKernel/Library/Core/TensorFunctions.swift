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
        define(interp, "abs", [.value("_ x", "Int, Double or Tensor")], returns: nil,
               "The absolute value (of each scalar, for a tensor).") { a in
            switch try a.required("x") {
            case .int(let i):
                if i == Int.min { throw StrideError(.arithmeticError, "integer overflow in abs(\(i))") }
                return .int(Swift.abs(i))
            case .double(let d): return .double(Swift.abs(d))
            default:
                let x = try a.tensor("x")
                return .tensor(try engine { try StrideEngine.abs(x) })
            }
        }
        for (name, doc, f) in elementwise where !numberFunctions.contains(name) {
            define(interp, name, [.tensor("_ x")], doc) { a in
                let x = try a.tensor("x")
                return .tensor(try engine { try f(x) })
            }
        }
        define(interp, "leakyRelu", [.tensor("_ x"), .double("alpha", 0.01)], "x where x > 0, else alpha · x.") { a in
            let x = try a.tensor("x"), alpha = try a.float("alpha")
            return .tensor(try engine { try leakyRelu(x, alpha: alpha) })
        }
        define(interp, "elu", [.tensor("_ x"), .double("alpha", 1)], "x where x > 0, else alpha · (e^x − 1) (Clevert et al. 2015).") { a in
            let x = try a.tensor("x"), alpha = try a.float("alpha")
            return .tensor(try engine { try elu(x, alpha: alpha) })
        }
        define(interp, "softmax", [.tensor("_ x"), .int("axis", -1)], "e^x normalized to sum to 1 along `axis` (computed stably).") { a in
            let x = try a.tensor("x"), axis = try a.int("axis")
            return .tensor(try engine { try softmax(x, axis: axis) })
        }
        define(interp, "logSoftmax", [.tensor("_ x"), .int("axis", -1)], "log(softmax(x)) along `axis`, computed stably.") { a in
            let x = try a.tensor("x"), axis = try a.int("axis")
            return .tensor(try engine { try logSoftmax(x, axis: axis) })
        }
        define(interp, "matmul", [.tensor("_ a"), .tensor("_ b")], "The matrix product (batched over leading axes).") { a in
            let x = try a.tensor("a"), y = try a.tensor("b")
            return .tensor(try engine { try matmul(x, y) })
        }
        define(interp, "concat", [.value("_ tensors", "[Tensor]"), .int("axis", 0)], "The tensors joined along `axis`; other axes must agree.") { a in
            let parts = try tensorList(a.required("tensors"), a.callee)
            let axis = try a.int("axis")
            return .tensor(try engine { try concat(parts, axis: axis) })
        }
        define(interp, "oneHot", [.tensor("_ labels"), .positive("classes")], "Class indices [N] as rows of 0s with a 1 at each label [N, classes].") { a in
            let labels = try a.tensor("labels"), classes = try a.int("classes")
            return .tensor(try engine { try oneHot(labels, classes: classes) })
        }
        installConvolutionAndPooling(interp)
        installFiles(interp)
    }

    // MARK: The Tensor type

    /// `seed: Int? = nil`: nil for the engine's shared stream, else a non-negative Int.
    private static let seed = NativeParameter.optionalInt("seed")

    static let initializers = NativeDeclaration("Tensor", doc: "An n-dimensional array of Float32 numbers, row-major; image batches are [N, C, H, W].", [
        NativeSignature("Tensor", [.value("_ values", "[[Double]]")], note: "nested arrays of numbers, or a number"),
        NativeSignature("Tensor", [.ints("zeros shape")]),
        NativeSignature("Tensor", [.ints("ones shape")]),
        NativeSignature("Tensor", [.double("repeating value"), .ints("shape")]),
        NativeSignature("Tensor", [.ints("randomNormal shape"), .double("mean", 0), .double("standardDeviation", 1), seed]),
        NativeSignature("Tensor", [.ints("randomUniform shape"), .double("lowerBound", 0), .double("upperBound", 1), seed]),
        NativeSignature("Tensor", [.value("stacking tensors", "[Tensor]"), .int("axis", 0)]),
        NativeSignature("Tensor", [.ints("shape"), .value("scalars", "[Double]")]),
        NativeSignature("Tensor", [.value("range", "Range<Int>")]),
    ])

    static func defineTensorType(_ interp: Interpreter) {
        interp.defineNativeType(NativeTypeInfo(
            initializers,
            construct: { args in .tensor(try makeTensor(args)) },
            memberNames: TensorValue.registry.names(in: interp),
            isInstance: { $0.asTensor != nil }))
    }

    /// The `seed:` argument as the engine takes it.
    private static func seed(_ args: NativeArguments) throws -> UInt64? {
        guard let s = try args.optionalInt("seed") else { return nil }
        guard s >= 0 else { throw StrideError(.valueError, "\(args.callee): seed must not be negative, got \(s)") }
        return UInt64(s)
    }

    /// The tensor of the initializer the arguments matched (by its first label).
    static func makeTensor(_ a: NativeArguments) throws -> Tensor {
        switch a.signature.parameters[0].key {
        case "zeros":
            let shape = try a.ints("zeros")
            return try engine { try Tensor(zeros: shape) }
        case "ones":
            let shape = try a.ints("ones")
            return try engine { try Tensor(ones: shape) }
        case "repeating":
            let value = try a.float("repeating"), shape = try a.ints("shape")
            return try engine { try Tensor(repeating: value, shape: shape) }
        case "randomNormal":
            let shape = try a.ints("randomNormal")
            let mean = try a.float("mean"), sd = try a.float("standardDeviation"), s = try seed(a)
            return try engine { try Tensor(randomNormal: shape, mean: mean, standardDeviation: sd, seed: s) }
        case "randomUniform":
            let shape = try a.ints("randomUniform")
            let lo = try a.float("lowerBound"), hi = try a.float("upperBound"), s = try seed(a)
            return try engine { try Tensor(randomUniform: shape, lowerBound: lo, upperBound: hi, seed: s) }
        case "stacking":
            let parts = try tensorList(a.required("stacking"), a.callee)
            let axis = try a.int("axis")
            return try engine { try Tensor(stacking: parts, axis: axis) }
        case "shape":
            let shape = try a.ints("shape")
            let scalars = try LanguageArray.floats(a.required("scalars"), "Tensor(shape:scalars:): scalars")
            return try engine { try Tensor(shape: shape, scalars: scalars) }
        case "range":
            guard case .range(let r) = try a.required("range"), let lo = r.lower, let hi = r.upper, r.step == 1 else {
                throw StrideError(.typeError, "Tensor(range:) needs a bounded range such as 0..<10")
            }
            let upper = r.closed ? hi + 1 : hi
            guard lo <= upper else { throw StrideError(.valueError, "Tensor(range:): the range \(lo)..<\(upper) is reversed") }
            return try engine { try Tensor(range: lo..<upper) }
        default:
            return try LanguageArray.tensor(from: a.required("values"), "Tensor")
        }
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

    /// A function of tensors (returning a Tensor unless `returns` says otherwise).
    static func define(_ interp: Interpreter, _ name: String, _ parameters: [NativeParameter], returns: String? = "Tensor",
                       _ doc: String, _ body: @escaping (NativeArguments) throws -> Value) {
        let declaration = NativeDeclaration(name, parameters, returns: returns, doc: doc)
        guard returns == "Tensor" else { return interp.defineNative(declaration, body) }
        interp.defineNative(declaration) { a in
            let result = try body(a)
            // A tensor function inside a recorded forward pass (export) is one of its steps.
            if ForwardRecorder.isActive, let recorder = ForwardRecorder.current, let xs = ForwardRecorder.inputs(of: a) {
                recorder.function(name, inputs: xs, a, result: result)
            }
            return result
        }
    }

    // MARK: Convolution and pooling

    private static func installConvolutionAndPooling(_ interp: Interpreter) {
        for (name, rank, engineFunction) in [
            ("conv1d", "[N, C, L]", conv1d as (Tensor, Tensor, Tensor?, Int, Padding, Int, Int) throws -> Tensor),
            ("conv2d", "[N, C, H, W]", conv2d as (Tensor, Tensor, Tensor?, Int, Padding, Int, Int) throws -> Tensor),
            ("conv3d", "[N, C, D, H, W]", conv3d as (Tensor, Tensor, Tensor?, Int, Padding, Int, Int) throws -> Tensor),
        ] {
            define(interp, name, [.tensor("_ input"), .tensor("filter"), .optionalTensor("bias"), .positive("stride", 1), .padding,
                                  .positive("dilation", 1), .positive("groups", 1)],
                   "Convolution of an input \(rank) with a filter [out, in/groups, k...] (PyTorch's layout).") { a in
                let x = try a.tensor("input"), w = try a.tensor("filter"), b = try a.optionalTensor("bias")
                let stride = try a.int("stride"), padding = try a.padding()
                let dilation = try a.int("dilation"), groups = try a.int("groups")
                return .tensor(try engine { try engineFunction(x, w, b, stride, padding, dilation, groups) })
            }
        }
        define(interp, "transposedConv2d", [.tensor("_ input"), .tensor("filter"), .optionalTensor("bias"), .positive("stride", 1),
                                            .padding, .int("outputPadding", 0), .positive("dilation", 1)],
               "Transposed 2-D convolution (PyTorch's conv_transpose2d), filter [in, out, kh, kw].") { a in
            let x = try a.tensor("input"), w = try a.tensor("filter"), b = try a.optionalTensor("bias")
            let stride = try a.int("stride"), padding = try a.padding()
            let outputPadding = try a.int("outputPadding"), dilation = try a.int("dilation")
            return .tensor(try engine {
                try transposedConv2d(x, filter: w, bias: b, stride: stride, padding: padding, outputPadding: outputPadding, dilation: dilation)
            })
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
            define(interp, name, [.tensor("_ input"), .positive("size"), .optionalPositive("stride"), .padding],
                   doc + " The stride defaults to the size.") { a in
                let x = try a.tensor("input"), size = try a.int("size")
                let stride = try a.optionalInt("stride"), padding = try a.padding()
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
            define(interp, name, [.tensor("_ input")], doc) { a in
                let x = try a.tensor("input")
                return .tensor(try engine { try f(x) })
            }
        }
        define(interp, "upsample2d", [.tensor("_ input"), .positive("scale")],
               "Each pixel of [N, C, H, W] repeated scale×scale times (nearest neighbour).") { a in
            let x = try a.tensor("input"), scale = try a.int("scale")
            return .tensor(try engine { try upsample2d(x, scale: scale) })
        }
    }

    // MARK: Files

    private static func installFiles(_ interp: Interpreter) {
        define(interp, "saveTensors", [.value("_ tensors", "[String: Tensor]"), .string("to path")], returns: nil,
               "Writes named tensors to a safetensors file (atomically: whole or not at all).") { a in
            let path = try a.string("to")
            let given = try a.required("tensors")
            guard case .dictionary(let d) = given else {
                throw StrideError(.typeError, "saveTensors: expected a [String: Tensor] dictionary, got \(given.typeName)")
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
        define(interp, "loadTensors", [.string("_ path")], returns: "[String: Tensor]",
               "Reads every tensor of a safetensors file (any float or integer dtype, as Float32), by name.") { a in
            let tensors = try readSafeTensors(try a.string("path"))
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
