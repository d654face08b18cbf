"""Saves from `stride run` and from a kernel cell: through a symlink (the link stays, the file
it points to changes), keeping a 0600 file's mode, refusing a device, and leaving no
temporary file behind, even when a save is killed (the next save of the file removes it).
The saved files are read back with the `safetensors` package."""
import os
import pathlib
import signal
import stat
import subprocess
import time

import pytest
from jupyter_client.manager import start_new_kernel
from safetensors.numpy import load_file

from kernel_under_test import SIGNAL_KERNEL, stride_binary
from protocol_helpers import run


def _prepare(folder):
    real = folder / "real.safetensors"
    real.write_bytes(b"old")
    real.chmod(0o600)
    (folder / "link.safetensors").symlink_to("real.safetensors")
    return ('saveTensors(["w": Tensor([1, 2, 3])], to: "{0}/link.safetensors")\n'
            'print(loadTensors("{0}/real.safetensors")["w"]!)\n').format(folder)


def _check(folder):
    link, real = folder / "link.safetensors", folder / "real.safetensors"
    assert link.is_symlink() and os.readlink(link) == "real.safetensors"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert load_file(str(real))["w"].tolist() == [1.0, 2.0, 3.0]
    assert sorted(p.name for p in folder.iterdir()) == ["link.safetensors", "real.safetensors"]


def _stride_run(code, folder):
    script = folder / "save.stride"
    script.write_text(code)
    try:
        return subprocess.run([stride_binary(), "run", str(script)], capture_output=True, text=True, timeout=60)
    finally:
        script.unlink()


def test_stride_run_saves_through_a_link_keeping_the_mode(tmp_path):
    result = _stride_run(_prepare(tmp_path), tmp_path)
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "[1.0, 2.0, 3.0]\n")
    _check(tmp_path)


def _device(folder):
    """A character device to save onto: as root, a private copy of /dev/full's node (so that
    a regression replaces that copy, never the machine's /dev/full); else /dev/full itself,
    whose folder nobody but root may change."""
    if os.geteuid() != 0:
        return pathlib.Path("/dev/full")
    device = folder / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    return device


def test_a_device_is_refused_and_left_a_device(tmp_path):
    device = _device(tmp_path)
    result = _stride_run(f'saveTensors(["w": Tensor([1])], to: "{device}")\n', tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("IOError: ")
    assert f"{device}: not a regular file (a character device)" in result.stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_a_killed_save_leaves_a_temporary_file_that_the_next_save_removes(tmp_path):
    target = tmp_path / "big.safetensors"
    # 64 MiB of weights saved again and again, killed while one save is under way.
    script = tmp_path / "loop.stride"
    script.write_text('let big = Tensor(zeros: [16, 1024, 1024])\n'
                      f'while true {{ saveTensors(["w": big], to: "{target}") }}\n')
    process = subprocess.Popen([stride_binary(), "run", str(script)])
    leftovers = []
    deadline = time.monotonic() + 60
    while not leftovers and time.monotonic() < deadline:
        leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".big.safetensors.stride-")]
    process.send_signal(signal.SIGKILL)
    process.wait()
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".big.safetensors.stride-")]
    assert leftovers, "the save was never caught under way"
    result = _stride_run(f'saveTensors(["w": Tensor([7])], to: "{target}")\n', tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.safetensors", "loop.stride"]
    assert load_file(str(target))["w"].tolist() == [7.0]


@pytest.fixture(scope="module")
def kernel():
    manager, client = start_new_kernel(kernel_name=SIGNAL_KERNEL)
    yield manager, client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def test_a_kernel_cell_saves_through_a_link_and_refuses_a_device(kernel, tmp_path):
    _, client = kernel
    reply, _ = run(client, _prepare(tmp_path))
    assert reply["status"] == "ok", reply
    _check(tmp_path)
    (tmp_path / "link.safetensors").unlink()
    device = _device(tmp_path)
    reply, _ = run(client, f'saveTensors(["w": Tensor([1])], to: "{device}")')
    assert reply["status"] == "error" and reply["ename"] == "IOError"
    assert f"{device}: not a regular file (a character device)" in reply["evalue"]
    assert stat.S_ISCHR(os.stat(device).st_mode)
