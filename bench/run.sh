#!/usr/bin/env bash
# Runs every Stride benchmark against its peer, measured in the same run on this machine:
# the kernel against ipykernel, the language against CPython, the engine against PyTorch.
# Benchmarks print figures and ratios; nothing here fails on time.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product stride --static-swift-stdlib
swift build -c release --product stride-bench --static-swift-stdlib
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== kernel: Stride vs ipykernel";   python3 bench/kernel_bench.py
echo "== language: Stride vs CPython";   python3 bench/language/run.py
echo "== engine: Stride vs PyTorch";     python3 bench/engine/bench_torch.py
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
