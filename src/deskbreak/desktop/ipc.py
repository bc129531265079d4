"""Single instance and remote control: one JSON request per local-socket connection.

The socket lives in the user's private runtime folder (0700) and is itself 0600 (on Windows the
pipe allows only the same user), so another account cannot drive the app. A request is
one line `{"version": 1, "command": ..., "args": {...}}`; the answer is one line
`{"ok": true, "result": ...}` or `{"ok": false, "error": "message"}`.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import logging
import os
import socket as socket_module
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

PROTOCOL_VERSION = 1
MAX_REQUEST_BYTES = 64 * 1024
IDLE_TIMEOUT_MS = 5000  # a client sends its one line at once; `ctl` waits at most 1 s to connect
MAX_CONNECTIONS = 16

Handler = Callable[[str, dict[str, Any]], Any]


class IpcError(Exception):
    """The running instance could not be asked, or it answered with an error."""


class NoInstanceError(IpcError):
    """No deskbreak is running for this user."""


def socket_name(runtime_dir: Path, platform: str = sys.platform) -> str:
    """A full socket path on Unix; a per-user pipe name on Windows, where paths are not allowed."""
    if platform == "win32":
        return f"deskbreak-{getpass.getuser()}"
    runtime_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(runtime_dir, 0o700)
    return str(runtime_dir / "ipc.sock")


class IpcServer(QObject):
    """Listens for requests from `deskbreak ctl` and from a second start, and answers them.

    Nothing a client does can wedge it: a connection that has not sent its line within
    IDLE_TIMEOUT_MS is closed, at most MAX_CONNECTIONS are open at once (more are told "busy"),
    and on POSIX the listening socket is our own, so running out of file descriptors drops one
    connection instead of closing the server for good (QLocalServer closes itself when an
    accept fails). Slots find their socket with `sender()`: a lambda holding the socket kept
    every connection's Python wrapper alive (about 1 KB each, never freed).
    """

    def __init__(self, name: str, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._handler = handler
        self._listener: _UnixListener | _PipeListener = (
            _PipeListener(name, self._adopt, self)
            if sys.platform == "win32"
            else _UnixListener(name, self._adopt, self)
        )
        self._open: dict[QLocalSocket, _Connection] = {}
        self._sweep = QTimer(self)
        self._sweep.setSingleShot(True)
        self._sweep.timeout.connect(self._drop_idle)

    def listen(self) -> bool:
        """Start serving; False when another instance already serves this name.

        Raises IpcError, in words, when the socket cannot be made (a folder in its place).
        """
        if is_running(self._name):
            return False
        try:
            self._listener.listen()
        except OSError as exc:
            raise IpcError(f"cannot listen on {self._name}: {exc.strerror or exc}") from None
        return True

    def close(self) -> None:
        self._listener.close()
        for socket in list(self._open):
            socket.abort()

    @property
    def open_connections(self) -> int:
        return len(self._open)

    def _adopt(self, socket: QLocalSocket) -> None:
        socket.setParent(self)
        socket.disconnected.connect(self._on_disconnected)
        if len(self._open) >= MAX_CONNECTIONS:
            log.warning("ipc: %d connections are open; turning one away", len(self._open))
            self._send(socket, {"ok": False, "error": "busy: too many connections, try again"})
            return
        self._open[socket] = _Connection(time.monotonic() + IDLE_TIMEOUT_MS / 1000)
        socket.readyRead.connect(self._on_ready_read)
        if not self._sweep.isActive():
            self._sweep.start(IDLE_TIMEOUT_MS)
        if socket.bytesAvailable():  # the request may have arrived with the connection
            self._read(socket)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _on_disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._open.pop(socket, None)
            socket.deleteLater()
            self._listener.resume()

    def _drop_idle(self) -> None:
        now = time.monotonic()
        for socket, connection in list(self._open.items()):
            if connection.deadline <= now:
                self._open.pop(socket, None)
                socket.abort()
                socket.deleteLater()
        self._listener.resume()
        if self._open:
            earliest = min(connection.deadline for connection in self._open.values())
            self._sweep.start(max(1, int((earliest - now) * 1000)))

    def _read(self, socket: QLocalSocket) -> None:
        connection = self._open.get(socket)
        if connection is None:
            return
        connection.buffer += bytes(socket.readAll().data())
        if len(connection.buffer) > MAX_REQUEST_BYTES:
            self._finish(socket, {"ok": False, "error": "request too large"})
            return
        if b"\n" not in connection.buffer:
            return
        line = bytes(connection.buffer).split(b"\n", 1)[0]
        self._finish(socket, self._answer(line))

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
        except (ValueError, RecursionError) as exc:
            return {"ok": False, "error": f"bad request: {exc}"}
        try:
            return {"ok": True, "result": self._handler(request["command"], args)}
        except IpcError as exc:
            return {"ok": False, "error": str(exc)}
        except Exception as exc:  # a bug in a handler must not take the tray down
            log.exception("ipc command %r failed", request["command"])
            return {"ok": False, "error": f"internal error: {exc}"}

    def _finish(self, socket: QLocalSocket, answer: dict[str, Any]) -> None:
        self._open.pop(socket, None)
        self._send(socket, answer)

    def _send(self, socket: QLocalSocket, answer: dict[str, Any]) -> None:
        socket.write(json.dumps(answer).encode() + b"\n")
        socket.flush()
        socket.disconnectFromServer()
        if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
            socket.deleteLater()  # already gone: `disconnected` will not come again


@dataclass
class _Connection:
    deadline: float  # time.monotonic() by which the request line must be complete
    buffer: bytearray = field(default_factory=bytearray)


class _UnixListener(QObject):
    """A Unix socket we accept on ourselves, so a failed accept never stops the listening.

    When descriptors run out (EMFILE), the classic spare-descriptor trick frees one, accepts the
    waiting client and closes it at once (it sees "did not answer", not a hang), then takes the
    spare again. If even that fails, accepting pauses until a connection closes.
    """

    def __init__(self, path: str, adopt: Callable[[QLocalSocket], None], parent: QObject) -> None:
        super().__init__(parent)
        self._path = path
        self._adopt = adopt
        self._socket: socket_module.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._spare: int | None = None

    def listen(self) -> None:
        _remove_stale_socket(Path(self._path))
        # _UnixListener is built only off Windows, whose socket module has no AF_UNIX.
        listener = socket_module.socket(socket_module.AF_UNIX, socket_module.SOCK_STREAM)  # type: ignore[attr-defined, unused-ignore]
        try:
            listener.bind(self._path)
            os.chmod(self._path, 0o600)
            listener.listen(MAX_CONNECTIONS)
            listener.setblocking(False)
        except OSError:
            listener.close()
            raise
        self._socket = listener
        self._spare = _open_spare()
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept_all)

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None
            with contextlib.suppress(OSError):
                os.unlink(self._path)
        if self._spare is not None:
            os.close(self._spare)
            self._spare = None

    def resume(self) -> None:
        """A descriptor was freed: accept again if running out had paused it."""
        if self._notifier is not None and not self._notifier.isEnabled():
            if self._spare is None:
                self._spare = _open_spare()
            self._notifier.setEnabled(True)

    def _accept_all(self) -> None:
        while self._socket is not None:
            try:
                connection, _address = self._socket.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:
                if exc.errno not in (errno.EMFILE, errno.ENFILE):
                    log.warning("ipc: accept failed: %s", exc)
                    return
                if not self._turn_one_away():
                    return
                continue
            local = QLocalSocket()
            if not local.setSocketDescriptor(connection.detach()):
                log.warning("ipc: could not adopt a connection: %s", local.errorString())
                local.deleteLater()
                continue
            self._adopt(local)

    def _turn_one_away(self) -> bool:
        """Out of descriptors: close one waiting client with the spare; returns whether to go on.

        accept() fails with EMFILE before it looks at the queue, so an empty queue shows only
        here; without a spare, accepting pauses (the notifier is level-triggered and would spin).
        """
        assert self._socket is not None
        assert self._notifier is not None
        took_one = False
        if self._spare is not None:
            os.close(self._spare)
            self._spare = None
            try:
                self._socket.accept()[0].close()
                took_one = True
                log.warning("ipc: out of file descriptors; closed a waiting connection")
            except OSError:
                pass  # nobody is waiting (or it went away): nothing to turn away
            self._spare = _open_spare()
        if self._spare is None:
            self._notifier.setEnabled(False)
            QTimer.singleShot(1000, self.resume)
            return False
        return took_one


def _open_spare() -> int | None:
    try:
        return os.open(os.devnull, os.O_RDONLY)
    except OSError:
        return None


def _remove_stale_socket(path: Path) -> None:
    """A socket left by a killed process is removed; anything else in its place is reported."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISSOCK(mode):
        path.unlink()
        return
    what = "a folder" if stat.S_ISDIR(mode) else "a file that is not a socket"
    raise OSError(errno.EEXIST, f"{what} is in the way at {path}; remove it and start deskbreak again")


class _PipeListener(QObject):
    """Windows: QLocalServer over a named pipe (no descriptor limit to run into there)."""

    def __init__(self, name: str, adopt: Callable[[QLocalSocket], None], parent: QObject) -> None:
        super().__init__(parent)
        self._name = name
        self._adopt = adopt
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept_all)

    def listen(self) -> None:
        QLocalServer.removeServer(self._name)
        if not self._server.listen(self._name):
            raise OSError(errno.EADDRINUSE, self._server.errorString())

    def close(self) -> None:
        self._server.close()

    def resume(self) -> None:
        """Named pipes do not run out of descriptors."""

    def _accept_all(self) -> None:
        # hasPendingConnections first: PySide6 mishandles the refcount of the None that
        # nextPendingConnection() returns when nothing is pending.
        while self._server.hasPendingConnections():
            self._adopt(self._server.nextPendingConnection())


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
