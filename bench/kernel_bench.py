"""Start-up and round-trip latency of the Stride kernel against ipykernel, in one run.

    python3 bench/kernel_bench.py [--runs 300] [--starts 7]

Start-up: from launching the kernel process to the first kernel_info_reply, with
jupyter_client's defaults, and again with the client retrying its connection every 5 ms
(what the kernel itself needs, without ZeroMQ's 100-200 ms reconnect timer).
Round trip: from sending execute_request for `1 + 1` to the kernel's idle status.
Both kernels are driven by the same jupyter_client code on the same machine; the script
prints the figures and the ratios against the targets (start-up and median round trip at
most 1/4 of ipykernel's, p99 round trip under 2 ms).
"""
import argparse
import json
import os
import pathlib
import shutil
import statistics
import sys
import tempfile
import time

import zmq
from jupyter_client.manager import KernelManager

ROOT = pathlib.Path(__file__).resolve().parents[1]


def stride_binary():
    for candidate in (os.environ.get("STRIDE_BIN"), ROOT / ".build/release/stride"):
        if candidate and pathlib.Path(candidate).is_file():
            return str(pathlib.Path(candidate).resolve())
    sys.exit("no release build: run `swift build -c release` first (or set STRIDE_BIN)")


def write_stride_kernelspec(base):
    spec_dir = base / "kernels" / "stride-bench"
    spec_dir.mkdir(parents=True)
    spec = {"argv": [stride_binary(), "kernel", "--connection-file", "{connection_file}"],
            "display_name": "Stride (bench)", "language": "stride", "interrupt_mode": "signal",
            "env": {"JUPYTER_DATA_DIR": str(base / "data")}}
    (spec_dir / "kernel.json").write_text(json.dumps(spec))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(base), os.environ.get("JUPYTER_PATH")]))
    return "stride-bench"


def measure_startup(kernel_name, reconnect_ms=None):
    """Seconds from launch to the first kernel_info_reply, and the running kernel.

    The client connects right after the launch, before any kernel can have bound its
    ports, so its first attempt fails and ZeroMQ retries after its reconnect interval
    (100 ms plus up to 100 ms of jitter by default). With `reconnect_ms` the client retries
    that often instead, and the figure shows how soon the kernel itself is ready."""
    context = zmq.Context()
    if reconnect_ms is not None:
        context.setsockopt(zmq.RECONNECT_IVL, reconnect_ms)
    manager = KernelManager(kernel_name=kernel_name, context=context)
    started = time.perf_counter()
    manager.start_kernel()
    client = manager.client(context=context)
    client.start_channels()
    client.kernel_info()
    while True:
        reply = client.get_shell_msg(timeout=60)
        if reply["msg_type"] == "kernel_info_reply":
            break
    elapsed = time.perf_counter() - started
    return elapsed, manager, client


def round_trip(client, code):
    msg_id = client.execute(code)
    started = time.perf_counter()
    while True:
        msg = client.get_iopub_msg(timeout=30)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            elapsed = time.perf_counter() - started
            break
    client.get_shell_msg(timeout=30)
    return elapsed


def bench_kernel(kernel_name, starts, runs):
    startups, ready = [], []
    for _ in range(starts):
        for reconnect_ms, figures in ((None, startups), (5, ready)):
            elapsed, manager, client = measure_startup(kernel_name, reconnect_ms)
            figures.append(elapsed)
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    _, manager, client = measure_startup(kernel_name)
    # Outputs published before the iopub subscription reaches the kernel are lost, so wait
    # until iopub carries messages (as jupyter_client does), then warm both sides up.
    client.wait_for_ready(timeout=60)
    for _ in range(30):
        round_trip(client, "1 + 1")
    trips = sorted(round_trip(client, "1 + 1") for _ in range(runs))
    client.stop_channels()
    manager.shutdown_kernel(now=True)
    p99 = trips[min(len(trips) - 1, int(round(0.99 * (len(trips) - 1))))]
    return {"startup": statistics.median(startups), "ready": statistics.median(ready),
            "median": statistics.median(trips), "p99": p99}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300, help="round trips per kernel")
    parser.add_argument("--starts", type=int, default=7, help="start-ups per kernel")
    args = parser.parse_args()
    base = pathlib.Path(tempfile.mkdtemp(prefix="stride-bench-"))
    try:
        stride = bench_kernel(write_stride_kernelspec(base), args.starts, args.runs)
        ipy = bench_kernel("python3", args.starts, args.runs)
    finally:
        shutil.rmtree(base, ignore_errors=True)

    def ms(x):
        return f"{x * 1000:8.2f} ms"

    print(f"{'':24}{'Stride':>12}{'ipykernel':>12}{'ratio':>9}   target")
    rows = [("start-up (median)", "startup", "<= 0.25"), ("start-up, 5 ms retry", "ready", ""),
            ("round trip median", "median", "<= 0.25"), ("round trip p99", "p99", "< 2 ms")]
    ok = True
    for label, key, target in rows:
        ratio = stride[key] / ipy[key]
        verdict = ""
        if target:
            met = stride[key] < 0.002 if key == "p99" else ratio <= 0.25
            ok &= met
            verdict = f"{target} {'met' if met else 'MISSED'}"
        print(f"{label:24}{ms(stride[key])}{ms(ipy[key])}{ratio:9.3f}   {verdict}")
    print(f"start-up: Stride is {ipy['startup'] / stride['startup']:.1f}x faster; "
          f"round trip: {ipy['median'] / stride['median']:.1f}x faster (median)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
