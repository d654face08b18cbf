"""What the kernel tells a remote client: the tutorials carry `language_info` exactly as the
kernel reports it (so opening one does not mark it modified), and no help link points at a
file of the kernel's machine."""
import json
import pathlib

from jupyter_client.manager import start_new_kernel

ROOT = pathlib.Path(__file__).resolve().parents[2]


def kernel_info(kernel_name):
    manager, client = start_new_kernel(kernel_name=kernel_name)
    try:
        reply = client.kernel_info(reply=True, timeout=30)
        return reply["content"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_tutorials_carry_the_kernels_language_info(stride_kernel_name):
    info = kernel_info(stride_kernel_name)
    assert info["language_info"]["version"]
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert len(notebooks) >= 3
    for path in notebooks:
        metadata = json.loads(path.read_text())["metadata"]
        assert metadata["language_info"] == info["language_info"], path.name
        assert metadata["kernelspec"]["language"] == info["language_info"]["name"], path.name


def test_help_links_work_from_another_machine(stride_kernel_name):
    links = kernel_info(stride_kernel_name)["help_links"]
    assert links
    for link in links:
        assert link["url"].startswith("https://"), link
