// The benchmark's networks, the same as bench_torch.py builds in PyTorch.
import StrideEngine

/// LeNet-5 on 28×28 images.
func lenet() -> Sequential {
    Sequential {
        Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu, name: "conv1")
        MaxPool2D(size: 2)
        Conv2D(filters: 16, kernelSize: 5, activation: .relu, name: "conv2")
        MaxPool2D(size: 2)
        Flatten()
        Dense(units: 120, activation: .relu)
        Dense(units: 84, activation: .relu)
        Dense(units: 10)
    }
}

/// A basic residual block (two 3×3 convolutions with BatchNorm; a 1×1 projection when the
/// shape changes, which `Residual` adds itself).
func block(_ filters: Int, stride: Int) -> Residual {
    Residual(activation: .relu) {
        Conv2D(filters: filters, kernelSize: 3, stride: stride, padding: .same, useBias: false)
        BatchNorm(); ReLU()
        Conv2D(filters: filters, kernelSize: 3, padding: .same, useBias: false)
        BatchNorm()
    }
}

/// A CIFAR ResNet: a stem and three stages of 16, 32 and 64 channels with `blocks` blocks
/// each (1: ResNet-8, 3: ResNet-20).
func resnet(blocks: Int) -> Sequential {
    var layers: [Layer] = [Conv2D(filters: 16, kernelSize: 3, padding: .same, useBias: false), BatchNorm(), ReLU()]
    for (stage, filters) in [16, 32, 64].enumerated() {
        for b in 0..<blocks { layers.append(block(filters, stride: stage > 0 && b == 0 ? 2 : 1)) }
    }
    layers += [GlobalAvgPool2D(), Dense(units: 10)]
    return Sequential(layers)
}

/// A depthwise-separable (MobileNet-style) net on 32×32×3: a 3×3 stem, then four blocks of
/// a depthwise 3×3 and a pointwise 1×1 convolution, each with BatchNorm and ReLU.
func mobilenet() -> Sequential {
    var layers: [Layer] = [Conv2D(filters: 32, kernelSize: 3, padding: .same, useBias: false), BatchNorm(), ReLU()]
    var channels = 32
    for (filters, stride) in [(64, 1), (128, 2), (128, 1), (256, 2)] {
        layers += [Conv2D(filters: channels, kernelSize: 3, stride: stride, padding: .same, groups: channels,
                          useBias: false),
                   BatchNorm(), ReLU(),
                   Conv2D(filters: filters, kernelSize: 1, useBias: false), BatchNorm(), ReLU()]
        channels = filters
    }
    layers += [GlobalAvgPool2D(), Dense(units: 10)]
    return Sequential(layers)
}
