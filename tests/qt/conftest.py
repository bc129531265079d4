"""Qt fixtures: an engine on a fake clock that starts at the real time, and screenshot output."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject, Signal

from deskbreak.core.clock import FakeClock
from deskbreak.core.engine import Engine
from deskbreak.core.settings import Settings
from deskbreak.desktop.notify import Notification
from deskbreak.timing.driver import EngineDriver

TZ = ZoneInfo("Europe/Berlin")
ALWAYS = dict.fromkeys(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), ("00:00-24:00",)
)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


@pytest.fixture(autouse=True)
def no_session_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit tests never talk to the developer's real desktop; D-Bus tests start their own bus."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/deskbreak-test-bus")


@pytest.fixture
def settings() -> Settings:
    """Working hours all week and no programme sessions, so tests do not depend on when they run
    (the clock starts at the real time; a session due at 18:00 would otherwise take a prompt's place
    in a test run late in the day). The programme's own tests turn it on."""
    return Settings.model_validate({"working_hours": ALWAYS, "programme": {"enabled": False}})


@pytest.fixture
def clock() -> FakeClock:
    # Real "now", so alarms armed by APScheduler lie in the future, never in the past.
    return FakeClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def driver(qapp: object, settings: Settings, clock: FakeClock, tmp_path: Path) -> EngineDriver:
    """The driver's timers need the Qt application to exist first."""
    engine = Engine(settings, TZ, clock.now())
    return EngineDriver(engine, clock, tmp_path / "state" / "engine-state.json")


def save_shot(widget: object, name: str) -> Path:
    """Grab a widget offscreen into test-output/screenshots/ so a person can look at it."""
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class FakeNotifier(QObject):
    """Records what would be shown; a test presses its buttons by emitting `action_invoked`."""

    action_invoked = Signal(str)
    description = "a test's notifier"
    has_actions = True

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[Notification] = []
        self.closed = 0

    def show(self, notification: Notification) -> None:
        self.shown.append(notification)

    def close(self) -> None:
        self.closed += 1
