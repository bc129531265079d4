"""Sleep and screen lock on Linux, from logind and the screensaver services on D-Bus.

- Sleep: logind's `PrepareForSleep(true)` before a suspend and `(false)` after it, on the system
  bus. The length is read from the kernel, not from when the messages arrived: CLOCK_BOOTTIME
  minus CLOCK_MONOTONIC grows by exactly the time spent suspended. If the process was frozen
  before it could read `true`, both messages arrive after the resume, the measured length is
  zero, and the driver's clock-gap check (which sees the same sleep, a little less exactly)
  reports it instead. Only an exact report makes the gap check forget its last sample, so a
  sleep is never counted twice.
- Lock: logind's `LockedHint` of this login session (system bus), and `ActiveChanged(b)` of
  `org.freedesktop.ScreenSaver` (KDE, Xfce, others) and `org.gnome.ScreenSaver` (GNOME) on the
  session bus. They describe the same lock screen, so the first "locked" starts the absence and
  the first "unlocked" ends it: a source that never says "unlocked" cannot keep prompts away.

Subscriptions go to the bus even when a service is not running yet; the bus delivers its
signals once it starts. Nothing here polls, and nothing waits for a D-Bus reply on the GUI thread.
"""

from __future__ import annotations

import functools
import logging
import sys
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol

from PySide6.QtCore import QObject

from deskbreak.core.events import AwayEnded, AwayStarted, Event, Slept
from deskbreak.desktop.dbus import Bus, DBusError
from deskbreak.desktop.steps import run_soon

log = logging.getLogger(__name__)

LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
LOGIND_SESSION = "org.freedesktop.login1.Session"
PROPERTIES = "org.freedesktop.DBus.Properties"
SCREENSAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")  # interface = service name
MIN_EXACT_SLEEP_SECONDS = 1.0


def suspended_seconds() -> float:
    """Total time this machine has spent suspended since boot (Linux); 0 where that is unknown."""
    suspended = 0.0
    if sys.platform == "linux":  # the clocks below exist only there (and mypy checks each platform)
        suspended = time.clock_gettime(time.CLOCK_BOOTTIME) - time.clock_gettime(time.CLOCK_MONOTONIC)
    return suspended


class EngineSink(Protocol):
    """What the session watcher needs of the engine driver."""

    def send(self, event: Event) -> object: ...

    def forget_gap(self) -> None: ...

    def kick(self) -> None: ...


class SessionWatcher(QObject):
    """Reports sleep and lock to the engine. `find` asks what this desktop offers (a task: the app
    runs it from the Qt loop, doctor waits for it); `start` begins listening."""

    def __init__(
        self,
        system_bus: Bus | None,
        session_bus: Bus | None,
        suspended: Callable[[], float] = suspended_seconds,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._suspended = suspended
        self._sink: EngineSink | None = None
        self._now: Callable[[], datetime] | None = None
        self._sleep_mark: float | None = None
        self.is_locked = False
        self.locked_at_probe: bool | None = None  # what logind said while probing (None: not asked)
        self.system_bus = system_bus  # None unless logind is on it
        self.session_bus = session_bus
        self.logind_session: str | None = None  # object path of this login session
        self.screensavers: list[str] = []  # screensaver services that answered while probing
        self.problems: list[str] = []

    @classmethod
    async def find(
        cls,
        system_bus: Bus | None,
        session_bus: Bus | None,
        environ: Mapping[str, str],
        suspended: Callable[[], float] = suspended_seconds,
    ) -> SessionWatcher:
        """A watcher on what answers here: logind and this login session, the screensavers."""
        watcher = cls(None, session_bus, suspended)
        if system_bus is not None:
            await watcher._find_logind(system_bus, environ.get("XDG_SESSION_ID"))
        if session_bus is not None:
            await watcher._find_screensavers(session_bus)
        watcher.locked_at_probe = await watcher._read_locked()
        return watcher

    async def _find_logind(self, bus: Bus, session_id: str | None) -> None:
        try:
            if not await bus.has_owner(LOGIND):
                self.problems.append(f"{LOGIND} is not on the system bus (no systemd-logind?)")
                return
            self.system_bus = bus
            self.logind_session = await self._find_session(bus, session_id)
        except DBusError as exc:
            self.problems.append(f"logind: {exc}")
            return
        if self.logind_session is None:
            self.problems.append("logind knows no login session for this process")

    async def _find_screensavers(self, bus: Bus) -> None:
        for service in SCREENSAVERS:
            try:
                if await bus.has_owner(service):
                    self.screensavers.append(service)
            except DBusError as exc:
                self.problems.append(f"{service}: {exc}")

    def start(self, sink: EngineSink, now: Callable[[], datetime]) -> None:
        self._sink, self._now = sink, now
        if self.system_bus is not None:
            self.system_bus.subscribe(
                sender=LOGIND, path=LOGIND_PATH, interface=LOGIND_MANAGER, member="PrepareForSleep",
                handler=self._prepare_for_sleep,
            )  # fmt: skip
            if self.logind_session is not None:
                self.system_bus.subscribe(
                    sender=LOGIND, path=self.logind_session, interface=PROPERTIES, member="PropertiesChanged",
                    arg0=LOGIND_SESSION, handler=self._session_properties,
                )  # fmt: skip
        if self.session_bus is not None:
            for service in SCREENSAVERS:
                self.session_bus.subscribe(
                    sender=service, interface=service, member="ActiveChanged",
                    handler=functools.partial(self._screensaver_changed, service),
                )  # fmt: skip
        run_soon(self._read_locked(), self._locked_at_start)

    def _locked_at_start(self, locked: bool | None) -> None:
        if locked:
            self._set_locked(True, "logind LockedHint at start")

    async def _read_locked(self) -> bool | None:
        """Whether logind says this session is locked now; None when that cannot be asked."""
        if self.system_bus is None or self.logind_session is None:
            return None
        try:
            return bool(
                await self.system_bus.get_property(LOGIND, self.logind_session, LOGIND_SESSION, "LockedHint")
            )
        except DBusError as exc:
            log.info("LockedHint: %s", exc)
            return None

    def describe(self) -> dict[str, str]:
        """What is watched, and whether the session is locked: as probed, or as followed since `start`."""
        sleep = (
            "logind PrepareForSleep (system bus), backed by the clock-gap check"
            if self.system_bus is not None
            else "clock-gap check only (wall clock against elapsed time, each minute)"
        )
        lock = [f"logind LockedHint ({self.logind_session})"] if self.logind_session else []
        lock += [f"{service} ActiveChanged" for service in self.screensavers]
        lines = {
            "sleep": sleep,
            "lock": ", ".join(lock) if lock else "not visible (no logind session, no screensaver service)",
        }
        locked = self.is_locked if self._sink is not None else self.locked_at_probe
        if locked is not None:
            lines["locked now"] = "yes" if locked else "no"
        if self.problems:
            lines["session problems"] = "; ".join(self.problems)
        return lines

    # --- signals ----------------------------------------------------------------------------------

    def _prepare_for_sleep(self, body: tuple[Any, ...]) -> None:
        if body[0]:
            self._sleep_mark = self._suspended()
            log.info("the machine is going to sleep")
            return
        mark, self._sleep_mark = self._sleep_mark, None
        slept = 0.0 if mark is None else self._suspended() - mark
        log.info("the machine woke up after %.0f s asleep", slept)
        if self._sink is None or self._now is None:
            return
        if slept < MIN_EXACT_SLEEP_SECONDS:
            self._sink.kick()  # the clock-gap check sees the sleep, if there was one
            return
        end = self._now()
        self._sink.forget_gap()
        self._sink.send(Slept(start=end - timedelta(seconds=slept), end=end))

    def _screensaver_changed(self, service: str, body: tuple[Any, ...]) -> None:
        self._set_locked(bool(body[0]), service)

    def _session_properties(self, body: tuple[Any, ...]) -> None:
        _interface, changed, invalidated = body
        if "LockedHint" in changed:
            self._set_locked(bool(changed["LockedHint"][1]), "logind LockedHint")
        elif "LockedHint" in invalidated:
            run_soon(self._read_locked(), self._locked_hint_read)

    def _locked_hint_read(self, locked: bool | None) -> None:
        if locked is not None:
            self._set_locked(locked, "logind LockedHint")

    def _set_locked(self, locked: bool, source: str) -> None:
        if locked == self.is_locked or self._sink is None or self._now is None:
            return
        self.is_locked = locked
        log.info("screen %s (%s)", "locked" if locked else "unlocked", source)
        self._sink.send(AwayStarted(since=self._now(), kind="locked") if locked else AwayEnded())

    @staticmethod
    async def _find_session(bus: Bus, session_id_env: str | None) -> str | None:
        """This login session's object path: by XDG_SESSION_ID, else the one logind picks for us."""
        for session_id in (session_id_env, "auto"):
            if not session_id:
                continue
            try:
                (path,) = await bus.call(
                    LOGIND, LOGIND_PATH, LOGIND_MANAGER, "GetSession", "s", (session_id,)
                )
            except DBusError as exc:
                log.info("logind GetSession(%s): %s", session_id, exc)
                continue
            return str(path)
        return None
