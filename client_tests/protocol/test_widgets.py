"""The Jupyter widget protocol (version 2, 2.1's echo_update) through jupyter_client: the
models' states against ipywidgets' own (the reference implementation of the controls schema),
state updates both ways, request_state, the control comm's request_states, interact's
single display replaced in place and its throttle, button clicks, errors and interrupts."""
import json
import time

import ipywidgets
import pytest

from protocol_helpers import result_of, stdout_of
from widget_helpers import (comm_messages, comm_update, iopub_until, kernel, model_named,  # noqa: F401
                            opened_models, output_updates, run_cell, send_comm, served)


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
    opens = [m for m in comm_messages(outputs, "comm_open")
             if m["content"]["data"]["state"]["_model_name"] == "ImageModel"]
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
    assert [u["content"]["data"] for u in updates] == [{"method": "update", "state": {"value": 0.25},
                                                         "buffer_paths": []}]
    msg_id = send_comm(client, "comm_msg", {"comm_id": model_id, "data": {"method": "request_state"}})
    got = comm_messages(served(client, msg_id))
    assert len(got) == 1
    assert got[0]["content"]["data"]["method"] == "update"
    assert got[0]["content"]["data"]["state"] == dict(opened_state, value=0.25)
    reply, _ = run_cell(client, "s.value = 0.5")
    assert reply["status"] == "error" and reply["ename"] == "ValueError"


def test_the_control_comm_answers_request_states_and_comm_info_lists_widgets(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'let s = IntSlider("k", 0...3)\n'
                                      'let img = Image(imshow(Tensor(shape: [2, 2], repeating: 1.0)))')
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


def test_interact_shows_one_display_and_replaces_its_output(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'let k = IntSlider("k", 1...9, value: 2)\n'
                                      'interact(k) { v in print("k is", v); return v * 10 }')
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
    reply, outputs = run_cell(client, 'var runs = 0\nlet k = IntSlider("k", 0...100)\n'
                                      'interact(k) { v in runs += 1; print(v) }')
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


def test_hostile_comm_messages_are_refused_and_the_widget_keeps_its_value(kernel):
    _, client = kernel
    reply, outputs = run_cell(client, 'let k = IntSlider("k", 1...9, value: 3)\n'
                                      'let d = Dropdown("d", options: ["a", "b"])')
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
