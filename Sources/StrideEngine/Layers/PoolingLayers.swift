/// Max or average pooling over 1 to 3 spatial axes.
public class PoolingLayer: Layer {
    public let size: Int, stride: Int, padding: Padding
    public let name: String?
    let spatialRank: Int, isMax: Bool

    init(spatialRank: Int, isMax: Bool, size: Int, stride: Int?, padding: Padding, name: String?) {
        self.spatialRank = spatialRank; self.isMax = isMax; self.size = size
        self.stride = stride ?? size; self.padding = padding; self.name = name
    }
    public var typeName: String { (isMax ? "MaxPool" : "AvgPool") + "\(spatialRank)D" }
    public var window: (kernel: Int, stride: Int, dilation: Int)? { (size, stride, 1) }
    public func forward(_ input: Tensor) throws -> Tensor {
        try requireRank(input, (spatialRank + 2)...(spatialRank + 2), name ?? typeName, "a batch with \(spatialRank) spatial axes")
        return isMax ? try maxPool(input, size: [size], stride: [stride], padding: padding)
                     : try avgPool(input, size: [size], stride: [stride], padding: padding)
    }
}

/// 2-D max pooling; the stride defaults to the size.
public final class MaxPool2D: PoolingLayer {
    public init(size: Int, stride: Int? = nil, padding: Padding = .valid, name: String? = nil) {
        super.init(spatialRank: 2, isMax: true, size: size, stride: stride, padding: padding, name: name)
    }
}
/// 2-D average pooling; the stride defaults to the size.
public final class AvgPool2D: PoolingLayer {
    public init(size: Int, stride: Int? = nil, padding: Padding = .valid, name: String? = nil) {
        super.init(spatialRank: 2, isMax: false, size: size, stride: stride, padding: padding, name: name)
    }
}
/// 1-D max pooling.
public final class MaxPool1D: PoolingLayer {
    public init(size: Int, stride: Int? = nil, padding: Padding = .valid, name: String? = nil) {
        super.init(spatialRank: 1, isMax: true, size: size, stride: stride, padding: padding, name: name)
    }
}
/// 1-D average pooling.
public final class AvgPool1D: PoolingLayer {
    public init(size: Int, stride: Int? = nil, padding: Padding = .valid, name: String? = nil) {
        super.init(spatialRank: 1, isMax: false, size: size, stride: stride, padding: padding, name: name)
    }
}
/// 3-D max pooling.
public final class MaxPool3D: PoolingLayer {
    public init(size: Int, stride: Int? = nil, padding: Padding = .valid, name: String? = nil) {
        super.init(spatialRank: 3, isMax: true, size: size, stride: stride, padding: padding, name: name)
    }
}
/// 3-D average pooling.
public final class AvgPool3D: PoolingLayer {
    public init(size: Int, stride: Int? = nil, padding: Padding = .valid, name: String? = nil) {
        super.init(spatialRank: 3, isMax: false, size: size, stride: stride, padding: padding, name: name)
    }
}

/// Mean or maximum over all spatial axes: [N, C, ...] → [N, C].
public class GlobalPoolingLayer: Layer {
    public let name: String?
    let spatialRank: Int, isMax: Bool
    init(spatialRank: Int, isMax: Bool, name: String?) { self.spatialRank = spatialRank; self.isMax = isMax; self.name = name }
    public var typeName: String { (isMax ? "GlobalMaxPool" : "GlobalAvgPool") + "\(spatialRank)D" }
    public func forward(_ input: Tensor) throws -> Tensor {
        try requireRank(input, (spatialRank + 2)...(spatialRank + 2), name ?? typeName, "a batch with \(spatialRank) spatial axes")
        return isMax ? try globalMaxPool(input) : try globalAvgPool(input)
    }
}
/// Global average pooling of [N, C, H, W].
public final class GlobalAvgPool2D: GlobalPoolingLayer { public init(name: String? = nil) { super.init(spatialRank: 2, isMax: false, name: name) } }
/// Global max pooling of [N, C, H, W].
public final class GlobalMaxPool2D: GlobalPoolingLayer { public init(name: String? = nil) { super.init(spatialRank: 2, isMax: true, name: name) } }
/// Global average pooling of [N, C, L].
public final class GlobalAvgPool1D: GlobalPoolingLayer { public init(name: String? = nil) { super.init(spatialRank: 1, isMax: false, name: name) } }
/// Global max pooling of [N, C, L].
public final class GlobalMaxPool1D: GlobalPoolingLayer { public init(name: String? = nil) { super.init(spatialRank: 1, isMax: true, name: name) } }
/// Global average pooling of [N, C, D, H, W].
public final class GlobalAvgPool3D: GlobalPoolingLayer { public init(name: String? = nil) { super.init(spatialRank: 3, isMax: false, name: name) } }
/// Global max pooling of [N, C, D, H, W].
public final class GlobalMaxPool3D: GlobalPoolingLayer { public init(name: String? = nil) { super.init(spatialRank: 3, isMax: true, name: name) } }
