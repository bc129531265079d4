"""One instance per user; `ctl` requests reach it and get answers, whatever they send."""

from __future__ import annotations

import contextlib
import gc
import json
import select
import socket
import subprocess
import sys
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from deskbreak.desktop import ipc
from deskbreak.desktop.ipc import IpcError, IpcServer, NoInstanceError, is_running, request, socket_name


def ask(qtbot: QtBot, name: str, command: str, args: dict[str, Any] | None = None) -> Any:
    """Ask from another process, as `deskbreak ctl` does; the server answers from this Qt loop.

    (A thread would not do: PySide6 keeps the GIL during QLocalSocket's blocking waits.)
    """
    script = (
        "import json, sys\n"
        "from deskbreak.desktop.ipc import IpcError, request\n"
        "try:\n"
        "    print(json.dumps({'result': request(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))}))\n"
        "except IpcError as exc:\n"
        "    print(json.dumps({'error': str(exc), 'kind': type(exc).__name__}))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, name, command, json.dumps(args or {})],
        stdout=subprocess.PIPE,
        text=True,
    )
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=15000)
    with process:
        outcome = json.loads(process.communicate()[0])
    if "error" in outcome:
        raise IpcError(outcome["error"])
    return outcome["result"]


@pytest.fixture
def name(tmp_path: Path) -> str:
    return socket_name(tmp_path / "run")


def test_the_socket_folder_is_private(tmp_path: Path) -> None:
    socket_name(tmp_path / "run")
    assert (tmp_path / "run").stat().st_mode & 0o777 == 0o700


def test_a_request_gets_the_handlers_answer(qtbot: QtBot, name: str) -> None:
    seen = []

    def handler(command: str, args: dict[str, Any]) -> Any:
        seen.append((command, args))
        return {"echo": command}

    server = IpcServer(name, handler)
    assert server.listen()
    assert ask(qtbot, name, "status", {"x": 1}) == {"echo": "status"}
    assert seen == [("status", {"x": 1})]
    server.close()


def test_a_refused_command_comes_back_as_an_error(qtbot: QtBot, name: str) -> None:
    def handler(command: str, args: dict[str, Any]) -> Any:
        raise IpcError("no snoozes left for this prompt")

    server = IpcServer(name, handler)
    server.listen()
    with pytest.raises(IpcError, match="no snoozes left"):
        ask(qtbot, name, "snooze")
    server.close()


def test_a_crashing_handler_answers_instead_of_taking_the_app_down(
    qtbot: QtBot, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    server = IpcServer(name, lambda command, args: 1 / 0)
    server.listen()
    with pytest.raises(IpcError, match="internal error"):
        ask(qtbot, name, "status")
    # the server is still listening:
    with pytest.raises(IpcError, match="internal error"):
        ask(qtbot, name, "status")
    server.close()
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "ipc command 'status' failed"
    ] * 2
    caplog.clear()  # logged on purpose, with the traceback


def test_a_second_server_sees_the_first_one(name: str) -> None:
    first = IpcServer(name, lambda command, args: None)
    assert first.listen()
    assert is_running(name)
    assert not IpcServer(name, lambda command, args: None).listen()
    first.close()


def test_a_stale_socket_from_a_killed_process_is_replaced(name: str) -> None:
    stale = socket.socket(socket.AF_UNIX)  # type: ignore[attr-defined, unused-ignore]  # POSIX only
    stale.bind(name)  # what a killed process leaves behind: the socket file, nobody listening
    stale.close()
    server = IpcServer(name, lambda command, args: None)
    assert server.listen()
    server.close()


def test_no_instance_is_reported_as_such(name: str) -> None:
    with pytest.raises(NoInstanceError):
        request(name, "status")


def test_garbage_gets_a_bad_request_answer(qtbot: QtBot, name: str) -> None:
    server = IpcServer(name, lambda command, args: "never")
    server.listen()
    script = (
        "import sys\n"
        "from PySide6.QtNetwork import QLocalSocket\n"
        "s = QLocalSocket(); s.connectToServer(sys.argv[1]); s.waitForConnected(1000)\n"
        "s.write(b'{not json\\n'); s.waitForBytesWritten(1000)\n"
        "s.bytesAvailable() or s.waitForReadyRead(5000)\n"
        "sys.stdout.write(bytes(s.readAll().data()).decode())\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script, name], stdout=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=15000)
    with process:
        answer = process.communicate()[0]
    assert '"ok": false' in answer
    assert "bad request" in answer
    server.close()


def raw_connection(name: str, data: bytes = b"") -> socket.socket:
    """A client that connects and then does only what the test says (a plain socket, no Qt)."""
    client = socket.socket(socket.AF_UNIX)  # type: ignore[attr-defined, unused-ignore]  # POSIX only
    client.connect(name)
    if data:
        client.sendall(data)
    return client


def is_readable(client: socket.socket) -> bool:
    return bool(select.select([client], [], [], 0)[0])


def read_all(client: socket.socket) -> bytes:
    client.settimeout(10)
    data = b""
    while chunk := client.recv(4096):
        data += chunk
    return data


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ipc, "IDLE_TIMEOUT_MS", 200)


@pytest.mark.usefixtures("short_timeout")
def test_a_silent_connection_is_closed_after_the_idle_timeout(qtbot: QtBot, name: str) -> None:
    server = IpcServer(name, lambda command, args: "answer")
    server.listen()
    client = raw_connection(name)
    qtbot.waitUntil(lambda: server.open_connections == 1)
    qtbot.waitUntil(lambda: server.open_connections == 0)
    assert read_all(client) == b""  # closed by the server
    client.close()
    server.close()


@pytest.mark.usefixtures("short_timeout")
def test_a_half_sent_request_is_dropped_and_the_next_one_answered(qtbot: QtBot, name: str) -> None:
    server = IpcServer(name, lambda command, args: "answer")
    server.listen()
    half = raw_connection(name, b'{"version": 1, "comm')
    qtbot.waitUntil(lambda: server.open_connections == 1)
    qtbot.waitUntil(lambda: server.open_connections == 0)
    assert ask(qtbot, name, "status") == "answer"
    half.close()
    server.close()


def test_connections_over_the_cap_are_told_busy_and_the_rest_still_answered(qtbot: QtBot, name: str) -> None:
    server = IpcServer(name, lambda command, args: "answer")
    server.listen()
    held = [raw_connection(name) for _ in range(ipc.MAX_CONNECTIONS)]
    qtbot.waitUntil(lambda: server.open_connections == ipc.MAX_CONNECTIONS)
    extra = raw_connection(name)
    qtbot.waitUntil(partial(is_readable, extra))
    assert json.loads(read_all(extra)) == {"ok": False, "error": "busy: too many connections, try again"}
    held.pop().close()
    qtbot.waitUntil(lambda: server.open_connections == ipc.MAX_CONNECTIONS - 1)
    assert ask(qtbot, name, "status") == "answer"
    for client in [*held, extra]:
        client.close()
    server.close()


def test_answered_connections_leave_nothing_behind(qtbot: QtBot, name: str) -> None:
    """Each connection used to keep its Python wrapper forever: about 1 KB a request, never freed."""
    server = IpcServer(name, lambda command, args: "answer")
    server.listen()

    def live_sockets() -> int:
        gc.collect()
        return sum(isinstance(thing, QLocalSocket) for thing in gc.get_objects())

    before = live_sockets()
    clients = [raw_connection(name, b'{"version": 1, "command": "status"}\n') for _ in range(10)]
    for client in clients:
        qtbot.waitUntil(partial(is_readable, client))
        assert b'"ok": true' in read_all(client)
        client.close()
    qtbot.waitUntil(lambda: server.open_connections == 0)
    qtbot.waitUntil(lambda: live_sockets() == before)
    server.close()


def test_a_folder_at_the_socket_path_is_a_clear_error(name: str) -> None:
    Path(name).mkdir()
    with pytest.raises(IpcError, match=r"a folder is in the way at .*ipc.sock; remove it"):
        IpcServer(name, lambda command, args: None).listen()


FD_STARVED_SERVER = """
import resource, sys
from PySide6.QtCore import QCoreApplication
from deskbreak.desktop import ipc
ipc.IDLE_TIMEOUT_MS = 500
app = QCoreApplication([])
server = ipc.IpcServer(sys.argv[1], lambda command, args: "still here")
assert server.listen()
import os
in_use = len(os.listdir("/proc/self/fd"))
resource.setrlimit(resource.RLIMIT_NOFILE, (in_use + 6, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
print("READY", flush=True)
app.exec()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
def test_running_out_of_descriptors_does_not_stop_the_server_listening(qtbot: QtBot, name: str) -> None:
    """QLocalServer closed its socket for good when an accept failed: `ctl` then said "not running"."""
    server = subprocess.Popen(
        [sys.executable, "-c", FD_STARVED_SERVER, name], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        assert server.stdout.readline().strip() == "READY"
        connected = []
        for _ in range(40):  # far more idle connections than the server has descriptors left
            client = socket.socket(socket.AF_UNIX)  # type: ignore[attr-defined, unused-ignore]  # POSIX only
            client.setblocking(False)
            try:
                client.connect(name)
            except BlockingIOError:  # the backlog is full: this one never got in
                client.close()
                continue
            connected.append(client)
        for client in connected:  # each is turned away, or accepted and timed out
            assert select.select([client], [], [], 10)[0], "the server never closed a connection"
            with contextlib.suppress(ConnectionResetError):
                client.recv(4096)
            client.close()
        assert ask(qtbot, name, "status") == "still here"
    finally:
        server.kill()
        server.communicate()
