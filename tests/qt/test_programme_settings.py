"""The Programme page of the settings dialog: sessions edited, applied, saved and read back."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from deskbreak.app.controller import DeskbreakApp
from deskbreak.core.settings import ScheduledSession, Settings
from deskbreak.ui.programme_editor import SessionsEditor

from . import settings_fixtures
from .conftest import ALWAYS, save_shot
from .settings_fixtures import saved_file

app = settings_fixtures.app
autostart = settings_fixtures.autostart


@pytest.fixture
def settings() -> Settings:
    """A new user's settings (the programme on), with working hours all week."""
    return Settings.model_validate({"working_hours": ALWAYS})


def sessions_editor(app: DeskbreakApp) -> SessionsEditor:
    dialog = app.settings_flow.open_settings("Programme")
    editor = dialog.rows["programme.sessions"].editor
    assert isinstance(editor, SessionsEditor)
    return editor


def test_the_default_programme_shows_evening_mobility_daily_and_strength_twice_a_week(
    app: DeskbreakApp,
) -> None:
    editor = sessions_editor(app)
    assert editor.value() == (
        {"pack": "evening-mobility", "days": list(ScheduledSession(pack="x").days), "at": "end_of_work"},
        {"pack": "strength-session", "days": ["tuesday", "friday"], "at": "end_of_work"},
    )
    QApplication.processEvents()
    dialog = app.settings_flow.settings_dialog
    assert dialog is not None
    save_shot(dialog, "settings-page-programme")


def test_moving_strength_to_monday_and_thursday_at_seven_is_saved_and_used(app: DeskbreakApp) -> None:
    editor = sessions_editor(app)
    strength = editor.rows[1]
    for button in strength.days:
        button.setChecked(button.text() in ("Mo", "Th"))
    strength.when.setCurrentIndex(1)
    strength.time.setTime(strength.time.time().fromString("19:00", "HH:mm"))
    dialog = app.settings_flow.settings_dialog
    assert dialog is not None
    dialog.apply_button.click()
    assert app.driver.settings.programme.sessions[1] == ScheduledSession(
        pack="strength-session", days=("monday", "thursday"), at="19:00"
    )
    assert saved_file()["programme"]["sessions"][1] == {
        "pack": "strength-session",
        "days": ["monday", "thursday"],
        "at": "19:00",
    }


def test_a_session_without_days_cannot_be_applied(app: DeskbreakApp) -> None:
    editor = sessions_editor(app)
    for button in editor.rows[0].days:
        button.setChecked(False)
    dialog = app.settings_flow.settings_dialog
    assert dialog is not None
    assert not dialog.apply_button.isEnabled()


def test_sessions_can_be_removed_and_added(app: DeskbreakApp) -> None:
    editor = sessions_editor(app)
    editor.rows[1].remove.click()
    assert [row.value()["pack"] for row in editor.rows] == ["evening-mobility"]
    editor.add_button.click()
    assert len(editor.rows) == 2
    assert editor.rows[1].value()["pack"] != "evening-mobility"  # a pack not scheduled yet
