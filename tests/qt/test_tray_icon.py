"""The tray icon has a picture from the moment it exists (tests/x11/test_clean_start.py checks the
warning Qt prints otherwise, on a real X server)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from deskbreak.ui.menu import AppMenu
from deskbreak.ui.tray import Tray


def test_the_tray_icon_has_a_picture_before_the_first_status(qtbot: QtBot) -> None:
    tray = Tray(AppMenu())
    assert not tray.icon.icon().isNull()
