"""Lets Ctrl+C, SIGTERM and SIGHUP quit the Qt app cleanly (saving state), not kill it mid-write.

SIGHUP comes when the terminal deskbreak was started from is closed; its default action killed the
app without its quit path.

Python runs signal handlers only between bytecodes, and the Qt loop sits in C; a wake-up fd
written by the C-level handler makes a QSocketNotifier fire, and the handler runs on the loop.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

# SIGHUP does not exist on Windows.
QUIT_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class SignalBridge(QObject):
    def __init__(self, on_quit: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._on_quit = on_quit
        for number in QUIT_SIGNALS:
            signal.signal(number, lambda *_: None)  # the wake-up fd does the work

    def _drain(self) -> None:
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        if any(number in QUIT_SIGNALS for number in data):
            self._on_quit()

    def close(self) -> None:
        signal.set_wakeup_fd(-1)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
