"""The kernel's own protocol tests, through a real jupyter_client: interrupts in both modes,
signatures, stdin, heartbeat under load, shutdown and restart, big outputs, pipelining and
malformed traffic."""
import json
import time

import pytest
import zmq
from jupyter_client.manager import KernelManager, start_new_kernel
from jupyter_client.session import Session

from kernel_under_test import MESSAGE_KERNEL, SIGNAL_KERNEL
from protocol_helpers import collect, drain, result_of, run, stdout_of, wait_for_iopub


@pytest.fixture
def kernel():
    manager, client = start_new_kernel(kernel_name=SIGNAL_KERNEL)
    yield manager, client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


@pytest.mark.parametrize("kernel_name", [SIGNAL_KERNEL, MESSAGE_KERNEL])
def test_interrupt_of_an_endless_loop_keeps_every_name(kernel_name):
    """Three rounds: each interrupted cell replies `Interrupted` within a second, the fastest
    within 100 ms (the others may lose the CPU to a busy machine), and every name survives."""
    manager, client = start_new_kernel(kernel_name=kernel_name)
    try:
        reply, _ = run(client, "var kept = 41\nfunc twice(_ x: Int) -> Int { x * 2 }")
        assert reply["status"] == "ok"
        delays = []
        for _ in range(3):
            msg_id = client.execute("while true { kept += 0 }")
            wait_for_iopub(client, msg_id, "execute_input")
            time.sleep(0.2)
            asked = time.monotonic()
            manager.interrupt_kernel()   # SIGINT, or interrupt_request on control
            reply = client.get_shell_msg(timeout=10)
            delays.append(time.monotonic() - asked)
            assert reply["parent_header"]["msg_id"] == msg_id
            assert reply["content"]["status"] == "error"
            assert reply["content"]["ename"] == "Interrupted"
        assert max(delays) < 1.0, f"interrupts answered after {[round(d * 1000, 1) for d in delays]} ms"
        assert min(delays) < 0.1, f"interrupts answered after {[round(d * 1000, 1) for d in delays]} ms"
        reply, outputs = run(client, "twice(kept + 1)")
        assert reply["status"] == "ok"
        assert result_of(outputs) == "84"
        assert manager.is_alive()
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def _raw_shell(manager, key):
    """A DEALER socket on the kernel's shell port and a Session signing with `key`."""
    context = zmq.Context.instance()
    socket = context.socket(zmq.DEALER)
    socket.linger = 0
    socket.connect(f"{manager.transport}://{manager.ip}:{manager.shell_port}")
    return socket, Session(key=key)


def test_forged_and_unsigned_messages_are_ignored(kernel):
    manager, client = kernel
    for key in (b"not-the-kernel-key", b""):
        socket, session = _raw_shell(manager, key)
        session.send(socket, "execute_request", {"code": 'print("forged")', "silent": False, "store_history": True,
                                                 "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        assert socket.poll(500) == 0, "the kernel answered a message it should have dropped"
        socket.close()
    outputs = drain(client.iopub_channel, 0.3)
    assert not any(m["msg_type"] == "stream" for m in outputs)
    reply, outputs = run(client, "40 + 2")
    assert reply["status"] == "ok" and reply["execution_count"] == 1, "a forged message ran"
    assert result_of(outputs) == "42"


def test_malformed_frames_are_survived(kernel):
    manager, client = kernel
    socket, session = _raw_shell(manager, manager.session.key)
    garbage = [
        [b"no delimiter at all"],
        [b"<IDS|MSG>"],
        [b"<IDS|MSG>", b"sig", b"{}"],
        [b"<IDS|MSG>", b"", b"\xff\xfe", b"{}", b"{}", b"{}"],
    ]
    for frames in garbage:
        socket.send_multipart(frames)
    # Correctly signed, but not a valid message: JSON that is not an object, deep nesting,
    # a header without msg_type, invalid UTF-8.
    for parts in ([b"[]", b"{}", b"{}", b"{}"],
                  [b"[" * 100000 + b"]" * 100000, b"{}", b"{}", b"{}"],
                  [b'{"msg_id": "x"}', b"{}", b"{}", b"{}"],
                  [json.dumps(session.msg_header("execute_request"), default=str).encode(), b"{}", b"{}",
                   b'{"code": "print(\\"\xff\xfe\\")"}']):
        socket.send_multipart([b"<IDS|MSG>", session.sign(parts)] + parts)
    socket.close()
    time.sleep(0.3)
    assert manager.is_alive()
    reply, outputs = run(client, 'print("still here")')
    assert reply["status"] == "ok"
    assert "still here" in stdout_of(outputs)


def test_stdin_round_trip(kernel):
    _, client = kernel
    msg_id = client.execute('let name = input("Your name? ")\nprint("hello, \\(name)")', allow_stdin=True)
    request = client.get_stdin_msg(timeout=10)
    assert request["msg_type"] == "input_request"
    assert request["content"]["prompt"] == "Your name? "
    assert request["parent_header"]["msg_id"] == msg_id
    client.input("Ada ✨")
    reply, outputs = collect(client, msg_id)
    assert reply["content"]["status"] == "ok"
    assert stdout_of(outputs) == "hello, Ada ✨\n"

    reply, _ = run(client, 'input("x")', allow_stdin=False)
    assert reply["status"] == "error"
    assert reply["ename"] == "IOError"
    assert "allow_stdin" in reply["evalue"]


def test_heartbeat_answers_during_a_ten_second_computation(kernel):
    manager, client = kernel
    context = zmq.Context.instance()
    beat = context.socket(zmq.REQ)
    beat.linger = 0
    beat.connect(f"{manager.transport}://{manager.ip}:{manager.hb_port}")
    msg_id = client.execute("var spins = 0\nwhile true { spins += 1 }")
    wait_for_iopub(client, msg_id, "execute_input")
    latencies = []
    started = time.monotonic()
    while time.monotonic() - started < 10:
        sent = time.monotonic()
        beat.send(b"ping")
        assert beat.poll(1000), "heartbeat not answered within 1 s"
        assert beat.recv() == b"ping"
        latencies.append(time.monotonic() - sent)
        time.sleep(0.2)
    beat.close()
    manager.interrupt_kernel()
    reply = client.get_shell_msg(timeout=10)
    assert reply["content"]["ename"] == "Interrupted"
    assert len(latencies) >= 40
    # Milliseconds typically; the bound on the slowest allows for a machine busy with builds.
    latencies.sort()
    assert latencies[len(latencies) // 2] < 0.01, f"median heartbeat {latencies[len(latencies) // 2] * 1000:.1f} ms"
    assert latencies[-1] < 0.5, f"slowest heartbeat {latencies[-1] * 1000:.1f} ms"
    reply, outputs = run(client, "spins > 0")
    assert result_of(outputs) == "true"


def test_shutdown_and_restart():
    manager, client = start_new_kernel(kernel_name=SIGNAL_KERNEL)
    try:
        run(client, "let before = 1")
        old_pid = manager.provisioner.process.pid
        manager.restart_kernel(now=False)
        client.wait_for_ready(timeout=10)
        assert manager.provisioner.process.pid != old_pid
        reply, outputs = run(client, "before")
        assert reply["status"] == "error" and reply["ename"] == "NameError", "a restart starts a fresh session"
        # History persists across the restart, in the previous session.
        client.history(hist_access_type="tail", n=2, output=False, raw=True)
        history = client.get_shell_msg(timeout=10)["content"]["history"]
        assert [entry[2] for entry in history] == ["let before = 1", "before"]
        assert history[0][0] + 1 == history[1][0]

        process = manager.provisioner.process
        client.shutdown()   # on the control channel
        reply = client.control_channel.get_msg(timeout=10)
        assert reply["msg_type"] == "shutdown_reply" and reply["content"]["restart"] is False
        deadline = time.monotonic() + 5
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() == 0, "the kernel did not exit cleanly after shutdown_request"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_twenty_thousand_lines_and_unicode(kernel):
    _, client = kernel
    reply, outputs = run(client, 'for i in 0..<20000 { print("line \\(i): ünïcødé ✓ 🚀 中文") }', timeout=120)
    assert reply["status"] == "ok"
    streams = [m for m in outputs if m["msg_type"] == "stream"]
    expected = "".join(f"line {i}: ünïcødé ✓ 🚀 中文\n" for i in range(20000))
    assert "".join(m["content"]["text"] for m in streams) == expected
    assert len(streams) < 200, f"{len(streams)} stream messages: output was not coalesced"


def test_ten_requests_in_flight_are_answered_in_order(kernel):
    _, client = kernel
    sent = []
    for i in range(10):
        if i % 4 == 3:
            sent.append(client.complete("pri", 3))
        else:
            sent.append(client.execute(f"{i} * 10"))
    replies = [client.get_shell_msg(timeout=20) for _ in sent]
    assert [r["parent_header"]["msg_id"] for r in replies] == sent
    counts = [r["content"]["execution_count"] for r in replies if r["msg_type"] == "execute_reply"]
    assert counts == list(range(1, 9))


def test_queued_cells_are_aborted_after_an_error(kernel):
    _, client = kernel
    # The failing cell waits on input() until the queued requests have surely arrived, so the
    # test does not depend on how fast the cell would otherwise fail.
    failing = client.execute('let go = input("go? ")\nfatalError("stop here: \\(go)")', allow_stdin=True)
    queued = [client.execute('print("must not run")') for _ in range(3)]
    assert client.get_stdin_msg(timeout=30)["msg_type"] == "input_request"
    time.sleep(0.5)
    client.input("now")
    replies = {}
    while len(replies) < 4:
        reply = client.get_shell_msg(timeout=30)
        replies[reply["parent_header"]["msg_id"]] = reply["content"]
    assert replies[failing]["status"] == "error"
    assert replies[failing]["evalue"] == "stop here: now"
    assert all(replies[q]["status"] == "aborted" for q in queued)
    reply, outputs = run(client, 'print("runs again")')
    assert stdout_of(outputs) == "runs again\n"


def test_display_update_and_clear(kernel):
    _, client = kernel
    reply, outputs = run(client, 'display("first", id: "progress")\nupdateDisplay("second", id: "progress")\n'
                                 'clearOutput(wait: true)\nprint("after")')
    assert reply["status"] == "ok"
    kinds = [m["msg_type"] for m in outputs]
    assert kinds == ["display_data", "update_display_data", "clear_output", "stream"]
    assert outputs[0]["content"]["transient"] == {"display_id": "progress"}
    assert outputs[0]["content"]["data"]["text/plain"] == '"first"'
    assert outputs[1]["content"]["transient"] == {"display_id": "progress"}
    assert outputs[1]["content"]["data"]["text/plain"] == '"second"'
    assert outputs[2]["content"]["wait"] is True


def test_errors_name_their_kind_and_place(kernel):
    _, client = kernel
    reply, outputs = run(client, "let a = 1\nlet b = a + missing")
    assert reply["status"] == "error"
    assert reply["ename"] == "NameError"
    assert "missing" in reply["evalue"]
    errors = [m for m in outputs if m["msg_type"] == "error"]
    assert len(errors) == 1
    traceback = "\n".join(errors[0]["content"]["traceback"])
    assert "line 2" in traceback and "^" in traceback


def test_kernel_info_on_control_while_a_cell_runs(kernel):
    manager, client = kernel
    msg_id = client.execute("while true {}")
    wait_for_iopub(client, msg_id, "execute_input")
    control = client.control_channel
    control.send(client.session.msg("kernel_info_request"))
    reply = control.get_msg(timeout=2)
    assert reply["msg_type"] == "kernel_info_reply"
    info = reply["content"]
    assert info["language_info"]["name"] == "stride"
    assert info["language_info"]["mimetype"] == "text/x-stride"
    assert info["language_info"]["codemirror_mode"] == "swift"
    assert info["language_info"]["pygments_lexer"] == "swift"
    assert info["debugger"] is False
    manager.interrupt_kernel()
    assert client.get_shell_msg(timeout=10)["content"]["ename"] == "Interrupted"


def test_unknown_comm_target_is_closed(kernel):
    _, client = kernel
    msg = client.session.msg("comm_open", {"comm_id": "abc", "target_name": "no.such.target", "data": {}})
    client.shell_channel.send(msg)
    closed = wait_for_iopub(client, msg["header"]["msg_id"], "comm_close")
    assert closed["content"]["comm_id"] == "abc"
    client.comm_info()
    reply = client.get_shell_msg(timeout=10)
    assert reply["content"] == {"status": "ok", "comms": {}}


def test_ipc_transport(tmp_path):
    manager = KernelManager(kernel_name=SIGNAL_KERNEL, transport="ipc", ip=str(tmp_path / "stride"))
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=30)
        reply, outputs = run(client, 'print("over ipc")\n6 * 7')
        assert reply["status"] == "ok"
        assert stdout_of(outputs) == "over ipc\n"
        assert result_of(outputs) == "42"
        assert any(path.name.startswith("stride-") for path in tmp_path.iterdir())
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
