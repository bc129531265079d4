"""The app's awareness wiring: watchers feed the real engine driver; a long absence is a welcome back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.app.awareness import Awareness, Probed, probe, with_awareness
from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import Record, WelcomeBack
from deskbreak.core.events import Pause
from deskbreak.core.history import events as history
from deskbreak.desktop.dbus import Bus
from deskbreak.desktop.session import SessionWatcher
from deskbreak.desktop.steps import run_blocking
from deskbreak.timing.driver import EngineDriver

from .fakebus import FakeLogind, round_trip
from .test_busy import FakeSource
from .test_idle_watcher import FakeIdle


class Setup:
    def __init__(self, driver: EngineDriver, clock: FakeClock, found: Probed) -> None:
        self.driver = driver
        self.clock = clock
        self.welcomed: list[WelcomeBack] = []
        self.records: list[Record] = []
        driver.recorded.connect(self.records.append)
        driver.welcomed_back.connect(self.welcomed.append)
        self.awareness = Awareness(driver, found, clock.now)
        self.awareness.start()


@pytest.fixture
def idle() -> FakeIdle:
    return FakeIdle()


@pytest.fixture
def fullscreen() -> FakeSource:
    return FakeSource("fullscreen")


@pytest.fixture
def setup(
    qtbot: QtBot, driver: EngineDriver, clock: FakeClock, idle: FakeIdle, fullscreen: FakeSource
) -> Iterator[Setup]:
    found = Probed("linux", idle=idle, busy=[fullscreen])
    setup = Setup(driver, clock, found)
    yield setup
    setup.awareness.stop()


def away_and_back(setup: Setup, idle: FakeIdle, minutes: float) -> None:
    """Away for `minutes`, then back and still typing when the noise window has passed."""
    assert setup.awareness.idle is not None
    idle.idle = 120  # the threshold: the absence counts from now
    setup.awareness.idle.check()
    setup.clock.advance(minutes=minutes)
    idle.idle = 1
    setup.awareness.idle.check()
    setup.clock.advance(seconds=10)
    idle.idle = 0.5
    setup.awareness.idle.check()
    setup.driver.kick()  # the alarm the engine asked for at the end of the noise window


def test_an_idle_absence_as_long_as_a_break_restarts_the_timer_and_says_so(
    setup: Setup, idle: FakeIdle
) -> None:
    left = setup.clock.now()
    away_and_back(setup, idle, minutes=6)
    back = left + timedelta(minutes=6)
    assert [r.event for r in setup.records] == [history.AwayPeriod(left, back, "idle", was_break=True)]
    assert setup.welcomed == [WelcomeBack(6, "idle")]
    assert setup.driver.status.block_since == back


def test_a_short_absence_only_pauses_the_timer_quietly(setup: Setup, idle: FakeIdle) -> None:
    before = setup.driver.status.block_since
    away_and_back(setup, idle, minutes=3)
    assert setup.welcomed == []
    assert setup.driver.status.block_since == before + timedelta(minutes=3)


def test_no_welcome_while_paused(setup: Setup, idle: FakeIdle) -> None:
    setup.driver.send(Pause(setup.clock.now() + timedelta(hours=2)))
    away_and_back(setup, idle, minutes=10)
    assert setup.welcomed == []


def test_a_fullscreen_window_shows_in_what_holds_prompts(setup: Setup, fullscreen: FakeSource) -> None:
    fullscreen.set(True)
    assert "busy:fullscreen" in setup.driver.status.held_by
    fullscreen.set(False)
    assert setup.driver.status.held_by == frozenset()


def test_a_settings_change_reaches_the_watchers_at_once(
    setup: Setup, fullscreen: FakeSource, driver: EngineDriver
) -> None:
    fullscreen.set(True)
    old = driver.settings
    awareness = old.awareness.model_copy(update={"hold_during_fullscreen": False})
    new = old.model_copy(update={"awareness": awareness})
    driver.change_settings(new)
    setup.awareness.settings_changed(old, new)  # what SettingsFlow.settings_changed delivers
    assert "busy:fullscreen" not in driver.status.held_by


def test_ctl_status_also_says_what_deskbreak_sees(setup: Setup) -> None:
    def remote(command: str, _args: dict[str, Any]) -> Any:
        return {"state": "sitting"} if command == "status" else {"paused": True}

    handle = with_awareness(remote, lambda: setup.awareness)
    status = handle("status", {})
    assert status["awareness"]["idle"] == "fake idle; now: present"
    assert status["awareness"]["idle checks"] == "next reading in 60 s"
    assert handle("pause", {}) == {"paused": True}
    assert with_awareness(remote, lambda: None)("status", {}) == {"state": "sitting"}


def test_an_exact_sleep_report_is_not_counted_twice_by_the_clock_gap_check(
    qtbot: QtBot, driver: EngineDriver, clock: FakeClock, session_bus: str, system_bus: str
) -> None:
    logind = FakeLogind(system_bus)
    suspended = [0.0]
    system, user = Bus.open("SYSTEM"), Bus.open("SESSION")
    session = run_blocking(SessionWatcher.find(system, user, {}, lambda: suspended[0]))
    setup = Setup(driver, clock, Probed("linux", session=session, session_bus=session.session_bus,
                                        system_bus=session.system_bus))  # fmt: skip
    try:
        round_trip(system, user)
        logind.prepare_for_sleep(True)
        qtbot.waitUntil(lambda: session._sleep_mark is not None, timeout=3000)
        clock.suspend(minutes=30)  # the clocks see the sleep too: it must not be counted twice
        suspended[0] += 30 * 60
        logind.prepare_for_sleep(False)
        qtbot.waitUntil(lambda: bool(setup.records), timeout=3000)
        driver.kick()
        assert [type(r.event) for r in setup.records] == [history.AwayPeriod]
        assert setup.welcomed == [WelcomeBack(30, "asleep")]
    finally:
        setup.awareness.stop()
        logind.service.stop()


def test_probing_a_bare_machine_explains_every_gap() -> None:
    found = probe({}, "linux")
    try:
        seen = found.describe()
    finally:
        found.close()
    assert seen["idle"].startswith("none works here")
    assert "x11: DISPLAY is not set" in seen["idle not used"]
    assert seen["sleep"].startswith("clock-gap check only")
    assert seen["fullscreen"] == "not visible: DISPLAY is not set"
    assert seen["do-not-disturb"] == "not visible: no session bus"
    assert "session bus: cannot connect" in seen["d-bus"]
