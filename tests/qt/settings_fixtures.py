"""Fixtures for the settings dialog and welcome tests: the app offscreen with a fake login item.

A test module names the fixtures it uses: `app = settings_fixtures.app`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from deskbreak.app.controller import DeskbreakApp
from deskbreak.app.routines import LoadedRoutines
from deskbreak.core.clock import FakeClock
from deskbreak.core.paths import default_paths
from deskbreak.core.settings_store import Loc
from deskbreak.timing.driver import EngineDriver

from .conftest import TZ


@dataclass
class FakeAutostart:
    """A login item in memory; `broken` makes writing it fail as a read-only folder would."""

    enabled: bool = False
    command: list[str] = field(default_factory=list)
    broken: bool = False

    def is_enabled(self) -> bool:
        return self.enabled

    def enable(self, command: Sequence[str]) -> None:
        if self.broken:
            raise PermissionError(13, "Permission denied")
        self.enabled, self.command = True, list(command)

    def disable(self) -> None:
        self.enabled = False

    def describe(self) -> str:
        return "a fake login item"


@pytest.fixture
def autostart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeAutostart:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))  # nothing real is touched anyway
    return FakeAutostart()


@pytest.fixture
def app(
    qtbot: QtBot, qapp: QApplication, driver: EngineDriver, clock: FakeClock, autostart: FakeAutostart
) -> Iterator[DeskbreakApp]:
    """The app started offscreen with a fake login item, closed again after the test."""
    app = make_app(qapp, driver, clock, autostart)
    app.start()
    yield app
    close_app(app)


def make_app(
    qapp: QApplication,
    driver: EngineDriver,
    clock: FakeClock,
    autostart: FakeAutostart | None,
    unknown: dict[Loc, Any] | None = None,
) -> DeskbreakApp:
    """The app with a fake login item (None: the platform's own, XDG here)."""
    # The library is read again whenever Settings opens, so user packs written by a test show up.
    routines = LoadedRoutines(default_paths().user_routines_dir)
    return DeskbreakApp(qapp, driver, clock, TZ, default_paths(), routines, unknown, autostart)


def close_app(app: DeskbreakApp) -> None:
    app.driver.stop()
    app.settings_flow.close()
    app.prompting.close()
    app.session.close()
    app.presence.close()


def saved_file() -> dict[str, Any]:
    return tomllib.loads(default_paths().settings_file.read_text(encoding="utf-8"))


def file_bytes() -> bytes | None:
    path = default_paths().settings_file
    return path.read_bytes() if path.exists() else None
