/// How a convolution or pooling window treats the border.
public enum Padding: Equatable, Sendable {
    /// No padding: the window stays inside the input.
    case valid
    /// Output size ceil(input / stride); the padding is split evenly, the extra unit after
    /// (TensorFlow's rule, which equals PyTorch's `padding='same'` at stride 1).
    case same
    /// Explicit symmetric padding per spatial axis (one value applies to every axis).
    case explicit([Int])
}

/// Sizes of an N-d (1 to 3 spatial axes) convolution or pooling window, every axis kept
/// as three entries (depth, height, width) with missing leading axes of size 1.
struct ConvGeometry: Equatable {
    var batch: Int
    var inChannels: Int
    var outChannels: Int
    var groups: Int
    var spatialRank: Int
    var input: [Int]       // d, h, w
    var kernel: [Int]
    var stride: [Int]
    var dilation: [Int]
    var padBefore: [Int]
    var output: [Int]

    var inPlane: Int { input[0] * input[1] * input[2] }
    var outPlane: Int { output[0] * output[1] * output[2] }
    var kernelVolume: Int { kernel[0] * kernel[1] * kernel[2] }
    /// Rows of the im2col matrix: one per (input channel, kernel offset).
    var colRows: Int { inChannels * kernelVolume }

    /// Pads a per-axis list of `spatialRank` values to three, with `fill` in front.
    static func expand(_ values: [Int], rank: Int, fill: Int, name: String, op: String) throws -> [Int] {
        let list = values.count == 1 ? [Int](repeating: values[0], count: rank) : values
        guard list.count == rank else {
            throw EngineError.value("\(op): \(name) needs 1 or \(rank) values, got \(values.count)")
        }
        return [Int](repeating: fill, count: 3 - rank) + list
    }

    /// The geometry of a window sliding over `inputShape` ([N, C, spatial...]).
    static func make(op: String, inputShape: [Int], outChannels: Int, kernel: [Int], stride: [Int],
                     dilation: [Int], padding: Padding, groups: Int = 1) throws -> ConvGeometry {
        let rank = inputShape.count - 2
        guard (1...3).contains(rank) else {
            throw EngineError.invalidShape(op: op, shape: inputShape, reason: "is not a batch of 1-D, 2-D or 3-D inputs [N, C, ...]")
        }
        let k = try expand(kernel, rank: rank, fill: 1, name: "kernel size", op: op)
        let s = try expand(stride, rank: rank, fill: 1, name: "stride", op: op)
        let d = try expand(dilation, rank: rank, fill: 1, name: "dilation", op: op)
        if k.contains(where: { $0 < 1 }) || s.contains(where: { $0 < 1 }) || d.contains(where: { $0 < 1 }) {
            throw EngineError.value("\(op): kernel size, stride and dilation must be positive")
        }
        let size = [Int](repeating: 1, count: 3 - rank) + inputShape[2...]
        var before = [0, 0, 0], output = [1, 1, 1]
        let tooSmall = EngineError.invalidShape(op: op, shape: inputShape,
            reason: "is smaller than the window (kernel \(Array(k.suffix(rank))), dilation \(Array(d.suffix(rank))))")
        for axis in 0..<3 {
            // Every size here comes from the user: arithmetic that overflows means a window
            // larger than any input, which PyTorch refuses too.
            guard let extent = sum(product(k[axis] - 1, d[axis]), 1) else {
                throw tooSmall
            }
            switch padding {
            case .valid:
                output[axis] = size[axis] >= extent ? (size[axis] - extent) / s[axis] + 1 : 0
            case .same:
                output[axis] = size[axis] == 0 ? 0 : (size[axis] - 1) / s[axis] + 1
                // (output - 1) * stride < size, so only adding the extent can overflow.
                guard let reach = sum((output[axis] - 1) * s[axis], extent) else {
                    throw tooSmall
                }
                before[axis] = Swift.max(reach - size[axis], 0) / 2
            case .explicit(let pads):
                let p = try expand(pads, rank: rank, fill: 0, name: "padding", op: op)
                if p[axis] < 0 { throw EngineError.value("\(op): padding must not be negative") }
                before[axis] = p[axis]
                guard let padded = sum(size[axis], product(p[axis], 2)) else {
                    throw EngineError.value("\(op): padding \(p[axis]) is too large")
                }
                output[axis] = padded >= extent ? (padded - extent) / s[axis] + 1 : 0
            }
        }
        if output.contains(0) { throw tooSmall }
        // A stride along an axis of one output position, and a dilation along a kernel of one
        // position, change nothing: they are set to 1, so that the kernels' index arithmetic
        // stays within the input's size however large the user's values (`stride: Int.max`).
        var (strides, dilations) = (s, d)
        for axis in 0..<3 {
            if output[axis] == 1 { strides[axis] = 1 }
            if k[axis] == 1 { dilations[axis] = 1 }
        }
        let channels = inputShape[1]
        guard groups >= 1, groups <= Swift.max(channels, 1), channels % groups == 0, outChannels % groups == 0 else {
            throw EngineError.value("\(op): \(channels) input and \(outChannels) output channels do not divide into \(groups) groups")
        }
        return ConvGeometry(batch: inputShape[0], inChannels: channels, outChannels: outChannels, groups: groups,
                            spatialRank: rank, input: size, kernel: k, stride: strides, dilation: dilations,
                            padBefore: before, output: output)
    }

    /// Refuses a convolution whose column matrices (one row per input channel and kernel
    /// offset, one column per output position) cannot be counted in an Int for the whole
    /// batch, or whose one-sample matrix alone exceeds the memory limit: the kernels size
    /// their buffers from these products before allocating.
    func checkColumns() throws {
        guard let perSample = ConvGeometry.product(colRows, outPlane),
              ConvGeometry.product(perSample, batch) != nil else {
            throw EngineError.memory(requestedBytes: Int.max, limitBytes: EngineLimits.maximumTensorBytes)
        }
        try EngineLimits.checkAllocation(scalarCount: perSample)
        if let large = [colRows, outPlane, outChannels].first(where: { $0 > Int(Int32.max) }) {
            throw EngineError.value("convolution: a matrix size of \(large) is above \(Int32.max), the largest that BLAS multiplies")
        }
    }

    /// The output size and the padding before of a transposed convolution along one axis
    /// (PyTorch's ConvTranspose rule, `.same` giving size × stride), checked like `make`.
    static func transposed(op: String, inputShape: [Int], size: Int, kernel: Int, stride: Int, dilation: Int,
                           padding: Padding, axis: Int, outputPadding: Int) throws -> (size: Int, padBefore: Int) {
        let tooLarge = EngineError.invalidShape(op: op, shape: inputShape,
                                                reason: "gives an output too large to count (stride \(stride), dilation \(dilation))")
        guard let extent = sum(product(kernel - 1, dilation), 1), let spread = product(size - 1, stride) else { throw tooLarge }
        var out: Int?, pad = 0
        switch padding {
        case .valid:
            out = sum(spread, extent, outputPadding)
        case .same:
            out = product(size, stride)
            guard let out, let reach = sum(spread, extent) else { throw tooLarge }
            pad = Swift.max(reach - out, 0) / 2
        case .explicit(let p):
            pad = try expand(p, rank: 2, fill: 0, name: "padding", op: op)[1 + axis]
            if pad < 0 { throw EngineError.value("\(op): padding must not be negative") }
            out = sum(spread, extent, outputPadding, product(pad, -2))
        }
        guard let out else { throw tooLarge }
        if out < 1 { throw EngineError.invalidShape(op: op, shape: inputShape, reason: "gives an empty output") }
        return (out, pad)
    }

    /// `a × b`, or nil when it overflows (sizes from the user are multiplied only this way).
    static func product(_ a: Int?, _ b: Int?) -> Int? {
        guard let a, let b else { return nil }
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : result
    }

    /// The sum of `terms`, or nil when any is nil or the sum overflows.
    static func sum(_ terms: Int?...) -> Int? {
        var total = 0
        for term in terms {
            guard let term else { return nil }
            let (result, overflow) = total.addingReportingOverflow(term)
            if overflow { return nil }
            total = result
        }
        return total
    }

    /// [N, C, spatial...] for `channels` channels of output size.
    func outputShape(channels: Int) -> [Int] { [batch, channels] + output.suffix(spatialRank) }
    func inputShape() -> [Int] { [batch, inChannels] + input.suffix(spatialRank) }
}
