"""Weights move between Stride and PyTorch unchanged, in both directions.

A model saved by `stride run` loads into the same architecture in PyTorch and gives the same
outputs (max abs difference < 1e-4); weights saved by PyTorch load into the Stride model and
give PyTorch's outputs.
"""
import os
import pathlib
import subprocess

import pytest

torch = pytest.importorskip("torch", reason="PyTorch is installed by scripts/setup.sh")
from safetensors.torch import load_file, save_file  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Conv, BatchNorm (with running statistics moved by a training-mode pass), pooling, dense.
STRIDE_MODEL = """
let model = Sequential {
    Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu)
    BatchNorm()
    MaxPool2D(size: 2)
    Conv2D(filters: 16, kernelSize: 5, activation: .relu)
    MaxPool2D(size: 2)
    Flatten()
    Dense(units: 120, activation: .relu)
    Dense(units: 10)
}
"""


def torch_model():
    nn = torch.nn
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(),
        nn.BatchNorm2d(6), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 10))


# Stride's Sequential names children by index; activations fused into a layer take no index,
# so PyTorch's separate ReLU modules shift the indices.
STRIDE_TO_TORCH = {"0": "0", "1": "2", "3": "4", "6": "8", "7": "10"}


def to_torch_names(tensors):
    renamed = {}
    for name, value in tensors.items():
        index, rest = name.split(".", 1)
        renamed[f"{STRIDE_TO_TORCH[index]}.{rest}"] = value
    return renamed


def to_stride_names(tensors):
    back = {v: k for k, v in STRIDE_TO_TORCH.items()}
    return {f"{back[n.split('.', 1)[0]]}.{n.split('.', 1)[1]}": v for n, v in tensors.items()}


def stride_run(tmp_path, source):
    binary = os.environ.get("STRIDE_BIN") or str(ROOT / ".build/release/stride")
    script = tmp_path / "script.stride"
    script.write_text(source)
    result = subprocess.run([binary, "run", str(script)], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_model_saved_by_stride_loads_in_pytorch(tmp_path):
    stride_run(tmp_path, STRIDE_MODEL + """
let x = Tensor(randomNormal: [4, 1, 28, 28], seed: 3)
withLearningPhase(.training) { model(x) }
let y = model(x)
model.save("model.safetensors")
saveTensors(["x": x, "y": y], to: "io.safetensors")
""")
    weights = load_file(str(tmp_path / "model.safetensors"))
    assert weights["1.num_batches_tracked"].item() == 1
    net = torch_model()
    net.load_state_dict(to_torch_names(weights), strict=True)
    net.eval()
    io = load_file(str(tmp_path / "io.safetensors"))
    with torch.no_grad():
        expected = net(io["x"])
    difference = (expected - io["y"]).abs().max().item()
    assert difference < 1e-4, difference


def test_weights_saved_by_pytorch_load_into_stride(tmp_path):
    torch.manual_seed(0)
    net = torch_model()
    net.train()
    with torch.no_grad():
        net(torch.randn(8, 1, 28, 28))          # moves BatchNorm's running statistics
    net.eval()
    x = torch.randn(4, 1, 28, 28)
    with torch.no_grad():
        y = net(x)
    save_file(to_stride_names(net.state_dict()), str(tmp_path / "torch.safetensors"))
    save_file({"x": x.contiguous()}, str(tmp_path / "x.safetensors"))
    out = stride_run(tmp_path, STRIDE_MODEL + """
model.load("torch.safetensors")
let x = loadTensors("x.safetensors")["x"]!
saveTensors(["y": model(x)], to: "y.safetensors")
print("loaded")
""")
    assert out.strip() == "loaded"
    difference = (load_file(str(tmp_path / "y.safetensors"))["y"] - y).abs().max().item()
    assert difference < 1e-4, difference
