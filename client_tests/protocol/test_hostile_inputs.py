"""Hostile inputs in `stride run` and in a kernel cell: each is a clean error of the right kind
within seconds, or the right value, and the kernel is alive after it.

Files that the cases read (a named pipe, a gzip bomb, a PNG whose header asks for gigabytes, a
CSV file whose labels ask for two billion classes) are made in a temporary folder first. The
kernel and the scripts run with `STRIDE_MEMORY_LIMIT=1G`, so that what exceeds the limit does
so on any machine."""
import gzip
import os
import pathlib
import struct
import subprocess
import zlib

import pytest
from jupyter_client.manager import start_new_kernel

from kernel_under_test import SIGNAL_KERNEL, stride_binary
from protocol_helpers import run, stdout_of

LIMIT_ENV = {"STRIDE_MEMORY_LIMIT": "1G"}


def _png_claiming(width, height):
    """About 100 bytes: a 16-bit RGBA header of width × height and 8 stored zero bytes of data."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    header = struct.pack(">IIBBBBB", width, height, 16, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 8, 0))
            + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    os.mkfifo(base / "pipe")
    (base / "labels.csv").write_text("1,2,0\n3,4,2000000000\n")
    # 320 MiB of IDX bytes in 1 MiB of gzip: more than a quarter of 1 GiB, the most an IDX
    # file may decompress to when each byte becomes a 4-byte float.
    header = bytes([0, 0, 8, 3]) + struct.pack(">III", 320, 1024, 1024)
    with gzip.open(base / "bomb-images.gz", "wb", compresslevel=1) as out:
        out.write(header)
        block = b"\0" * (1 << 24)
        for _ in range(20):
            out.write(block)
    (base / "labels.idx").write_bytes(bytes([0, 0, 8, 1]) + struct.pack(">I", 1) + b"\0")
    (base / "folder" / "a").mkdir(parents=True)
    (base / "folder" / "a" / "x.png").write_bytes(_png_claiming(16384, 16384))
    return base


def cases(files):
    """(name, code, expected): expected is ("error", kind, fragment), ("stdout", text) or
    ("picture",): a chart shown in the notebook, saved next to the script by `stride run`."""
    pipe, folder = files / "pipe", files / "folder"
    return [
        ("reshape wraps", "Tensor([1, 2, 3, 4]).reshaped(to: [5, 3689348814741910324]).sum(axis: 1)",
         ("error", "ShapeError", "shapes [4] and [5, 3689348814741910324] are incompatible")),
        ("reshape -1 wraps", "Tensor([1, 2, 3, 4]).reshaped(to: [-1, 3689348814741910324, 5])",
         ("error", "ShapeError", "reshape")),
        ("matmul of a wrapped shape", "matmul(Tensor([1, 2, 3, 4]).reshaped(to: [3689348814741910324, 5]), Tensor(ones: [5, 1]))",
         ("error", "ShapeError", "reshape")),
        ("zero-size shape hiding an overflow", "Tensor(zeros: [0, 4611686018427387904, 4])",
         ("error", "ShapeError", "overflows")),
        ("dense on no features", "let y = Dense(units: 64)(Tensor(zeros: [64, 0]))\nprint(y.shape, y.sum())",
         ("stdout", "[64, 64] 0.0\n")),
        ("conv with dilation Int.max",
         "conv2d(Tensor(ones: [1, 1, 5, 5]), filter: Tensor(ones: [1, 1, 3, 3]), padding: 2, dilation: Int.max)",
         ("error", "ShapeError", "smaller than the window")),
        ("conv with stride Int.max",
         "print(conv2d(Tensor(ones: [1, 1, 5, 5]), filter: Tensor(ones: [1, 1, 3, 3]), stride: Int.max, padding: .same))",
         ("stdout", "[[[[9.0]]]]\n")),
        ("max pool of 2^62", "print(maxPool2d(Tensor(ones: [1, 1, 5, 5]), size: 4611686018427387904, padding: .same))",
         ("stdout", "[[[[1.0]]]]\n")),
        ("avg pool of 2^62", "print(avgPool2d(Tensor(ones: [1, 1, 5, 5]), size: 4611686018427387904, padding: .same))",
         ("stdout", "[[[[1.0]]]]\n")),
        ("valid pool of 2^62", "maxPool2d(Tensor(ones: [1, 1, 5, 5]), size: 4611686018427387904)",
         ("error", "ShapeError", "smaller than the window")),
        ("plot of ±1e308", "display(plot([1e308, -1e308]))", ("picture",)),
        ("plot of subnormals", "display(plot([5e-324, 1e-323]))", ("picture",)),
        ("csv of two billion classes", f'Dataset.csv("{files / "labels.csv"}")',
         ("error", "MemoryError", "class names 0...2000000000")),
        ("gzip bomb", f'Dataset.idx(images: "{files / "bomb-images.gz"}", labels: "{files / "labels.idx"}")',
         ("error", "MemoryError", "decompressed data")),
        ("png asking for 2 GiB", f'Dataset.imageFolder("{folder}")',
         ("error", "MemoryError", "16384×16384 image")),
        ("loadTensors of a fifo", f'loadTensors("{pipe}")', ("error", "IOError", f"{pipe}: not a regular file")),
        ("Dataset.idx of a fifo", f'Dataset.idx(images: "{pipe}", labels: "{pipe}")',
         ("error", "IOError", "not a regular file")),
        ("loadTensors of /dev/zero", 'loadTensors("/dev/zero")', ("error", "IOError", "/dev/zero: not a regular file")),
        ("Dataset.csv of a directory", f'Dataset.csv("{files}")', ("error", "IOError", "not a regular file")),
    ]


def _case_ids():
    return [name for name, _, _ in cases(pathlib.Path("/tmp"))]


@pytest.mark.parametrize("index", range(len(_case_ids())), ids=_case_ids())
def test_stride_run(files, tmp_path, index):
    name, code, expected = cases(files)[index]
    script = tmp_path / "case.stride"
    script.write_text(code + "\n")
    result = subprocess.run([stride_binary(), "run", str(script)], capture_output=True, text=True, timeout=30,
                            env=dict(os.environ, **LIMIT_ENV))
    if expected[0] == "stdout":
        assert (result.returncode, result.stderr, result.stdout) == (0, "", expected[1])
    elif expected[0] == "picture":
        assert (result.returncode, result.stderr) == (0, "")
        saved = tmp_path / "case-1.svg"
        assert f"saved to {saved}" in result.stdout
        assert "nan" not in saved.read_text().lower()
    else:
        _, kind, fragment = expected
        assert result.returncode == 1, result.stderr
        first = result.stderr.splitlines()[0]
        assert first.startswith(kind + ": ") and fragment in first, result.stderr
        assert "case.stride, line" in result.stderr or "--> case.stride" in result.stderr


@pytest.fixture(scope="module")
def kernel():
    manager, client = start_new_kernel(kernel_name=SIGNAL_KERNEL, env=dict(os.environ, **LIMIT_ENV))
    yield manager, client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


@pytest.mark.parametrize("index", range(len(_case_ids())), ids=_case_ids())
def test_kernel_cell(files, kernel, index):
    manager, client = kernel
    name, code, expected = cases(files)[index]
    reply, outputs = run(client, code, timeout=30)
    if expected[0] == "stdout":
        assert reply["status"] == "ok", reply
        assert stdout_of(outputs) == expected[1]
    elif expected[0] == "picture":
        assert reply["status"] == "ok", reply
        shown = [m["content"]["data"] for m in outputs if m["msg_type"] in ("execute_result", "display_data")]
        assert shown and "image/svg+xml" in shown[0] and "nan" not in shown[0]["image/svg+xml"].lower()
    else:
        _, kind, fragment = expected
        assert reply["status"] == "error"
        assert reply["ename"] == kind and fragment in reply["evalue"], reply
        assert any("line 1" in line or "<cell>" in line for line in reply["traceback"]), reply["traceback"]
    reply, outputs = run(client, "print(20 + 22)")
    assert reply["status"] == "ok" and stdout_of(outputs) == "42\n"
    assert manager.is_alive()
