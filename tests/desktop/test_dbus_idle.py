"""Idle time from GNOME's Mutter and from the ScreenSaver call, against fake services on a private bus."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.core.clock import FakeClock
from deskbreak.core.events import AwayEnded, AwayStarted, Event
from deskbreak.core.settings import AwarenessSettings
from deskbreak.desktop.dbus import Bus
from deskbreak.desktop.idle import IdleBackendError, idle_candidates, pick_idle_backend
from deskbreak.desktop.idle.dbus_idle import MutterIdle, ScreenSaverIdle
from deskbreak.desktop.idle.watcher import IdleWatcher
from deskbreak.desktop.steps import run_blocking

from .fakebus import FakeMutter, FakeService

SCREENSAVER = "org.freedesktop.ScreenSaver"


@pytest.fixture
def mutter(session_bus: str) -> Iterator[FakeMutter]:
    fake = FakeMutter(session_bus)
    yield fake
    fake.service.stop()


def test_mutter_is_refused_when_nobody_owns_its_name(bus: Bus) -> None:
    with pytest.raises(IdleBackendError, match="has no owner on the session bus"):
        run_blocking(MutterIdle.open(bus))


def test_mutter_reads_milliseconds(bus: Bus, mutter: FakeMutter) -> None:
    mutter.idle_ms = 4321
    assert run_blocking(run_blocking(MutterIdle.open(bus)).read_idle()) == 4.321


def test_mutter_is_preferred_on_linux(bus: Bus, mutter: FakeMutter) -> None:
    backend, rejected = run_blocking(
        pick_idle_backend(idle_candidates({"DISPLAY": ":4242"}, lambda: bus, "linux"))
    )
    assert backend is not None
    assert backend.name == "gnome-mutter"
    assert rejected == []


def test_mutter_pushes_leaving_and_returning_without_any_polling(
    qtbot: QtBot, bus: Bus, mutter: FakeMutter, clock: FakeClock
) -> None:
    sent: list[Event] = []
    settings = AwarenessSettings(away_after_seconds=120)
    watcher = IdleWatcher(run_blocking(MutterIdle.open(bus)), sent.append, clock.now, lambda: settings)
    watcher.start()
    qtbot.waitUntil(lambda: len(mutter.watches) == 1, timeout=3000)
    assert [interval for _owner, interval in mutter.watches.values()] == [120_000]
    assert watcher.next_check_seconds is None

    mutter.idle_ms = 125_000
    mutter.fire_idle()
    qtbot.waitUntil(lambda: len(sent) == 1, timeout=3000)
    # The watch fires when idleness reaches its threshold: the last input was that long ago.
    assert sent == [AwayStarted(since=clock.now() - timedelta(seconds=120), kind="idle")]
    qtbot.waitUntil(lambda: len(mutter.watches) == 2, timeout=3000)  # the one-shot return watch

    mutter.fire_active()
    qtbot.waitUntil(lambda: len(sent) == 2, timeout=3000)
    assert sent[1] == AwayEnded()
    assert watcher.next_check_seconds is None
    watcher.stop()


def test_closing_mutter_removes_its_watches(qtbot: QtBot, bus: Bus, mutter: FakeMutter) -> None:
    backend = run_blocking(MutterIdle.open(bus))
    backend.watch_idle(120, lambda _idle: None)
    backend.watch_idle(300, lambda _idle: None)  # replaces the first, before Mutter answered it
    qtbot.waitUntil(lambda: [interval for _owner, interval in mutter.watches.values()] == [300_000])
    backend.close()
    qtbot.waitUntil(lambda: mutter.watches == {}, timeout=3000)


def test_screensaver_reads_whole_seconds(bus: Bus, session_bus: str) -> None:
    fake = FakeService(session_bus, SCREENSAVER)
    fake.method(SCREENSAVER, "GetSessionIdleTime", lambda _m: ("u", (37,)))
    try:
        assert run_blocking(run_blocking(ScreenSaverIdle.open(bus)).read_idle()) == 37.0
    finally:
        fake.stop()


def test_a_screensaver_without_the_idle_call_is_refused_with_the_reason(bus: Bus, session_bus: str) -> None:
    fake = FakeService(session_bus, SCREENSAVER)  # GNOME owns the name but has no GetSessionIdleTime
    try:
        with pytest.raises(IdleBackendError, match="GetSessionIdleTime does not work here"):
            run_blocking(ScreenSaverIdle.open(bus))
    finally:
        fake.stop()
