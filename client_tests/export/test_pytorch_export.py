"""exportPyTorch and Dataset.export: the module PyTorch builds from the exported source loads
Stride's weights with strict=True and gives Stride's outputs (max |difference| < 1e-4, batch
7 and 1), for every case of the ONNX tests; torchrun trains it with DistributedDataParallel
on an exported MNIST subset, and Stride loads the trained weights back."""
import importlib.util
import re
import subprocess
import sys

import numpy as np
import pytest

from stride_export_helpers import stride_run
from test_onnx_export import CASES, TOKENS, TOLERANCE, USER_CASES

torch = pytest.importorskip("torch", reason="PyTorch is installed by scripts/setup.sh")
from safetensors.torch import load_file  # noqa: E402


def import_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name,prelude,model,sample_shape", [(c[0], "", c[1], c[2]) for c in CASES] + USER_CASES,
                         ids=[c[0] for c in CASES + USER_CASES])
def test_pytorch_module_loads_strictly_and_gives_strides_outputs(tmp_path, record_difference, name, prelude, model,
                                                                 sample_shape):
    inputs = TOKENS if sample_shape is None else f"Tensor(randomNormal: {[7] + sample_shape}, seed: 11)"
    # A user type's forward pass is recorded on zeros of inputShape; library models need none.
    shape = "" if not prelude else f", inputShape: {[1, 7] if sample_shape is None else [1] + sample_shape}"
    stride_run(tmp_path, f"""{prelude}
let model = {model}
let x = {inputs}
withLearningPhase(.training) {{ model(x) }}
model.exportPyTorch("exported.py"{shape})
saveTensors(["x": x, "y": model(x)], to: "io.safetensors")
""")
    assert (tmp_path / "exported_train_ddp.py").is_file()
    module = import_module(tmp_path / "exported.py", f"exported_{re.sub(r'[^A-Za-z0-9]', '_', name)}")
    net = module.Model()
    weights = load_file(str(tmp_path / "exported.safetensors"))
    assert set(net.state_dict()) == set(weights), "the module's names are not Stride's"
    net.load_state_dict(weights, strict=True)
    net.eval()
    tensors = load_file(str(tmp_path / "io.safetensors"))
    worst = 0.0
    with torch.no_grad():
        for x, y in ((tensors["x"], tensors["y"]), (tensors["x"][:1], tensors["y"][:1])):
            got = net(x)
            assert tuple(got.shape) == tuple(y.shape)
            assert y.abs().max() > 0
            worst = max(worst, (got - y).abs().max().item())
    record_difference("PyTorch " + name, worst)
    assert worst < TOLERANCE, f"{name}: max |PyTorch - Stride| = {worst}"


def test_capsules_are_refused_by_name(tmp_path):
    result = stride_run(tmp_path, """
let model = Sequential {
    PrimaryCapsules(capsules: 4, dimension: 4, kernelSize: 3, stride: 2); Capsules(count: 3, dimension: 4)
}
model(Tensor(zeros: [1, 1, 12, 12]))
model.exportPyTorch("caps.py")
""", expect_ok=False)
    assert "Capsules (at '1') has no PyTorch module" in result.stdout + result.stderr
    assert not (tmp_path / "caps.py").exists()


def test_a_user_type_without_input_shape_is_refused(tmp_path):
    result = stride_run(tmp_path, """
struct Tiny: Layer {
    var dense = Dense(units: 3)
    func callAsFunction(_ x: Tensor) -> Tensor { relu(dense(x)) }
}
let model = Tiny()
model(Tensor(zeros: [1, 4]))
model.exportPyTorch("m.py")
""", expect_ok=False)
    assert "Tiny is a user type" in result.stdout + result.stderr
    assert "inputShape:" in result.stdout + result.stderr


def test_a_model_never_called_is_refused(tmp_path):
    result = stride_run(tmp_path, """
let model = Sequential { Dense(units: 3) }
model.exportPyTorch("m.py")
""", expect_ok=False)
    assert "Dense at '0' has no weights yet" in result.stdout + result.stderr


def test_dataset_export_holds_images_and_labels(tmp_path):
    result = stride_run(tmp_path, """
let data = Shapes(count: 12, size: 8, seed: 2)
data.export("shapes.safetensors")
saveTensors(["images": data.images], to: "reference.safetensors")
print(data.labels)
print(data.classes)
""")
    import json
    from safetensors import safe_open
    labels, classes = (json.loads(line) for line in result.stdout.strip().splitlines()[-2:])
    exported = load_file(str(tmp_path / "shapes.safetensors"))
    assert exported["labels"].dtype == torch.int64
    assert exported["labels"].tolist() == labels
    assert torch.equal(exported["images"], load_file(str(tmp_path / "reference.safetensors"))["images"])
    with safe_open(str(tmp_path / "shapes.safetensors"), "pt") as f:
        assert json.loads(f.metadata()["classes"]) == classes


def test_torchrun_trains_the_exported_model_and_stride_loads_the_result(tmp_path):
    stride_run(tmp_path, """
let lenet = Sequential {
    Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu, name: "conv1")
    MaxPool2D(size: 2)
    Conv2D(filters: 16, kernelSize: 5, activation: .relu)
    BatchNorm()
    MaxPool2D(size: 2)
    Flatten()
    Dense(units: 120, activation: .relu)
    Dense(units: 84, activation: .relu)
    Dense(units: 10)
}
lenet.summary(inputShape: [1, 1, 28, 28])
lenet.exportPyTorch("lenet_model.py")
MNIST(split: .train).shuffled(seed: 1).prefix(1024).export("train.safetensors")
""")
    run = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2",
                          "--master_addr", "127.0.0.1", "--master_port", "29517",
                          "lenet_model_train_ddp.py", "--data", "train.safetensors", "--epochs", "2"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    losses = [float(v) for v in re.findall(r"^epoch \d+/2: loss ([0-9.]+)$", run.stdout, re.M)]
    assert len(losses) == 2, run.stdout
    assert losses[1] < losses[0], f"the loss did not fall: {losses}"

    trained = load_file(str(tmp_path / "lenet_model_trained.safetensors"))
    module = import_module(tmp_path / "lenet_model.py", "lenet_model_trained_check")
    net = module.load_model(tmp_path / "lenet_model_trained.safetensors").eval()
    x = torch.randn(3, 1, 28, 28, generator=torch.Generator().manual_seed(5))
    from safetensors.torch import save_file
    save_file({"x": x}, str(tmp_path / "x.safetensors"))
    stride_run(tmp_path, """
let lenet = Sequential {
    Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu, name: "conv1")
    MaxPool2D(size: 2)
    Conv2D(filters: 16, kernelSize: 5, activation: .relu)
    BatchNorm()
    MaxPool2D(size: 2)
    Flatten()
    Dense(units: 120, activation: .relu)
    Dense(units: 84, activation: .relu)
    Dense(units: 10)
}
lenet.load("lenet_model_trained.safetensors")
let x = loadTensors("x.safetensors")["x"]!
saveTensors(["y": lenet(x)], to: "y.safetensors")
""")
    assert trained["3.num_batches_tracked"].item() > 0
    with torch.no_grad():
        expected = net(x)
    got = load_file(str(tmp_path / "y.safetensors"))["y"]
    assert np.abs((got - expected).numpy()).max() < TOLERANCE
