"""Applying settings in the running app: the real login entry, the entry as the truth at start, rotation."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from deskbreak.app.controller import DeskbreakApp
from deskbreak.core.clock import FakeClock
from deskbreak.core.engine import Engine
from deskbreak.core.paths import default_paths
from deskbreak.core.settings import Settings
from deskbreak.core.settings_store import load_settings
from deskbreak.desktop.autostart import ENTRY_ID, XdgAutostart
from deskbreak.timing.driver import EngineDriver
from deskbreak.ui.settings_fields import BoolEditor
from tests.x11.conftest import need

from .conftest import TZ
from .settings_fixtures import FakeAutostart, close_app, file_bytes, make_app, saved_file


@pytest.fixture
def xdg_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg-dirs"))
    return tmp_path / "xdg-config"


@pytest.fixture
def app(
    qtbot: QtBot, qapp: QApplication, driver: EngineDriver, clock: FakeClock, xdg_home: Path
) -> Iterator[DeskbreakApp]:
    app = make_app(qapp, driver, clock, None)  # the platform's own backend: XDG here
    app.start()
    yield app
    close_app(app)


def app_with(
    qapp: QApplication, clock: FakeClock, settings: Settings, autostart: FakeAutostart, state: Path
) -> DeskbreakApp:
    driver = EngineDriver(Engine(settings, TZ, clock.now()), clock, state)
    app = make_app(qapp, driver, clock, autostart)
    app.start()
    return app


def test_the_dialog_writes_a_real_autostart_entry_and_removes_it(app: DeskbreakApp, xdg_home: Path) -> None:
    entry = xdg_home / "autostart" / f"{ENTRY_ID}.desktop"
    assert isinstance(app.settings_flow.autostart, XdgAutostart)
    dialog = app.settings_flow.open_settings("Start at login")
    start_at_login = dialog.rows["startup.start_at_login"].editor
    assert isinstance(start_at_login, BoolEditor)
    start_at_login.check.setChecked(True)
    dialog.apply_button.click()
    assert entry.is_file()
    assert "--autostart" in entry.read_text(encoding="utf-8")
    need("desktop-file-validate")
    subprocess.run(["desktop-file-validate", str(entry)], check=True)
    start_at_login.check.setChecked(False)
    dialog.apply_button.click()
    assert not entry.exists()
    assert saved_file()["startup"]["start_at_login"] is False


def write_settings(text: str) -> bytes:
    path = default_paths().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path.read_bytes()


def test_start_at_login_written_in_the_file_creates_the_missing_entry(
    qtbot: QtBot, qapp: QApplication, clock: FakeClock, tmp_path: Path
) -> None:
    """A hand edit is the user's word: it used to be undone (and the file rewritten) at start."""
    before = write_settings("# mine\n[startup]\nstart_at_login = true\n")
    settings = load_settings(default_paths().settings_file, clock.now()).settings
    autostart = FakeAutostart(enabled=False)
    app = app_with(qapp, clock, settings, autostart, tmp_path / "state.json")
    app.settings_flow.after_start()
    assert autostart.enabled
    assert app.driver.settings.startup.start_at_login is True
    assert file_bytes() == before
    close_app(app)


def test_start_at_login_off_in_the_file_removes_the_entry(
    qtbot: QtBot, qapp: QApplication, clock: FakeClock, tmp_path: Path
) -> None:
    before = write_settings("[startup]\nstart_at_login = false\n")
    autostart = FakeAutostart(enabled=True)
    app = app_with(qapp, clock, Settings(), autostart, tmp_path / "state.json")
    app.settings_flow.after_start()
    assert not autostart.enabled
    assert file_bytes() == before
    close_app(app)


def test_an_entry_that_cannot_be_made_is_explained_and_the_file_kept(
    qtbot: QtBot, qapp: QApplication, clock: FakeClock, tmp_path: Path
) -> None:
    before = write_settings("[startup]\nstart_at_login = true\n")
    settings = Settings.model_validate({"startup": {"start_at_login": True}})
    app = app_with(qapp, clock, settings, FakeAutostart(enabled=False, broken=True), tmp_path / "state.json")
    app.settings_flow.after_start()
    box = app.settings_flow.login_problem
    assert box is not None
    assert box.isVisible()
    assert box.text() == "settings.toml asks to turn on start at login, but deskbreak could not."
    assert box.informativeText() == "a fake login item: Permission denied"
    assert file_bytes() == before
    box.close()
    close_app(app)


def test_an_entry_made_outside_deskbreak_turns_a_default_setting_on_without_writing(
    qtbot: QtBot, qapp: QApplication, clock: FakeClock, tmp_path: Path
) -> None:
    app = app_with(qapp, clock, Settings(), FakeAutostart(enabled=True), tmp_path / "state.json")
    app.settings_flow.after_start()
    assert app.driver.settings.startup.start_at_login is True
    assert not default_paths().settings_file.exists()
    close_app(app)


def test_an_entry_removed_outside_deskbreak_turns_a_setting_not_in_the_file_off(
    qtbot: QtBot, qapp: QApplication, clock: FakeClock, tmp_path: Path
) -> None:
    settings = Settings.model_validate({"startup": {"start_at_login": True}})
    app = app_with(qapp, clock, settings, FakeAutostart(enabled=False), tmp_path / "state.json")
    app.settings_flow.after_start()
    assert app.driver.settings.startup.start_at_login is False
    close_app(app)


def test_when_they_agree_nothing_is_written(
    qtbot: QtBot, qapp: QApplication, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "config" / "settings.toml"  # a settings file also means: no welcome
    path.parent.mkdir(parents=True)
    path.write_text("", encoding="utf-8")
    app = app_with(qapp, clock, Settings(), FakeAutostart(enabled=False), tmp_path / "state.json")
    app.settings_flow.after_start()
    assert file_bytes() == b""
    assert app.settings_flow.welcome is None
    close_app(app)


def test_each_new_prompt_offers_the_next_routine_and_a_snoozed_one_keeps_its_own(
    qtbot: QtBot, qapp: QApplication, driver: EngineDriver, clock: FakeClock
) -> None:
    app = make_app(qapp, driver, clock, FakeAutostart())
    app.start()
    app.load_routines()
    window = app.prompting.window
    labels = []
    for _ in range(2):
        app.presence.menu.break_now_action.trigger()
        labels.append(window.routine_button.text())
        window.snooze_button.click()
        for _ in range(5):
            clock.advance(minutes=1)
            app.driver.kick()
        assert window.isVisible()
        labels.append(window.routine_button.text())  # the same prompt, back after its snooze
        window.done_button.click()
    assert labels[0] == labels[1]
    assert labels[2] == labels[3]
    assert labels[0] != labels[2]
    assert "Stand-up reset" in labels[0]
    assert "Whole-back desk routine" in labels[2]
    close_app(app)
