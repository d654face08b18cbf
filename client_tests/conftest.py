"""Fixtures for the client tests: a private kernelspec for the kernel under test.

The kernelspec points at $STRIDE_BIN (scripts/test.sh sets it to the release build), so the
tests never pick up some other Stride installed on the machine.
"""
import json
import os
import pathlib
import shutil

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def stride_binary():
    for candidate in (os.environ.get("STRIDE_BIN"), ROOT / ".build/release/stride",
                      ROOT / ".build/debug/stride"):
        if candidate and pathlib.Path(candidate).is_file():
            return str(candidate)
    pytest.fail("no stride binary: build it with `swift build -c release` or set STRIDE_BIN")


@pytest.fixture(scope="session")
def stride_kernel_name(tmp_path_factory):
    """Installs a kernelspec named `stride-under-test` in a temporary JUPYTER_PATH entry."""
    data_dir = tmp_path_factory.mktemp("jupyter-data")
    spec_dir = data_dir / "kernels" / "stride-under-test"
    spec_dir.mkdir(parents=True)
    spec = {"argv": [stride_binary(), "kernel", "--connection-file", "{connection_file}"],
            "display_name": "Stride (under test)", "language": "stride",
            "interrupt_mode": "signal"}
    (spec_dir / "kernel.json").write_text(json.dumps(spec))
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(data_dir), old]))
    yield "stride-under-test"
    if old is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = old
    shutil.rmtree(data_dir, ignore_errors=True)
