"""The first-run welcome: shown once, its answers saved like the settings dialog's, reachable from About."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from deskbreak.app.controller import DeskbreakApp
from deskbreak.app.settings_flow import WELCOME_DONE
from deskbreak.core.clock import FakeClock
from deskbreak.core.paths import default_paths
from deskbreak.core.safety import RED_FLAGS
from deskbreak.core.settings import Settings
from deskbreak.core.working_hours import TimeRange
from deskbreak.timing.driver import EngineDriver
from deskbreak.ui.welcome import WelcomeDialog

from . import settings_fixtures
from .conftest import ALWAYS
from .conftest import save_shot as grab
from .settings_fixtures import FakeAutostart, close_app, file_bytes, make_app, saved_file

# The shared fixtures, by the names the tests ask for.
app = settings_fixtures.app
autostart = settings_fixtures.autostart


@pytest.fixture
def settings() -> Settings:
    """A new user's settings (the programme on), with working hours all week."""
    return Settings.model_validate({"working_hours": ALWAYS})


def started(app: DeskbreakApp) -> WelcomeDialog:
    """What `run_app` does once the app runs."""
    app.settings_flow.after_start()
    welcome = app.settings_flow.welcome
    assert welcome is not None
    assert welcome.isVisible()
    return welcome


def save_shot(widget: WelcomeDialog, name: str) -> Path:
    QApplication.processEvents()
    return grab(widget, name)


def test_the_first_start_welcomes_and_the_next_does_not(app: DeskbreakApp) -> None:
    welcome = started(app)
    welcome.skip_button.click()
    assert not welcome.isVisible()
    assert (default_paths().state_dir / WELCOME_DONE).exists()
    assert file_bytes() is None  # skipping keeps everything as it was
    app.settings_flow.after_start()
    assert app.settings_flow.welcome is None


def test_quitting_while_the_welcome_is_open_keeps_it_for_the_next_start(app: DeskbreakApp) -> None:
    welcome = started(app)
    assert welcome.isVisible()
    app.quit()  # the user quits from the tray while on the first page
    assert not (default_paths().state_dir / WELCOME_DONE).exists()
    assert app.settings_flow.is_first_run()


def test_someone_who_already_has_settings_is_not_welcomed(app: DeskbreakApp) -> None:
    path = default_paths().settings_file
    path.parent.mkdir(parents=True)
    path.write_text("[schedule]\nsit_minutes = 45\n", encoding="utf-8")
    app.settings_flow.after_start()
    assert app.settings_flow.welcome is None


def test_the_welcome_explains_and_names_the_red_flags(app: DeskbreakApp) -> None:
    welcome = started(app)
    text = welcome.safety_label.text()
    for flag in RED_FLAGS:
        assert flag.text in text
    save_shot(welcome, "welcome-1-how-it-works")


def test_the_answers_are_saved_and_reach_the_engine(app: DeskbreakApp, autostart: FakeAutostart) -> None:
    welcome = started(app)
    welcome.next_button.click()
    assert welcome.pages.currentIndex() == 1
    assert welcome.sit_group.checkedId() == 50
    welcome.sit_group.button(45).click()
    welcome.standing_desk.setChecked(True)
    for day in ("friday", "saturday", "sunday"):
        welcome.day_checks[day].setChecked(False)
    welcome.start_time.setTime(QTime(8, 0))
    welcome.end_time.setTime(QTime(16, 30))
    welcome.start_at_login.setChecked(True)
    save_shot(welcome, "welcome-2-your-day")
    welcome.start_button.click()
    assert not welcome.isVisible()
    assert (default_paths().state_dir / WELCOME_DONE).exists()
    saved = saved_file()
    assert saved["schedule"]["sit_minutes"] == 45
    assert saved["schedule"]["standing_desk"] is True
    assert saved["working_hours"] == {
        day: ["08:00-16:30"] for day in ("monday", "tuesday", "wednesday", "thursday")
    }
    assert saved["startup"]["start_at_login"] is True
    assert autostart.enabled
    assert app.driver.settings.schedule.sit_minutes == 45
    assert app.driver.settings.programme.enabled  # on for new users, unless they say otherwise


def test_the_programme_can_be_turned_off_with_one_switch_on_the_welcome(app: DeskbreakApp) -> None:
    welcome = started(app)
    welcome.next_button.click()
    assert welcome.programme.isChecked()
    welcome.programme.setChecked(False)
    welcome.start_button.click()
    assert app.driver.settings.programme.enabled is False
    assert saved_file()["programme"]["enabled"] is False


def test_a_day_that_ends_before_it_starts_cannot_be_saved(app: DeskbreakApp) -> None:
    welcome = started(app)
    welcome.next_button.click()
    welcome.start_time.setTime(QTime(18, 0))
    welcome.end_time.setTime(QTime(9, 0))
    assert not welcome.start_button.isEnabled()
    assert welcome.error.label.text() == "The working day must end after it starts."
    save_shot(welcome, "welcome-2-invalid")
    for check in welcome.day_checks.values():
        check.setChecked(False)
    welcome.end_time.setTime(QTime(19, 0))
    assert welcome.error.label.text() == "Choose at least one working day."
    assert file_bytes() is None


def test_working_hours_set_per_day_stay_unless_changed_here(
    qtbot: QtBot, qapp: QApplication, clock: FakeClock, autostart: FakeAutostart, tmp_path: Path
) -> None:
    from deskbreak.core.engine import Engine

    from .conftest import TZ

    days = {"monday": ["08:00-12:00", "13:00-17:00"], "saturday": ["10:00-12:00"]}
    settings = Settings.model_validate({"working_hours": days})
    driver = EngineDriver(Engine(settings, TZ, clock.now()), clock, tmp_path / "state.json")
    app = make_app(qapp, driver, clock, autostart)
    app.start()
    welcome = app.settings_flow.open_welcome()
    welcome.next_button.click()
    assert welcome.hours_note.isVisibleTo(welcome)
    welcome.sit_group.button(60).click()
    welcome.start_button.click()
    assert app.driver.settings.working_hours["monday"] == (TimeRange(480, 720), TimeRange(780, 1020))
    assert app.driver.settings.schedule.sit_minutes == 60
    close_app(app)


def test_the_welcome_can_be_shown_again_from_about(app: DeskbreakApp) -> None:
    done = default_paths().state_dir / WELCOME_DONE
    done.parent.mkdir(parents=True, exist_ok=True)
    done.touch()
    app.presence.menu.about_action.trigger()
    about = app.presence.about_box
    assert isinstance(about, QMessageBox)
    assert about.isVisible()
    assert all(flag.text in about.text() for flag in RED_FLAGS)
    QApplication.processEvents()
    grab(about, "about")
    again = next(b for b in about.buttons() if b.text() == "Show the welcome again")
    again.click()
    assert app.settings_flow.welcome is not None
    assert app.settings_flow.welcome.isVisible()


def test_more_in_settings_opens_the_settings_dialog(app: DeskbreakApp) -> None:
    welcome = started(app)
    welcome.next_button.click()
    more = next(
        b for b in welcome.findChildren(type(welcome.start_button)) if b.text() == "More in Settings…"
    )
    more.click()
    dialog = app.settings_flow.settings_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert welcome.isVisible()  # the welcome waits for its answers
