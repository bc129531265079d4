"""The desktop's do-not-disturb switch, from the notification server that implements it.

- KDE Plasma (and servers following its proposal): the `Inhibited` property of
  `org.freedesktop.Notifications`, announced with PropertiesChanged.
- dunst: the `paused` property of `org.dunstproject.cmd0` (`dunstctl set-paused true`).
- GNOME: the `show-banners` key of `org.gnome.desktop.notifications` is false while do-not-disturb
  is on. It is read with `gsettings get` (a QProcess from the Qt loop, so the app never waits for
  it), and re-read only when dconf announces a change under that folder
  (`ca.desrt.dconf.Writer.Notify` on the session bus), so nothing polls. It is used
  only when GNOME Shell is the notification server: elsewhere nothing would switch the key.

Each source is probed once: a property that cannot be read means the server does not have it.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QProcess, QTimer

from deskbreak.desktop.busy import BusyReason, BusySourceError
from deskbreak.desktop.dbus import CALL_TIMEOUT_SECONDS, Bus, DBusError
from deskbreak.desktop.notify import BUS_NAME, OBJECT_PATH
from deskbreak.desktop.qt_release import release_later
from deskbreak.desktop.steps import Step, StepError, run_soon

log = logging.getLogger(__name__)

NOTIFICATIONS, NOTIFICATIONS_PATH = BUS_NAME, OBJECT_PATH
PROPERTIES = "org.freedesktop.DBus.Properties"


@dataclass(frozen=True)
class DndProperty:
    """A boolean D-Bus property that is true while notifications are held back."""

    label: str
    interface: str
    name: str


FDO_INHIBITED = DndProperty("freedesktop notifications Inhibited", NOTIFICATIONS, "Inhibited")
DUNST_PAUSED = DndProperty("dunst paused", "org.dunstproject.cmd0", "paused")


class PropertyDnd:
    reason: BusyReason = "dnd"
    needs_polling = False

    def __init__(self, bus: Bus, spec: DndProperty, value: bool) -> None:
        self._bus = bus
        self._spec = spec
        self._value = value
        self._changed: Callable[[], None] | None = None
        self.description = f"{spec.label} (D-Bus)"

    @classmethod
    async def open(cls, bus: Bus, spec: DndProperty) -> PropertyDnd:
        try:
            value = await bus.get_property(NOTIFICATIONS, NOTIFICATIONS_PATH, spec.interface, spec.name)
        except DBusError as exc:
            raise BusySourceError(f"{spec.label}: {exc}") from None
        return cls(bus, spec, bool(value))

    def is_busy(self) -> bool:
        return self._value

    def start(self, changed: Callable[[], None]) -> None:
        self._changed = changed
        self._bus.subscribe(
            sender=NOTIFICATIONS, path=NOTIFICATIONS_PATH, interface=PROPERTIES, member="PropertiesChanged",
            arg0=self._spec.interface, handler=self._properties_changed,
        )  # fmt: skip

    def close(self) -> None:
        """The bus belongs to the caller."""

    def _properties_changed(self, body: tuple[Any, ...]) -> None:
        interface, changed, invalidated = body
        if interface != self._spec.interface:
            return
        if self._spec.name in changed:
            self._set(bool(changed[self._spec.name][1]))
        elif self._spec.name in invalidated:
            run_soon(self._read(), self._set)

    async def _read(self) -> bool | None:
        try:
            return bool(
                await self._bus.get_property(
                    NOTIFICATIONS, NOTIFICATIONS_PATH, self._spec.interface, self._spec.name
                )
            )
        except DBusError as exc:
            log.info("%s: %s", self._spec.label, exc)
            return None

    def _set(self, value: bool | None) -> None:
        if value is None:
            return
        if value != self._value:
            self._value = value
            if self._changed is not None:
                self._changed()


GNOME_SCHEMA = "org.gnome.desktop.notifications"
GNOME_KEY = "show-banners"
DCONF = "ca.desrt.dconf"
DCONF_WRITER = "ca.desrt.dconf.Writer"
DCONF_FOLDER = "/org/gnome/desktop/notifications/"


class GnomeDnd:
    reason: BusyReason = "dnd"
    needs_polling = False
    description = f"GNOME {GNOME_SCHEMA} {GNOME_KEY} (gsettings, re-read on dconf change)"

    def __init__(self, bus: Bus, gsettings: str, value: bool) -> None:
        self._bus = bus
        self._gsettings = gsettings
        self._value = value
        self._changed: Callable[[], None] | None = None

    @classmethod
    async def open(cls, bus: Bus, server_name: str | None) -> GnomeDnd:
        if server_name != "gnome-shell":
            raise BusySourceError(
                f"the notification server is {server_name or 'not running'}, not GNOME Shell"
            )
        gsettings = shutil.which("gsettings")
        if gsettings is None:
            raise BusySourceError("gsettings is not installed")
        value = await _banners_off(gsettings)
        if value is None:
            raise BusySourceError(f"gsettings cannot read {GNOME_SCHEMA} {GNOME_KEY}")
        return cls(bus, gsettings, value)

    def is_busy(self) -> bool:
        return self._value

    def start(self, changed: Callable[[], None]) -> None:
        self._changed = changed
        self._bus.subscribe(
            sender=DCONF, interface=DCONF_WRITER, member="Notify", arg0=DCONF_FOLDER, arg0_is_path=True,
            handler=self._dconf_changed,
        )  # fmt: skip

    def close(self) -> None:
        """The bus belongs to the caller."""

    def _dconf_changed(self, body: tuple[Any, ...]) -> None:
        if str(body[0]).startswith(DCONF_FOLDER):
            run_soon(_banners_off(self._gsettings), self._banners_read)

    def _banners_read(self, value: bool | None) -> None:
        if value is not None and value != self._value:
            self._value = value
            if self._changed is not None:
                self._changed()


async def _banners_off(gsettings: str) -> bool | None:
    """True when banners are off (do-not-disturb on); None when gsettings cannot tell."""
    try:
        answer = (await Command([gsettings, "get", GNOME_SCHEMA, GNOME_KEY])).strip()
    except StepError as exc:
        log.info("gsettings: %s", exc)
        return None
    return answer == "false" if answer in ("true", "false") else None


class Command(Step[str]):
    """A short command's output, within a second: from the Qt loop (QProcess) or waited for."""

    def __init__(self, args: list[str]) -> None:
        self._args = args

    def wait(self) -> str | StepError:
        try:
            done = subprocess.run(
                self._args, capture_output=True, text=True, timeout=CALL_TIMEOUT_SECONDS, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return StepError(str(exc))
        return done.stdout if done.returncode == 0 else StepError(f"exit status {done.returncode}")

    def then(self, done: Callable[[str | StepError], None]) -> None:
        process = QProcess()
        _RUNNING.add(process)

        def finish(outcome: str | StepError) -> None:
            if process not in _RUNNING:
                return  # already answered (an error, then `finished`)
            _RUNNING.discard(process)
            release_later(process)  # we are inside one of its signals
            done(outcome)

        def finished(status: int, kind: QProcess.ExitStatus) -> None:
            output = bytes(process.readAllStandardOutput().data()).decode(errors="replace")
            normal = kind == QProcess.ExitStatus.NormalExit and status == 0
            finish(output if normal else StepError(f"exit status {status}"))

        def failed(error: QProcess.ProcessError) -> None:
            if error == QProcess.ProcessError.FailedToStart:  # anything else also ends in `finished`
                finish(StepError(f"{self._args[0]} did not start"))

        def too_slow() -> None:
            if process in _RUNNING:
                process.kill()  # `finished` follows

        process.finished.connect(finished)
        process.errorOccurred.connect(failed)
        QTimer.singleShot(round(CALL_TIMEOUT_SECONDS * 1000), too_slow)
        process.start(self._args[0], self._args[1:])


_RUNNING: set[QProcess] = set()  # a running command stays referenced until it has answered


async def notification_server(bus: Bus) -> str | None:
    """The running notification server's name (`dunst`, `gnome-shell`, `Plasma`...), or None."""
    try:
        name, *_ = await bus.call(NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "GetServerInformation")
    except DBusError:
        return None
    return str(name)
