"""Guards against Qt binding releases that would crash a long-running tray app."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    """PySide6 6.12.0 loses a reference to None per void call; after a few thousand the process aborts."""
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("tick")
    assert sys.getrefcount(None) >= before - 5
