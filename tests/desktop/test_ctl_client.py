"""`deskbreak ctl` talks to the running app over a plain socket: same wire format, no Qt loaded."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.desktop import ipc
from deskbreak.desktop.ctl_client import (
    PROTOCOL_VERSION,
    ControlError,
    NotRunningError,
    request,
    socket_path,
)

UNIX = getattr(socket, "AF_UNIX", 0)
pytestmark = pytest.mark.skipif(not UNIX, reason="the plain-socket client is for Unix")


@pytest.fixture
def runtime_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    return folder


@pytest.fixture
def server(qtbot: QtBot, runtime_dir: Path) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """The app's real control server (desktop/ipc.py) with a handler that records and answers."""
    asked: list[tuple[str, dict[str, Any]]] = []

    def handle(command: str, args: dict[str, Any]) -> Any:
        asked.append((command, args))
        if command == "refuse":
            raise ipc.IpcError("no snoozes left")
        return {"summary": "Sitting 12 min"}

    listening = ipc.IpcServer(ipc.socket_name(runtime_dir), handle)
    assert listening.listen()
    yield asked
    listening.close()


def in_thread(qtbot: QtBot, ask: Callable[[], Any]) -> Any:
    """Run the blocking client beside the Qt loop that serves it; its result or its exception."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(ask())
        except ControlError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    thread.join()
    return outcome[0]


def test_the_client_finds_the_socket_where_the_server_listens(runtime_dir: Path) -> None:
    assert str(socket_path(runtime_dir)) == ipc.socket_name(runtime_dir)
    assert PROTOCOL_VERSION == ipc.PROTOCOL_VERSION


def test_a_request_reaches_the_running_server_and_its_answer_comes_back(
    qtbot: QtBot, server: list[tuple[str, dict[str, Any]]], runtime_dir: Path
) -> None:
    answer = in_thread(qtbot, lambda: request(runtime_dir, "status", {"verbose": True}))
    assert answer == {"summary": "Sitting 12 min"}
    assert server == [("status", {"verbose": True})]


def test_a_refusal_from_the_server_is_an_error_with_its_reason(
    qtbot: QtBot, server: list[tuple[str, dict[str, Any]]], runtime_dir: Path
) -> None:
    answer = in_thread(qtbot, lambda: request(runtime_dir, "refuse"))
    assert isinstance(answer, ControlError)
    assert str(answer) == "no snoozes left"


def test_no_socket_means_not_running(runtime_dir: Path) -> None:
    with pytest.raises(NotRunningError, match="deskbreak is not running"):
        request(runtime_dir, "status")


def test_a_socket_left_by_a_killed_app_means_not_running(runtime_dir: Path) -> None:
    stale = socket.socket(UNIX, socket.SOCK_STREAM)
    stale.bind(str(socket_path(runtime_dir)))
    stale.close()  # the file stays; nobody listens
    with pytest.raises(NotRunningError):
        request(runtime_dir, "status")


def test_an_app_that_never_answers_is_an_error_not_a_hang(runtime_dir: Path) -> None:
    frozen = socket.socket(UNIX, socket.SOCK_STREAM)
    frozen.bind(str(socket_path(runtime_dir)))
    frozen.listen()
    try:
        with pytest.raises(ControlError, match="did not answer"):
            request(runtime_dir, "status", timeout=0.2)
    finally:
        frozen.close()


def test_an_answer_that_is_not_json_is_an_error(runtime_dir: Path) -> None:
    confused = socket.socket(UNIX, socket.SOCK_STREAM)
    confused.bind(str(socket_path(runtime_dir)))
    confused.listen()

    def answer_nonsense() -> None:
        connection, _ = confused.accept()
        with connection:
            connection.recv(4096)
            connection.sendall(b"<html>\n")

    thread = threading.Thread(target=answer_nonsense)
    thread.start()
    try:
        with pytest.raises(ControlError, match="not JSON"):
            request(runtime_dir, "status")
    finally:
        thread.join()
        confused.close()


def test_ctl_loads_neither_qt_nor_the_routine_library(runtime_dir: Path, tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from deskbreak.cli import main\n"
        "code = main(['ctl', 'status'])\n"
        "loaded = sorted(m for m in ('PySide6', 'deskbreak.core.routines', 'ruamel', 'pydantic') if m in sys.modules)\n"
        "print(code, *loaded)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "XDG_RUNTIME_DIR": str(runtime_dir), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert done.stdout.split() == ["3"], done.stderr  # "not running", and nothing heavy imported
    assert "deskbreak is not running" in done.stderr
