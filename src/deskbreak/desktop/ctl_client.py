"""Asking the running deskbreak from the command line, without loading Qt.

`deskbreak ctl ...` is what a keyboard shortcut or a panel widget runs, so it must answer at
once; importing Qt alone costs more than the whole round trip. This client speaks the control
socket's wire format (desktop/ipc.py, one JSON line each way) over a plain Unix socket. On
Windows the server is a named pipe, which Python's socket module cannot open, so there the
Qt client in desktop/ipc.py is used.
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path
from typing import Any

PROTOCOL_VERSION = 1  # must match desktop/ipc.py (a test checks)
SOCKET_NAME = "ipc.sock"
ANSWER_LIMIT_BYTES = 16 * 1024 * 1024
DEFAULT_TIMEOUT_SECONDS = 5.0


class ControlError(Exception):
    """The running instance could not be asked, or it answered with an error."""


class NotRunningError(ControlError):
    """No deskbreak is running for this user."""


def socket_path(runtime_dir: Path) -> Path:
    """Where the running app listens (the same path desktop/ipc.socket_name gives on Unix)."""
    return runtime_dir / SOCKET_NAME


def request(
    runtime_dir: Path,
    command: str,
    args: dict[str, Any] | None = None,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    platform: str = sys.platform,
) -> Any:
    """Send one request and return the answer's result; raises NotRunningError or ControlError."""
    if platform == "win32":
        return _request_with_qt(runtime_dir, command, args, timeout)
    line = json.dumps({"version": PROTOCOL_VERSION, "command": command, "args": args or {}}) + "\n"
    answer = _exchange(socket_path(runtime_dir), line.encode(), timeout)
    try:
        decoded = json.loads(answer)
    except ValueError:
        raise ControlError("the running deskbreak sent an answer that is not JSON") from None
    if not isinstance(decoded, dict):
        raise ControlError("the running deskbreak sent an answer that is not an object")
    if not decoded.get("ok"):
        raise ControlError(str(decoded.get("error", "unknown error")))
    return decoded.get("result")


def _exchange(path: Path, payload: bytes, timeout: float) -> bytes:
    unix = getattr(socket, "AF_UNIX", None)
    if unix is None:
        raise ControlError("this system has no Unix sockets")
    with socket.socket(unix, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(str(path))
        except (FileNotFoundError, ConnectionRefusedError):
            raise NotRunningError("deskbreak is not running") from None
        except OSError as exc:
            raise ControlError(f"cannot reach the running deskbreak: {exc}") from None
        try:
            sock.sendall(payload)
            return _read_line(sock)
        except TimeoutError:
            raise ControlError("the running deskbreak did not answer") from None
        except OSError as exc:
            raise ControlError(f"the connection to the running deskbreak broke: {exc}") from None


def _read_line(sock: socket.socket) -> bytes:
    data = bytearray()
    while b"\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ControlError("the running deskbreak closed the connection without an answer")
        data += chunk
        if len(data) > ANSWER_LIMIT_BYTES:
            raise ControlError("the running deskbreak sent an answer that is too long")
    return bytes(data).split(b"\n", 1)[0]


def _request_with_qt(runtime_dir: Path, command: str, args: dict[str, Any] | None, timeout: float) -> Any:
    from deskbreak.desktop.ipc import IpcError, NoInstanceError, socket_name
    from deskbreak.desktop.ipc import request as qt_request

    try:
        return qt_request(socket_name(runtime_dir), command, args, timeout_ms=round(timeout * 1000))
    except NoInstanceError as exc:
        raise NotRunningError(str(exc)) from None
    except IpcError as exc:
        raise ControlError(str(exc)) from None
