import StrideEngine
import StrideLanguage

/// The layer types of the library (`Conv2D(filters: 6, kernelSize: 5)`, `Sequential { ... }`)
/// and the `Layer` protocol that user types adopt. Each layer is one `LayerSpec`.
enum LayerTypes {
    typealias Spec = LayerSpec

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
                spec.declaration,
                construct: { args in .layer(try spec.build(args)) },
                memberNames: LayerValue.registry.names(in: interp),
                isInstance: { v in v.asLayer.map { $0.typeName == spec.name } ?? false }))
        }
    }

    /// Every layer type by name, for descriptions.
    static let byName: [String: LayerSpec] = Dictionary(uniqueKeysWithValues: (specs + composites).map { ($0.name, $0) })

    // MARK: Leaf layers

    private typealias Conv = LayerSpec.Setting<ConvolutionLayer>

    private static func convolution(_ name: String, _ doc: String,
                                     _ make: @escaping (Int, Int, Int, Padding, Int, Int, Activation, Bool, Initializer, String?) -> ConvolutionLayer) -> Spec {
        Spec(name, doc, ConvolutionLayer.self, [
            Conv(.positive("filters")) { "\($0.filters)" },
            Conv(.positive("kernelSize")) { Spec.list($0.kernelSize) },
            Conv(.positive("stride", 1)) { Spec.list($0.stride) },
            Conv(.padding) { Spec.text($0.padding) },
            Conv(.positive("dilation", 1)) { Spec.list($0.dilation) },
            Conv(.positive("groups", 1)) { "\($0.groups)" },
            Conv(.activation) { Spec.text($0.activation) },
            Conv(.bool("useBias", true)) { "\($0.useBias)" },
            Conv(.initializer),
        ]) { a in
            make(try a.int("filters"), try a.int("kernelSize"), try a.int("stride"), try a.padding(), try a.int("dilation"),
                 try a.int("groups"), try a.activation(), try a.bool("useBias"), try a.initializer(), try a.optionalString("name"))
        }
    }

    private typealias Pool = LayerSpec.Setting<PoolingLayer>

    private static func pooling(_ name: String, _ doc: String, _ make: @escaping (Int, Int?, Padding, String?) -> PoolingLayer) -> Spec {
        Spec(name, doc + " The stride defaults to the size.", PoolingLayer.self, [
            Pool(.positive("size")) { "\($0.size)" },
            Pool(.optionalPositive("stride")) { $0.stride == $0.size ? nil : "\($0.stride)" },
            Pool(.padding) { Spec.text($0.padding) },
        ]) { a in make(try a.int("size"), try a.optionalInt("stride"), try a.padding(), try a.optionalString("name")) }
    }

    private static func simple<L: Layer>(_ name: String, _ doc: String, _ make: @escaping (String?) -> L) -> Spec {
        Spec(name, doc, L.self, []) { a in make(try a.optionalString("name")) }
    }

    /// An activation layer with a slope `alpha` (LeakyReLU, ELU).
    private static func sloped<L: ActivationLayer>(_ name: String, _ defaultAlpha: Double, _ doc: String,
                                                   _ make: @escaping (Float, String?) -> L) -> Spec {
        Spec(name, doc, L.self, [
            .init(.double("alpha", defaultAlpha)) { layer in
                switch layer.activation {
                case .leakyRelu(let alpha), .elu(let alpha): return Spec.text(alpha)
                default: return nil
                }
            },
        ]) { a in make(try a.float("alpha"), try a.optionalString("name")) }
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
        Spec("DepthwiseConv2D", "A convolution of each input channel on its own (groups = channels).", DepthwiseConv2D.self, [
            .init(.positive("kernelSize")) { "\($0.kernelSize)" },
            .init(.positive("stride", 1)) { "\($0.stride)" },
            .init(.padding) { Spec.text($0.padding) },
            .init(.positive("dilation", 1)) { "\($0.dilation)" },
            .init(.positive("depthMultiplier", 1)) { "\($0.depthMultiplier)" },
            .init(.activation) { Spec.text($0.activation) },
            .init(.bool("useBias", true)) { "\($0.useBias)" },
            .init(.initializer),
        ]) { a in
            DepthwiseConv2D(kernelSize: try a.int("kernelSize"), stride: try a.int("stride"), padding: try a.padding(),
                            dilation: try a.int("dilation"), depthMultiplier: try a.int("depthMultiplier"),
                            activation: try a.activation(), useBias: try a.bool("useBias"), initializer: try a.initializer(),
                            name: try a.optionalString("name"))
        },
        Spec("SeparableConv2D", "A depthwise convolution followed by a 1×1 convolution to `filters` channels (Chollet 2017).",
             SeparableConv2D.self, [
            .init(.positive("filters")) { "\($0.pointwise.filters)" },
            .init(.positive("kernelSize")) { "\($0.depthwise.kernelSize)" },
            .init(.positive("stride", 1)) { "\($0.depthwise.stride)" },
            .init(.padding) { Spec.text($0.depthwise.padding) },
            .init(.positive("dilation", 1)) { "\($0.depthwise.dilation)" },
            .init(.positive("depthMultiplier", 1)) { "\($0.depthwise.depthMultiplier)" },
            .init(.activation) { Spec.text($0.pointwise.activation) },
            .init(.bool("useBias", true)) { "\($0.pointwise.useBias)" },
            .init(.initializer),
        ]) { a in
            SeparableConv2D(filters: try a.int("filters"), kernelSize: try a.int("kernelSize"), stride: try a.int("stride"),
                            padding: try a.padding(), dilation: try a.int("dilation"),
                            depthMultiplier: try a.int("depthMultiplier"), activation: try a.activation(),
                            useBias: try a.bool("useBias"), initializer: try a.initializer(), name: try a.optionalString("name"))
        },
        Spec("ConvTranspose2D", "Transposed 2-D convolution (PyTorch's ConvTranspose2d), for decoders and segmentation; `.same` multiplies the size by the stride.",
             ConvTranspose2D.self, [
            .init(.positive("filters")) { "\($0.filters)" },
            .init(.positive("kernelSize")) { "\($0.kernelSize)" },
            .init(.positive("stride", 1)) { "\($0.stride)" },
            .init(.padding) { Spec.text($0.padding) },
            .init(.int("outputPadding", 0)) { "\($0.outputPadding)" },
            .init(.positive("dilation", 1)) { "\($0.dilation)" },
            .init(.activation) { Spec.text($0.activation) },
            .init(.bool("useBias", true)) { "\($0.useBias)" },
            .init(.initializer),
        ]) { a in
            ConvTranspose2D(filters: try a.int("filters"), kernelSize: try a.int("kernelSize"), stride: try a.int("stride"),
                            padding: try a.padding(), outputPadding: try a.int("outputPadding"), dilation: try a.int("dilation"),
                            activation: try a.activation(), useBias: try a.bool("useBias"), initializer: try a.initializer(),
                            name: try a.optionalString("name"))
        },
        Spec("Dense", "A fully connected layer on the last axis, weight [units, in] as PyTorch's Linear; the input size is inferred on first call.",
             Dense.self, [
            .init(.positive("units")) { "\($0.units)" },
            .init(.activation) { Spec.text($0.activation) },
            .init(.bool("useBias", true)) { "\($0.useBias)" },
            .init(.initializer),
        ]) { a in
            Dense(units: try a.int("units"), activation: try a.activation(), useBias: try a.bool("useBias"),
                  initializer: try a.initializer(), name: try a.optionalString("name"))
        },
        simple("Flatten", "Flattens every axis after the batch axis: [N, ...] to [N, features].") { Flatten(name: $0) },
        Spec("Reshape", "Reshapes each example (the batch axis is kept) to `shape`.", Reshape.self, [
            .init(.ints("shape")) { "\($0.shape)" },
        ]) { a in Reshape(shape: try a.ints("shape"), name: try a.optionalString("name")) },
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
        Spec("BatchNorm", "Batch normalization (Ioffe & Szegedy 2015) over the channel axis, with running statistics for inference.",
             BatchNorm.self, [
            .init(.double("momentum", 0.1)) { Spec.text($0.momentum) },
            .init(.double("epsilon", 1e-5)) { Spec.text($0.epsilon) },
        ]) { a in BatchNorm(momentum: try a.float("momentum"), epsilon: try a.float("epsilon"), name: try a.optionalString("name")) },
        Spec("LayerNorm", "Layer normalization (Ba et al. 2016) over the trailing axes of each example.", LayerNorm.self, [
            .init(.optionalPositive("normalizedRank")) { $0.normalizedRank.map { "\($0)" } },
            .init(.double("epsilon", 1e-5)) { Spec.text($0.epsilon) },
        ]) { a in
            LayerNorm(normalizedRank: try a.optionalInt("normalizedRank"), epsilon: try a.float("epsilon"),
                      name: try a.optionalString("name"))
        },
        Spec("Dropout", "Zeroes each scalar with probability `rate` while training (scaling the rest by 1/(1−rate)); the identity in inference.",
             Dropout.self, [
            .init(.double("rate")) { "\($0.rate)" },
        ]) { a in
            let rate = try a.double("rate")
            guard rate >= 0 && rate < 1 else { throw StrideError(.valueError, "Dropout: rate must be in 0..<1, got \(rate)") }
            return Dropout(rate: Float(rate), name: try a.optionalString("name"))
        },
        simple("ReLU", "max(x, 0).") { ReLU(name: $0) },
        sloped("LeakyReLU", 0.01, "x where x > 0, else alpha · x.") { LeakyReLU(alpha: $0, name: $1) },
        Spec("PReLU", "Leaky ReLU with a learned slope (He et al. 2015).", PReLU.self, [
            .init(.double("initialSlope", 0.25)),
        ]) { a in PReLU(initialSlope: try a.float("initialSlope"), name: try a.optionalString("name")) },
        sloped("ELU", 1, "x where x > 0, else alpha · (e^x − 1) (Clevert et al. 2015).") { ELU(alpha: $0, name: $1) },
        simple("Sigmoid", "1 / (1 + e^-x).") { Sigmoid(name: $0) },
        simple("Tanh", "The hyperbolic tangent.") { Tanh(name: $0) },
        Spec("Softmax", "Normalizes e^x to sum to 1 along `axis` (the classes).", Softmax.self, [
            .init(.int("axis", 1)) { "\($0.axis)" },
        ]) { a in Softmax(axis: try a.int("axis"), name: try a.optionalString("name")) },
        simple("Swish", "x · sigmoid(x) (Ramachandran et al. 2017).") { Swish(name: $0) },
        Spec("Embedding", "Looks up a learned vector for each token index: [N, L] to [N, L, embeddingSize] (as PyTorch; `.permuted([0, 2, 1])` gives Conv1D its [N, C, L]).",
             Embedding.self, [
            .init(.positive("vocabularySize")) { "\($0.vocabularySize)" },
            .init(.positive("embeddingSize")) { "\($0.embeddingSize)" },
        ]) { a in
            Embedding(vocabularySize: try a.int("vocabularySize"), embeddingSize: try a.int("embeddingSize"),
                      name: try a.optionalString("name"))
        },
        simple("Identity", "Returns its input unchanged.") { Identity(name: $0) },
        Spec("SqueezeExcite", "Squeeze-and-excitation (Hu et al. 2018): reweights channels by a gate computed from their means.",
             SqueezeExcite.self, [
            .init(.positive("ratio", 16)) { "\($0.ratio)" },
        ]) { a in SqueezeExcite(ratio: try a.int("ratio"), name: try a.optionalString("name")) },
        Spec("PrimaryCapsules", "Primary capsules (Sabour et al. 2017): a convolution whose channels form capsule vectors, squashed.",
             PrimaryCapsules.self, [
            .init(.positive("capsules")) { "\($0.capsules)" },
            .init(.positive("dimension")) { "\($0.dimension)" },
            .init(.positive("kernelSize")) { Spec.list($0.conv.kernelSize) },
            .init(.positive("stride", 1)) { Spec.list($0.conv.stride) },
        ]) { a in
            PrimaryCapsules(capsules: try a.int("capsules"), dimension: try a.int("dimension"),
                            kernelSize: try a.int("kernelSize"), stride: try a.int("stride"), name: try a.optionalString("name"))
        },
        Spec("Capsules", "Capsules with dynamic routing (Sabour et al. 2017); the output is each capsule's length, usable as logits.",
             Capsules.self, [
            .init(.positive("count")) { "\($0.count)" },
            .init(.positive("dimension")) { "\($0.dimension)" },
            .init(.positive("routing", 3)) { "\($0.routing)" },
        ]) { a in
            Capsules(count: try a.int("count"), dimension: try a.int("dimension"), routing: try a.int("routing"),
                     name: try a.optionalString("name"))
        },
        Spec("Upsample2D", "Repeats each pixel scale×scale times (nearest neighbour).", Upsample2D.self, [
            .init(.positive("scale")) { "\($0.scale)" },
        ]) { a in Upsample2D(scale: try a.int("scale"), name: try a.optionalString("name")) },
        Spec("DenseBlock", "A DenseNet block (Huang et al. 2017): each BatchNorm-ReLU-Conv3x3 unit sees the concatenation of all earlier outputs.",
             DenseBlock.self, [
            .init(.positive("layers")) { "\($0.units.count)" },
            .init(.positive("growthRate")) { "\($0.growthRate)" },
        ]) { a in DenseBlock(layers: try a.int("layers"), growthRate: try a.int("growthRate"), name: try a.optionalString("name")) },
    ]

    // MARK: Composites built from a closure

    static let composites: [Spec] = [
        Spec(NativeDeclaration("Sequential", doc: "Runs its layers one after the other; each line of the closure is a layer, named by its position or its `name:`.", [
            NativeSignature("Sequential", [.name, .trailingClosure("layers", "() -> [Layer]")]),
            NativeSignature("Sequential", [.value("_ layers", "[Layer]"), .name]),
        ]), Sequential.self) { a in Sequential(try builtLayers(a), name: try a.optionalString("name")) },
        Spec("Residual", "y = activation(f(x) + x) (He et al. 2016), with a 1×1 projection of x when f changes its shape.", Residual.self, [
            .init(.activation) { Spec.text($0.activation) },
            .init(.trailingClosure("layers", "() -> [Layer]")),
        ]) { a in Residual(try builtLayers(a), activation: try a.activation(), name: try a.optionalString("name")) },
        Spec("Concat", "Runs each branch on the same input and joins the outputs along `axis` (channels), as Inception and DenseNet do.", Concat.self, [
            .init(.int("axis", 1)) { "\($0.axis)" },
            .init(.trailingClosure("branches", "() -> [Layer]")),
        ]) { a in Concat(try builtLayers(a, "branches"), axis: try a.int("axis"), name: try a.optionalString("name")) },
    ]

    /// The layers of a builder closure (every expression statement's value), or of an array.
    static func builtLayers(_ call: NativeArguments, _ key: String = "layers") throws -> [Layer] {
        guard let source = call.given(key) else { return [] }
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

    private static func layer(_ v: Value, _ call: NativeArguments) throws -> Layer {
        if let l = v.asLayer { return l }
        if let adapter = UserLayerAdapter(v.unwrappedOptional, interpreter: call.interpreter) { return adapter }
        throw StrideError(.typeError, "\(call.callee): every line of the closure must be a layer, found a value of type \(v.typeName)")
    }
}
