"""Executes notebooks/01-first-cnn.ipynb through nbclient and checks what every cell shows.

Besides the saved outputs, the test records every iopub message of each cell, so it can
check that training shows one live chart and one progress line updated in place.
"""
import re
from html.parser import HTMLParser

import pytest
from PIL import Image

from notebook_helpers import assert_picture, cell_containing, cell_errors, notebook_fixture, rich_outputs, stdout_of


executed = notebook_fixture("01-first-cnn.ipynb")


def test_no_cell_errors(executed):
    nb, _, _ = executed
    assert not cell_errors(nb)


def test_data_grid(executed):
    nb, _, _ = executed
    _, cell = cell_containing(nb, "MNIST(split: .train)")
    assert stdout_of(cell).split() == ["4000", "1000"]
    outputs = rich_outputs(cell)
    assert len(outputs) == 1
    assert_picture(outputs[0])


def test_summary_table(executed):
    nb, _, _ = executed
    _, cell = cell_containing(nb, "summary(inputShape:")
    (output,) = rich_outputs(cell)
    html = output["data"]["text/html"]
    rows = []

    class Rows(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                rows.append(tag)

    Rows().feed(html)
    assert len(rows) >= 9, "one row per layer and a header"
    assert "conv1" in html and "conv1" in output["data"]["text/plain"]
    # LeNet-5 with 'same' padding on conv1: 156 + 2416 + 48120 + 10164 + 850 parameters.
    assert "61,706" in html or "61706" in html


def test_training_shows_one_live_chart_and_progress_line(executed):
    nb, messages, _ = executed
    index, cell = cell_containing(nb, "lenet.fit(")
    msgs = messages[index]
    created = [m for m in msgs if m["msg_type"] == "display_data"]
    updates = [m for m in msgs if m["msg_type"] == "update_display_data"]
    ids = {m["content"].get("transient", {}).get("display_id") for m in created}
    assert len(created) == 2 and None not in ids and len(ids) == 2, \
        "exactly one chart and one progress line, each with a display_id"
    assert len(updates) >= 4, "the chart and the progress line are updated in place"
    assert {m["content"]["transient"]["display_id"] for m in updates} <= ids
    streams = [m for m in msgs if m["msg_type"] == "stream"]
    assert not streams, "nothing else scrolls while training"
    # The final chart stays as the cell's output, so a saved notebook shows it.
    pictures = rich_outputs(cell)
    assert pictures and any("image/svg+xml" in o["data"] or "image/png" in o["data"]
                            for o in pictures)


def test_test_accuracy(executed):
    nb, _, _ = executed
    _, cell = cell_containing(nb, "lenet.evaluate(test)")
    match = re.search(r"test accuracy: ([0-9.]+)", stdout_of(cell))
    assert match, stdout_of(cell)
    accuracy = float(match.group(1))
    print(f"\n01-first-cnn test accuracy: {accuracy:.4f}")
    assert accuracy >= 0.95


@pytest.mark.parametrize("code", ["featureMaps(of:", "filters(layer:", "gradCAM(",
                                  "confusionMatrix("])
def test_pictures(executed, code):
    nb, _, _ = executed
    _, cell = cell_containing(nb, code)
    outputs = rich_outputs(cell)
    assert len(outputs) == 1
    assert_picture(outputs[0])


def test_confusion_matrix_counts_every_test_image(executed):
    nb, _, _ = executed
    _, cell = cell_containing(nb, "confusionMatrix(")
    (output,) = rich_outputs(cell)
    svg = output["data"].get("image/svg+xml") or output["data"].get("text/html", "")
    counts = [int(t) for t in re.findall(r">(\d+)</text>", svg)]
    assert sum(counts) >= 1000, "the cells' counts add up to the 1,000 test images"


def test_save_and_load(executed):
    nb, _, workdir = executed
    _, cell = cell_containing(nb, "lenet.save(")
    assert stdout_of(cell).strip() == "true"
    saved = workdir / "lenet.safetensors"
    assert saved.is_file() and saved.stat().st_size > 61706 * 4


def test_training_chart_renders_in_a_browser(executed, tmp_path):
    """nbconvert's HTML of the training cell, screenshotted by headless Chromium, shows a chart.

    Only the training cell is kept, so the screenshot's region below the code is the chart:
    it must hold many non-background pixels and some coloured (chart line) pixels.
    """
    import copy
    import shutil
    import subprocess

    from nbconvert import HTMLExporter

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.fail("chromium is not installed (scripts/setup.sh installs it)")
    nb, _, _ = executed
    index, _ = cell_containing(nb, "lenet.fit(")
    only_chart = copy.deepcopy(nb)
    only_chart.cells = [only_chart.cells[index]]
    html, _ = HTMLExporter().from_notebook_node(only_chart)
    page = tmp_path / "chart.html"
    page.write_text(html)
    shot = tmp_path / "chart.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={shot}", "--window-size=1200,1400", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    image = Image.open(shot).convert("RGB")
    width, height = image.size
    pixels = image.load()
    background = pixels[width - 2, height - 2]
    busy = coloured = 0
    for y in range(height // 6, height, 2):
        for x in range(0, width, 2):
            r, g, b = pixels[x, y]
            if max(abs(r - background[0]), abs(g - background[1]), abs(b - background[2])) > 40:
                busy += 1
            if max(r, g, b) - min(r, g, b) > 80:
                coloured += 1
    assert busy > 2000, f"the chart region is blank ({busy} non-background samples)"
    assert coloured > 100, f"no coloured chart lines ({coloured} coloured samples)"
