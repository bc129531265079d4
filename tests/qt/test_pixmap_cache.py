"""Qt's pixmap cache is off while only the tray is up (its trimming timer would wake the process)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPixmap, QPixmapCache
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from deskbreak.ui.pixmap_cache import PixmapCacheWhileShown


@pytest.fixture
def policy(qtbot: QtBot, qapp: QApplication) -> Iterator[PixmapCacheWhileShown]:
    for widget in qapp.topLevelWidgets():  # windows other tests left open
        widget.close()
    policy = PixmapCacheWhileShown(qapp)
    yield policy
    policy.close()


def test_with_no_window_on_screen_the_cache_is_empty_and_off(policy: PixmapCacheWhileShown) -> None:
    assert not policy.is_on
    found = QPixmap()
    assert not QPixmapCache.find("deskbreak-test", found)
    QPixmapCache.insert("deskbreak-test", QPixmap(32, 32))
    assert not QPixmapCache.find("deskbreak-test", found)  # nothing is kept


def test_a_window_turns_it_on_and_closing_the_last_turns_it_off(
    qtbot: QtBot, policy: PixmapCacheWhileShown
) -> None:
    first, second = QWidget(), QWidget()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    first.show()
    assert policy.is_on
    second.show()
    first.hide()
    assert policy.is_on  # another window is still up
    second.close()
    assert not policy.is_on
