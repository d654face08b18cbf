#!/usr/bin/env python3
"""A/B of two stride-bench binaries: runs them alternately and prints the median images/s
of each workload and the median CPU seconds of a run, so a change is measured against the
code before it on the same machine at the same time (other builders share the cores, so
single runs swing).

    python3 bench/engine/ab.py OLD NEW [--runs 5] [--threads 1 2] [--data DIR]

DIR holds the MNIST 5k subset as bench_torch.py writes it (written there when missing).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys


def write_data(d):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import numpy as np
    from bench_torch import mnist_5k
    os.makedirs(d, exist_ok=True)
    for name, array in zip(["train_x", "train_y", "test_x", "test_y"], mnist_5k()):
        array.astype(np.float32).tofile(os.path.join(d, name + ".f32"))


def run(binary, data, threads, workload):
    before = os.times()
    out = subprocess.run([binary, data, workload, str(threads)], check=True, capture_output=True, text=True).stdout
    after = os.times()
    rows = {r["workload"]: r["images_per_second"] for r in map(json.loads, out.strip().splitlines())}
    # CPU seconds of the whole run (loading included): steadier than images/s on shared cores.
    rows["cpu-seconds"] = ((after.children_user - before.children_user)
                           + (after.children_system - before.children_system))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--data", default="/tmp/stride-bench-data")
    parser.add_argument("--workload", default="all", help="a stride-bench workload (default: all)")
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.data, "test_y.f32")):
        write_data(args.data)
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    for threads in args.threads:
        results = {"old": [], "new": []}
        for i in range(args.runs):
            order = [("old", args.old), ("new", args.new)] if i % 2 == 0 else [("new", args.new), ("old", args.old)]
            for side, binary in order:
                results[side].append(run(binary, args.data, threads, args.workload))
        for workload in results["old"][0]:
            old = statistics.median(r[workload] for r in results["old"])
            new = statistics.median(r[workload] for r in results["new"])
            unit = "s CPU   " if workload == "cpu-seconds" else "images/s"
            print(f"{threads} thread(s) {workload:14} old {old:10.2f} new {new:10.2f} {unit} "
                  f"change {100 * (new / old - 1):+6.1f} %  ({args.runs} runs each)")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
