"""Busy reasons (fullscreen, do-not-disturb) reach the engine only when they change and the setting allows."""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.core.events import BusyChanged, Event
from deskbreak.core.settings import AwarenessSettings
from deskbreak.desktop.busy import BusyReason, BusySourceError, BusyWatcher
from deskbreak.desktop.dbus import Bus
from deskbreak.desktop.dnd import DUNST_PAUSED, FDO_INHIBITED, PropertyDnd
from deskbreak.desktop.fullscreen import WindowsFullscreen, X11Fullscreen
from deskbreak.desktop.steps import run_blocking

from .fakebus import FakeService, round_trip

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"


class FakeSource:
    def __init__(self, reason: BusyReason, needs_polling: bool = False) -> None:
        self.reason: BusyReason = reason
        self.description = f"fake {reason}"
        self.needs_polling = needs_polling
        self.busy = False
        self.changed: Callable[[], None] | None = None
        self.closed = False

    def is_busy(self) -> bool:
        return self.busy

    def start(self, changed: Callable[[], None]) -> None:
        self.changed = changed

    def close(self) -> None:
        self.closed = True

    def set(self, busy: bool) -> None:
        self.busy = busy
        assert self.changed is not None
        self.changed()


class Setup:
    def __init__(self, *sources: FakeSource) -> None:
        self.sent: list[Event] = []
        self.awareness = AwarenessSettings()
        self.watcher = BusyWatcher(sources, self.sent.append, lambda: self.awareness)


def test_a_fullscreen_window_holds_prompts_until_it_ends(qtbot: QtBot) -> None:
    fullscreen = FakeSource("fullscreen")
    setup = Setup(fullscreen)
    setup.watcher.start()
    assert setup.sent == []
    fullscreen.set(True)
    fullscreen.set(True)
    fullscreen.set(False)
    assert setup.sent == [BusyChanged("fullscreen", True), BusyChanged("fullscreen", False)]


def test_any_do_not_disturb_source_is_enough(qtbot: QtBot) -> None:
    kde, dunst = FakeSource("dnd"), FakeSource("dnd")
    setup = Setup(kde, dunst)
    setup.watcher.start()
    kde.set(True)
    dunst.set(True)
    kde.set(False)
    assert setup.sent == [BusyChanged("dnd", True)]


def test_switching_the_hold_setting_off_releases_the_prompt_at_once(qtbot: QtBot) -> None:
    fullscreen = FakeSource("fullscreen")
    setup = Setup(fullscreen)
    setup.watcher.start()
    fullscreen.set(True)
    setup.awareness = AwarenessSettings(hold_during_fullscreen=False)
    setup.watcher.refresh()
    assert setup.sent == [BusyChanged("fullscreen", True), BusyChanged("fullscreen", False)]
    fullscreen.set(False)
    fullscreen.set(True)
    assert len(setup.sent) == 2


def test_only_a_source_that_cannot_announce_changes_gets_a_timer(qtbot: QtBot) -> None:
    announced = Setup(FakeSource("dnd"))
    announced.watcher.start()
    assert announced.watcher.poll_seconds is None
    polled = Setup(FakeSource("fullscreen", needs_polling=True))
    polled.watcher.start()
    assert polled.watcher.poll_seconds == 60
    polled.watcher.stop()
    assert polled.watcher.poll_seconds is None


def test_stopping_closes_the_sources(qtbot: QtBot) -> None:
    source = FakeSource("dnd")
    setup = Setup(source)
    setup.watcher.start()
    setup.watcher.stop()
    assert source.closed


class FakeShell32:
    def __init__(self, state: int, result: int = 0) -> None:
        self.state, self.result = state, result

    def SHQueryUserNotificationState(self, out: Any) -> int:
        ctypes.cast(out, ctypes.POINTER(ctypes.c_int)).contents.value = self.state
        return self.result


@pytest.mark.parametrize(("state", "busy"), [(2, True), (3, True), (4, True), (5, False), (6, False)])
def test_windows_fullscreen_and_presentation_mode_count_as_busy(state: int, busy: bool) -> None:
    assert WindowsFullscreen(FakeShell32(state)).is_busy() is busy


def test_windows_fullscreen_is_not_busy_when_the_call_fails() -> None:
    assert WindowsFullscreen(FakeShell32(3, result=-1)).is_busy() is False


def test_x11_fullscreen_is_not_seen_on_wayland() -> None:
    with pytest.raises(BusySourceError, match="Wayland"):
        X11Fullscreen.open({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"})


@pytest.fixture
def notification_server(session_bus: str) -> Iterator[FakeService]:
    fake = FakeService(session_bus, NOTIFICATIONS)
    fake.properties[(NOTIFICATIONS_PATH, DUNST_PAUSED.interface, "paused")] = ("b", False)
    yield fake
    fake.stop()


def test_a_dnd_property_is_read_and_followed(
    qtbot: QtBot, bus: Bus, notification_server: FakeService
) -> None:
    dunst = run_blocking(PropertyDnd.open(bus, DUNST_PAUSED))
    changes: list[bool] = []
    dunst.start(lambda: changes.append(dunst.is_busy()))
    round_trip(bus)
    notification_server.set_property(NOTIFICATIONS_PATH, DUNST_PAUSED.interface, "paused", "b", True)
    qtbot.waitUntil(lambda: changes == [True], timeout=3000)


def test_a_server_without_the_property_is_not_a_dnd_source(
    bus: Bus, notification_server: FakeService
) -> None:
    with pytest.raises(BusySourceError, match="freedesktop notifications Inhibited"):
        run_blocking(PropertyDnd.open(bus, FDO_INHIBITED))
