"""Small helpers shared by the protocol tests."""
import time
from queue import Empty


def collect(client, msg_id, timeout=30):
    """Outputs (iopub messages other than status and execute_input) of request `msg_id` up
    to its idle status, then its shell reply."""
    outputs = []
    deadline = time.monotonic() + timeout
    while True:
        msg = client.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle":
                break
            continue
        if msg["msg_type"] == "execute_input":
            continue
        outputs.append(msg)
    while True:
        reply = client.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply, outputs


def run(client, code, timeout=30, **options):
    """Executes `code`; returns (reply content, iopub outputs)."""
    msg_id = client.execute(code, **options)
    reply, outputs = collect(client, msg_id, timeout)
    return reply["content"], outputs


def stdout_of(outputs):
    return "".join(m["content"]["text"] for m in outputs
                   if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


def result_of(outputs):
    for m in outputs:
        if m["msg_type"] == "execute_result":
            return m["content"]["data"]["text/plain"]
    return None


def drain(channel, seconds=0.2):
    """Everything that arrives on `channel` within `seconds`."""
    got = []
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return got
        try:
            got.append(channel.get_msg(timeout=left))
        except Empty:
            return got


def wait_for_iopub(client, msg_id, msg_type, timeout=10):
    deadline = time.monotonic() + timeout
    while True:
        msg = client.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == msg_type:
            return msg
