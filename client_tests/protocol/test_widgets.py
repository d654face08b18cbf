"""The Jupyter widget protocol (version 2, 2.1's echo_update) through jupyter_client: the
models' states against ipywidgets' own (the reference implementation of the controls schema),
state updates both ways, request_state, the control comm's request_states, interact's
single display replaced in place and its throttle, button clicks, errors and interrupts."""
import json
import time

import ipywidgets
import pytest
from jupyter_client.manager import start_new_kernel

from kernel_under_test import SIGNAL_KERNEL
from protocol_helpers import result_of, stdout_of
from widget_helpers import (comm_messages, comm_update, iopub_until, model_named, opened_models, run_cell,
                            send_comm, served)


@pytest.fixture
def kernel():
    manager, client = start_new_kernel(kernel_name=SIGNAL_KERNEL)
    yield manager, client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def reference(widget):
    """ipywidgets' state of `widget` with its references to other models left out."""
    state = as_json(widget.get_state())
    return {k: v for k, v in state.items() if not (isinstance(v, str) and v.startswith("IPY_MODEL_"))}


def as_json(state):
    """The state as it travels (tuples become lists); bytes (an Image's value) are left out."""
    return json.loads(json.dumps({k: v for k, v in state.items() if not isinstance(v, (bytes, memoryview))}))


def assert_state_matches(state, opened, widget):
    """`state` has exactly ipywidgets' attributes and values; its layout and style are
    references to models opened before it, of the same model names as ipywidgets makes."""
    expected = reference(widget)
    refs = {k: v for k, v in state.items() if isinstance(v, str) and v.startswith("IPY_MODEL_")}
    plain = {k: v for k, v in state.items() if k not in refs}
    assert plain == expected
    for key, ref in refs.items():
        target = opened[ref[len("IPY_MODEL_"):]]
        sub = as_json(getattr(widget, key).get_state())
        assert target == sub, key


CONTROLS = [
    ('Slider("rate", 0.0...2.0, value: 0.5)',
     lambda: ipywidgets.FloatSlider(description="rate", min=0.0, max=2.0, step=0.02, value=0.5, readout_format=".3g")),
    ('Slider("learning rate", 0.0001...0.1, value: 0.001, scale: .log)',
     lambda: ipywidgets.FloatLogSlider(description="learning rate", min=-4.0, max=-1.0, step=0.03, value=0.001,
                                       style={"description_width": "initial"})),
    ('IntSlider("k", 1...9, value: 3)', lambda: ipywidgets.IntSlider(description="k", min=1, max=9, value=3)),
    ('Dropdown("layer", options: ["conv1", "conv2"], value: "conv2")',
     lambda: ipywidgets.Dropdown(description="layer", options=["conv1", "conv2"], value="conv2")),
    ('Checkbox("augment", value: true)', lambda: ipywidgets.Checkbox(description="augment", value=True)),
    ('Button("stop")', lambda: ipywidgets.Button(description="stop")),
    ('Text("name", value: "lenet")', lambda: ipywidgets.Text(description="name", value="lenet")),
    ('Label("hello")', lambda: ipywidgets.Label(value="hello")),
    ('Output()', lambda: ipywidgets.Output()),
]


@pytest.mark.parametrize("code,make", CONTROLS, ids=[c[0].split("(")[0] for c in CONTROLS])
def test_each_model_has_the_controls_schema_state(kernel, code, make):
    _, client = kernel
    reply, outputs = run_cell(client, f"let w = {code}\nw")
    assert reply["status"] == "ok", reply
    opens = comm_messages(outputs, "comm_open")
    assert all(m["metadata"] == {"version": "2.1.0"} for m in opens)
    assert all(m["content"]["data"]["buffer_paths"] == [] for m in opens)
    opened = opened_models(outputs)
    widget = make()
    model_id, state = model_named(outputs, widget._model_name)
    assert_state_matches(state, opened, widget)
    # The widget itself opens last, after the layout and style it references.
    assert opens[-1]["content"]["comm_id"] == model_id
    result = [m for m in outputs if m["msg_type"] == "execute_result"][0]["content"]["data"]
    assert result["application/vnd.jupyter.widget-view+json"] == {"model_id": model_id, "version_major": 2,
                                                                 "version_minor": 0}
    assert result["text/plain"].startswith(code.split("(")[0] + "(")


def test_boxes_reference_their_children(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'let a = Checkbox("a")\nlet b = IntSlider("b", 0...4)\nHBox(a, b)\nVBox([a, b])')
    assert reply["status"] == "ok", reply
    checkbox, _ = model_named(outputs, "CheckboxModel")
    slider, _ = model_named(outputs, "IntSliderModel")
    for name, make in (("HBoxModel", ipywidgets.HBox), ("VBoxModel", ipywidgets.VBox)):
        _, state = model_named(outputs, name)
        assert state["children"] == [f"IPY_MODEL_{checkbox}", f"IPY_MODEL_{slider}"]
        state = dict(state, children=[])
        assert_state_matches(state, opened_models(outputs), make())


def test_image_value_travels_as_a_buffer(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'let img = Image(imshow(Tensor(shape: [4, 4], repeating: 0.5)))')
    assert reply["status"] == "ok", reply
    opens = [m for m in comm_messages(outputs, "comm_open") if m["content"]["data"]["state"]["_model_name"] == "ImageModel"]
    assert len(opens) == 1
    assert opens[0]["content"]["data"]["buffer_paths"] == [["value"]]
    assert "value" not in opens[0]["content"]["data"]["state"]
    assert bytes(opens[0]["buffers"][0])[:8] == b"\x89PNG\r\n\x1a\n"
    assert_state_matches(opens[0]["content"]["data"]["state"], opened_models(outputs), ipywidgets.Image())


def test_a_client_update_is_echoed_and_seen_by_the_next_cell(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'let k = IntSlider("k", 1...9, value: 3)\nk.onChange { v in print("now", v) }')
    assert reply["status"] == "ok", reply
    model_id, _ = model_named(outputs, "IntSliderModel")
    msg_id = comm_update(client, model_id, {"value": 7})
    got = served(client, msg_id)
    echoes = comm_messages(got)
    assert echoes[0]["content"] == {"comm_id": model_id, "data": {"method": "echo_update", "state": {"value": 7},
                                                                  "buffer_paths": []}}
    assert stdout_of(got) == "now 7\n"
    reply, outputs = run_cell(client, "k.value")
    assert result_of(outputs) == "7"
    # Out of range: clamped, and the correction is sent back as an update.
    msg_id = comm_update(client, model_id, {"value": 40})
    got = comm_messages(served(client, msg_id))
    assert [m["content"]["data"]["method"] for m in got] == ["echo_update", "update"]
    assert got[1]["content"]["data"]["state"] == {"value": 9}
    reply, outputs = run_cell(client, "k.value")
    assert result_of(outputs) == "9"


def test_code_sets_send_an_update_and_request_state_returns_everything(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'let s = Slider("eps", 0.0...0.3)')
    model_id, opened_state = model_named(outputs, "FloatSliderModel")
    reply, outputs = run_cell(client, "s.value = 0.25")
    assert reply["status"] == "ok", reply
    updates = comm_messages(outputs)
    assert [u["content"]["data"] for u in updates] == [{"method": "update", "state": {"value": 0.25}, "buffer_paths": []}]
    msg_id = send_comm(client, "comm_msg", {"comm_id": model_id, "data": {"method": "request_state"}})
    got = comm_messages(served(client, msg_id))
    assert len(got) == 1
    assert got[0]["content"]["data"]["method"] == "update"
    assert got[0]["content"]["data"]["state"] == dict(opened_state, value=0.25)
    reply, _ = run_cell(client, "s.value = 0.5")
    assert reply["status"] == "error" and reply["ename"] == "ValueError"


def test_the_control_comm_answers_request_states_and_comm_info_lists_widgets(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'let s = IntSlider("k", 0...3)\nlet img = Image(imshow(Tensor(shape: [2, 2], repeating: 1.0)))')
    opened = opened_models(outputs)
    msg_id = client.comm_info(target_name="jupyter.widget")
    info = client.get_shell_msg(timeout=10)
    assert info["parent_header"]["msg_id"] == msg_id
    assert info["content"]["comms"] == {i: {"target_name": "jupyter.widget"} for i in opened}
    control = "c0ffee" * 5 + "00"
    msg_id = send_comm(client, "comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                       metadata={"version": "1.0.0"})
    assert comm_messages(served(client, msg_id), "comm_close") == []
    msg_id = send_comm(client, "comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
    got = comm_messages(served(client, msg_id))
    assert len(got) == 1 and got[0]["content"]["comm_id"] == control
    data = got[0]["content"]["data"]
    assert data["method"] == "update_states"
    assert set(data["states"]) == set(opened)
    for model_id, state in opened.items():
        entry = data["states"][model_id]
        assert entry["model_name"] == state["_model_name"]
        assert entry["model_module"] == state["_model_module"]
        assert entry["model_module_version"] == state["_model_module_version"]
        assert entry["state"] == state
    image, _ = model_named(outputs, "ImageModel")
    assert data["buffer_paths"] == [[image, "state", "value"]]
    assert bytes(got[0]["buffers"][0])[:4] == b"\x89PNG"


def test_unknown_comm_targets_are_closed(kernel):
    _, client = kernel
    msg_id = send_comm(client, "comm_open", {"comm_id": "abc", "target_name": "no.such.target", "data": {}})
    closes = comm_messages(served(client, msg_id), "comm_close")
    assert [c["content"]["comm_id"] for c in closes] == ["abc"]


def test_a_button_click_runs_its_closure(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'var clicks = 0\nlet b = Button("go") { clicks += 1; print("click", clicks) }')
    assert reply["status"] == "ok", reply
    model_id, _ = model_named(outputs, "ButtonModel")
    for n in (1, 2):
        msg_id = send_comm(client, "comm_msg", {"comm_id": model_id, "data": {"method": "custom",
                                                                            "content": {"event": "click"}}})
        assert stdout_of(served(client, msg_id)) == f"click {n}\n"
    reply, outputs = run_cell(client, "clicks")
    assert result_of(outputs) == "2"


def output_updates(messages, output_id):
    return [m["content"]["data"]["state"]["outputs"] for m in comm_messages(messages)
            if m["content"]["comm_id"] == output_id and "outputs" in m["content"]["data"].get("state", {})]


def test_interact_shows_one_display_and_replaces_its_output(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'let k = IntSlider("k", 1...9, value: 2)\ninteract(k) { v in print("k is", v); return v * 10 }')
    assert reply["status"] == "ok", reply
    box_id, box = model_named(outputs, "VBoxModel")
    output_id, _ = model_named(outputs, "OutputModel")
    slider_id, _ = model_named(outputs, "IntSliderModel")
    assert box["children"] == [f"IPY_MODEL_{slider_id}", f"IPY_MODEL_{output_id}"]
    displays = [m for m in outputs if m["msg_type"] in ("display_data", "execute_result")]
    assert len(displays) == 1
    assert displays[0]["content"]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] == box_id
    assert output_updates(outputs, output_id) == [[
        {"output_type": "stream", "name": "stdout", "text": "k is 2\n"},
        {"output_type": "display_data", "data": {"text/plain": "20"}, "metadata": {}}]]
    time.sleep(0.3)   # past the throttle interval, so the change runs at once
    msg_id = comm_update(client, slider_id, {"value": 5})
    got = served(client, msg_id)
    assert [m for m in got if m["msg_type"] in ("display_data", "execute_result", "update_display_data")] == []
    assert output_updates(got, output_id) == [[
        {"output_type": "stream", "name": "stdout", "text": "k is 5\n"},
        {"output_type": "display_data", "data": {"text/plain": "50"}, "metadata": {}}]]


def test_rapid_updates_are_throttled_and_end_on_the_last_value(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'var runs = 0\nlet k = IntSlider("k", 0...100)\ninteract(k) { v in runs += 1; print(v) }')
    output_id, _ = model_named(outputs, "OutputModel")
    slider_id, _ = model_named(outputs, "IntSliderModel")
    last = None
    for value in range(1, 101):
        last = comm_update(client, slider_id, {"value": value})
    seen = iopub_until(client, lambda m: any(o == [{"output_type": "stream", "name": "stdout", "text": "100\n"}]
                                             for o in output_updates([m], output_id)))
    reply, outputs = run_cell(client, "runs")
    runs = int(result_of(outputs))
    shown = [o[0]["text"] for o in output_updates(seen, output_id)]
    assert shown[-1] == "100\n"
    assert runs == 1 + len(shown)
    assert 1 <= len(shown) <= 10, shown
    assert last is not None


def test_an_error_in_interact_shows_as_an_error_output_and_the_widget_lives(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'let k = IntSlider("k", 0...3)\ninteract(k) { v in [1, 2][v] }')
    assert reply["status"] == "ok", reply
    output_id, _ = model_named(outputs, "OutputModel")
    slider_id, _ = model_named(outputs, "IntSliderModel")
    time.sleep(0.3)
    got = served(client, comm_update(client, slider_id, {"value": 3}))
    [shown] = output_updates(got, output_id)
    assert len(shown) == 1 and shown[0]["output_type"] == "error" and shown[0]["ename"] == "IndexError"
    time.sleep(0.3)
    got = served(client, comm_update(client, slider_id, {"value": 1}))
    assert output_updates(got, output_id) == [[{"output_type": "display_data", "data": {"text/plain": "2"},
                                                "metadata": {}}]]


def test_an_interrupt_stops_an_interact_callback(kernel):
    manager, client = kernel
    reply, outputs = run_cell(client, 'let k = IntSlider("k", 0...3)\ninteract(k) { v in while v > 0 { }; return v }')
    output_id, _ = model_named(outputs, "OutputModel")
    slider_id, _ = model_named(outputs, "IntSliderModel")
    time.sleep(0.3)
    msg_id = comm_update(client, slider_id, {"value": 2})
    iopub_until(client, lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status")
    time.sleep(0.3)
    manager.interrupt_kernel()
    got = served(client, msg_id)
    [shown] = output_updates(got, output_id)
    assert shown[0]["output_type"] == "error" and shown[0]["ename"] == "Interrupted"
    reply, outputs = run_cell(client, "k.value + 1")
    assert result_of(outputs) == "3"


FIT_SETUP = """
let data = Shapes(count: 64, size: 8, seed: 1)
var net = Sequential {
    Conv2D(filters: 2, kernelSize: 3, padding: .same, activation: .relu)
    GlobalAvgPool2D()
    Dense(units: 4)
}
"""


def click(client, model_id):
    return send_comm(client, "comm_msg", {"comm_id": model_id, "data": {"method": "custom", "content": {"event": "click"}}})


def test_fit_controls_set_the_rate_pause_and_stop_keeping_the_history(kernel):
    _, client = kernel
    reply, _ = run_cell(client, FIT_SETUP)
    assert reply["status"] == "ok", reply
    fit_id = client.execute("net.fit(data, epochs: 100000, batchSize: 8, optimizer: Adam(learningRate: 1e-3), controls: true)")
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
    reply, outputs = run_cell(client, "let h = net.history!\nprint(h.interrupted, h.stepLoss.count > 8, h.learningRate.last!)")
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


def test_hostile_comm_messages_are_refused_and_the_widget_keeps_its_value(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'let k = IntSlider("k", 1...9, value: 3)\nlet d = Dropdown("d", options: ["a", "b"])')
    slider, _ = model_named(outputs, "IntSliderModel")
    dropdown, _ = model_named(outputs, "DropdownModel")
    cases = [
        (slider, {"method": "update", "state": {"value": "seven"}, "buffer_paths": []}),
        (slider, {"method": "update", "state": {"value": 1e300}, "buffer_paths": []}),
        (slider, {"method": "update", "state": {"value": None}}),
        (slider, {"method": "update", "state": "not an object"}),
        (slider, {"method": "no-such-method"}),
        (slider, {}),
        (dropdown, {"method": "update", "state": {"index": 5}, "buffer_paths": []}),
        (dropdown, {"method": "update", "state": {"index": "b"}, "buffer_paths": []}),
        ("no-such-comm", {"method": "update", "state": {"value": 1}}),
    ]
    for comm_id, data in cases:
        served(client, send_comm(client, "comm_msg", {"comm_id": comm_id, "data": data}))
    reply, outputs = run_cell(client, "print(k.value, d.value)")
    assert reply["status"] == "ok", reply
    assert stdout_of(outputs) == "9 a\n", "only the huge number applied, clamped to the top"
