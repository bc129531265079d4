"""Runs a PySide6 program under tray_probe.py and also reports when each of its windows is on screen.

Used by response.py. `QWidget.show` and `QWidget.showNormal` are wrapped (no event filter on the
whole application, which would tax every event the program handles): when a top-level window is
shown, a filter on that one window waits for its first expose, and a zero-length timer after it
(which runs once the expose, and with it the first paint and flush, is handled) prints

    SHOWN <time.monotonic()> <time.time()> <class name> <window title>

Run: python benchmarks/window_probe.py -m deskbreak    |    python benchmarks/window_probe.py FILE.py
"""

from __future__ import annotations

import time

import tray_probe
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QWidget

_show = QWidget.show
_show_normal = QWidget.showNormal
_watchers: set[ExposeWatcher] = set()  # alive until their window has been reported


class ExposeWatcher(QObject):
    """Reports `widget` once its window is exposed and painted, then removes itself."""

    def __init__(self, widget: QWidget, handle: QWindow) -> None:
        super().__init__()
        self._widget = widget
        self._handle = handle
        handle.installEventFilter(self)
        _watchers.add(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Expose and self._handle.isExposed():
            self._handle.removeEventFilter(self)
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        widget = self._widget
        title = " ".join(widget.windowTitle().split()) or "-"
        print(f"SHOWN {time.monotonic():.6f} {time.time():.6f} {type(widget).__name__} {title}", flush=True)
        _watchers.discard(self)


def _watch(widget: QWidget) -> None:
    handle = widget.windowHandle()
    if widget.isWindow() and handle is not None and not handle.isExposed():
        ExposeWatcher(widget, handle)


def _show_and_watch(widget: QWidget) -> None:
    _show(widget)
    _watch(widget)


def _show_normal_and_watch(widget: QWidget) -> None:
    _show_normal(widget)
    _watch(widget)


if __name__ == "__main__":
    QWidget.show = _show_and_watch  # type: ignore[method-assign]
    QWidget.showNormal = _show_normal_and_watch  # type: ignore[method-assign]
    tray_probe.main()
