"""What the notebook tests share: a client that records every iopub message, and ways to find
a cell and read what it shows."""
import base64
import io
import xml.etree.ElementTree as ET
import pathlib
import time
from collections import defaultdict

import nbformat
import pytest
from nbclient import NotebookClient
from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "out" / "notebooks"


class RecordingClient(NotebookClient):
    """A NotebookClient that keeps every iopub message it sees, by cell index."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.messages = defaultdict(list)

    def process_message(self, msg, cell, cell_index):
        self.messages[cell_index].append(msg)
        return super().process_message(msg, cell, cell_index)


def code_cells(nb):
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]


def cell_containing(nb, text):
    for i, cell in code_cells(nb):
        if text in cell.source:
            return i, cell
    raise AssertionError(f"no code cell contains {text!r}")


def stdout_of(cell):
    return "".join(o.get("text", "") for o in cell.outputs
                   if o.output_type == "stream" and o.name == "stdout")


def rich_outputs(cell):
    return [o for o in cell.outputs if o.output_type in ("display_data", "execute_result")]


def assert_picture(output):
    """A picture output decodes: a PNG with Pillow, an SVG as XML; text/plain is there too."""
    data = output["data"]
    assert "text/plain" in data, f"no text/plain fallback in {sorted(data)}"
    if "image/png" in data:
        image = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
        image.load()
        assert image.width >= 28 and image.height >= 28
    elif "image/svg+xml" in data:
        ET.fromstring(data["image/svg+xml"])
    elif "text/html" in data:
        assert "<img" in data["text/html"] or "<svg" in data["text/html"]
    else:
        raise AssertionError(f"not a picture: {sorted(data)}")


def execute_notebook(name, kernel_name, workdir):
    """Runs notebooks/`name` in `workdir` on the kernel, recording every iopub message, and
    writes the executed copy to out/notebooks/. Returns the notebook and the messages."""
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    client = RecordingClient(nb, kernel_name=kernel_name, timeout=1200,
                             resources={"metadata": {"path": str(workdir)}})
    start = time.monotonic()
    client.execute()
    print(f"\n{name} executed in {time.monotonic() - start:.1f} s")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, OUT_DIR / name)
    return nb, client.messages


def cell_errors(nb):
    """"cell N failed: Name: message" for every code cell that ended in an error."""
    return [f"cell {i} failed: {o.get('ename')}: {o.get('evalue')}"
            for i, cell in code_cells(nb) for o in cell.outputs if o.output_type == "error"]


def notebook_fixture(name):
    """A module-scoped fixture that executes notebooks/`name` once and gives (the executed
    notebook, its iopub messages by cell index, the folder it ran in)."""
    @pytest.fixture(scope="module")
    def executed(stride_kernel_name, tmp_path_factory):
        workdir = tmp_path_factory.mktemp(pathlib.Path(name).stem)
        nb, messages = execute_notebook(name, stride_kernel_name, workdir)
        return nb, messages, workdir
    return executed
