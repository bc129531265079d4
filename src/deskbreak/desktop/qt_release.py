"""Let go of Qt objects safely: never while one of their own signals is being delivered.

A QSocketNotifier or QProcess created from Python is deleted when its last Python reference
goes. If that happens inside its own signal (a bus connection that closes itself from the
notifier's `activated`, a process dropped from its `finished`), Qt goes on using freed memory
after the slot returns and the process crashes, at random, later. Keeping the reference until
the next turn of the loop makes the deletion happen outside every signal.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QObject, QTimer


def release_later(*objects: QObject | None) -> None:
    """Drop these objects on the next turn of the Qt loop (they are deleted then)."""
    kept = tuple(obj for obj in objects if obj is not None)
    if kept:
        QTimer.singleShot(0, functools.partial(_hold, kept))


def _hold(_objects: tuple[QObject, ...]) -> None:
    """Does nothing: the objects go when this call's arguments are freed, after the signal."""
