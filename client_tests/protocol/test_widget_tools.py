"""The widgets built on the protocol, through jupyter_client: fit's controls acting while the
cell trains, explore's receptive field against the convolution arithmetic, and the widget
state that nbclient saves in a notebook."""
import time

import pytest

from kernel_under_test import SIGNAL_KERNEL
from protocol_helpers import stdout_of
from widget_helpers import (comm_update, iopub_until, kernel, model_named, opened_models,  # noqa: F401
                            output_updates, run_cell, send_comm, served)



FIT_SETUP = """
let data = Shapes(count: 64, size: 8, seed: 1)
var net = Sequential {
    Conv2D(filters: 2, kernelSize: 3, padding: .same, activation: .relu)
    GlobalAvgPool2D()
    Dense(units: 4)
}
"""


def click(client, model_id):
    return send_comm(client, "comm_msg", {"comm_id": model_id,
                                          "data": {"method": "custom", "content": {"event": "click"}}})


def test_fit_controls_set_the_rate_pause_and_stop_keeping_the_history(kernel):
    _, client = kernel
    reply, _ = run_cell(client, FIT_SETUP)
    assert reply["status"] == "ok", reply
    fit_id = client.execute("net.fit(data, epochs: 100000, batchSize: 8, optimizer: Adam(learningRate: 1e-3), "
                            "controls: true)")
    seen = iopub_until(client, lambda m: m["parent_header"].get("msg_id") == fit_id and m["msg_type"] == "display_data"
                       and "application/vnd.jupyter.widget-view+json" in m["content"]["data"])
    panel_id = seen[-1]["content"]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
    opened = opened_models(seen)
    children = [c[len("IPY_MODEL_"):] for c in opened[panel_id]["children"]]
    rate, pause, stop = (opened[c] for c in children)
    assert rate["_model_name"] == "FloatLogSliderModel" and rate["value"] == pytest.approx(1e-3)
    assert (rate["min"], rate["max"]) == (pytest.approx(-5.0), pytest.approx(-1.0))
    assert pause["description"] == "pause" and stop["description"] == "stop"
    # While the cell trains, the slider's update is served at the next step (its echo shows).
    update = comm_update(client, children[0], {"value": 0.02})
    iopub_until(client, lambda m: m["parent_header"].get("msg_id") == update and m["msg_type"] == "comm_msg")
    paused = click(client, children[1])
    iopub_until(client, lambda m: m["parent_header"].get("msg_id") == paused and m["msg_type"] == "comm_msg"
                and m["content"]["data"].get("state", {}).get("description") == "resume")
    resumed = click(client, children[1])
    iopub_until(client, lambda m: m["parent_header"].get("msg_id") == resumed and m["msg_type"] == "comm_msg"
                and m["content"]["data"].get("state", {}).get("description") == "pause")
    time.sleep(0.5)
    click(client, children[2])
    reply = client.get_shell_msg(timeout=30)
    assert reply["parent_header"]["msg_id"] == fit_id
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "Interrupted"
    reply, outputs = run_cell(client, "let h = net.history!\n"
                                      "print(h.interrupted, h.stepLoss.count > 8, h.learningRate.last!)")
    assert reply["status"] == "ok", reply
    interrupted, trained, last_rate = stdout_of(outputs).split()
    assert (interrupted, trained) == ("true", "true")
    assert float(last_rate) == pytest.approx(0.02, rel=1e-6), "epochs after the change ran at the slider's rate"


EXPLORE_SETUP = """
let data = Shapes(count: 16, size: 16, seed: 1)
var net = Sequential {
    Conv2D(filters: 3, kernelSize: 3, padding: .same, activation: .relu, name: "conv1")
    MaxPool2D(size: 2)
    Conv2D(filters: 5, kernelSize: 3, padding: .same, activation: .relu, name: "conv2")
    GlobalAvgPool2D()
    Dense(units: 4)
}
_ = net.fit(data, epochs: 2)
explore(net, data)
"""


def red_box_side(png_base64):
    """The longer side, in pixels, of the pure-red outline in a PNG."""
    import base64
    import io

    from PIL import Image
    image = Image.open(io.BytesIO(base64.b64decode(png_base64))).convert("RGB")
    red = [(x, y) for y in range(image.height) for x in range(image.width) if image.getpixel((x, y)) == (255, 0, 0)]
    assert red, "no receptive field outlined"
    xs, ys = [p[0] for p in red], [p[1] for p in red]
    return max(max(xs) - min(xs) + 1, max(ys) - min(ys) + 1), image.width


def test_explore_shows_the_receptive_field_map_and_top_predictions(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, EXPLORE_SETUP, timeout=120)
    assert reply["status"] == "ok", reply
    output_id, _ = model_named(outputs, "OutputModel")
    layer_id, layer = model_named(outputs, "DropdownModel")
    assert layer["_options_labels"] == ["conv1", "1", "conv2"]
    [shown] = output_updates(outputs, output_id)
    assert shown[0]["output_type"] == "stream" and "top 3: " in shown[0]["text"]
    assert shown[0]["text"].startswith("image 0, conv1 channel 0: ")
    side, width = red_box_side(shown[1]["data"]["image/png"])
    # A 3×3 convolution's unit sees at most 3×3 input pixels (16 pixels wide, scaled up).
    assert 1 <= side / (width / 16) <= 3
    time.sleep(0.3)
    got = served(client, comm_update(client, layer_id, {"index": 2}))
    [shown] = output_updates(got, output_id)
    assert shown[0]["text"].startswith("image 0, conv2 channel 0: ")
    side, width = red_box_side(shown[1]["data"]["image/png"])
    # conv1 (3) + pool (2, stride 2) + conv2 (3 at stride 2): at most 3 + 1 + 2·2 = 8 pixels.
    assert 1 <= side / (width / 16) <= 8


def test_nbclient_saves_the_last_widget_state_in_the_notebook():
    """nbclient, like JupyterLab's "save widget state", keeps each model's last state in the
    notebook's metadata from the kernel's comm messages; nbconvert shows the text/plain."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('let k = IntSlider("k", 1...9, value: 2)\nk'),
                nbformat.v4.new_code_cell("k.value = 8")]
    NotebookClient(nb, kernel_name=SIGNAL_KERNEL, timeout=60).execute()
    saved = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]
    assert saved["version_major"] == 2
    sliders = [s for s in saved["state"].values() if s["model_name"] == "IntSliderModel"]
    assert len(sliders) == 1
    assert sliders[0]["model_module"] == "@jupyter-widgets/controls" and sliders[0]["model_module_version"] == "2.0.0"
    assert sliders[0]["state"]["value"] == 8
    [shown] = nb.cells[0].outputs
    assert shown["data"]["text/plain"] == 'IntSlider("k", 1...9, value: 2)'



def test_a_running_loop_sees_a_widget_change_at_its_interrupt_checks(kernel):
    """A cell that loops until a checkbox is ticked ends when the notebook ticks it: comm
    messages are served at the running cell's interrupt checks, not only between cells."""
    _, client = kernel
    reply, outputs = run_cell(client, 'let stop = Checkbox("stop")')
    assert reply["status"] == "ok", reply
    model_id, _ = model_named(outputs, "CheckboxModel")
    msg_id = client.execute('var spins = 0\nwhile !stop.value { spins += 1 }\n'
                            'print("stopped after spinning:", spins > 0)')
    time.sleep(1.5)
    comm_update(client, model_id, {"value": True})
    got = served(client, msg_id, timeout=30)
    assert stdout_of(got) == "stopped after spinning: true\n"
