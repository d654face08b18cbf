"""Stride behind Jupyter Kernel Gateway, as a remote client sees it: the gateway (started
here on 127.0.0.1) lists the kernelspec, starts a Stride kernel over REST, runs cells over the
websocket channel (a live display update among them), interrupts a running cell and restarts
the kernel. Nothing the client receives may point into the kernel's machine: no file:// links
and no absolute paths of the machine in outputs, tracebacks or help links."""
import json
import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest

websocket = pytest.importorskip("websocket", reason="websocket-client is installed by scripts/setup.sh")
pytest.importorskip("kernel_gateway", reason="jupyter-kernel-gateway is installed by scripts/setup.sh")

ROOT = pathlib.Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gateway:
    """A Kernel Gateway process on 127.0.0.1 and a small REST client for it."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.log = open(tmp_path / "gateway.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kernel_gateway", "--KernelGatewayApp.ip=127.0.0.1",
             f"--KernelGatewayApp.port={self.port}", "--KernelGatewayApp.port_retries=0",
             "--JupyterWebsocketPersonality.list_kernels=True"],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=tmp_path, env=os.environ.copy())
        deadline = time.monotonic() + 60
        while True:
            try:
                self.request("GET", "/api")
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the gateway did not start: " + (tmp_path / "gateway.log").read_text())
                time.sleep(0.2)

    def request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as response:
            text = response.read().decode()
            return json.loads(text) if text else None

    def channels(self, kernel_id):
        return Channels(websocket.create_connection(
            f"ws://127.0.0.1:{self.port}/api/kernels/{kernel_id}/channels", timeout=30))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Channels:
    """The gateway's one websocket carrying every channel, as JSON messages."""

    def __init__(self, ws):
        self.ws = ws
        self.session = uuid.uuid4().hex

    def send(self, msg_type, content, channel="shell"):
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": "test",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel}))
        return msg_id

    def execute(self, code):
        return self.send("execute_request", {"code": code, "silent": False, "store_history": True,
                                             "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})

    def collect(self, msg_id, timeout=60):
        """The reply to `msg_id` and its iopub messages, up to its status idle."""
        reply, outputs, idle = None, [], False
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            assert time.monotonic() < deadline, f"no complete answer to {msg_id}: {outputs}"
            msg = json.loads(self.ws.recv())
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["channel"] == "shell":
                reply = msg
            elif msg["channel"] == "iopub":
                outputs.append(msg)
                idle = idle or (msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle")
        return reply, outputs

    def wait_for(self, msg_id, msg_type, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = json.loads(self.ws.recv())
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == msg_type:
                return msg
        raise AssertionError(f"no {msg_type} for {msg_id}")

    def close(self):
        self.ws.close()


def assert_nothing_local(value, tmp_path):
    text = json.dumps(value)
    assert "file://" not in text
    for local in {str(ROOT), str(tmp_path), str(pathlib.Path.home())}:
        assert local not in text, f"{local} reached the client: {text[:400]}"


@pytest.fixture
def gateway(tmp_path, stride_kernel_name):
    g = Gateway(tmp_path)
    yield g
    g.stop()


def test_a_remote_client_runs_updates_interrupts_and_restarts_stride(gateway, stride_kernel_name, tmp_path):
    specs = gateway.request("GET", "/api/kernelspecs")
    assert stride_kernel_name in specs["kernelspecs"]
    assert_nothing_local(specs["kernelspecs"][stride_kernel_name]["spec"].get("metadata", {}), tmp_path)

    kernel = gateway.request("POST", "/api/kernels", {"name": stride_kernel_name})
    channels = gateway.channels(kernel["id"])
    try:
        reply, _ = channels.collect(channels.send("kernel_info_request", {}))
        assert reply["content"]["language_info"]["name"] == "stride"
        assert_nothing_local(reply["content"]["help_links"], tmp_path)

        # A display shown, then replaced in place.
        reply, outputs = channels.collect(channels.execute(
            'var kept = 41\ndisplay("first", id: "progress")\nupdateDisplay("second", id: "progress")'))
        assert reply["content"]["status"] == "ok"
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        updated = [m for m in outputs if m["msg_type"] == "update_display_data"]
        assert [m["content"]["transient"]["display_id"] for m in shown] == ["progress"]
        assert [m["content"]["transient"]["display_id"] for m in updated] == ["progress"]
        assert "second" in updated[0]["content"]["data"]["text/plain"]

        # An error's traceback names the cell, not a file of the kernel's machine.
        reply, outputs = channels.collect(channels.execute('let n: Int = "seven"'))
        assert reply["content"]["status"] == "error"
        assert_nothing_local([reply["content"], [m["content"] for m in outputs]], tmp_path)

        # A running cell interrupted through the gateway's REST call.
        msg_id = channels.execute("while true { kept += 0 }")
        channels.wait_for(msg_id, "execute_input")
        time.sleep(0.3)
        gateway.request("POST", f"/api/kernels/{kernel['id']}/interrupt")
        reply, _ = channels.collect(msg_id)
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "Interrupted"
        reply, outputs = channels.collect(channels.execute("kept + 1"))
        assert [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"] == ["42"]
    finally:
        channels.close()

    # A restart gives a fresh kernel under the same id: the old names are gone.
    gateway.request("POST", f"/api/kernels/{kernel['id']}/restart")
    channels = gateway.channels(kernel["id"])
    try:
        reply, _ = channels.collect(channels.execute("kept"))
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "NameError"
        reply, outputs = channels.collect(channels.execute("20 + 22"))
        assert [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"] == ["42"]
    finally:
        channels.close()
    gateway.request("DELETE", f"/api/kernels/{kernel['id']}")
    assert gateway.request("GET", "/api/kernels") == []
