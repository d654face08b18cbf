import StrideEngine
import StrideLanguage

/// The layer types of the library (`Conv2D(filters: 6, kernelSize: 5)`, `Sequential { ... }`)
/// and the `Layer` protocol that user types adopt.
enum LayerTypes {
    /// One layer type: its initializer's signature and doc, accepted labels, and builder.
    struct Spec {
        var name: String
        var signature: String
        var doc: String
        var build: (NativeCall) throws -> Layer
    }

    static func install(into interp: Interpreter) {
        interp.defineNativeType(NativeTypeInfo(
            name: "Layer",
            doc: "A neural-network layer: a library layer, or a struct or class declared `: Layer` whose stored properties hold layers and whose `callAsFunction(_ x: Tensor) -> Tensor` runs them.",
            isProtocol: true,
            memberNames: LayerValue.registry.names(in: interp),
            isInstance: isLayerValue))
        UserModelMembers.install(into: interp)
        for spec in specs + composites {
            interp.defineNativeType(NativeTypeInfo(
                name: spec.name, doc: spec.doc, initSignatures: [spec.signature],
                construct: { call in .layer(try spec.build(call)) },
                memberNames: LayerValue.registry.names(in: interp),
                isInstance: { v in v.asLayer.map { $0.typeName == spec.name } ?? false }))
        }
    }

    // MARK: Leaf layers

    private static let convLabels = ["filters", "kernelSize", "stride", "padding", "dilation", "groups", "activation", "useBias", "initializer", "name"]
    private static let convParameters = "filters: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .valid (or an Int), dilation: Int = 1, groups: Int = 1, activation: Activation = .identity, useBias: Bool = true, initializer: Initializer = .heUniform, name: String? = nil"

    private static func convolution(_ name: String, _ doc: String, _ make: @escaping (Int, Int, Int, Padding, Int, Int, Activation, Bool, Initializer, String?) -> Layer) -> Spec {
        Spec(name: name, signature: "\(name)(\(convParameters))", doc: doc) { call in
            try call.expect(convLabels)
            return make(try call.positiveInt("filters"), try call.positiveInt("kernelSize"), try call.positiveInt("stride", default: 1),
                        try call.padding(), try call.positiveInt("dilation", default: 1), try call.positiveInt("groups", default: 1),
                        try call.activation(), try call.bool("useBias", default: true),
                        try call.initializer(default: .heUniform), try call.string("name", default: nil))
        }
    }

    private static func pooling(_ name: String, _ doc: String, _ make: @escaping (Int, Int?, Padding, String?) -> Layer) -> Spec {
        Spec(name: name, signature: "\(name)(size: Int, stride: Int? = nil, padding: Padding = .valid (or an Int), name: String? = nil)",
             doc: doc + " The stride defaults to the size.") { call in
            try call.expect(["size", "stride", "padding", "name"])
            let size = try call.positiveInt("size")
            let stride: Int? = call.argument("stride") == nil ? nil : try call.positiveInt("stride", default: size)
            return make(size, stride, try call.padding(), try call.string("name", default: nil))
        }
    }

    private static func simple(_ name: String, _ doc: String, _ make: @escaping (String?) -> Layer) -> Spec {
        Spec(name: name, signature: "\(name)(name: String? = nil)", doc: doc) { call in
            try call.expect(["name"])
            return make(try call.string("name", default: nil))
        }
    }

    static let specs: [Spec] = [
        convolution("Conv1D", "1-D convolution over [N, C, L]; input channels are inferred on first call.") {
            Conv1D(filters: $0, kernelSize: $1, stride: $2, padding: $3, dilation: $4, groups: $5, activation: $6, useBias: $7, initializer: $8, name: $9)
        },
        convolution("Conv2D", "2-D convolution over [N, C, H, W], weight [filters, in/groups, k, k] as PyTorch's Conv2d; input channels are inferred on first call.") {
            Conv2D(filters: $0, kernelSize: $1, stride: $2, padding: $3, dilation: $4, groups: $5, activation: $6, useBias: $7, initializer: $8, name: $9)
        },
        convolution("Conv3D", "3-D convolution over [N, C, D, H, W]; input channels are inferred on first call.") {
            Conv3D(filters: $0, kernelSize: $1, stride: $2, padding: $3, dilation: $4, groups: $5, activation: $6, useBias: $7, initializer: $8, name: $9)
        },
        Spec(name: "DepthwiseConv2D",
             signature: "DepthwiseConv2D(kernelSize: Int, stride: Int = 1, padding: Padding = .valid (or an Int), dilation: Int = 1, depthMultiplier: Int = 1, activation: Activation = .identity, useBias: Bool = true, initializer: Initializer = .heUniform, name: String? = nil)",
             doc: "A convolution of each input channel on its own (groups = channels).") { call in
            try call.expect(["kernelSize", "stride", "padding", "dilation", "depthMultiplier", "activation", "useBias", "initializer", "name"])
            return DepthwiseConv2D(kernelSize: try call.positiveInt("kernelSize"), stride: try call.positiveInt("stride", default: 1),
                                   padding: try call.padding(), dilation: try call.positiveInt("dilation", default: 1),
                                   depthMultiplier: try call.positiveInt("depthMultiplier", default: 1), activation: try call.activation(),
                                   useBias: try call.bool("useBias", default: true), initializer: try call.initializer(default: .heUniform),
                                   name: try call.string("name", default: nil))
        },
        Spec(name: "SeparableConv2D",
             signature: "SeparableConv2D(filters: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .valid (or an Int), dilation: Int = 1, depthMultiplier: Int = 1, activation: Activation = .identity, useBias: Bool = true, initializer: Initializer = .heUniform, name: String? = nil)",
             doc: "A depthwise convolution followed by a 1×1 convolution to `filters` channels (Chollet 2017).") { call in
            try call.expect(["filters", "kernelSize", "stride", "padding", "dilation", "depthMultiplier", "activation", "useBias", "initializer", "name"])
            return SeparableConv2D(filters: try call.positiveInt("filters"), kernelSize: try call.positiveInt("kernelSize"),
                                   stride: try call.positiveInt("stride", default: 1), padding: try call.padding(),
                                   dilation: try call.positiveInt("dilation", default: 1), depthMultiplier: try call.positiveInt("depthMultiplier", default: 1),
                                   activation: try call.activation(), useBias: try call.bool("useBias", default: true),
                                   initializer: try call.initializer(default: .heUniform), name: try call.string("name", default: nil))
        },
        Spec(name: "ConvTranspose2D",
             signature: "ConvTranspose2D(filters: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .valid (or an Int), outputPadding: Int = 0, dilation: Int = 1, activation: Activation = .identity, useBias: Bool = true, initializer: Initializer = .heUniform, name: String? = nil)",
             doc: "Transposed 2-D convolution (PyTorch's ConvTranspose2d), for decoders and segmentation; `.same` multiplies the size by the stride.") { call in
            try call.expect(["filters", "kernelSize", "stride", "padding", "outputPadding", "dilation", "activation", "useBias", "initializer", "name"])
            return ConvTranspose2D(filters: try call.positiveInt("filters"), kernelSize: try call.positiveInt("kernelSize"),
                                   stride: try call.positiveInt("stride", default: 1), padding: try call.padding(),
                                   outputPadding: try call.int("outputPadding", default: 0), dilation: try call.positiveInt("dilation", default: 1),
                                   activation: try call.activation(), useBias: try call.bool("useBias", default: true),
                                   initializer: try call.initializer(default: .heUniform), name: try call.string("name", default: nil))
        },
        Spec(name: "Dense",
             signature: "Dense(units: Int, activation: Activation = .identity, useBias: Bool = true, initializer: Initializer = .heUniform, name: String? = nil)",
             doc: "A fully connected layer on the last axis, weight [units, in] as PyTorch's Linear; the input size is inferred on first call.") { call in
            try call.expect(["units", "activation", "useBias", "initializer", "name"])
            return Dense(units: try call.positiveInt("units"), activation: try call.activation(), useBias: try call.bool("useBias", default: true),
                         initializer: try call.initializer(default: .heUniform), name: try call.string("name", default: nil))
        },
        simple("Flatten", "Flattens every axis after the batch axis: [N, ...] to [N, features].") { Flatten(name: $0) },
        Spec(name: "Reshape", signature: "Reshape(shape: [Int], name: String? = nil)", doc: "Reshapes each example (the batch axis is kept) to `shape`.") { call in
            try call.expect(["shape", "name"])
            return Reshape(shape: try call.requiredIntArray("shape"), name: try call.string("name", default: nil))
        },
        pooling("MaxPool1D", "The maximum of each window of [N, C, L].") { MaxPool1D(size: $0, stride: $1, padding: $2, name: $3) },
        pooling("MaxPool2D", "The maximum of each size×size window of [N, C, H, W].") { MaxPool2D(size: $0, stride: $1, padding: $2, name: $3) },
        pooling("MaxPool3D", "The maximum of each window of [N, C, D, H, W].") { MaxPool3D(size: $0, stride: $1, padding: $2, name: $3) },
        pooling("AvgPool1D", "The mean of each window of [N, C, L].") { AvgPool1D(size: $0, stride: $1, padding: $2, name: $3) },
        pooling("AvgPool2D", "The mean of each size×size window of [N, C, H, W].") { AvgPool2D(size: $0, stride: $1, padding: $2, name: $3) },
        pooling("AvgPool3D", "The mean of each window of [N, C, D, H, W].") { AvgPool3D(size: $0, stride: $1, padding: $2, name: $3) },
        simple("GlobalAvgPool1D", "The mean over L of [N, C, L], giving [N, C].") { GlobalAvgPool1D(name: $0) },
        simple("GlobalAvgPool2D", "The mean over H and W of [N, C, H, W], giving [N, C].") { GlobalAvgPool2D(name: $0) },
        simple("GlobalAvgPool3D", "The mean over D, H and W of [N, C, D, H, W], giving [N, C].") { GlobalAvgPool3D(name: $0) },
        simple("GlobalMaxPool1D", "The maximum over L of [N, C, L], giving [N, C].") { GlobalMaxPool1D(name: $0) },
        simple("GlobalMaxPool2D", "The maximum over H and W of [N, C, H, W], giving [N, C].") { GlobalMaxPool2D(name: $0) },
        simple("GlobalMaxPool3D", "The maximum over D, H and W of [N, C, D, H, W], giving [N, C].") { GlobalMaxPool3D(name: $0) },
        Spec(name: "BatchNorm", signature: "BatchNorm(momentum: Double = 0.1, epsilon: Double = 1e-5, name: String? = nil)",
             doc: "Batch normalization (Ioffe & Szegedy 2015) over the channel axis, with running statistics for inference.") { call in
            try call.expect(["momentum", "epsilon", "name"])
            return BatchNorm(momentum: try call.float("momentum", default: 0.1), epsilon: try call.float("epsilon", default: 1e-5),
                             name: try call.string("name", default: nil))
        },
        Spec(name: "LayerNorm", signature: "LayerNorm(normalizedRank: Int? = nil, epsilon: Double = 1e-5, name: String? = nil)",
             doc: "Layer normalization (Ba et al. 2016) over the trailing axes of each example.") { call in
            try call.expect(["normalizedRank", "epsilon", "name"])
            let rank: Int? = call.argument("normalizedRank") == nil ? nil : try call.positiveInt("normalizedRank", default: 1)
            return LayerNorm(normalizedRank: rank, epsilon: try call.float("epsilon", default: 1e-5), name: try call.string("name", default: nil))
        },
        Spec(name: "Dropout", signature: "Dropout(rate: Double, name: String? = nil)",
             doc: "Zeroes each scalar with probability `rate` while training (scaling the rest by 1/(1−rate)); the identity in inference.") { call in
            try call.expect(["rate", "name"])
            guard call.argument("rate") != nil else { throw StrideError(.typeError, "Dropout: missing argument 'rate:'") }
            let rate = try call.double("rate", default: 0)
            guard rate >= 0 && rate < 1 else { throw StrideError(.valueError, "Dropout: rate must be in 0..<1, got \(rate)") }
            return Dropout(rate: Float(rate), name: try call.string("name", default: nil))
        },
        simple("ReLU", "max(x, 0).") { ReLU(name: $0) },
        Spec(name: "LeakyReLU", signature: "LeakyReLU(alpha: Double = 0.01, name: String? = nil)", doc: "x where x > 0, else alpha · x.") { call in
            try call.expect(["alpha", "name"])
            return LeakyReLU(alpha: try call.float("alpha", default: 0.01), name: try call.string("name", default: nil))
        },
        Spec(name: "PReLU", signature: "PReLU(initialSlope: Double = 0.25, name: String? = nil)", doc: "Leaky ReLU with a learned slope (He et al. 2015).") { call in
            try call.expect(["initialSlope", "name"])
            return PReLU(initialSlope: try call.float("initialSlope", default: 0.25), name: try call.string("name", default: nil))
        },
        Spec(name: "ELU", signature: "ELU(alpha: Double = 1, name: String? = nil)", doc: "x where x > 0, else alpha · (e^x − 1) (Clevert et al. 2015).") { call in
            try call.expect(["alpha", "name"])
            return ELU(alpha: try call.float("alpha", default: 1), name: try call.string("name", default: nil))
        },
        simple("Sigmoid", "1 / (1 + e^-x).") { Sigmoid(name: $0) },
        simple("Tanh", "The hyperbolic tangent.") { Tanh(name: $0) },
        Spec(name: "Softmax", signature: "Softmax(axis: Int = 1, name: String? = nil)", doc: "Normalizes e^x to sum to 1 along `axis` (the classes).") { call in
            try call.expect(["axis", "name"])
            return Softmax(axis: try call.int("axis", default: 1), name: try call.string("name", default: nil))
        },
        simple("Swish", "x · sigmoid(x) (Ramachandran et al. 2017).") { Swish(name: $0) },
        Spec(name: "Embedding", signature: "Embedding(vocabularySize: Int, embeddingSize: Int, name: String? = nil)",
             doc: "Looks up a learned vector for each token index: [N, L] to [N, L, embeddingSize] (as PyTorch; `.permuted([0, 2, 1])` gives Conv1D its [N, C, L]).") { call in
            try call.expect(["vocabularySize", "embeddingSize", "name"])
            return Embedding(vocabularySize: try call.positiveInt("vocabularySize"), embeddingSize: try call.positiveInt("embeddingSize"),
                             name: try call.string("name", default: nil))
        },
        simple("Identity", "Returns its input unchanged.") { Identity(name: $0) },
        Spec(name: "SqueezeExcite", signature: "SqueezeExcite(ratio: Int = 16, name: String? = nil)",
             doc: "Squeeze-and-excitation (Hu et al. 2018): reweights channels by a gate computed from their means.") { call in
            try call.expect(["ratio", "name"])
            return SqueezeExcite(ratio: try call.positiveInt("ratio", default: 16), name: try call.string("name", default: nil))
        },
        Spec(name: "PrimaryCapsules", signature: "PrimaryCapsules(capsules: Int, dimension: Int, kernelSize: Int, stride: Int = 1, name: String? = nil)",
             doc: "Primary capsules (Sabour et al. 2017): a convolution whose channels form capsule vectors, squashed.") { call in
            try call.expect(["capsules", "dimension", "kernelSize", "stride", "name"])
            return PrimaryCapsules(capsules: try call.positiveInt("capsules"), dimension: try call.positiveInt("dimension"),
                                   kernelSize: try call.positiveInt("kernelSize"), stride: try call.positiveInt("stride", default: 1),
                                   name: try call.string("name", default: nil))
        },
        Spec(name: "Capsules", signature: "Capsules(count: Int, dimension: Int, routing: Int = 3, name: String? = nil)",
             doc: "Capsules with dynamic routing (Sabour et al. 2017); the output is each capsule's length, usable as logits.") { call in
            try call.expect(["count", "dimension", "routing", "name"])
            return Capsules(count: try call.positiveInt("count"), dimension: try call.positiveInt("dimension"),
                            routing: try call.positiveInt("routing", default: 3), name: try call.string("name", default: nil))
        },
        Spec(name: "Upsample2D", signature: "Upsample2D(scale: Int, name: String? = nil)", doc: "Repeats each pixel scale×scale times (nearest neighbour).") { call in
            try call.expect(["scale", "name"])
            return Upsample2D(scale: try call.positiveInt("scale"), name: try call.string("name", default: nil))
        },
        Spec(name: "DenseBlock", signature: "DenseBlock(layers: Int, growthRate: Int, name: String? = nil)",
             doc: "A DenseNet block (Huang et al. 2017): each BatchNorm-ReLU-Conv3x3 unit sees the concatenation of all earlier outputs.") { call in
            try call.expect(["layers", "growthRate", "name"])
            return DenseBlock(layers: try call.positiveInt("layers"), growthRate: try call.positiveInt("growthRate"),
                              name: try call.string("name", default: nil))
        },
    ]

    // MARK: Composites built from a closure

    static let composites: [Spec] = [
        Spec(name: "Sequential", signature: "Sequential(name: String? = nil) { layers }  or  Sequential(_ layers: [Layer], name: String? = nil)",
             doc: "Runs its layers one after the other; each line of the closure is a layer, named by its position or its `name:`.") { call in
            try call.expect(["name"], unlabelled: 1)
            return Sequential(try builtLayers(call), name: try call.string("name", default: nil))
        },
        Spec(name: "Residual", signature: "Residual(activation: Activation = .identity, name: String? = nil) { layers }",
             doc: "y = activation(f(x) + x) (He et al. 2016), with a 1×1 projection of x when f changes its shape.") { call in
            try call.expect(["activation", "name"], unlabelled: 1)
            return Residual(try builtLayers(call), activation: try call.activation(), name: try call.string("name", default: nil))
        },
        Spec(name: "Concat", signature: "Concat(axis: Int = 1, name: String? = nil) { branches }",
             doc: "Runs each branch on the same input and joins the outputs along `axis` (channels), as Inception and DenseNet do.") { call in
            try call.expect(["axis", "name"], unlabelled: 1)
            return Concat(try builtLayers(call), axis: try call.int("axis", default: 1), name: try call.string("name", default: nil))
        },
    ]

    /// The layers of a builder closure (every expression statement's value), or of an array.
    static func builtLayers(_ call: NativeCall) throws -> [Layer] {
        guard let source = call.unlabelled(0) else { return [] }
        let values: [Value]
        switch source.unwrappedOptional {
        case .function: values = try call.interpreter.callCollecting(source, [])
        case .array(let items): values = items
        default: throw StrideError(.typeError, "\(call.callee): expected a closure of layers or an array of layers, got \(source.typeName)")
        }
        var layers: [Layer] = []
        for v in values {
            if case .array(let items) = v.unwrappedOptional {
                for item in items { layers.append(try layer(item, call)) }
            } else {
                layers.append(try layer(v, call))
            }
        }
        return layers
    }

    private static func layer(_ v: Value, _ call: NativeCall) throws -> Layer {
        if let l = v.asLayer { return l }
        if let adapter = UserLayerAdapter(v.unwrappedOptional, interpreter: call.interpreter) { return adapter }
        throw StrideError(.typeError, "\(call.callee): every line of the closure must be a layer, found a value of type \(v.typeName)")
    }
}
