#!/usr/bin/env python3
"""Times the language benchmarks in Stride and in CPython, side by side in the same run.

Each benchmark is the same program written twice, NAME.stride and NAME.py. Both run as
processes (`stride run NAME.stride`, `python3 NAME.py`); the best of several runs is kept,
and the best time of an empty program is subtracted so that start-up does not count.
Both must print the same text, or the benchmark is reported as wrong.

    python3 bench/language/run.py [--stride PATH] [--python PATH] [--repeat N]
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BENCHMARKS = [
    ("fib", "recursive fib(27)"),
    ("loop", "3,000,000 iterations summing i % 7"),
    ("sort", "build and sort 1,000,000 Ints"),
    ("strings", "100,000-piece string by interpolation"),
    ("closure", "1,000,000 closure calls"),
]


class TooSlow(Exception):
    """A run that did not finish within the time limit."""


def best_time(command, repeat, limit):
    """The shortest wall time of `repeat` runs, and the output of the last one."""
    best, output = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            raise TooSlow()
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            return None, (done.stdout + done.stderr).strip()
        best, output = min(best, elapsed), done.stdout
    return best, output


def default_python():
    for name in ("python3.11", "python3"):
        path = shutil.which(name)
        if path:
            return path
    return sys.executable


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stride", default=os.path.join(ROOT, ".build", "release", "stride"),
                        help="the stride binary (default: the release build)")
    parser.add_argument("--python", default=default_python(), help="the CPython to compare with")
    parser.add_argument("--repeat", type=int, default=3, help="runs per benchmark; the best counts")
    parser.add_argument("--timeout", type=float, default=120, help="seconds after which a run is stopped")
    args = parser.parse_args()

    version = subprocess.run([args.python, "--version"], capture_output=True, text=True).stdout.strip()
    have_stride = os.access(args.stride, os.X_OK)
    print(f"CPython: {args.python} ({version})")
    print(f"Stride:  {args.stride}" + ("" if have_stride else "  (missing: build it with `swift build -c release`)"))

    def runner(kind, name):
        path = os.path.join(HERE, f"{name}.{kind}")
        return [args.python, path] if kind == "py" else [args.stride, "run", path]

    # Start-up is small and noisy: more runs make its minimum trustworthy.
    startup_runs = max(7, args.repeat)
    py_start, _ = best_time(runner("py", "empty"), startup_runs, args.timeout)
    st_start = None
    if have_stride:
        st_start, error = best_time(runner("stride", "empty"), startup_runs, args.timeout)
        if st_start is None:
            print(f"stride cannot run an empty program: {error}")
            have_stride = False
    print(f"start-up subtracted: CPython {py_start:.3f} s"
          + (f", Stride {st_start:.3f} s" if have_stride else ""))
    print()
    header = f"{'benchmark':<42} {'CPython s':>10} {'Stride s':>10} {'Stride/CPython':>15}"
    print(header)
    print("-" * len(header))
    worst = 0.0
    for name, title in BENCHMARKS:
        py_time, py_out = best_time(runner("py", name), args.repeat, args.timeout)
        if py_time is None:
            print(f"{title:<42} CPython failed: {py_out}")
            continue
        py_net = max(py_time - py_start, 1e-4)
        if not have_stride:
            print(f"{title:<42} {py_net:>10.3f} {'n/a':>10} {'n/a':>15}")
            continue
        try:
            st_time, st_out = best_time(runner("stride", name), args.repeat, args.timeout)
        except TooSlow:
            worst = float("inf")
            print(f"{title:<42} {py_net:>10.3f} {'> %g' % args.timeout:>10} {'> %.0f' % (args.timeout / py_net):>15}")
            continue
        if st_time is None:
            print(f"{title:<42} {py_net:>10.3f} {'failed':>10}   {st_out.splitlines()[0] if st_out else ''}")
            continue
        st_net = max(st_time - st_start, 1e-4)
        ratio = st_net / py_net
        worst = max(worst, ratio)
        verdict = "" if st_out == py_out else f"   WRONG OUTPUT: {st_out.strip()!r} vs {py_out.strip()!r}"
        print(f"{title:<42} {py_net:>10.3f} {st_net:>10.3f} {ratio:>15.2f}{verdict}")
    if have_stride and worst:
        print()
        print(f"worst ratio {worst:.2f} ({'within' if worst <= 1 else 'above'} the target of 1.0)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
