"""Stopping a cell during `fit` keeps the weights and the History so far."""
import time

import pytest
from jupyter_client.manager import start_new_kernel

SETUP = """
let data = Shapes(count: 512, size: 16, seed: 1)
var net = Sequential {
    Conv2D(filters: 4, kernelSize: 3, padding: .same, activation: .relu)
    GlobalAvgPool2D()
    Dense(units: 4)
}
"""


def run(client, code, timeout=120):
    """Executes code; returns (reply content, stdout text, error content or None)."""
    msg_id = client.execute(code)
    stdout, error = [], None
    while True:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream" and content["name"] == "stdout":
            stdout.append(content["text"])
        elif kind == "error":
            error = content
        elif kind == "status" and content["execution_state"] == "idle":
            break
    reply = client.get_shell_msg(timeout=timeout)
    return reply["content"], "".join(stdout), error


@pytest.fixture
def kernel(stride_kernel_name):
    manager, client = start_new_kernel(kernel_name=stride_kernel_name)
    yield manager, client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def test_interrupt_during_fit_keeps_weights_and_history(kernel):
    manager, client = kernel
    reply, _, error = run(client, SETUP)
    assert reply["status"] == "ok", error
    msg_id = client.execute(
        "let history = net.fit(data, epochs: 100000, batchSize: 32, "
        "optimizer: Adam(learningRate: 1e-2), loss: .crossEntropy)")
    time.sleep(3)
    asked = time.monotonic()
    manager.interrupt_kernel()
    reply = client.get_shell_msg(timeout=30)
    answered = time.monotonic() - asked
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
    assert answered < 2.0, f"fit took {answered:.2f} s to stop"
    # The statement was stopped, so `history` was never bound; as in Keras, the model keeps
    # the History of its last fit, here the part trained before the stop.
    reply, out, error = run(client, "print(net.history!.loss.count > 0, net.parameterCount)")
    assert reply["status"] == "ok", error
    assert out.split()[0] == "true"
    reply, out, error = run(client, "print(net.evaluate(data)[\"loss\"]! < 1.386)")
    assert reply["status"] == "ok", error
    assert out.strip() == "true", "training so far lowered the loss below chance (ln 4)"
