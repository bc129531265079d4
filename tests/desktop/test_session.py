"""Sleep and lock from a fake logind (on a bus standing in for the system bus) and fake screensavers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.core.clock import FakeClock
from deskbreak.core.events import AwayEnded, AwayStarted, Event, Slept
from deskbreak.desktop.dbus import Bus
from deskbreak.desktop.session import SessionWatcher
from deskbreak.desktop.steps import run_blocking

from .fakebus import SESSION_PATH, FakeLogind, FakeService, round_trip


class Sink:
    """Stands in for the engine driver."""

    def __init__(self) -> None:
        self.sent: list[Event] = []
        self.calls: list[str] = []

    def send(self, event: Event) -> None:
        self.sent.append(event)

    def forget_gap(self) -> None:
        self.calls.append("forget_gap")

    def kick(self) -> None:
        self.calls.append("kick")


class Suspended:
    """The kernel's suspended-time counter, moved by the test."""

    def __init__(self) -> None:
        self.seconds = 100.0

    def __call__(self) -> float:
        return self.seconds


@pytest.fixture
def buses(session_bus: str, system_bus: str) -> Iterator[tuple[Bus, Bus]]:
    session, system = Bus.open("SESSION"), Bus.open("SYSTEM")
    yield session, system
    session.close()
    system.close()


@pytest.fixture
def logind(system_bus: str) -> Iterator[FakeLogind]:
    fake = FakeLogind(system_bus)
    yield fake
    fake.service.stop()


def watch(
    buses: tuple[Bus, Bus], clock: FakeClock, suspended: Suspended | None = None
) -> tuple[SessionWatcher, Sink]:
    session, system = buses
    watcher = run_blocking(SessionWatcher.find(system, session, {}, suspended or Suspended()))
    sink = Sink()
    watcher.start(sink, clock.now)
    round_trip(session, system)
    return watcher, sink


def test_an_exact_sleep_is_reported_whole_and_the_gap_check_forgets(
    qtbot: QtBot, buses: tuple[Bus, Bus], logind: FakeLogind, clock: FakeClock
) -> None:
    suspended = Suspended()
    watcher, sink = watch(buses, clock, suspended)
    logind.prepare_for_sleep(True)
    qtbot.waitUntil(lambda: watcher._sleep_mark is not None, timeout=3000)
    suspended.seconds += 1800
    clock.advance(minutes=30)
    logind.prepare_for_sleep(False)
    qtbot.waitUntil(lambda: bool(sink.sent), timeout=3000)
    assert sink.calls == ["forget_gap"]
    assert sink.sent == [Slept(start=clock.now() - timedelta(minutes=30), end=clock.now())]


def test_a_sleep_noticed_only_after_waking_is_left_to_the_gap_check(
    qtbot: QtBot, buses: tuple[Bus, Bus], logind: FakeLogind, clock: FakeClock
) -> None:
    _watcher, sink = watch(buses, clock)  # the counter does not move: both messages came after the resume
    logind.prepare_for_sleep(True)
    logind.prepare_for_sleep(False)
    qtbot.waitUntil(lambda: bool(sink.calls), timeout=3000)
    assert sink.calls == ["kick"]
    assert sink.sent == []


def test_logind_lock_and_unlock_start_and_end_an_absence(
    qtbot: QtBot, buses: tuple[Bus, Bus], logind: FakeLogind, clock: FakeClock
) -> None:
    watcher, sink = watch(buses, clock)
    assert watcher.logind_session == SESSION_PATH
    logind.lock(True)
    qtbot.waitUntil(lambda: len(sink.sent) == 1, timeout=3000)
    assert sink.sent == [AwayStarted(since=clock.now(), kind="locked")]
    clock.advance(minutes=3)
    logind.lock(False)
    qtbot.waitUntil(lambda: len(sink.sent) == 2, timeout=3000)
    assert sink.sent[1] == AwayEnded()


def test_several_lock_sources_give_one_absence_and_the_first_unlock_ends_it(
    qtbot: QtBot, buses: tuple[Bus, Bus], session_bus: str, logind: FakeLogind, clock: FakeClock
) -> None:
    gnome = FakeService(session_bus, "org.gnome.ScreenSaver")
    try:
        watcher, sink = watch(buses, clock)
        assert watcher.screensavers == ["org.gnome.ScreenSaver"]
        gnome.emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", "b", (True,))
        logind.lock(True)
        qtbot.waitUntil(lambda: watcher.is_locked, timeout=3000)
        qtbot.wait(100)
        gnome.emit("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", "b", (False,))
        qtbot.waitUntil(lambda: not watcher.is_locked, timeout=3000)
        logind.lock(False)
        qtbot.wait(100)
        assert sink.sent == [AwayStarted(since=clock.now(), kind="locked"), AwayEnded()]
    finally:
        gnome.stop()


def test_a_session_locked_at_start_is_an_absence_from_then(
    qtbot: QtBot, buses: tuple[Bus, Bus], system_bus: str, clock: FakeClock
) -> None:
    logind = FakeLogind(system_bus, locked=True)
    try:
        _watcher, sink = watch(buses, clock)
        qtbot.waitUntil(lambda: bool(sink.sent), timeout=3000)
        assert sink.sent == [AwayStarted(since=clock.now(), kind="locked")]
    finally:
        logind.service.stop()


def test_what_is_seen_is_described(buses: tuple[Bus, Bus], logind: FakeLogind, clock: FakeClock) -> None:
    watcher, _sink = watch(buses, clock)
    described = watcher.describe()
    assert described["sleep"].startswith("logind PrepareForSleep")
    assert described["lock"] == f"logind LockedHint ({SESSION_PATH})"
    assert described["locked now"] == "no"


def test_without_logind_sleep_falls_back_to_the_gap_check_and_says_why(
    buses: tuple[Bus, Bus], clock: FakeClock
) -> None:
    watcher, _sink = watch(buses, clock)
    described = watcher.describe()
    assert described["sleep"].startswith("clock-gap check only")
    assert "org.freedesktop.login1 is not on the system bus" in described["session problems"]
    assert described["lock"].startswith("not visible")
