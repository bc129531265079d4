"""The daily check-in, when the user turned it on, is offered once a day at a calm moment: in a
notification with buttons where the desktop has them, as the window itself where it has not."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from deskbreak.app.controller import DeskbreakApp
from deskbreak.app.programme import CHECK_IN_FROM, CHECK_IN_OFFER, ProgrammeToday
from deskbreak.app.routines import LoadedRoutines
from deskbreak.core.clock import FakeClock
from deskbreak.core.events import BreakNow, Done
from deskbreak.core.history.events import CheckIn
from deskbreak.core.paths import default_paths
from deskbreak.core.routines.library import Library, load_library
from deskbreak.core.settings import Settings
from deskbreak.desktop.notify import FdoNotifier, Notifier
from deskbreak.timing.driver import EngineDriver

from .conftest import ALWAYS, TZ, FakeNotifier


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(None)


@pytest.fixture
def settings() -> Settings:
    return Settings.model_validate(
        {"working_hours": ALWAYS, "programme": {"enabled": False, "daily_check_in": True}}
    )


@pytest.fixture
def clock() -> FakeClock:
    """Tomorrow at 09:30 (in the future, so the app's alarms are never in the past)."""
    tomorrow = datetime.now(TZ).date() + timedelta(days=1)
    return FakeClock(datetime.combine(tomorrow, time(9, 30), TZ))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> list[FakeNotifier]:
    """A notification server with buttons; the list holds the notifiers the programme was given
    (the prompts look for their own, and are told there is none)."""
    found: list[FakeNotifier] = []

    def find(parent: QObject, done: Callable[[Notifier | None], None]) -> None:
        if not isinstance(parent, ProgrammeToday):
            done(None)
            return
        found.append(FakeNotifier())
        done(found[-1])

    monkeypatch.setattr(FdoNotifier, "find", find)
    return found


@pytest.fixture
def app(
    qapp: QApplication, driver: EngineDriver, clock: FakeClock, library: Library
) -> Iterator[DeskbreakApp]:
    app = DeskbreakApp(qapp, driver, clock, TZ, default_paths(), LoadedRoutines(None, lambda _dir: library))
    app.start()
    app.load_routines()
    app.history.open(driver.status.posture)
    yield app
    app.quit()


def prompt_and_answer(app: DeskbreakApp) -> None:
    """A prompt comes (not a calm moment) and is answered (back to sitting: a calm one)."""
    app.driver.send(BreakNow())
    prompt = app.driver.status.prompt
    assert prompt is not None
    app.driver.send(Done(prompt.prompt_id))
    assert app.driver.status.phase == "sitting"


def at(clock: FakeClock, hour: int, minute: int = 0, days_later: int = 0) -> None:
    local = clock.now().astimezone(TZ)
    when = datetime.combine(local.date() + timedelta(days=days_later), time(hour, minute), TZ)
    clock.advance(when - clock.now())


def test_it_is_offered_in_a_notification_from_mid_morning_and_never_over_a_prompt(
    app: DeskbreakApp, clock: FakeClock, server: list[FakeNotifier]
) -> None:
    prompt_and_answer(app)
    assert server == []  # 09:30: too early
    at(clock, CHECK_IN_FROM.hour, 5)
    app.driver.send(BreakNow())
    assert server == []  # a prompt is on screen
    prompt = app.driver.status.prompt
    assert prompt is not None
    app.driver.send(Done(prompt.prompt_id))
    (notifier,) = server
    assert notifier.shown == [CHECK_IN_OFFER]
    assert [label for _key, label in CHECK_IN_OFFER.actions] == ["Answer…", "Not today"]
    assert "check-in" not in app.programme.windows
    notifier.action_invoked.emit("answer")
    window = app.programme.windows["check-in"]
    assert window.isVisible()


def test_not_today_means_not_again_today_but_tomorrow(
    app: DeskbreakApp, clock: FakeClock, server: list[FakeNotifier]
) -> None:
    at(clock, 11)
    prompt_and_answer(app)
    (notifier,) = server
    notifier.action_invoked.emit("later")
    assert "check-in" not in app.programme.windows
    at(clock, 15)
    prompt_and_answer(app)
    assert notifier.shown == [CHECK_IN_OFFER]
    at(clock, 11, days_later=1)
    prompt_and_answer(app)
    assert notifier.shown == [CHECK_IN_OFFER, CHECK_IN_OFFER]
    assert len(server) == 1  # the same connection serves every day


def test_a_day_already_answered_is_not_asked_again(
    app: DeskbreakApp, clock: FakeClock, server: list[FakeNotifier]
) -> None:
    at(clock, 11)
    app.history.append(CheckIn(stiffness=2, day=clock.now().astimezone(TZ).date()))
    clock.advance(minutes=1)
    prompt_and_answer(app)
    assert server == []


def test_without_notification_buttons_the_window_asks_itself(
    app: DeskbreakApp, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_server(_parent: QObject, done: Callable[[Notifier | None], None]) -> None:
        done(None)

    monkeypatch.setattr(FdoNotifier, "find", no_server)
    at(clock, 11)
    prompt_and_answer(app)
    assert app.programme.windows["check-in"].isVisible()


def test_off_means_never_asked(
    app: DeskbreakApp, clock: FakeClock, server: list[FakeNotifier], settings: Settings
) -> None:
    app.settings_flow.apply(
        settings.model_copy(
            update={"programme": settings.programme.model_copy(update={"daily_check_in": False})}
        )
    )
    at(clock, 11)
    prompt_and_answer(app)
    assert server == []
    assert "check-in" not in app.programme.windows
