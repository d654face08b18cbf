/// A convolution over 1 to 3 spatial axes whose input channels are inferred on first call.
/// Weight [filters, inChannels/groups, k...] and bias [filters], as PyTorch's ConvNd.
public class ConvolutionLayer: Layer {
    public let filters: Int
    public let kernelSize: [Int]
    public internal(set) var stride: [Int]
    public let padding: Padding
    public let dilation: [Int]
    public let groups: Int
    public let activation: Activation
    public let useBias: Bool
    public let initializer: Initializer
    public let name: String?
    let spatialRank: Int
    /// [filters, in/groups, k...]; nil until the first call.
    public private(set) var weight: Parameter?
    /// [filters]; nil until the first call or when `useBias` is false.
    public private(set) var bias: Parameter?

    init(spatialRank: Int, filters: Int, kernelSize: [Int], stride: [Int], padding: Padding, dilation: [Int],
         groups: Int, activation: Activation, useBias: Bool, initializer: Initializer, name: String?) {
        self.spatialRank = spatialRank
        self.filters = filters
        self.kernelSize = kernelSize.count == 1 ? Array(repeating: kernelSize[0], count: spatialRank) : kernelSize
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        self.activation = activation
        self.useBias = useBias
        self.initializer = initializer
        self.name = name
    }

    public var typeName: String { "Conv\(spatialRank)D" }
    public var parameters: [(name: String, parameter: Parameter)] { weightAndBias(weight, bias) }
    public var window: (kernel: Int, stride: Int, dilation: Int)? { (kernelSize.last!, stride.last!, dilation.last!) }

    /// Creates the weights for `channels` input channels.
    func build(channels: Int) throws {
        guard filters >= 1 else { throw EngineError.value("\(typeName): filters must be at least 1, got \(filters)") }
        guard kernelSize.count == spatialRank, kernelSize.allSatisfy({ $0 >= 1 }) else {
            throw EngineError.value("\(typeName): kernelSize \(kernelSize) is not \(spatialRank) positive sizes")
        }
        guard channels % groups == 0, filters % groups == 0 else {
            throw EngineError.value("\(typeName): \(channels) input channels and \(filters) filters do not divide into \(groups) groups")
        }
        // Checked first: a kernel of 2^62 × 2^62 must be a MemoryError, not an overflow.
        _ = try Tensor.scalarCount(of: [filters, channels / groups] + kernelSize, op: typeName)
        guard let area = Tensor.checkedProduct(kernelSize) else {
            throw EngineError.memory(requestedBytes: Int.max, limitBytes: EngineLimits.maximumTensorBytes)
        }
        weight = Parameter(try initializer.make([filters, channels / groups] + kernelSize,
                                                fanIn: channels / groups * area, fanOut: filters / groups * area))
        if useBias { bias = Parameter(try Tensor(zeros: [filters])) }
    }

    public func materialize(from tensors: [String: Tensor]) throws -> Bool {
        guard weight == nil, let w = tensors["weight"], w.rank == spatialRank + 2 else { return false }
        try build(channels: w.shape[1] * groups)
        return true
    }
    public func unbuild() { weight = nil; bias = nil }

    public func forward(_ input: Tensor) throws -> Tensor {
        guard input.rank == spatialRank + 2 else {
            throw EngineError.invalidShape(op: name ?? typeName, shape: input.shape,
                                           reason: "is not a batch [N, C\(spatialRank == 1 ? ", L" : spatialRank == 2 ? ", H, W" : ", D, H, W")]")
        }
        if weight == nil { try build(channels: input.shape[1]) }
        guard let weight else { return input }
        if weight.value.shape[1] * groups != input.shape[1] {
            throw EngineError.shape(op: name ?? typeName, lhs: input.shape, rhs: weight.value.shape)
        }
        return try convolution(input, filter: weight.forwardValue, bias: bias?.forwardValue, strides: stride,
                               padding: padding, dilations: dilation, groups: groups, activation: activation)
    }
}

/// 2-D convolution layer (PyTorch's Conv2d layout).
public final class Conv2D: ConvolutionLayer {
    /// A Conv2D with `filters` output channels; input channels are inferred on first call.
    public init(filters: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .valid, dilation: Int = 1,
                groups: Int = 1, activation: Activation = .identity, useBias: Bool = true,
                initializer: Initializer = .heUniform, name: String? = nil) {
        super.init(spatialRank: 2, filters: filters, kernelSize: [kernelSize], stride: [stride], padding: padding,
                   dilation: [dilation], groups: groups, activation: activation, useBias: useBias,
                   initializer: initializer, name: name)
    }
    /// A Conv2D with a rectangular kernel [kh, kw] and strides [sh, sw].
    public init(filters: Int, kernelSize: [Int], stride: [Int] = [1], padding: Padding = .valid, dilation: [Int] = [1],
                groups: Int = 1, activation: Activation = .identity, useBias: Bool = true,
                initializer: Initializer = .heUniform, name: String? = nil) {
        super.init(spatialRank: 2, filters: filters, kernelSize: kernelSize, stride: stride, padding: padding,
                   dilation: dilation, groups: groups, activation: activation, useBias: useBias,
                   initializer: initializer, name: name)
    }
}

/// 1-D convolution layer over [N, C, L].
public final class Conv1D: ConvolutionLayer {
    /// A Conv1D with `filters` output channels.
    public init(filters: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .valid, dilation: Int = 1,
                groups: Int = 1, activation: Activation = .identity, useBias: Bool = true,
                initializer: Initializer = .heUniform, name: String? = nil) {
        super.init(spatialRank: 1, filters: filters, kernelSize: [kernelSize], stride: [stride], padding: padding,
                   dilation: [dilation], groups: groups, activation: activation, useBias: useBias,
                   initializer: initializer, name: name)
    }
}

/// 3-D convolution layer over [N, C, D, H, W].
public final class Conv3D: ConvolutionLayer {
    /// A Conv3D with `filters` output channels.
    public init(filters: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .valid, dilation: Int = 1,
                groups: Int = 1, activation: Activation = .identity, useBias: Bool = true,
                initializer: Initializer = .heUniform, name: String? = nil) {
        super.init(spatialRank: 3, filters: filters, kernelSize: [kernelSize], stride: [stride], padding: padding,
                   dilation: [dilation], groups: groups, activation: activation, useBias: useBias,
                   initializer: initializer, name: name)
    }
}

/// Depthwise 2-D convolution: each input channel convolved with its own
/// `depthMultiplier` filters (groups = channels; weight [C·m, 1, kh, kw]).
public final class DepthwiseConv2D: Layer {
    public let kernelSize: Int, stride: Int, padding: Padding, dilation: Int, depthMultiplier: Int
    public let activation: Activation, useBias: Bool, initializer: Initializer
    public let name: String?
    private var conv: Conv2D?

    /// A depthwise convolution; channels are inferred on first call.
    public init(kernelSize: Int, stride: Int = 1, padding: Padding = .valid, dilation: Int = 1, depthMultiplier: Int = 1,
                activation: Activation = .identity, useBias: Bool = true, initializer: Initializer = .heUniform, name: String? = nil) {
        self.kernelSize = kernelSize; self.stride = stride; self.padding = padding; self.dilation = dilation
        self.depthMultiplier = depthMultiplier; self.activation = activation; self.useBias = useBias
        self.initializer = initializer; self.name = name
    }

    public var typeName: String { "DepthwiseConv2D" }
    public var parameters: [(name: String, parameter: Parameter)] { conv?.parameters ?? [] }
    public var window: (kernel: Int, stride: Int, dilation: Int)? { (kernelSize, stride, dilation) }

    public func materialize(from tensors: [String: Tensor]) throws -> Bool {
        guard conv == nil, let w = tensors["weight"], w.rank == 4, depthMultiplier >= 1 else { return false }
        try makeConv(channels: w.shape[0] / depthMultiplier)
        return try conv!.materialize(from: tensors)
    }
    public func unbuild() { conv = nil }

    public func forward(_ input: Tensor) throws -> Tensor {
        try requireRank(input, 4...4, name ?? typeName, "a batch [N, C, H, W]")
        if conv == nil { try makeConv(channels: input.shape[1]) }
        return try conv!.forward(input)
    }

    private func makeConv(channels: Int) throws {
        do {
            guard depthMultiplier >= 1 else { throw EngineError.value("DepthwiseConv2D: depthMultiplier must be at least 1") }
            conv = Conv2D(filters: channels * depthMultiplier, kernelSize: kernelSize, stride: stride, padding: padding,
                          dilation: dilation, groups: channels, activation: activation, useBias: useBias,
                          initializer: initializer)
        }
    }
}

/// Depthwise-separable 2-D convolution (Chollet 2017): a depthwise convolution then a 1×1
/// pointwise one; children "depthwise" and "pointwise".
public final class SeparableConv2D: Layer {
    public let name: String?
    public let depthwise: DepthwiseConv2D
    public let pointwise: Conv2D

    /// A separable convolution with `filters` outputs.
    public init(filters: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .valid, dilation: Int = 1,
                depthMultiplier: Int = 1, activation: Activation = .identity, useBias: Bool = true,
                initializer: Initializer = .heUniform, name: String? = nil) {
        self.name = name
        depthwise = DepthwiseConv2D(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                                    depthMultiplier: depthMultiplier, useBias: false, initializer: initializer)
        pointwise = Conv2D(filters: filters, kernelSize: 1, activation: activation, useBias: useBias, initializer: initializer)
    }

    public var typeName: String { "SeparableConv2D" }
    public var children: [(name: String, layer: Layer)] { [("depthwise", depthwise), ("pointwise", pointwise)] }
    public func forward(_ input: Tensor) throws -> Tensor { try pointwise(depthwise(input)) }
}

/// Transposed 2-D convolution (PyTorch's ConvTranspose2d: weight [in, filters, kh, kw]),
/// for decoders and segmentation; `.same` padding gives an output `stride` times larger.
public final class ConvTranspose2D: Layer {
    public let filters: Int, kernelSize: Int, stride: Int, padding: Padding, outputPadding: Int, dilation: Int
    public let activation: Activation, useBias: Bool, initializer: Initializer
    public let name: String?
    public private(set) var weight: Parameter?
    public private(set) var bias: Parameter?

    /// A transposed convolution with `filters` output channels.
    public init(filters: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .valid, outputPadding: Int = 0,
                dilation: Int = 1, activation: Activation = .identity, useBias: Bool = true,
                initializer: Initializer = .heUniform, name: String? = nil) {
        self.filters = filters; self.kernelSize = kernelSize; self.stride = stride; self.padding = padding
        self.outputPadding = outputPadding; self.dilation = dilation; self.activation = activation
        self.useBias = useBias; self.initializer = initializer; self.name = name
    }

    public var typeName: String { "ConvTranspose2D" }
    public var parameters: [(name: String, parameter: Parameter)] { weightAndBias(weight, bias) }

    public func materialize(from tensors: [String: Tensor]) throws -> Bool {
        guard weight == nil, let w = tensors["weight"], w.rank == 4 else { return false }
        try build(channels: w.shape[0])
        return true
    }
    public func unbuild() { weight = nil; bias = nil }

    public func forward(_ input: Tensor) throws -> Tensor {
        try requireRank(input, 4...4, name ?? typeName, "a batch [N, C, H, W]")
        if weight == nil { try build(channels: input.shape[1]) }
        let y = try transposedConv2d(input, filter: weight!.forwardValue, bias: bias?.forwardValue, stride: stride,
                                     padding: padding, outputPadding: outputPadding, dilation: dilation)
        return try activation.apply(y)
    }

    private func build(channels c: Int) throws {
        do {
            guard filters >= 1, kernelSize >= 1 else { throw EngineError.value("ConvTranspose2D: filters and kernelSize must be positive") }
            _ = try Tensor.scalarCount(of: [c, filters, kernelSize, kernelSize], op: typeName)
            guard let area = Tensor.checkedProduct([kernelSize, kernelSize]) else {
                throw EngineError.memory(requestedBytes: Int.max, limitBytes: EngineLimits.maximumTensorBytes)
            }
            // PyTorch computes the fans of this weight from its [in, out, k, k] layout as given.
            weight = Parameter(try initializer.make([c, filters, kernelSize, kernelSize], fanIn: filters * area, fanOut: c * area))
            if useBias { bias = Parameter(try Tensor(zeros: [filters])) }
        }
    }
}
