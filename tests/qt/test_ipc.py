"""One instance per user; `ctl` requests reach it and get answers, whatever they send."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

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
    Path(name).touch()  # what a killed process leaves behind
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
