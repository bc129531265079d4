"""Desktop adapter tests: fakes for every backend, private D-Bus daemons, and a driver on a fake clock.

Nothing here talks to the developer's real desktop: both bus addresses point nowhere unless a
test starts its own bus.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deskbreak.core.clock import FakeClock
from deskbreak.core.engine import Engine
from deskbreak.core.settings import Settings
from deskbreak.desktop.dbus import Bus
from deskbreak.timing.driver import EngineDriver
from tests.qt.conftest import TZ, clock, settings
from tests.x11.conftest import need

from .fakebus import private_bus

__all__ = ["clock", "settings"]  # shared with the Qt tests: working hours all week, a fake clock


@pytest.fixture(autouse=True)
def no_real_buses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/deskbreak-test-session-bus")
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/deskbreak-test-system-bus")


def _private(variable: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    need("dbus-daemon")
    with private_bus(folder) as address:
        monkeypatch.setenv(variable, address)
        yield address


@pytest.fixture
def session_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    yield from _private("DBUS_SESSION_BUS_ADDRESS", tmp_path / "session-bus", monkeypatch)


@pytest.fixture
def system_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A second private bus standing in for the system bus (where logind lives)."""
    yield from _private("DBUS_SYSTEM_BUS_ADDRESS", tmp_path / "system-bus", monkeypatch)


@pytest.fixture
def bus(session_bus: str) -> Iterator[Bus]:
    """deskbreak's own connection to the private session bus."""
    connection = Bus.open("SESSION")
    yield connection
    connection.close()


@pytest.fixture
def driver(settings: Settings, clock: FakeClock, tmp_path: Path) -> Iterator[EngineDriver]:
    driver = EngineDriver(Engine(settings, TZ, clock.now()), clock, tmp_path / "state" / "engine-state.json")
    driver.start()
    yield driver
    driver.stop()
