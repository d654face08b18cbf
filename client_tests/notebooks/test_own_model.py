"""Executes notebooks/02-your-own-model.ipynb through nbclient and checks what every cell
shows: a user-declared model summarised, trained with augmentation, a schedule and
callbacks, stepped by hand, and looked into."""
import re
from html.parser import HTMLParser

from safetensors.numpy import load_file

from notebook_helpers import assert_picture, cell_containing, cell_errors, notebook_fixture, rich_outputs, stdout_of


executed = notebook_fixture("02-your-own-model.ipynb")


def test_no_cell_errors(executed):
    nb, _, _ = executed
    assert not cell_errors(nb)


def test_data(executed):
    nb, _, _ = executed
    _, cell = cell_containing(nb, "FashionMNIST(split: .train)")
    counts, classes = stdout_of(cell).splitlines()
    assert counts.split() == ["60000", "9600", "2400", "2000"]
    assert classes.startswith('["T-shirt/top", "Trouser"') and classes.endswith('"Ankle boot"]')
    (grid,) = rich_outputs(cell)
    assert_picture(grid)


def test_user_model_summary_names_layers_by_property_path(executed):
    nb, _, _ = executed
    _, cell = cell_containing(nb, "struct FashionNet: Layer")
    (output,) = rich_outputs(cell)
    html = output["data"]["text/html"]
    cells = []

    class Cells(HTMLParser):
        def handle_data(self, data):
            cells.append(data.strip())

    Cells().feed(html)
    for path in ("stem.0", "block.projection", "head.1"):
        assert path in cells, f"{path} not in the summary"
    # stem 160 + 32, block 4,640 + 64 + 9,248 + 64 + 512, head 330.
    assert "15,050" in html


def test_training_with_callbacks_shows_one_live_chart_and_writes_checkpoints(executed):
    nb, messages, workdir = executed
    index, cell = cell_containing(nb, "net.fit(")
    created = [m for m in messages[index] if m["msg_type"] == "display_data"]
    updates = [m for m in messages[index] if m["msg_type"] == "update_display_data"]
    assert len(created) == 2 and len(updates) >= 2
    assert not [m for m in messages[index] if m["msg_type"] == "stream"]
    assert rich_outputs(cell), "the final chart stays"
    weights = load_file(str(workdir / "fashion.safetensors"))
    assert weights["stem.0.weight"].shape == (16, 1, 3, 3)
    assert weights["block.projection.weight"].shape == (32, 16, 1, 1)
    assert weights["head.1.weight"].shape == (10, 32)


def test_plot_and_accuracy(executed):
    nb, _, _ = executed
    _, cell = cell_containing(nb, "plot(history.accuracy")
    (output,) = rich_outputs(cell)
    assert_picture(output)
    svg = output["data"]["image/svg+xml"]
    assert ">0.5<" not in svg, "epochs are whole numbers on the x axis"
    _, cell = cell_containing(nb, "net.evaluate(test)")
    match = re.search(r"test accuracy: ([0-9.]+)", stdout_of(cell))
    assert match, stdout_of(cell)
    accuracy = float(match.group(1))
    print(f"\n02-your-own-model test accuracy: {accuracy:.4f}")
    assert accuracy >= 0.75, "four epochs on 9,600 images reach 80 % here"
    (matrix,) = rich_outputs(cell)
    assert_picture(matrix)


def test_one_step_by_hand_lowers_the_batch_loss(executed):
    nb, _, _ = executed
    _, cell = cell_containing(nb, "gradient(at: copy)")
    before, after = (float(line.split(":")[1]) for line in stdout_of(cell).splitlines())
    assert after < before


def test_feature_maps_and_saliency(executed):
    nb, _, _ = executed
    _, cell = cell_containing(nb, "featureMaps(of: image")
    assert re.fullmatch(r"a [A-Za-z/ -]+ - predicted: [A-Za-z/ -]+\n", stdout_of(cell))
    (maps,) = rich_outputs(cell)
    assert_picture(maps)
    assert maps["data"]["text/plain"].startswith("<Feature maps of stem.2: 16 channels of 28×28")
    _, cell = cell_containing(nb, "saliency(net")
    (picture,) = rich_outputs(cell)
    assert_picture(picture)
