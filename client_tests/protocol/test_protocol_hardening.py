"""Attacks on the protocol through real sockets: a captured message sent again, another
client answering a cell's input(), control requests while a long history search runs, and
SIGINT in the first moments of a kernel's life."""
import json
import os
import signal
import subprocess
import threading
import time

import pytest
import zmq
from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

from kernel_under_test import MESSAGE_KERNEL, SIGNAL_KERNEL, stride_binary
from protocol_helpers import collect, result_of, run, stdout_of, wait_for_iopub


@pytest.fixture
def kernel():
    manager, client = start_new_kernel(kernel_name=SIGNAL_KERNEL)
    yield manager, client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def test_a_replayed_execute_request_is_dropped(kernel):
    manager, client = kernel
    socket = zmq.Context.instance().socket(zmq.DEALER)
    socket.linger = 0
    socket.connect(f"{manager.transport}://{manager.ip}:{manager.shell_port}")
    session = Session(key=manager.session.key)
    message = session.msg("execute_request", {"code": "var runs = 0\nruns += 1\nprint(\"ran\", runs)",
                                              "silent": False, "store_history": True, "user_expressions": {},
                                              "allow_stdin": False, "stop_on_error": True})
    frames = session.serialize(message)   # what an eavesdropper captured: signed, sent once
    socket.send_multipart(frames)
    assert socket.poll(10000), "the original request was not answered"
    _, reply = session.recv(socket)
    assert reply["content"]["status"] == "ok" and reply["content"]["execution_count"] == 1
    for _ in range(3):
        socket.send_multipart(frames)
    assert socket.poll(700) == 0, "the kernel answered a replayed message"
    socket.close()
    reply, outputs = run(client, "runs")
    assert reply["execution_count"] == 2, "a replay ran as a cell"
    assert result_of(outputs) == "1"


def test_another_clients_input_reply_is_ignored(kernel):
    manager, client = kernel
    other = BlockingKernelClient()   # a second frontend on the same kernel: its own session
    other.load_connection_info(manager.get_connection_info())
    other.start_channels()
    try:
        assert other.session.session != client.session.session
        msg_id = client.execute('let name = input("Name? ")\nprint("hello, \\(name)")', allow_stdin=True)
        request = client.get_stdin_msg(timeout=10)
        assert request["msg_type"] == "input_request"
        other.input("Mallory")
        # Signed with the kernel's key and in the asking session's name, from another socket.
        forged = client.session.msg("input_reply", {"value": "Eve"})
        other.stdin_channel.send(forged)
        time.sleep(0.5)
        client.input("Ada")
        reply, outputs = collect(client, msg_id)
        assert reply["content"]["status"] == "ok"
        assert stdout_of(outputs) == "hello, Ada\n"
    finally:
        other.stop_channels()


def test_interrupt_on_control_during_a_glob_history_search():
    """A search whose glob costs seconds over the stored cells must not hold up control:
    the interrupt is answered, and stops the running cell, before the search replies."""
    manager, client = start_new_kernel(kernel_name=MESSAGE_KERNEL)
    try:
        # Cells of 64 KiB at most are stored whole; this pattern costs SQLite's GLOB a few ms each.
        cell = "// " + "ab" * 32_000 + "c"
        for _ in range(60):
            assert run(client, cell)[0]["status"] == "ok"
        spinning = client.execute("while true {}")
        wait_for_iopub(client, spinning, "execute_input")
        control = client.control_channel
        search = client.session.msg("history_request", {"hist_access_type": "search", "output": False, "raw": True,
                                                        "pattern": "*a?a?a?a?a?bb", "unique": False})
        control.send(search)
        interrupt = client.session.msg("interrupt_request", {})
        control.send(interrupt)
        first = control.get_msg(timeout=120)
        assert first["parent_header"]["msg_id"] == interrupt["header"]["msg_id"], first["msg_type"]
        stopped = client.get_shell_msg(timeout=10)
        assert stopped["parent_header"]["msg_id"] == spinning
        assert stopped["content"]["ename"] == "Interrupted"
        second = control.get_msg(timeout=120)
        assert second["msg_type"] == "history_reply" and second["content"]["history"] == []
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_sigint_in_the_first_moments_does_not_kill_the_kernel(tmp_path):
    """The connection file is a named pipe, so the kernel waits in its first read of it:
    a SIGINT then (and a burst of them while it binds and builds its session) is ignored."""
    ports_file = tmp_path / "ports.json"
    write_connection_file(str(ports_file), ip="127.0.0.1", key=b"early-sigint-key")
    connection = json.loads(ports_file.read_text())
    pipe = tmp_path / "kernel.json"
    os.mkfifo(pipe)
    env = dict(os.environ, JUPYTER_DATA_DIR=str(tmp_path / "data"))
    process = subprocess.Popen([stride_binary(), "kernel", "--connection-file", str(pipe)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    client = None
    try:
        opened = {}
        # Opening the write end waits until the kernel opens the read end.
        opener = threading.Thread(target=lambda: opened.setdefault("file", open(pipe, "w")))
        opener.start()
        opener.join(timeout=10)
        assert "file" in opened, "the kernel never opened its connection file"
        time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        time.sleep(0.2)
        assert process.poll() is None, "a SIGINT while the connection file was read killed the kernel"
        opened["file"].write(json.dumps(connection))
        opened["file"].close()
        for _ in range(100):
            process.send_signal(signal.SIGINT)
            time.sleep(0.001)
        assert process.poll() is None, "a SIGINT during start-up killed the kernel"
        client = BlockingKernelClient()
        client.load_connection_info(connection)
        client.start_channels()
        client.wait_for_ready(timeout=30)
        reply, outputs = run(client, "6 * 7")
        assert reply["status"] == "ok" and result_of(outputs) == "42"
        client.shutdown()
        client.control_channel.get_msg(timeout=10)
        assert process.wait(timeout=10) == 0
    finally:
        if client is not None:
            client.stop_channels()
        if process.poll() is None:
            process.kill()
            process.wait()


def test_two_kernels_at_once_keep_both_histories():
    kernels = [start_new_kernel(kernel_name=SIGNAL_KERNEL) for _ in range(2)]
    try:
        for round_ in range(5):
            for which, (_, client) in enumerate(kernels):
                assert run(client, f"let k{which}r{round_} = {round_}")[0]["status"] == "ok"
        _, client = kernels[0]
        client.history(hist_access_type="search", pattern="let k?r? = *", output=False, raw=True)
        found = [entry[2] for entry in client.get_shell_msg(timeout=10)["content"]["history"]]
        # Each kernel's cells in its order; how the two interleave depends on when each wrote.
        for which in range(2):
            assert [code for code in found if code.startswith(f"let k{which}")] == \
                [f"let k{which}r{r} = {r}" for r in range(5)]
        assert len(found) == 10
    finally:
        for manager, client in kernels:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
