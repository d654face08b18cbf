"""papermill runs a Stride notebook with parameters: `-p name value` (and `-y` YAML) becomes
`let name = value` in a cell that papermill injects after the `parameters` cell and tags
`injected-parameters`, and the notebook computes with the new values."""
import json
import subprocess
import sys

import nbformat
import pytest

pytest.importorskip("papermill", reason="papermill is installed by scripts/setup.sh")

DEFAULTS = """let epochs = 1
let rate = 0.5
let augment = false
let title = "default"
let sizes = [8]
let options = ["seed": 0]"""

TRAIN = """let data = Shapes(count: 64, size: 16, seed: 1)
let model = Sequential { Conv2D(filters: 4, kernelSize: 3, activation: .relu); GlobalAvgPool2D(); Dense(units: 4) }
let history = model.fit(data, epochs: epochs, batchSize: 32, optimizer: SGD(learningRate: rate))
print("epochs run:", history.loss.count)"""

SHOW = """print(epochs * 10, rate * 4, !augment, title.count, title)
print(sizes.reduce(0, +), sizes.count, options["seed"]!, options["name"] ?? "none")
print(nothing == nil, empty.count, emptyTable.isEmpty)"""


def parameterized_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "stride", "display_name": "Stride", "language": "stride"}
    nb.metadata["language_info"] = {"name": "stride"}
    params = nbformat.v4.new_code_cell(DEFAULTS + "\nlet nothing: Int? = 1\nlet empty = [1]\nlet emptyTable = [1: 1]")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(TRAIN), nbformat.v4.new_code_cell(SHOW)]
    nbformat.write(nb, path)


def run_papermill(tmp_path, kernel, *args):
    source, target = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    parameterized_notebook(source)
    result = subprocess.run([sys.executable, "-m", "papermill", str(source), str(target), "-k", kernel,
                             "--cwd", str(tmp_path), *args], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return nbformat.read(target, as_version=4)


def stdout(cell):
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def test_parameters_become_lets_in_a_tagged_cell(tmp_path, stride_kernel_name):
    title = 'He said "hi" \\(x)\n'
    nb = run_papermill(tmp_path, stride_kernel_name, "-p", "epochs", "2", "-p", "rate", "0.25",
                       "-p", "augment", "True", "-p", "title", title,
                       "-y", "sizes: [3, 4, 5]\noptions: {seed: 7, name: run}\nnothing: null\nempty: []\nemptyTable: {}")
    injected = nb.cells[1]
    assert injected.metadata["tags"] == ["injected-parameters"]
    assert nb.cells[0].metadata["tags"] == ["parameters"]
    lines = injected.source.splitlines()
    assert lines[0] == "// Parameters"
    # papermill puts the -y parameters before the -p ones.
    assert sorted(lines[1:]) == sorted([
        "let epochs = 2",
        "let rate = 0.25",
        "let augment = true",
        'let title = "He said \\"hi\\" \\\\(x)\\n"',
        "let sizes = [3, 4, 5]",
        'let options = ["seed": 7, "name": "run"]',
        "let nothing = nil",
        "let empty = []",
        "let emptyTable = [:]",
    ])
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors, errors
    assert "epochs run: 2" in stdout(nb.cells[2])
    # The title keeps its quotes, backslash and newline as given (its newline ends line 0).
    lines = stdout(nb.cells[3]).splitlines()
    assert lines[0] == f"20 1.0 false {len(title)} " + title.rstrip("\n")
    assert lines[2] == "12 3 7 run"
    assert lines[3] == "true 0 true"


def test_doubles_keep_their_type_and_value(tmp_path, stride_kernel_name):
    nb = run_papermill(tmp_path, stride_kernel_name, "-p", "rate", "1e-05", "-p", "epochs", "1",
                       "-y", "sizes: [1.5, 2.0]")
    assert "let rate = 1e-05" in nb.cells[1].source
    assert "let sizes = [1.5, 2.0]" in nb.cells[1].source
    lines = stdout(nb.cells[3]).splitlines()
    assert lines[0].split()[1] == "4e-05"
    assert lines[1].split()[:2] == ["3.5", "2"]
