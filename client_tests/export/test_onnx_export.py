"""exportONNX: onnxruntime on the exported file gives Stride's outputs.

Each case builds a model in Stride, runs it once in training (so BatchNorm's running
statistics move off their initial values), exports it with a batch of 1 in `inputShape`, and
saves inputs and Stride's inference outputs for a batch of 7. The file must pass
`onnx.checker` (with shape inference) and onnxruntime must give the same outputs for batch 7
and for its first sample alone (the batch axis is dynamic): max |difference| < 1e-4.
"""
import numpy as np
import pytest

from stride_export_helpers import stride_run

onnx = pytest.importorskip("onnx", reason="onnx is installed by scripts/setup.sh")
ort = pytest.importorskip("onnxruntime", reason="onnxruntime is installed by scripts/setup.sh")
from safetensors.numpy import load_file  # noqa: E402

TOLERANCE = 1e-4
TOKENS = "Tensor([[3, 1, 4, 1, 5, 9, 2], [6, 5, 3, 5, 8, 9, 7], [9, 3, 2, 3, 8, 4, 6], [2, 6, 4, 3, 3, 8, 3]," \
         " [2, 7, 9, 5, 0, 2, 8], [8, 4, 1, 9, 7, 1, 6], [9, 3, 9, 9, 3, 7, 5]])"

# (case, the model, the shape of one sample)
CASES = [
    ("Dense", "Sequential { Dense(units: 5, activation: .tanh) }", [6]),
    ("Dense.rank3", "Sequential { Dense(units: 4, useBias: false) }", [3, 6]),
    ("Dense.activations",
     "Sequential { Dense(units: 8, activation: .swish); Dense(units: 8, activation: .elu(alpha: 0.5));"
     " Dense(units: 6, activation: .leakyRelu(alpha: 0.2)); Dense(units: 4, activation: .softmax) }", [5]),
    ("Conv2D.same.stride2",
     "Sequential { Conv2D(filters: 4, kernelSize: 3, stride: 2, padding: .same, activation: .relu) }",
     [3, 9, 8]),
    ("Conv2D.valid.dilation",
     "Sequential { Conv2D(filters: 3, kernelSize: 3, dilation: 2, activation: .sigmoid) }", [2, 10, 9]),
    ("Conv2D.explicit.groups",
     "Sequential { Conv2D(filters: 6, kernelSize: 3, padding: 1, groups: 2, useBias: false) }",
     [4, 7, 7]),
    ("Conv1D",
     "Sequential { Conv1D(filters: 5, kernelSize: 4, stride: 2, padding: .same, activation: .tanh) }", [3, 17]),
    ("Conv3D", "Sequential { Conv3D(filters: 2, kernelSize: 3, padding: .same, activation: .relu) }", [2, 5, 6, 4]),
    ("DepthwiseConv2D", "Sequential { DepthwiseConv2D(kernelSize: 3, stride: 2, padding: .same, depthMultiplier: 2) }",
     [3, 8, 8]),
    ("SeparableConv2D", "Sequential { SeparableConv2D(filters: 5, kernelSize: 3, padding: .same, activation: .relu) }",
     [3, 6, 6]),
    ("ConvTranspose2D.valid", "Sequential { ConvTranspose2D(filters: 3, kernelSize: 3, stride: 2) }", [2, 4, 5]),
    ("ConvTranspose2D.same", "Sequential { ConvTranspose2D(filters: 2, kernelSize: 4, stride: 2, padding: .same) }",
     [3, 4, 4]),
    ("ConvTranspose2D.explicit", "Sequential { ConvTranspose2D(filters: 2, kernelSize: 3, stride: 2, padding: 1,"
     " outputPadding: 1, activation: .tanh) }", [2, 3, 3]),
    ("MaxPool2D", "Sequential { MaxPool2D(size: 2); MaxPool2D(size: 3, stride: 1, padding: .same) }", [2, 9, 8]),
    ("AvgPool2D", "Sequential { AvgPool2D(size: 3, stride: 2, padding: .same); AvgPool2D(size: 2, padding: 1) }",
     [2, 9, 8]),
    ("Pools1D", "Sequential { MaxPool1D(size: 2); AvgPool1D(size: 3, stride: 2, padding: .same) }", [3, 15]),
    ("Pools3D", "Sequential { MaxPool3D(size: 2); AvgPool3D(size: 2, padding: 1) }", [2, 6, 5, 4]),
    ("GlobalPools2D", "Concat(axis: 1) { GlobalAvgPool2D(); GlobalMaxPool2D() }", [3, 5, 4]),
    ("GlobalPools1D", "Concat(axis: 1) { GlobalAvgPool1D(); GlobalMaxPool1D() }", [3, 7]),
    ("GlobalPools3D", "Concat(axis: 1) { GlobalAvgPool3D(); GlobalMaxPool3D() }", [2, 3, 4, 5]),
    ("Activations",
     "Sequential { ReLU(); LeakyReLU(alpha: 0.1); ELU(alpha: 0.7); Swish(); Tanh(); Sigmoid() }", [4, 5]),
    ("Softmax", "Sequential { Softmax(axis: 1) }", [4, 6]),
    ("PReLU", "Sequential { PReLU(initialSlope: 0.3) }", [3, 4]),
    ("Flatten.Reshape", "Sequential { Flatten(); Reshape(shape: [4, -1]); Dense(units: 3) }", [2, 3, 4]),
    ("Dropout.Identity", "Sequential { Dropout(rate: 0.5); Identity(); Dense(units: 3) }", [5]),
    ("BatchNorm",
     "Sequential { Conv2D(filters: 4, kernelSize: 3); BatchNorm(); Flatten(); Dense(units: 6); BatchNorm() }",
     [2, 6, 6]),
    ("BatchNorm.1D", "Sequential { BatchNorm() }", [3, 8]),
    ("LayerNorm", "Sequential { LayerNorm(); LayerNorm(normalizedRank: 1, epsilon: 1e-3) }", [3, 5]),
    ("Embedding", "Sequential { Embedding(vocabularySize: 10, embeddingSize: 4); Flatten(); Dense(units: 2) }", None),
    ("Upsample2D", "Sequential { Upsample2D(scale: 3) }", [2, 3, 4]),
    ("Residual.identity",
     "Residual(activation: .relu) { Conv2D(filters: 3, kernelSize: 3, padding: .same); BatchNorm() }",
     [3, 6, 6]),
    ("Residual.projection",
     "Residual(activation: .relu) { Conv2D(filters: 8, kernelSize: 3, stride: 2, padding: .same);"
     " BatchNorm(); ReLU(); Conv2D(filters: 8, kernelSize: 3, padding: .same); BatchNorm() }", [3, 8, 8]),
    ("Residual.dense", "Residual { Dense(units: 7, activation: .relu) }", [4]),
    ("Concat", """Concat {
        Conv2D(filters: 8, kernelSize: 1)
        Sequential { Conv2D(filters: 8, kernelSize: 1); Conv2D(filters: 16, kernelSize: 3, padding: .same) }
        Sequential { MaxPool2D(size: 3, stride: 1, padding: .same); Conv2D(filters: 8, kernelSize: 1) }
    }""", [3, 7, 7]),
    ("DenseBlock", "Sequential { DenseBlock(layers: 3, growthRate: 4) }", [3, 6, 6]),
    ("SqueezeExcite", "Sequential { Conv2D(filters: 8, kernelSize: 3, padding: .same); SqueezeExcite(ratio: 4) }",
     [3, 6, 6]),
    ("SqueezeExcite.1D", "Sequential { SqueezeExcite(ratio: 2) }", [4, 9]),
    ("PrimaryCapsules",
     "Sequential { PrimaryCapsules(capsules: 4, dimension: 3, kernelSize: 3, stride: 2) }", [2, 9, 9]),
    ("LeNet-5", """Sequential {
        Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu, name: "conv1")
        MaxPool2D(size: 2)
        Conv2D(filters: 16, kernelSize: 5, activation: .relu)
        MaxPool2D(size: 2)
        Flatten()
        Dense(units: 120, activation: .relu)
        Dense(units: 84, activation: .relu)
        Dense(units: 10)
    }""", [1, 28, 28]),
    ("Inception+SE", """Sequential {
        Conv2D(filters: 8, kernelSize: 3, padding: .same, activation: .relu)
        Concat {
            Conv2D(filters: 4, kernelSize: 1, activation: .relu)
            Sequential {
                Conv2D(filters: 4, kernelSize: 1)
                Conv2D(filters: 8, kernelSize: 3, padding: .same, activation: .relu)
            }
            Sequential { MaxPool2D(size: 3, stride: 1, padding: .same); Conv2D(filters: 4, kernelSize: 1) }
        }
        SqueezeExcite(ratio: 4)
        BatchNorm()
        GlobalAvgPool2D()
        Dense(units: 10)
    }""", [1, 16, 16]),
    ("Separable net", """Sequential {
        Conv2D(filters: 8, kernelSize: 3, stride: 2, padding: .same, activation: .relu)
        SeparableConv2D(filters: 16, kernelSize: 3, padding: .same, activation: .relu)
        BatchNorm()
        DepthwiseConv2D(kernelSize: 3, padding: .same, activation: .relu)
        SeparableConv2D(filters: 16, kernelSize: 3, stride: 2, padding: .same)
        GlobalMaxPool2D()
        Dropout(rate: 0.3)
        Dense(units: 10)
    }""", [3, 16, 16]),
]


# User types declared `: Layer`, exported by recording their callAsFunction:
# (case, the declarations, the model, the shape of one sample)
USER_CASES = [
    ("FashionNet (notebook 02)", """
struct FashionNet: Layer {
    var stem = Sequential {
        Conv2D(filters: 16, kernelSize: 3, padding: .same); BatchNorm(); ReLU()
    }
    var block = Residual(activation: .relu) {
        Conv2D(filters: 32, kernelSize: 3, stride: 2, padding: .same); BatchNorm(); ReLU()
        Conv2D(filters: 32, kernelSize: 3, padding: .same); BatchNorm()
    }
    var head = Sequential { GlobalAvgPool2D(); Dense(units: 10) }
    func callAsFunction(_ x: Tensor) -> Tensor {
        head(block(maxPool2d(stem(x), size: 2)))
    }
}""", "FashionNet()", [1, 28, 28]),
    ("TextNet (notebook 03)", """
struct TextNet: Layer {
    var embed = Embedding(vocabularySize: 10, embeddingSize: 16)
    var conv = Conv1D(filters: 32, kernelSize: 3, padding: .same, activation: .relu)
    var head = Sequential { GlobalMaxPool1D(); Dense(units: 2) }
    func callAsFunction(_ x: Tensor) -> Tensor {
        head(conv(embed(x).permuted([0, 2, 1])))
    }
}""", "TextNet()", None),
    ("TinyNet (LANGUAGE.md 3)", """
struct TinyNet: Layer {
    var conv = Conv2D(filters: 8, kernelSize: 3, padding: .same)
    var head = Dense(units: 10)
    func callAsFunction(_ x: Tensor) -> Tensor {
        head(globalAvgPool2d(relu(conv(x))))
    }
}""", "TinyNet()", [3, 8, 8]),
    ("user Inception+SE", """
struct Inception: Layer {
    var a = Conv2D(filters: 4, kernelSize: 1, activation: .relu)
    var b = Sequential { Conv2D(filters: 4, kernelSize: 1); Conv2D(filters: 6, kernelSize: 3, padding: .same) }
    var se = SqueezeExcite(ratio: 2)
    var head = Dense(units: 5)
    func callAsFunction(_ x: Tensor) -> Tensor {
        let joined = concat([a(x), b(x), maxPool2d(x, size: 3, stride: 1, padding: .same)], axis: 1)
        return head(globalMaxPool2d(se(joined)))
    }
}""", "Inception()", [3, 8, 8]),
    ("hand-written residual", """
class Block: Layer {
    var convs = [Conv2D(filters: 4, kernelSize: 3, padding: .same), Conv2D(filters: 4, kernelSize: 3, padding: .same)]
    var gate = Sequential { Conv2D(filters: 4, kernelSize: 1); Sigmoid() }
    func callAsFunction(_ x: Tensor) -> Tensor {
        let y = leakyRelu(convs[0](x), alpha: 0.2)
        let z = avgPool2d(convs[1](y) * gate(x) + x * 0.5, size: 2, padding: .same)
        return softmax(tanh(upsample2d(z, scale: 2)) - swish(x), axis: 1)
    }
}""", "Block()", [4, 8, 8]),
]


def export_and_compare(tmp_path, model, sample_shape, record, name, prelude=""):
    if sample_shape is None:
        inputs, one = TOKENS, "[1, 7]"
    else:
        inputs, one = f"Tensor(randomNormal: {[7] + sample_shape}, seed: 11)", str([1] + sample_shape)
    stride_run(tmp_path, f"""{prelude}
let model = {model}
let x = {inputs}
withLearningPhase(.training) {{ model(x) }}
model.exportONNX("model.onnx", inputShape: {one})
saveTensors(["x": x, "y": model(x)], to: "io.safetensors")
""")
    onnx.checker.check_model(onnx.load(str(tmp_path / "model.onnx")), full_check=True)
    tensors = load_file(str(tmp_path / "io.safetensors"))
    session = ort.InferenceSession(str(tmp_path / "model.onnx"), providers=["CPUExecutionProvider"])
    worst = 0.0
    for x, y in ((tensors["x"], tensors["y"]), (tensors["x"][:1], tensors["y"][:1])):
        (got,) = session.run(None, {"input": x})
        assert got.shape == y.shape
        assert np.abs(y).max() > 0, "a case whose outputs are all zero compares nothing"
        worst = max(worst, float(np.abs(got - y).max()))
    record(name, worst)
    assert worst < TOLERANCE, f"{name}: max |onnxruntime - Stride| = {worst}"


@pytest.mark.parametrize("name,model,sample_shape", CASES, ids=[c[0] for c in CASES])
def test_onnxruntime_gives_strides_outputs(tmp_path, record_difference, name, model, sample_shape):
    export_and_compare(tmp_path, model, sample_shape, record_difference, name)


@pytest.mark.parametrize("name,prelude,model,sample_shape", USER_CASES, ids=[c[0] for c in USER_CASES])
def test_user_types_export_through_their_recorded_forward_pass(tmp_path, record_difference, name, prelude, model,
                                                               sample_shape):
    export_and_compare(tmp_path, model, sample_shape, record_difference, name, prelude)


def test_a_user_type_calling_a_function_onnx_lacks_is_refused_by_name(tmp_path):
    result = stride_run(tmp_path, """
struct Odd: Layer {
    var dense = Dense(units: 3)
    func callAsFunction(_ x: Tensor) -> Tensor { dense(x).transposed() }
}
let model = Odd()
model.exportONNX("model.onnx", inputShape: [1, 4])
""", expect_ok=False)
    output = result.stdout + result.stderr
    assert "Odd calls transposed(), which has no ONNX form" in output, output
    assert not (tmp_path / "model.onnx").exists()


def test_the_model_file_names_its_weights_as_save_does(tmp_path):
    stride_run(tmp_path, """
let model = Sequential {
    Conv2D(filters: 2, kernelSize: 3, name: "conv1"); BatchNorm(name: "bn"); Flatten(); Dense(units: 2)
}
model.exportONNX("model.onnx", inputShape: [1, 1, 5, 5])
""")
    proto = onnx.load(str(tmp_path / "model.onnx"))
    names = {t.name for t in proto.graph.initializer}
    assert {"conv1.weight", "conv1.bias", "bn.weight", "bn.running_mean", "bn.running_var", "3.weight"} <= names
    assert proto.opset_import[0].version == 17
    assert proto.graph.input[0].type.tensor_type.shape.dim[0].dim_param == "N"


def test_a_layer_onnx_lacks_is_refused_by_name(tmp_path):
    result = stride_run(tmp_path, """
let model = Sequential { Flatten(); Reshape(shape: [4, 2]); Capsules(count: 3, dimension: 4) }
model.exportONNX("model.onnx", inputShape: [1, 8])
""", expect_ok=False)
    assert result.returncode != 0
    assert "ValueError" in result.stderr + result.stdout
    assert "Capsules (at '2') has no ONNX form" in result.stderr + result.stdout
    assert not (tmp_path / "model.onnx").exists()


def test_bad_input_shapes_are_refused(tmp_path):
    result = stride_run(tmp_path, """
let model = Sequential { Dense(units: 2) }
model.exportONNX("model.onnx", inputShape: [0, 3])
""", expect_ok=False)
    assert "inputShape [0, 3] must be positive sizes" in result.stderr + result.stdout
