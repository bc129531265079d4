"""The running app, offscreen: status window without a tray, prompts, pause, and remote control."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from deskbreak.app.controller import DeskbreakApp
from deskbreak.app.routines import RoutineOffer
from deskbreak.core.clock import FakeClock
from deskbreak.core.paths import default_paths
from deskbreak.core.routines.library import Library, load_library
from deskbreak.desktop.ipc import IpcError
from deskbreak.timing.driver import EngineDriver

from .conftest import TZ, save_shot


@pytest.fixture(scope="module")
def bundled_library() -> Library:
    return load_library(None)


def phase(app: DeskbreakApp) -> str:
    return app.driver.status.phase


@pytest.fixture
def app(
    qtbot: QtBot, qapp: QApplication, driver: EngineDriver, clock: FakeClock, bundled_library: Library
) -> Iterator[DeskbreakApp]:
    app = DeskbreakApp(qapp, driver, clock, TZ, default_paths(), lambda: RoutineOffer(bundled_library))
    app.start()
    yield app
    app.driver.stop()
    app.prompt.close()
    if app.player is not None:
        app.player.close()
    if app.status_window is not None:
        app.status_window.deleteLater()


def test_without_a_tray_the_status_window_shows_and_explains_why_once(
    app: DeskbreakApp, qtbot: QtBot
) -> None:
    assert not app.has_tray  # offscreen has no system tray
    window = app.status_window
    assert window is not None
    assert window.isVisible()
    assert window.explanation.isVisible()
    assert window.status_label.text().startswith("Sitting 0 min · stand up at ")
    save_shot(window, "status-window-first-start")
    window._dismiss_explanation()
    assert (default_paths().state_dir / "no-tray-explained").exists()


def test_take_a_break_now_shows_the_prompt_and_its_buttons_work(app: DeskbreakApp, qtbot: QtBot) -> None:
    app.menu.break_now_action.trigger()
    assert app.prompt.isVisible()
    assert phase(app) == "prompting"
    app.prompt.snooze_button.click()
    assert not app.prompt.isVisible()
    assert phase(app) == "snoozed"


def test_pause_from_the_menu_and_resume(app: DeskbreakApp, clock: FakeClock) -> None:
    app.menu.actions_by_text()["1 hour"].trigger()
    assert phase(app) == "paused"
    assert app.driver.status.paused_until == clock.now() + timedelta(hours=1)
    assert app.menu.resume_action.isEnabled()
    app.menu.resume_action.trigger()
    assert phase(app) == "sitting"


def test_remote_status_has_the_documented_fields(app: DeskbreakApp, clock: FakeClock) -> None:
    result = app.remote("status", {})
    assert {"state", "next_prompt_at", "sitting_since", "paused_until"} <= result.keys()
    assert result["state"] == "sitting"
    assert result["next_prompt_at"] == (clock.now() + timedelta(minutes=50)).astimezone(TZ).isoformat()


def test_remote_commands_change_the_state(app: DeskbreakApp, clock: FakeClock) -> None:
    app.remote("pause", {"until": (clock.now() + timedelta(minutes=30)).isoformat()})
    assert app.driver.status.phase == "paused"
    app.remote("resume", {})
    app.remote("break-now", {})
    assert app.prompt.isVisible()
    with pytest.raises(IpcError, match="not paused"):
        app.remote("resume", {})
    with pytest.raises(IpcError, match="unknown command"):
        app.remote("dance", {})


def test_snoozes_run_out_and_ctl_says_so(app: DeskbreakApp, clock: FakeClock) -> None:
    app.remote("break-now", {})
    for _ in range(app.driver.settings.schedule.max_snoozes):
        app.remote("snooze", {})
        for _ in range(5):  # minute by minute, as the heartbeat sees it (a jump would look like sleep)
            clock.advance(minutes=1)
            app.driver._on_heartbeat()
        assert app.prompt.isVisible()
    with pytest.raises(IpcError, match="no snoozes left"):
        app.remote("snooze", {})


def test_a_notification_button_acts_on_the_prompt(app: DeskbreakApp) -> None:
    app.menu.break_now_action.trigger()
    app._notification_action("done")
    assert app.driver.status.phase == "sitting"
    assert not app.prompt.isVisible()


def test_the_explanation_is_not_repeated_on_the_next_start(
    qtbot: QtBot, qapp: QApplication, driver: EngineDriver, clock: FakeClock, bundled_library: Library
) -> None:
    paths = default_paths()
    paths.state_dir.mkdir(parents=True, exist_ok=True)
    (paths.state_dir / "no-tray-explained").touch()
    app = DeskbreakApp(qapp, driver, clock, TZ, paths, lambda: RoutineOffer(bundled_library))
    app.start()
    assert app.status_window is not None
    assert not app.status_window.explanation.isVisible()
    app.driver.stop()
    app.status_window.deleteLater()


def test_a_quiet_prompt_is_a_notification_only(app: DeskbreakApp, clock: FakeClock) -> None:
    from deskbreak.core.events import BusyChanged

    shown: list[str] = []
    app.notifier.show = lambda notification: shown.append(notification.title)  # type: ignore[method-assign]
    app._notifier_ready = True
    app.send(BusyChanged("fullscreen", is_busy=True))
    for _ in range(61):  # due at 50 min, held, then quiet after 10 more
        clock.advance(minutes=1)
        app.driver._on_heartbeat()
    assert not app.prompt.isVisible()
    assert len(shown) == 1


def test_the_prompts_routine_opens_the_player_and_its_end_restarts_the_block(
    app: DeskbreakApp, clock: FakeClock
) -> None:
    app.menu.break_now_action.trigger()
    app.prompt.routine_button.click()
    player = app.player
    assert player is not None
    assert player.isVisible()
    assert phase(app) == "in_routine"
    if player.pages.currentWidget() is player.cautions_page:
        player.start_button.click()
    clock.advance(seconds=20)  # twenty seconds of marching on the spot
    player.close()
    assert app.player is None
    assert phase(app) == "sitting"
    assert app.driver.status.block_since == clock.now()


def test_an_error_in_a_slot_is_logged_and_told_once(caplog: pytest.LogCaptureFixture) -> None:
    from deskbreak.app import ErrorReporter

    told: list[str] = []
    reporter = ErrorReporter(told.append)
    for _ in range(2):
        try:
            raise ValueError("boom")
        except ValueError as error:
            reporter(type(error), error, error.__traceback__)
    assert len(told) == 1
    assert "ValueError: boom" in told[0]
    assert [r.levelname for r in caplog.records].count("ERROR") == 2


def test_settings_and_pack_problems_are_both_shown(app: DeskbreakApp) -> None:
    app.show_problems("Some settings could not be used.", ["settings.toml:2: schedule.sit_minutes: ..."])
    app.show_problems("Some routine packs could not be loaded.", ["packs/mine.yaml:1:1: ..."])
    assert [box.isVisible() for box in app._problem_boxes] == [True, True]
    for box in list(app._problem_boxes):
        box.close()
    assert app._problem_boxes == []
