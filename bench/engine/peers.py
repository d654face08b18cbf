"""The engine benchmark's peers: the same networks and workloads as bench/engine/Models.swift
and main.swift, in PyTorch eager, torch.compile and onnxruntime (the model exported
to ONNX). `measure` returns images/s per peer for one workload."""
import os
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.proj = nn.Conv2d(cin, cout, 1, stride, bias=False) if (cin != cout or stride != 1) else None

    def forward(self, x):
        y = self.b2(self.c2(F.relu(self.b1(self.c1(x)))))
        return F.relu(y + (self.proj(x) if self.proj is not None else x))


def resnet(blocks):
    layers, cin = [nn.Conv2d(3, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU()], 16
    for stage, cout in enumerate([16, 32, 64]):
        for b in range(blocks):
            layers.append(Block(cin, cout, 2 if stage > 0 and b == 0 else 1))
            cin = cout
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))


def mobilenet():
    layers, cin = [nn.Conv2d(3, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU()], 32
    for cout, stride in [(64, 1), (128, 2), (128, 1), (256, 2)]:
        layers += [nn.Conv2d(cin, cin, 3, stride, 1, groups=cin, bias=False), nn.BatchNorm2d(cin), nn.ReLU(),
                   nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
        cin = cout
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, 10))


MODELS = {"lenet": lenet, "resnet8": lambda: resnet(1), "resnet20": lambda: resnet(3), "mobilenet": mobilenet}
# workload → (model, kind, settings)
SPECS = {
    "lenet-train": ("lenet", "fit", {"epochs": 5, "data": "mnist"}),
    "lenet-infer": ("lenet", "infer", {"passes": 20, "data": "mnist"}),
    "resnet8-train": ("resnet8", "steps", {"steps": 30}),
    "resnet8-infer": ("resnet8", "infer", {"passes": 50}),
    "resnet20-train": ("resnet20", "steps", {"steps": 15}),
    "mobilenet-train": ("mobilenet", "steps", {"steps": 15}),
    "mobilenet-infer": ("mobilenet", "infer", {"passes": 30}),
    "fashion-epoch": ("lenet", "fit", {"epochs": 1, "data": "fashion"}),
}


def fit(model, x, y, epochs):
    """Adam 1e-3, batch 64, shuffled: (images/s, first epoch's seconds)."""
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = torch.from_numpy(x), torch.from_numpy(y).long()
    g = torch.Generator().manual_seed(1)
    start, first = time.time(), None
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), 64):
            idx = order[i:i + 64]
            opt.zero_grad()
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
        first = first or time.time() - start
    return epochs * len(x) / (time.time() - start), first


def steps(model, count):
    """SGD momentum 0.9 on one random 32x32x3 batch: (images/s of `count` steps, warm-up seconds)."""
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x, y = torch.randn(32, 3, 32, 32), torch.arange(32) % 10

    def step():
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()

    start = time.time()
    for _ in range(3):
        step()
    first = time.time() - start
    start = time.time()
    for _ in range(count):
        step()
    return count * 32 / (time.time() - start), first


def infer(run, x, passes):
    run(x)
    start = time.time()
    for _ in range(passes):
        run(x)
    return passes * len(x) / (time.time() - start)


def onnxruntime_infer(model, x, passes, threads):
    import onnxruntime as ort
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "model.onnx")
        torch.onnx.export(model, (torch.from_numpy(x),), path, input_names=["x"], opset_version=17, dynamo=False)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
    return infer(lambda a: session.run(None, {"x": a}), x, passes)


def train_once(name, spec, data, compiled):
    model_name, kind, settings = spec
    torch.manual_seed(0)
    model = MODELS[model_name]()
    runner = torch.compile(model) if compiled else model
    if kind == "fit":
        trx, tr_y = data["mnist"][:2] if settings["data"] == "mnist" else data["fashion"]
        speed, first = fit(runner, trx, tr_y, settings["epochs"])
        accuracy = None
        if name == "lenet-train":
            model.eval()
            with torch.no_grad():
                predicted = model(torch.from_numpy(data["mnist"][2])).argmax(1).numpy()
                accuracy = float((predicted == data["mnist"][3]).mean())
        return speed, first, accuracy
    speed, first = steps(runner, settings["steps"])
    return speed, first, None


def inference_input(settings, data):
    if settings.get("data") == "mnist":
        return data["mnist"][2].astype(np.float32)
    return np.random.default_rng(1).standard_normal((32, 3, 32, 32), dtype=np.float32)


def infer_once(spec, data, compiled):
    model_name, _, settings = spec
    torch.manual_seed(0)
    model = MODELS[model_name]().eval()
    x = inference_input(settings, data)
    runner = torch.compile(model) if compiled else model
    with torch.no_grad():
        return infer(lambda a: runner(torch.from_numpy(a)), x, settings["passes"])


def measure(name, data, compile_too=True):
    """{'eager', 'compile', 'onnxruntime' (inference), 'threads', 'eager_first', 'compile_first', 'accuracy'}."""
    spec = SPECS[name]
    result = {}
    best = None
    for threads in (2, 1):
        torch.set_num_threads(threads)
        if spec[1] == "infer":
            speed, first, accuracy = infer_once(spec, data, False), None, None
        else:
            speed, first, accuracy = train_once(name, spec, data, False)
        if best is None or speed > best[0]:
            best = (speed, threads, first, accuracy)
    result["eager"], result["threads"], first, result["accuracy"] = best
    torch.set_num_threads(result["threads"])
    if spec[1] != "infer":
        result["eager_first"] = first
    if compile_too:
        if spec[1] == "infer":
            result["compile"] = infer_once(spec, data, True)
        else:
            result["compile"], result["compile_first"], _ = train_once(name, spec, data, True)
    if spec[1] == "infer":
        torch.manual_seed(0)
        model = MODELS[spec[0]]().eval()
        result["onnxruntime"] = onnxruntime_infer(model, inference_input(spec[2], data), spec[2]["passes"],
                                                  result["threads"])
    return result
