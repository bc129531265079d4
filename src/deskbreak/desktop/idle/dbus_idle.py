"""Idle time from desktop services on the session bus: GNOME's Mutter, and the ScreenSaver call.

Mutter (`org.gnome.Mutter.IdleMonitor`) works on GNOME under X11 and Wayland, and it can push:
`AddIdleWatch` fires once idleness reaches a threshold and `AddUserActiveWatch` fires at the
next input, so deskbreak never polls it. Adding and removing watches are sent without waiting
for Mutter's answer (desktop/dbus.py). Its idle watches respect idle inhibitors (a playing
video holds one), so watching a film does not count as being away, which is what a sit/stand
reminder wants. `WatchFired` goes only to the connection that added the watch.

`org.freedesktop.ScreenSaver.GetSessionIdleTime` (KDE Plasma and others; not GNOME) answers
whole seconds and cannot push, so it is read on the watcher's timer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from deskbreak.desktop.dbus import Bus, DBusError, PendingCall, Reply
from deskbreak.desktop.idle import IdleBackendError
from deskbreak.desktop.steps import StepError

log = logging.getLogger(__name__)

MUTTER_SERVICE = "org.gnome.Mutter.IdleMonitor"
MUTTER_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
MUTTER_INTERFACE = "org.gnome.Mutter.IdleMonitor"
SCREENSAVER_SERVICE = "org.freedesktop.ScreenSaver"
SCREENSAVER_PATH = "/org/freedesktop/ScreenSaver"
SCREENSAVER_INTERFACE = "org.freedesktop.ScreenSaver"


class MutterIdle:
    """GNOME's idle monitor; idle and return are pushed by `WatchFired`."""

    name = "gnome-mutter"
    description = "GNOME Mutter IdleMonitor over D-Bus (pushed: no polling)"

    def __init__(self, bus: Bus) -> None:
        self._bus = bus
        self._idle_watch: int | None = None
        self._idle_request = 0  # which AddIdleWatch is the current one; older answers are removed
        self._handlers: dict[int, Callable[[], None]] = {}
        self._subscribed = False

    @classmethod
    async def open(cls, bus: Bus) -> MutterIdle:
        if not await bus.has_owner(MUTTER_SERVICE):
            raise IdleBackendError(f"{MUTTER_SERVICE} has no owner on the session bus (not GNOME?)")
        return cls(bus)

    async def read_idle(self) -> float | None:
        try:
            (milliseconds,) = await self._call("GetIdletime")
        except DBusError as exc:
            log.warning("Mutter idle time: %s", exc)
            return None
        return float(milliseconds) / 1000

    def watch_idle(self, seconds: float, fired: Callable[[float], None]) -> None:
        """Mutter fires the watch when idleness reaches `seconds`, so that is the idle time then."""
        self._subscribe()
        if self._idle_watch is not None:
            self._remove(self._idle_watch)
        self._idle_request += 1
        request = self._idle_request

        def added(watch: int) -> None:
            if request != self._idle_request:  # replaced before Mutter answered
                self._remove(watch)
                return
            self._idle_watch = watch
            self._handlers[watch] = lambda: fired(seconds)

        self._add("AddIdleWatch", "t", (max(1, round(seconds * 1000)),), added)

    def watch_active(self, fired: Callable[[], None]) -> None:
        self._subscribe()

        def added(watch: int) -> None:
            self._handlers[watch] = fired

        self._add("AddUserActiveWatch", None, (), added)

    def close(self) -> None:
        self._idle_request += 1
        for watch in list(self._handlers):
            self._remove(watch)

    def _call(self, method: str, signature: str | None = None, body: tuple[Any, ...] = ()) -> PendingCall:
        return self._bus.call(MUTTER_SERVICE, MUTTER_PATH, MUTTER_INTERFACE, method, signature, body)

    def _subscribe(self) -> None:
        if not self._subscribed:
            self._bus.subscribe(
                sender=MUTTER_SERVICE,
                path=MUTTER_PATH,
                interface=MUTTER_INTERFACE,
                member="WatchFired",
                handler=self._fired,
            )
            self._subscribed = True

    def _add(
        self, method: str, signature: str | None, body: tuple[int, ...], added: Callable[[int], None]
    ) -> None:
        def answered(outcome: Reply | StepError) -> None:
            if isinstance(outcome, StepError):
                log.warning("Mutter %s: %s", method, outcome)
                return
            added(int(outcome[0]))

        self._call(method, signature, body).then(answered)

    def _remove(self, watch: int) -> None:
        self._handlers.pop(watch, None)
        if watch == self._idle_watch:
            self._idle_watch = None
        if self._bus.is_open:
            self._bus.send_and_forget(self._call("RemoveWatch", "u", (watch,)), "Mutter RemoveWatch")

    def _fired(self, body: tuple[Any, ...]) -> None:
        watch = int(body[0])
        fired = self._handlers.get(watch)
        if fired is None:
            return
        if watch != self._idle_watch:
            del self._handlers[watch]  # Mutter removes a user-active watch after firing it
        fired()


class ScreenSaverIdle:
    """`GetSessionIdleTime` in whole seconds; polled."""

    name = "freedesktop-screensaver"
    description = "org.freedesktop.ScreenSaver GetSessionIdleTime over D-Bus (read once a minute)"

    def __init__(self, bus: Bus) -> None:
        self._bus = bus

    @classmethod
    async def open(cls, bus: Bus) -> ScreenSaverIdle:
        if not await bus.has_owner(SCREENSAVER_SERVICE):
            raise IdleBackendError(f"{SCREENSAVER_SERVICE} has no owner on the session bus")
        try:
            await bus.call(SCREENSAVER_SERVICE, SCREENSAVER_PATH, SCREENSAVER_INTERFACE, "GetSessionIdleTime")
        except DBusError as exc:  # GNOME owns the name but does not implement this call
            raise IdleBackendError(f"GetSessionIdleTime does not work here ({exc})") from None
        return cls(bus)

    async def read_idle(self) -> float | None:
        try:
            (seconds,) = await self._bus.call(
                SCREENSAVER_SERVICE, SCREENSAVER_PATH, SCREENSAVER_INTERFACE, "GetSessionIdleTime"
            )
        except DBusError as exc:
            log.warning("ScreenSaver idle time: %s", exc)
            return None
        return float(seconds)

    def close(self) -> None:
        """The bus belongs to the caller."""
