"""The programme in the running app: the "Today" menu, the history, the check-in, the set-up checklist,
the strength log and the Progress window (offscreen, on a fake clock)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from deskbreak.app.controller import DeskbreakApp
from deskbreak.app.routines import LoadedRoutines
from deskbreak.core.clock import FakeClock
from deskbreak.core.engine import Engine
from deskbreak.core.events import RoutineEnded, StartRoutine
from deskbreak.core.history.events import (
    AppStarted,
    AppStopped,
    CheckIn,
    ChecklistTicked,
    HistoryEvent,
    StrengthSet,
)
from deskbreak.core.history.store import open_history_for_reading
from deskbreak.core.paths import default_paths
from deskbreak.core.programme.progress import ProgrammeProgress
from deskbreak.core.routines.library import Library, load_library
from deskbreak.core.settings import Settings
from deskbreak.core.state import Block, EngineState
from deskbreak.timing.driver import EngineDriver
from deskbreak.ui.checkin import CheckInWindow
from deskbreak.ui.checklist_window import ChecklistWindow
from deskbreak.ui.progress import ProgressWindow
from deskbreak.ui.strength_log import StrengthLogWindow

from .conftest import ALWAYS, TZ, save_shot


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(None)


@pytest.fixture
def settings() -> Settings:
    """The programme on (the default), with working hours all week."""
    return Settings.model_validate({"working_hours": ALWAYS})


@pytest.fixture
def driver(qapp: QApplication, settings: Settings, clock: FakeClock, tmp_path: Path) -> EngineDriver:
    """The programme began yesterday, so today's evening session is listed whatever the hour the
    test runs at (the clock starts at the real time)."""
    began = EngineState(
        block=Block("sitting", clock.now()),
        programme=ProgrammeProgress(since=clock.now() - timedelta(days=1)),
    )
    engine = Engine(settings, TZ, clock.now(), began)
    return EngineDriver(engine, clock, tmp_path / "state" / "engine-state.json")


@pytest.fixture
def app(
    qtbot: QtBot, qapp: QApplication, driver: EngineDriver, clock: FakeClock, library: Library
) -> Iterator[DeskbreakApp]:
    app = DeskbreakApp(qapp, driver, clock, TZ, default_paths(), LoadedRoutines(None, lambda _dir: library))
    app.start()
    app.load_routines()
    app.history.open(driver.status.posture)
    yield app
    app.quit()


def stored() -> list[HistoryEvent]:
    store = open_history_for_reading(default_paths().history_file)
    assert store is not None
    with store:
        return [entry.event for entry in store.entries()]


def test_the_history_marks_the_start_and_the_stop(app: DeskbreakApp) -> None:
    app.quit()
    events = stored()
    assert isinstance(events[0], AppStarted)
    assert isinstance(events[-1], AppStopped)


def test_the_today_menu_lists_the_sessions_and_the_habits_to_tick(app: DeskbreakApp) -> None:
    today = app.presence.menu.today_menu
    app.presence.menu.menu.aboutToShow.emit()
    texts = [action.text() for action in today.actions() if action.text()]
    assert texts[0].startswith("Evening mobility · ")
    assert "Walk about 8,000 steps" in texts
    assert "How stiff is your back today?…" in texts
    walk = next(action for action in today.actions() if action.text() == "Walk about 8,000 steps")
    assert walk.isCheckable()
    walk.trigger()
    assert "walk-8000-steps" in app.driver.status.ticked
    assert any(
        isinstance(event, ChecklistTicked) and event.item_id == "walk-8000-steps" and event.ticked
        for event in stored()
    )
    app.presence.menu.menu.aboutToShow.emit()
    walk = next(action for action in today.actions() if action.text() == "Walk about 8,000 steps")
    assert walk.isChecked()  # the menu shows what is ticked today
    today.adjustSize()
    save_shot(today, "today-menu")


def test_the_check_in_from_the_menu_is_kept_as_a_number(app: DeskbreakApp) -> None:
    app.presence.menu.check_in_requested.emit()
    window = app.programme.windows["check-in"]
    assert isinstance(window, CheckInWindow)
    window.buttons[3].click()
    (check_in,) = [event for event in stored() if isinstance(event, CheckIn)]
    assert check_in.stiffness == 3


def test_the_chair_setup_is_offered_once_after_the_welcome_and_its_answers_are_kept(
    app: DeskbreakApp,
) -> None:
    app.settings_flow.after_start()  # a first run: the welcome
    welcome = app.settings_flow.welcome
    assert welcome is not None
    welcome.skip_button.click()
    window = app.programme.windows.get("chair-setup")
    assert isinstance(window, ChecklistWindow)
    QApplication.processEvents()
    save_shot(window, "chair-setup")
    first = next(iter(window.boxes))
    window.boxes[first].setChecked(True)
    window.buttons.accepted.emit()
    assert any(isinstance(e, ChecklistTicked) and e.item_id == first and e.ticked for e in stored())
    app.settings_flow.open_welcome().skip_button.click()  # the welcome again, from About: no second offer
    assert not app.programme.windows["chair-setup"].isVisible()
    app.presence.menu.chair_setup_requested.emit()  # from the menu, with the answer kept
    again = app.programme.windows["chair-setup"]
    assert isinstance(again, ChecklistWindow)
    assert again.boxes[first].isChecked()


def test_a_finished_strength_session_asks_for_its_sets_and_keeps_them(
    app: DeskbreakApp, clock: FakeClock
) -> None:
    app.driver.send(StartRoutine("strength-session"))
    clock.advance(minutes=18)
    app.session.close()  # the player reports what was done
    app.driver.send(RoutineEnded("strength-session", True, 10, 10, 1060))
    window = app.programme.windows.get("strength-log")
    assert isinstance(window, StrengthLogWindow)
    QApplication.processEvents()
    save_shot(window, "strength-log")
    window.save_button.click()
    sets = [event for event in stored() if isinstance(event, StrengthSet)]
    assert sets
    assert {s.pack_id for s in sets} == {"strength-session"}
    app.driver.send(StartRoutine("strength-session"))  # next time, the player shows those numbers
    player = app.session.player
    assert player is not None
    assert player.options.last_time[sets[0].exercise_id].startswith("Last time (")


def test_progress_opens_from_the_menu_with_the_history(app: DeskbreakApp) -> None:
    app.presence.menu.progress_action.trigger()
    window = app.history.progress
    assert isinstance(window, ProgressWindow)
    assert window.isVisible()
