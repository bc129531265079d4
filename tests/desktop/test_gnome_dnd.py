"""GNOME's do-not-disturb through the real gsettings and dconf, on a private session bus.

dconf-service is started by the bus on first use (D-Bus activation) and writes under the test's
XDG_CONFIG_HOME, so the developer's own GNOME settings are never read or changed.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.desktop.busy import BusySourceError
from deskbreak.desktop.dbus import Bus
from deskbreak.desktop.dnd import GnomeDnd, notification_server
from deskbreak.desktop.steps import run_blocking
from tests.x11.conftest import need

from .fakebus import FakeService, private_bus, round_trip

NOTIFICATIONS = "org.freedesktop.Notifications"
DCONF_SERVICE = Path("/usr/libexec/dconf-service")


@pytest.fixture
def gnome_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    need("gsettings", "dbus-daemon")
    if not DCONF_SERVICE.exists():
        message = "needs dconf-service (installed by .ci/run)"
        pytest.fail(f"CI must provide this: {message}") if os.environ.get("CI") else pytest.skip(message)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("GSETTINGS_BACKEND", raising=False)
    with private_bus(tmp_path / "bus", activation=True) as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address


def shell_notifications(address: str, name: str) -> FakeService:
    fake = FakeService(address, NOTIFICATIONS)
    fake.method(NOTIFICATIONS, "GetServerInformation", lambda _m: ("ssss", (name, "GNOME", "46.0", "1.2")))
    return fake


def gsettings_set(value: str) -> None:
    command = ["gsettings", "set", "org.gnome.desktop.notifications", "show-banners", value]
    subprocess.run(command, check=True, timeout=10)


def test_gnome_do_not_disturb_is_read_and_followed_without_polling(qtbot: QtBot, gnome_bus: str) -> None:
    shell = shell_notifications(gnome_bus, "gnome-shell")
    bus = Bus.open("SESSION")
    try:
        source = run_blocking(GnomeDnd.open(bus, run_blocking(notification_server(bus))))
        assert not source.is_busy()
        changes: list[bool] = []
        source.start(lambda: changes.append(source.is_busy()))
        round_trip(bus)
        gsettings_set("false")  # the do-not-disturb switch in GNOME's top bar
        qtbot.waitUntil(lambda: changes == [True], timeout=5000)
        gsettings_set("true")
        qtbot.waitUntil(lambda: changes == [True, False], timeout=5000)
    finally:
        bus.close()
        shell.stop()


def test_the_gnome_key_is_ignored_when_gnome_shell_does_not_show_notifications(gnome_bus: str) -> None:
    server = shell_notifications(gnome_bus, "dunst")
    bus = Bus.open("SESSION")
    try:
        with pytest.raises(BusySourceError, match="the notification server is dunst, not GNOME Shell"):
            run_blocking(GnomeDnd.open(bus, run_blocking(notification_server(bus))))
    finally:
        bus.close()
        server.stop()
