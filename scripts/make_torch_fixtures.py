#!/usr/bin/env python3
"""Generates the PyTorch reference tensors that StrideEngine's tests compare against.

Each case stores its inputs, PyTorch's outputs and PyTorch's gradients of
sum(output * r), where r is a fixed random tensor stored as "r", so that every output
element influences the gradients. Run from the repository root:

    python3 scripts/make_torch_fixtures.py

and commit Tests/StrideEngineTests/Fixtures/torch/*.safetensors.
"""
import collections
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "StrideEngineTests", "Fixtures", "torch")
torch.manual_seed(0)


def randn(*shape):
    return torch.randn(*shape, dtype=torch.float32)


def save(name, tensors):
    tensors = {k: v.detach().to(torch.float32).contiguous() for k, v in tensors.items()}
    save_file(tensors, os.path.join(OUT, name + ".safetensors"))


def grads_of(fn, inputs):
    """Output of fn(*inputs) and the gradients of sum(output * r) for every input."""
    leaves = [t.clone().requires_grad_(True) for t in inputs]
    y = fn(*leaves)
    r = randn(*y.shape)
    (y * r).sum().backward()
    return y, r, [t.grad for t in leaves]


def conv_cases():
    out = {}
    cases = [
        ("conv2d_stride2_pad1", randn(2, 3, 7, 6), randn(4, 3, 3, 3), dict(stride=2, padding=1)),
        ("conv2d_dilation2", randn(2, 3, 8, 8), randn(2, 3, 3, 3), dict(dilation=2)),
        ("conv2d_groups2", randn(2, 4, 6, 6), randn(6, 2, 3, 3), dict(padding=1, groups=2)),
        ("conv2d_depthwise", randn(2, 3, 5, 5), randn(3, 1, 3, 3), dict(padding="same", groups=3)),
        ("conv2d_same", randn(1, 2, 6, 5), randn(3, 2, 5, 5), dict(padding="same")),
    ]
    for name, x, w, kw in cases:
        b = randn(w.shape[0])
        y, r, (gx, gw, gb) = grads_of(lambda x, w, b: F.conv2d(x, w, b, **kw), [x, w, b])
        out.update({f"{name}.x": x, f"{name}.w": w, f"{name}.b": b, f"{name}.y": y, f"{name}.r": r,
                    f"{name}.gx": gx, f"{name}.gw": gw, f"{name}.gb": gb})
    x, w, b = randn(2, 3, 10), randn(4, 3, 3), randn(4)
    y, r, (gx, gw, gb) = grads_of(lambda x, w, b: F.conv1d(x, w, b, stride=2, padding=1), [x, w, b])
    out.update({"conv1d.x": x, "conv1d.w": w, "conv1d.b": b, "conv1d.y": y, "conv1d.r": r,
                "conv1d.gx": gx, "conv1d.gw": gw, "conv1d.gb": gb})
    x, w, b = randn(1, 2, 5, 5, 4), randn(3, 2, 2, 3, 2), randn(3)
    y, r, (gx, gw, gb) = grads_of(lambda x, w, b: F.conv3d(x, w, b, padding=1), [x, w, b])
    out.update({"conv3d.x": x, "conv3d.w": w, "conv3d.b": b, "conv3d.y": y, "conv3d.r": r,
                "conv3d.gx": gx, "conv3d.gw": gw, "conv3d.gb": gb})
    x, w, b = randn(2, 3, 4, 5), randn(3, 2, 3, 3), randn(2)
    y, r, (gx, gw, gb) = grads_of(
        lambda x, w, b: F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1), [x, w, b])
    out.update({"convT.x": x, "convT.w": w, "convT.b": b, "convT.y": y, "convT.r": r,
                "convT.gx": gx, "convT.gw": gw, "convT.gb": gb})
    save("conv", out)


def pool_cases():
    out = {}
    x = randn(2, 3, 7, 6)
    cases = {
        "max2": lambda t: F.max_pool2d(t, 2),
        "max3s2p1": lambda t: F.max_pool2d(t, 3, stride=2, padding=1),
        "avg2": lambda t: F.avg_pool2d(t, 2),
        "avg3s2p1": lambda t: F.avg_pool2d(t, 3, stride=2, padding=1),
        "gap": lambda t: F.adaptive_avg_pool2d(t, 1).flatten(1),
        "gmp": lambda t: F.adaptive_max_pool2d(t, 1).flatten(1),
        "up2": lambda t: F.interpolate(t, scale_factor=2, mode="nearest"),
    }
    out["x"] = x
    for name, fn in cases.items():
        y, r, (gx,) = grads_of(fn, [x])
        out.update({f"{name}.y": y, f"{name}.r": r, f"{name}.gx": gx})
    x1 = randn(2, 3, 9)
    y, r, (gx,) = grads_of(lambda t: F.max_pool1d(t, 3, stride=2), [x1])
    out.update({"max1d.x": x1, "max1d.y": y, "max1d.r": r, "max1d.gx": gx})
    x3 = randn(1, 2, 4, 4, 6)
    y, r, (gx,) = grads_of(lambda t: F.avg_pool3d(t, 2), [x3])
    out.update({"avg3d.x": x3, "avg3d.y": y, "avg3d.r": r, "avg3d.gx": gx})
    save("pool", out)


def dense_norm_cases():
    out = {}
    x, w, b = randn(5, 7), randn(4, 7), randn(4)
    y, r, (gx, gw, gb) = grads_of(lambda x, w, b: F.linear(x, w, b), [x, w, b])
    out.update({"dense.x": x, "dense.w": w, "dense.b": b, "dense.y": y, "dense.r": r,
                "dense.gx": gx, "dense.gw": gw, "dense.gb": gb})

    bn = nn.BatchNorm2d(3, momentum=0.1)
    with torch.no_grad():
        bn.weight.copy_(randn(3)); bn.bias.copy_(randn(3))
    x = randn(4, 3, 5, 5) * 2 + 1
    out.update({"bn.weight": bn.weight, "bn.bias": bn.bias, "bn.x": x})
    bn.train()
    xt = x.clone().requires_grad_(True)
    y = bn(xt)
    r = randn(*y.shape)
    (y * r).sum().backward()
    out.update({"bn.train.y": y, "bn.train.r": r, "bn.train.gx": xt.grad, "bn.train.gweight": bn.weight.grad,
                "bn.train.gbias": bn.bias.grad, "bn.running_mean": bn.running_mean, "bn.running_var": bn.running_var})
    bn.eval()
    bn.weight.grad = None; bn.bias.grad = None
    xe = x.clone().requires_grad_(True)
    y = bn(xe)
    (y * r).sum().backward()
    out.update({"bn.eval.y": y, "bn.eval.gx": xe.grad, "bn.eval.gweight": bn.weight.grad, "bn.eval.gbias": bn.bias.grad})

    x, w, b = randn(3, 4, 5), randn(4, 5), randn(4, 5)
    y, r, (gx, gw, gb) = grads_of(lambda x, w, b: F.layer_norm(x, [4, 5], w, b), [x, w, b])
    out.update({"ln.x": x, "ln.w": w, "ln.b": b, "ln.y": y, "ln.r": r, "ln.gx": gx, "ln.gw": gw, "ln.gb": gb})
    save("dense_norm", out)


def loss_cases():
    out = {}
    logits = randn(6, 5) * 3
    labels = torch.tensor([0, 4, 2, 2, 1, 3])
    lt = logits.clone().requires_grad_(True)
    loss = F.cross_entropy(lt, labels)
    loss.backward()
    out.update({"ce.logits": logits, "ce.labels": labels.float(), "ce.loss": loss.reshape(1), "ce.grad": lt.grad})
    p, e = randn(4, 3), randn(4, 3)
    pt = p.clone().requires_grad_(True)
    loss = F.mse_loss(pt, e)
    loss.backward()
    out.update({"mse.p": p, "mse.e": e, "mse.loss": loss.reshape(1), "mse.grad": pt.grad})
    prob = torch.sigmoid(randn(8))
    target = (torch.rand(8) > 0.5).float()
    pt = prob.clone().requires_grad_(True)
    loss = F.binary_cross_entropy(pt, target)
    loss.backward()
    out.update({"bce.p": prob, "bce.t": target, "bce.loss": loss.reshape(1), "bce.grad": pt.grad})
    lengths = torch.rand(5, 4)
    labels = torch.tensor([0, 3, 1, 1, 2])
    lt = lengths.clone().requires_grad_(True)
    t = F.one_hot(labels, 4).float()
    loss = (t * F.relu(0.9 - lt) ** 2 + 0.5 * (1 - t) * F.relu(lt - 0.1) ** 2).sum(1).mean()
    loss.backward()
    out.update({"margin.lengths": lengths, "margin.labels": labels.float(), "margin.loss": loss.reshape(1),
                "margin.grad": lt.grad})
    save("loss", out)


def optimizer_cases():
    out = {}
    p0 = randn(10)
    g1, g2, g3 = randn(10), randn(10), randn(10)
    out.update({"p0": p0, "g1": g1, "g2": g2, "g3": g3})
    configs = {
        "sgd": lambda ps: torch.optim.SGD(ps, lr=0.1),
        "sgd_momentum_wd": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01),
        "sgd_nesterov": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True),
        "adam": lambda ps: torch.optim.Adam(ps, lr=0.01),
        "adam_wd": lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.8, 0.99), weight_decay=0.1),
        "adamw": lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1),
        "rmsprop": lambda ps: torch.optim.RMSprop(ps, lr=0.01),
        "rmsprop_momentum_centered": lambda ps: torch.optim.RMSprop(ps, lr=0.01, momentum=0.9, centered=True,
                                                                    weight_decay=0.01),
    }
    for name, make in configs.items():
        p = nn.Parameter(p0.clone())
        opt = make([p])
        for i, g in enumerate([g1, g2, g3]):
            p.grad = g.clone()
            opt.step()
            out[f"{name}.step{i + 1}"] = p.detach().clone()
    save("optimizer", out)


def lenet_case():
    """A LeNet-5 with Stride's parameter names; its output on fixed inputs."""
    model = nn.Sequential(collections.OrderedDict([
        ("conv1", nn.Conv2d(1, 6, 5, padding=2)), ("r1", nn.ReLU()), ("p1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(6, 16, 5)), ("r2", nn.ReLU()), ("p2", nn.MaxPool2d(2)),
        ("flat", nn.Flatten()),
        ("fc1", nn.Linear(400, 120)), ("r3", nn.ReLU()),
        ("fc2", nn.Linear(120, 84)), ("r4", nn.ReLU()),
        ("fc3", nn.Linear(84, 10)),
    ]))
    model.eval()
    x = randn(3, 1, 28, 28)
    out = {k: v for k, v in model.state_dict().items()}
    out["input"] = x
    out["output"] = model(x)
    save("lenet", out)


def resblock_case():
    """Conv–BN–ReLU–Conv–BN residual block with a projection shortcut, in inference mode."""
    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False)
            self.bn1 = nn.BatchNorm2d(8)
            self.conv2 = nn.Conv2d(8, 8, 3, padding=1, bias=False)
            self.bn2 = nn.BatchNorm2d(8)
            self.projection = nn.Conv2d(3, 8, 1, stride=2, bias=False)

        def forward(self, x):
            y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
            return F.relu(y + self.projection(x))

    model = Block()
    with torch.no_grad():
        for bn in (model.bn1, model.bn2):
            bn.running_mean.copy_(randn(8) * 0.1)
            bn.running_var.copy_(torch.rand(8) + 0.5)
            bn.weight.copy_(randn(8)); bn.bias.copy_(randn(8))
    model.eval()
    x = randn(2, 3, 8, 8)
    out = {k: v for k, v in model.state_dict().items()}
    out["input"] = x
    out["output"] = model(x)
    save("resblock", out)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    conv_cases()
    pool_cases()
    dense_norm_cases()
    loss_cases()
    optimizer_cases()
    lenet_case()
    resblock_case()
    print("fixtures written to", os.path.normpath(OUT))
