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
        for axis in 0..<3 {
            let extent = (k[axis] - 1) * d[axis] + 1
            switch padding {
            case .valid:
                output[axis] = size[axis] >= extent ? (size[axis] - extent) / s[axis] + 1 : 0
            case .same:
                output[axis] = (size[axis] + s[axis] - 1) / s[axis]
                let total = Swift.max((output[axis] - 1) * s[axis] + extent - size[axis], 0)
                before[axis] = total / 2
            case .explicit(let pads):
                let p = try expand(pads, rank: rank, fill: 0, name: "padding", op: op)
                if p[axis] < 0 { throw EngineError.value("\(op): padding must not be negative") }
                before[axis] = p[axis]
                let padded = size[axis] + 2 * p[axis]
                output[axis] = padded >= extent ? (padded - extent) / s[axis] + 1 : 0
            }
        }
        if output.contains(0) {
            throw EngineError.invalidShape(op: op, shape: inputShape,
                                           reason: "is smaller than the window (kernel \(Array(k.suffix(rank))), dilation \(Array(d.suffix(rank))))")
        }
        let channels = inputShape[1]
        guard groups >= 1, channels % groups == 0, outChannels % groups == 0 else {
            throw EngineError.value("\(op): \(channels) input and \(outChannels) output channels do not divide into \(groups) groups")
        }
        return ConvGeometry(batch: inputShape[0], inChannels: channels, outChannels: outChannels, groups: groups,
                            spatialRank: rank, input: size, kernel: k, stride: s, dilation: d,
                            padBefore: before, output: output)
    }

    /// [N, C, spatial...] for `channels` channels of output size.
    func outputShape(channels: Int) -> [Int] { [batch, channels] + output.suffix(spatialRank) }
    func inputShape() -> [Int] { [batch, inChannels] + input.suffix(spatialRank) }
}
