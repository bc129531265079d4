"""What deskbreak can see of the user on this desktop (idle, lock, sleep, busy), wired to the engine.

`probing` finds the best source for each question once, at start-up, and keeps a reason for every
source it rejects. It is a task (desktop/steps.py): the running app runs it from the Qt loop with
`probe_soon`, so no D-Bus answer is waited for on the GUI thread, and starts watchers on what was
found (`Awareness`); `deskbreak doctor` waits for it with `probe` and only describes it. The
engine decides what an absence means; this module only reports what happened.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from deskbreak.core.settings import AwarenessSettings, Settings
from deskbreak.desktop.steps import Task, run_blocking, run_soon

if TYPE_CHECKING:  # the watchers and D-Bus load after the tray icon is up, where they are used
    from deskbreak.desktop.busy import BusyReason, BusySource, BusyWatcher
    from deskbreak.desktop.dbus import Bus, BusKind
    from deskbreak.desktop.idle import IdleBackend
    from deskbreak.desktop.idle.watcher import IdleWatcher
    from deskbreak.desktop.ipc import Handler
    from deskbreak.desktop.session import SessionWatcher
    from deskbreak.timing.driver import EngineDriver

log = logging.getLogger(__name__)

_BUSY_KEYS: tuple[tuple[BusyReason, str], ...] = (("fullscreen", "fullscreen"), ("dnd", "do-not-disturb"))
IDLE_RETRY_SECONDS = (10, 60, 300)  # a desktop service may start after deskbreak at login


@dataclass
class Probed:
    """Everything found on this desktop. The app starts watchers on it; doctor describes and closes it."""

    platform: str
    session_bus: Bus | None = None
    system_bus: Bus | None = None
    bus_problems: list[str] = field(default_factory=list)
    idle: IdleBackend | None = None
    idle_rejected: list[str] = field(default_factory=list)
    idle_now: float | None = None  # the reading taken while probing
    session: SessionWatcher | None = None
    busy: list[BusySource] = field(default_factory=list)
    busy_rejected: dict[BusyReason, list[str]] = field(default_factory=dict)

    def describe(self) -> dict[str, str]:
        """One human line per question, with the reason when something cannot be seen."""
        lines: dict[str, str] = {}
        if self.idle is not None:
            now = "no reading" if self.idle_now is None else f"idle for {self.idle_now:.1f} s"
            lines["idle"] = f"{self.idle.description}; now: {now}"
        else:
            lines["idle"] = "none works here; absences are seen only through screen lock and sleep"
        if self.idle_rejected:
            lines["idle not used"] = "; ".join(self.idle_rejected)
        if self.session is not None:
            lines.update(self.session.describe())
        else:
            lines["sleep"] = "clock-gap check only (wall clock against elapsed time, each minute)"
            lines["lock"] = f"not watched on {self.platform}"
        for reason, key in _BUSY_KEYS:
            mine = [source for source in self.busy if source.reason == reason]
            if mine:
                now = "on" if any(source.is_busy() for source in mine) else "off"
                lines[key] = f"{', '.join(source.description for source in mine)}; now: {now}"
            else:
                lines[key] = "not visible: " + ("; ".join(self.busy_rejected.get(reason, [])) or "no source")
        if self.bus_problems:
            lines["d-bus"] = "; ".join(self.bus_problems)
        return lines

    def close(self) -> None:
        if self.idle is not None:
            self.idle.close()
        for source in self.busy:
            source.close()
        for bus in (self.session_bus, self.system_bus):
            if bus is not None:
                bus.close()


def probe(environ: Mapping[str, str], platform: str = sys.platform) -> Probed:
    """Probe, waiting for each answer (each D-Bus call limited to a second): for doctor."""
    return run_blocking(probing(environ, platform))


def probe_soon(
    environ: Mapping[str, str], done: Callable[[Probed], None], platform: str = sys.platform
) -> None:
    """Probe from the Qt loop and hand the result to `done`: for the running app."""
    run_soon(probing(environ, platform), done)


async def probing(environ: Mapping[str, str], platform: str = sys.platform) -> Probed:
    """Open the buses and pick a source for each question."""
    from deskbreak.desktop.idle import idle_candidates, pick_idle_backend
    from deskbreak.desktop.session import SessionWatcher

    found = Probed(platform)
    is_freedesktop = platform not in ("win32", "darwin")
    if is_freedesktop:
        found.session_bus = await _open_bus("SESSION", found)
        found.system_bus = await _open_bus("SYSTEM", found)
    found.idle, found.idle_rejected = await pick_idle_backend(
        idle_candidates(environ, lambda: _need(found), platform)
    )
    if found.idle is not None:
        found.idle_now = await found.idle.read_idle()
    if is_freedesktop:
        found.session = await SessionWatcher.find(found.system_bus, found.session_bus, environ)
    _probe_fullscreen(found, environ)
    await _probe_dnd(found)
    return found


async def _open_bus(kind: BusKind, found: Probed) -> Bus | None:
    from deskbreak.desktop.dbus import Bus, DBusError

    try:
        return await Bus.connecting(kind)
    except DBusError as exc:
        found.bus_problems.append(f"{kind.lower()} bus: {exc}")
        return None


def _need(found: Probed) -> Bus:
    from deskbreak.desktop.dbus import DBusError

    if found.session_bus is None:
        raise DBusError("no session bus")
    return found.session_bus


def _probe_fullscreen(found: Probed, environ: Mapping[str, str]) -> None:
    from deskbreak.desktop.busy import BusySourceError
    from deskbreak.desktop.fullscreen import WindowsFullscreen, X11Fullscreen

    rejected = found.busy_rejected.setdefault("fullscreen", [])
    try:
        if found.platform == "win32":
            found.busy.append(WindowsFullscreen.open())
        elif found.platform == "darwin":
            rejected.append("not implemented on macOS")
        else:
            found.busy.append(X11Fullscreen.open(environ))
    except BusySourceError as exc:
        rejected.append(str(exc))


async def _probe_dnd(found: Probed) -> None:
    from deskbreak.desktop.busy import BusySourceError
    from deskbreak.desktop.dbus import DBusError
    from deskbreak.desktop.dnd import (
        DUNST_PAUSED,
        FDO_INHIBITED,
        NOTIFICATIONS,
        GnomeDnd,
        PropertyDnd,
        notification_server,
    )

    rejected = found.busy_rejected.setdefault("dnd", [])
    bus = found.session_bus
    if bus is None:
        rejected.append("no session bus" if found.platform not in ("win32", "darwin") else "not implemented")
        return
    try:
        if not await bus.has_owner(NOTIFICATIONS):  # asking first: a call would start an installed daemon
            rejected.append("no notification server is running")
            return
    except DBusError as exc:
        rejected.append(str(exc))
        return
    server = await notification_server(bus)
    openers: list[Callable[[], Task[BusySource]]] = [
        lambda: PropertyDnd.open(bus, FDO_INHIBITED),
        lambda: PropertyDnd.open(bus, DUNST_PAUSED),
        lambda: GnomeDnd.open(bus, server),
    ]
    for open_source in openers:
        try:
            found.busy.append(await open_source())
        except BusySourceError as exc:
            rejected.append(str(exc))


class Awareness(QObject):
    """The running app's watchers over what `probe` found; stopped when the app quits."""

    def __init__(
        self,
        driver: EngineDriver,
        found: Probed,
        now: Callable[[], datetime],
        environ: Mapping[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._driver = driver
        self.found = found
        self._now = now
        self._environ = environ or {}
        from deskbreak.desktop.busy import BusyWatcher

        self.idle: IdleWatcher | None = None
        self.busy: BusyWatcher = BusyWatcher(found.busy, driver.send, self._settings, self)
        self._running = False

    def start(self) -> None:
        self._running = True
        if self.found.idle is not None:
            self._watch_idle(self.found.idle)
        else:
            log.warning("no idle backend works here: %s", "; ".join(self.found.idle_rejected))
            self._retry_idle(list(IDLE_RETRY_SECONDS))
        if self.found.session is not None:
            self.found.session.start(self._driver, self._now)
        self.busy.start()
        log.info("awareness: %s", self.found.describe())

    def stop(self) -> None:
        if not self._running:
            return
        self._running = False
        if self.idle is not None:
            self.idle.stop()
        self.busy.stop()
        self.found.close()

    def describe(self) -> dict[str, str]:
        """What the running app follows now; asks nothing (a D-Bus question would have to wait)."""
        lines = self.found.describe()
        if self.idle is not None:
            lines["idle"] = f"{self.idle.backend.description}; now: {self.idle.describe_now()}"
            nxt = self.idle.next_check_seconds
            lines["idle checks"] = "pushed by the desktop" if nxt is None else f"next reading in {nxt:.0f} s"
        return lines

    def _watch_idle(self, backend: IdleBackend) -> None:
        from deskbreak.desktop.idle.watcher import IdleWatcher

        self.found.idle = backend
        self.idle = IdleWatcher(backend, self._driver.send, self._now, self._settings, self)
        self.idle.start()

    def _retry_idle(self, delays: list[int]) -> None:
        if not delays:
            return

        def picked(outcome: tuple[IdleBackend | None, list[str]]) -> None:
            backend, rejected = outcome
            if not self._running:
                if backend is not None:
                    backend.close()
                return
            if backend is None:
                self._retry_idle(delays[1:])
                return
            log.info("an idle backend appeared: %s", backend.description)
            self.found.idle_rejected = rejected
            self._watch_idle(backend)

        def again() -> None:
            from deskbreak.desktop.idle import idle_candidates, pick_idle_backend

            if self._running:
                candidates = idle_candidates(self._environ, lambda: _need(self.found), self.found.platform)
                run_soon(pick_idle_backend(candidates), picked)

        QTimer.singleShot(delays[0] * 1000, again)

    def _settings(self) -> AwarenessSettings:
        return self._driver.settings.awareness

    def settings_changed(self, old: Settings, new: Settings) -> None:
        """The holds and the idle threshold follow the settings at once (SettingsFlow's signal)."""
        if old.awareness == new.awareness:
            return
        if self.idle is not None:
            self.idle.settings_changed()
        self.busy.refresh()


def with_awareness(handler: Handler, awareness: Callable[[], Awareness | None]) -> Handler:
    """`ctl status` answers also say what the running app sees (for `deskbreak doctor` and tests)."""

    def handle(command: str, args: dict[str, Any]) -> Any:
        result = handler(command, args)
        current = awareness()
        if command == "status" and isinstance(result, dict) and current is not None:
            result = result | {"awareness": current.describe()}
        return result

    return handle
