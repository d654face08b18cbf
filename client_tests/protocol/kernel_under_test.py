"""The kernel under test for the protocol tests: the Stride binary, in both interrupt modes.

The binary is $STRIDE_BIN, else .build/release/stride, else .build/debug/stride. The
kernelspecs (found through JUPYTER_PATH) and the kernels' Jupyter data directory (where
history persists, set in the kernelspecs' env) live in a temporary folder, so these tests
never touch the user's own Jupyter set-up. They are written
when this file is imported, because jupyter_kernel_test starts its kernel in setUpClass,
before any fixture runs.
"""
import atexit
import json
import os
import pathlib
import shutil
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
SIGNAL_KERNEL = "stride-protocol-signal"
MESSAGE_KERNEL = "stride-protocol-message"


def stride_binary():
    for candidate in (os.environ.get("STRIDE_BIN"), ROOT / ".build/release/stride",
                      ROOT / ".build/debug/stride"):
        if candidate and pathlib.Path(candidate).is_file():
            return str(pathlib.Path(candidate).resolve())
    raise RuntimeError("no stride binary: build it with `swift build -c release` or set STRIDE_BIN")


def _write_kernelspecs():
    base = pathlib.Path(tempfile.mkdtemp(prefix="stride-protocol-"))
    binary = stride_binary()
    for name, mode in ((SIGNAL_KERNEL, "signal"), (MESSAGE_KERNEL, "message")):
        spec_dir = base / "path" / "kernels" / name
        spec_dir.mkdir(parents=True)
        spec = {"argv": [binary, "kernel", "--connection-file", "{connection_file}"],
                "display_name": f"Stride ({mode} interrupts)", "language": "stride",
                "interrupt_mode": mode,
                # History persists here, not in the user's own Jupyter data directory.
                "env": {"JUPYTER_DATA_DIR": str(base / "data")}}
        (spec_dir / "kernel.json").write_text(json.dumps(spec))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(base / "path"), os.environ.get("JUPYTER_PATH")]))
    atexit.register(shutil.rmtree, base, ignore_errors=True)
    return base


SPEC_BASE = _write_kernelspecs()
