"""Desktop notifications through a fake notification server on a private session bus."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.desktop.notify import BUS_NAME, FdoNotifier
from tests.x11.conftest import need

from .fakebus import FakeService


@pytest.fixture
def doomed_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int]]:
    """A session bus the test can take away, as a logout does: (address, daemon pid)."""
    need("dbus-daemon")
    started = subprocess.run(
        ["dbus-daemon", "--session", "--print-address=1", "--print-pid=1", "--fork"],
        capture_output=True, text=True, check=True, timeout=10,
    )  # fmt: skip
    address, pid = started.stdout.split()[:2]
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address, int(pid)
    subprocess.run(["kill", pid], check=False)


def test_after_the_session_bus_goes_away_the_status_no_longer_names_the_server(
    qtbot: QtBot, doomed_bus: tuple[str, int]
) -> None:
    address, pid = doomed_bus
    server = FakeService(address, BUS_NAME)
    server.method(BUS_NAME, "GetServerInformation", lambda _m: ("ssss", ("dunst", "dunst", "1.9", "1.2")))
    server.method(BUS_NAME, "GetCapabilities", lambda _m: ("as", (["actions", "body"],)))
    notifier = FdoNotifier.open()
    assert notifier is not None
    assert notifier.description == "freedesktop notifications (dunst 1.9, with buttons)"
    subprocess.run(["kill", f"-{signal.SIGTERM.value}", str(pid)], check=True)
    qtbot.waitUntil(lambda: "went away" in notifier.description, timeout=10000)
    assert "dunst" not in notifier.description
    server.stop()
