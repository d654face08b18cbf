"""Helpers for the widget protocol tests: sending comm messages as a frontend would, and
reading the kernel's comm traffic."""
import time
from queue import Empty

import pytest
from jupyter_client.manager import start_new_kernel

from kernel_under_test import SIGNAL_KERNEL
from protocol_helpers import collect


@pytest.fixture
def kernel():
    """A fresh kernel and its client."""
    manager, client = start_new_kernel(kernel_name=SIGNAL_KERNEL)
    yield manager, client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def send_comm(client, msg_type, content, buffers=None, metadata=None):
    """Sends a comm message on shell as a frontend does; returns its msg_id."""
    msg = client.session.msg(msg_type, content, metadata=metadata or {})
    client.session.send(client.shell_channel.socket, msg, buffers=buffers or [])
    return msg["header"]["msg_id"]


def comm_update(client, comm_id, state):
    return send_comm(client, "comm_msg", {"comm_id": comm_id,
                                          "data": {"method": "update", "state": state, "buffer_paths": []}})


def comm_messages(outputs, msg_type="comm_msg"):
    return [m for m in outputs if m["msg_type"] == msg_type]


def opened_models(outputs):
    """comm_id → state of every widget comm opened among `outputs`."""
    return {m["content"]["comm_id"]: m["content"]["data"]["state"]
            for m in outputs if m["msg_type"] == "comm_open" and m["content"]["target_name"] == "jupyter.widget"}


def model_named(outputs, model_name):
    """The (comm_id, state) of the last opened model of `model_name`."""
    found = [(i, s) for i, s in opened_models(outputs).items() if s["_model_name"] == model_name]
    assert found, f"no {model_name} opened"
    return found[-1]


def served(client, msg_id, timeout=30):
    """The iopub messages of request `msg_id` up to its idle status (comm messages included)."""
    outputs = []
    deadline = time.monotonic() + timeout
    while True:
        msg = client.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle":
                return outputs
            continue
        outputs.append(msg)


def iopub_until(client, predicate, timeout=30):
    """Every iopub message up to and including the first for which `predicate` is true."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        try:
            msg = client.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        except Empty:
            raise AssertionError(f"no matching iopub message within {timeout} s; saw {[m['msg_type'] for m in seen]}")
        seen.append(msg)
        if predicate(msg):
            return seen


def run_cell(client, code, timeout=60):
    """Executes `code`; returns (reply content, every iopub output including comm messages)."""
    msg_id = client.execute(code)
    reply, outputs = collect(client, msg_id, timeout)
    return reply["content"], outputs


def output_updates(messages, output_id):
    """The `outputs` of every update of the Output model `output_id` among `messages`."""
    return [m["content"]["data"]["state"]["outputs"] for m in comm_messages(messages)
            if m["content"]["comm_id"] == output_id and "outputs" in m["content"]["data"].get("state", {})]
