/// The Python that every exported module file starts with: imports, and the few helpers that
/// give PyTorch's modules Stride's behaviour without changing their parameter names
/// (an activation fused into a layer, `.same` padding at any stride, pooling pads).
enum PyTorchHelpers {
    static let source = #"""
from collections import OrderedDict
from functools import partial
import math
import pathlib

import torch
from torch import nn
import torch.nn.functional as F
from safetensors.torch import load_file

# The weights exported beside this file.
WEIGHTS = pathlib.Path(__file__).with_suffix(".safetensors")


def activated(module, activation):
    """Applies `activation` to the module's output (Stride fuses it into the layer); the
    module's parameters keep their names."""
    module.register_forward_hook(lambda _module, _inputs, output: activation(output))
    return module


def softmax_classes(x):
    """Softmax along the class axis: 1, or 0 for a single vector."""
    return F.softmax(x, dim=1 if x.dim() > 1 else 0)


def same_pads(sizes, kernel, stride, dilation):
    """Stride's `.same` padding (TensorFlow's rule): ceil(size / stride) outputs, the odd
    pad unit after; as F.pad's list, last axis first."""
    pads = []
    for size, k, s, d in reversed(list(zip(sizes, kernel, stride, dilation))):
        out = (size + s - 1) // s
        total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
        pads += [total // 2, total - total // 2]
    return pads


def same_padded(module, kernel, stride, dilation):
    """Pads the convolution's input by `same_pads` before it runs."""
    def pad(_module, inputs):
        x = inputs[0]
        return (F.pad(x, same_pads(x.shape[2:], kernel, stride, dilation)),)
    module.register_forward_pre_hook(pad)
    return module


def cropped(module, begin, end):
    """Cuts `begin` and `end` positions off each spatial axis of the output (a transposed
    convolution's padding when the two sides differ)."""
    def crop(_module, _inputs, y):
        return y[(..., *[slice(b, y.shape[2 + axis] - e) for axis, (b, e) in enumerate(zip(begin, end))])]
    module.register_forward_hook(crop)
    return module


def token_ids(module):
    """Stride keeps token ids as floats; the embedding looks up integers."""
    module.register_forward_pre_hook(lambda _module, inputs: (inputs[0].long(),))
    return module


class Container(nn.Module):
    """Layers held together under their names (an array property of a user type)."""

    def __init__(self, layers):
        super().__init__()
        for name, layer in layers.items():
            self.add_module(name, layer)


class BatchNorm(nn.modules.batchnorm._BatchNorm):
    """Batch normalization over axis 1 of [N, C, ...] of any rank, as Stride's BatchNorm."""

    def _check_input_dim(self, input):
        if input.dim() < 2:
            raise ValueError(f"BatchNorm expects [N, C, ...], got {tuple(input.shape)}")


class Pool(nn.Module):
    """Max or average pooling with Stride's padding: "valid", "same", or explicit sizes
    (counted in an average's divisor, as PyTorch counts them; "same" pads are not)."""

    def __init__(self, kind, size, stride, padding):
        super().__init__()
        self.kind, self.size, self.stride, self.padding = kind, size, stride, padding

    def forward(self, x):
        rank = x.dim() - 2
        if self.padding == "valid":
            pads = [0] * (2 * rank)
        elif self.padding == "same":
            pads = same_pads(x.shape[2:], [self.size] * rank, [self.stride] * rank, [1] * rank)
        else:
            each = self.padding * rank if len(self.padding) == 1 else self.padding
            pads = [p for p in reversed(each) for _ in (0, 1)]
        if self.kind == "max":
            return getattr(F, f"max_pool{rank}d")(F.pad(x, pads, value=-math.inf), self.size, self.stride)
        average = getattr(F, f"avg_pool{rank}d")
        mean = average(F.pad(x, pads), self.size, self.stride)
        if self.padding == "same":
            # The share of each window that lies inside the input.
            mean = mean / average(F.pad(torch.ones_like(x[:1, :1]), pads), self.size, self.stride)
        return mean


class GlobalPool(nn.Module):
    """The mean or maximum over all spatial axes: [N, C, ...] to [N, C]."""

    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def forward(self, x):
        flat = x.flatten(2)
        return flat.mean(-1) if self.kind == "avg" else flat.amax(-1)


class Reshape(nn.Module):
    """Each sample to `shape` (the batch axis kept)."""

    def __init__(self, shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)


class Residual(nn.Module):
    """activation(layers(x) + shortcut(x)), the shortcut a projection when given."""

    def __init__(self, layers, projection=None, activation=None):
        super().__init__()
        self.names = list(layers)
        for name, layer in layers.items():
            self.add_module(name, layer)
        self.projection = projection
        self.activation = activation

    def forward(self, x):
        y = x
        for name in self.names:
            y = self._modules[name](y)
        y = y + (self.projection(x) if self.projection is not None else x)
        return self.activation(y) if self.activation is not None else y


class Concat(nn.Module):
    """Branches on the same input, joined along `axis`."""

    def __init__(self, branches, axis=1):
        super().__init__()
        for name, branch in branches.items():
            self.add_module(name, branch)
        self.axis = axis

    def forward(self, x):
        return torch.cat([branch(x) for branch in self.children()], dim=self.axis)


class DenseBlock(nn.Module):
    """DenseNet: each unit sees the concatenation of the input and all earlier outputs."""

    def __init__(self, units):
        super().__init__()
        for name, unit in units.items():
            self.add_module(name, unit)

    def forward(self, x):
        features = [x]
        for unit in self.children():
            features.append(unit(torch.cat(features, dim=1)))
        return torch.cat(features, dim=1)


class SqueezeExcite(nn.Module):
    """Channel weights sigmoid(fc2(relu(fc1(mean of x)))) multiplied into x."""

    def __init__(self, fc1, fc2):
        super().__init__()
        self.fc1, self.fc2 = fc1, fc2

    def forward(self, x):
        w = torch.sigmoid(self.fc2(F.relu(self.fc1(x.flatten(2).mean(-1)))))
        return x * w.reshape(*w.shape, *([1] * (x.dim() - 2)))


class PrimaryCapsules(nn.Module):
    """A convolution regrouped into capsule vectors, squashed."""

    def __init__(self, conv, capsules, dimension):
        super().__init__()
        self.conv, self.capsules, self.dimension = conv, capsules, dimension

    def forward(self, x):
        y = self.conv(x)
        n, _, h, w = y.shape
        s = y.reshape(n, self.capsules, self.dimension, h, w).permute(0, 1, 3, 4, 2)
        s = s.reshape(n, self.capsules * h * w, self.dimension)
        n2 = (s * s).sum(-1, keepdim=True)
        return s * (n2 / ((n2 + 1) * torch.sqrt(n2 + 1e-8)))
"""#
}
