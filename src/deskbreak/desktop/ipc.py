"""Single instance and remote control: one JSON request per local-socket connection.

The socket lives in the user's private runtime folder (0700) and the server only accepts the
same user (QLocalServer.UserAccessOption), so another account cannot drive the app. A request is
one line `{"version": 1, "command": ..., "args": {...}}`; the answer is one line
`{"ok": true, "result": ...}` or `{"ok": false, "error": "message"}`.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
MAX_REQUEST_BYTES = 64 * 1024

Handler = Callable[[str, dict[str, Any]], Any]


class IpcError(Exception):
    """The running instance could not be asked, or it answered with an error."""


class NoInstanceError(IpcError):
    """No deskbreak is running for this user."""


def socket_name(runtime_dir: Path) -> str:
    """A full socket path on Unix; a per-user pipe name on Windows, where paths are not allowed."""
    if sys.platform == "win32":
        return f"deskbreak-{getpass.getuser()}"
    runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(runtime_dir, 0o700)
    return str(runtime_dir / "ipc.sock")


class IpcServer(QObject):
    """Listens for requests from `deskbreak ctl` and from a second start, and answers them."""

    def __init__(self, name: str, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._handler = handler
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self) -> bool:
        """Start serving; False when another instance already serves this name.

        Ask first: with UserAccessOption, Qt 6 creates the socket elsewhere and renames it into
        place, which would silently take the name from a running instance.
        """
        if is_running(self._name):
            return False
        QLocalServer.removeServer(self._name)  # a stale socket left by a killed process
        if self._server.listen(self._name):
            return True
        raise IpcError(f"cannot listen on {self._name}: {self._server.errorString()}")

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        # hasPendingConnections first: PySide6 mishandles the refcount of the None that
        # nextPendingConnection() returns when nothing is pending.
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if socket.bytesAvailable():  # the request may have arrived with the connection
                self._read(socket)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if len(buffer) > MAX_REQUEST_BYTES:
            self._reply(socket, {"ok": False, "error": "request too large"})
            return
        if b"\n" not in buffer:
            return
        line = bytes(buffer).split(b"\n", 1)[0]
        self._reply(socket, self._answer(line))

    def _answer(self, line: bytes) -> dict[str, Any]:
        try:
            request = json.loads(line)
            if not isinstance(request, dict) or not isinstance(request.get("command"), str):
                raise ValueError("a request needs a 'command'")
            if request.get("version") != PROTOCOL_VERSION:
                raise ValueError(f"protocol version {request.get('version')!r} is not {PROTOCOL_VERSION}")
            args = request.get("args") or {}
            if not isinstance(args, dict):
                raise ValueError("'args' must be an object")
        except ValueError as exc:
            return {"ok": False, "error": f"bad request: {exc}"}
        try:
            return {"ok": True, "result": self._handler(request["command"], args)}
        except IpcError as exc:
            return {"ok": False, "error": str(exc)}
        except Exception as exc:  # a bug in a handler must not take the tray down
            log.exception("ipc command %r failed", request["command"])
            return {"ok": False, "error": f"internal error: {exc}"}

    def _reply(self, socket: QLocalSocket, answer: dict[str, Any]) -> None:
        self._buffers.pop(socket, None)
        socket.write(json.dumps(answer).encode() + b"\n")
        socket.flush()
        socket.disconnectFromServer()


def is_running(name: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    alive = socket.waitForConnected(500)
    socket.abort()
    return alive


def request(name: str, command: str, args: dict[str, Any] | None = None, timeout_ms: int = 5000) -> Any:
    """Ask the running instance; raises NoInstanceError when none runs, IpcError on a failed answer."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(1000):
        raise NoInstanceError("deskbreak is not running")
    payload = (
        json.dumps({"version": PROTOCOL_VERSION, "command": command, "args": args or {}}).encode() + b"\n"
    )
    socket.write(payload)
    socket.waitForBytesWritten(timeout_ms)
    data = bytearray()
    while b"\n" not in data:
        # The answer may already be buffered (and the server gone) before we wait for it.
        if not socket.bytesAvailable() and not socket.waitForReadyRead(timeout_ms):
            raise IpcError("the running deskbreak did not answer")
        data += bytes(socket.readAll().data())
    socket.abort()
    try:
        answer = json.loads(bytes(data).split(b"\n", 1)[0])
    except ValueError:
        raise IpcError("the running deskbreak sent an answer that is not JSON") from None
    if not answer.get("ok"):
        raise IpcError(str(answer.get("error", "unknown error")))
    return answer.get("result")
