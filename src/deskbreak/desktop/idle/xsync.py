"""Idle on X11 pushed by the X server: alarms on the SYNC extension's IDLETIME counter (libXext).

The X server keeps IDLETIME, the milliseconds since the last keyboard or mouse input (the same
clock XScreenSaver reads). Instead of reading it, deskbreak asks the server for two alarms and
sleeps until one fires:

- the idle alarm, a positive transition at the away threshold: it fires each time idleness
  reaches the threshold, and never while the user keeps working;
- the return alarm, a negative transition at 1 ms, set only while the user is away: it fires
  when the counter drops back to zero, at the first input.

The alarm events arrive on deskbreak's own X connection, read from the Qt loop through a
QSocketNotifier, so neither a working nor an absent user wakes the process. GNOME's old X11 idle
monitor used the same two alarms. The server keeps a counter value that is only brought up to
date when an alarm is checked, so a comparison against a freshly read value can fire at once:
hence transitions, with one fresh read after each alarm is set to catch input that came in
between (a race the alarms alone would miss).

Not used on Wayland sessions: there the X server only sees input sent to XWayland windows.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QSocketNotifier, QTimer

from deskbreak.desktop.idle import IdleBackendError
from deskbreak.desktop.qt_release import release_later
from deskbreak.desktop.x11 import Display, X11Error, XEvent, load_library

log = logging.getLogger(__name__)

IDLETIME = b"IDLETIME"
_ALARM_NOTIFY = 1  # XSyncAlarmNotify, added to the extension's first event number
_ABSOLUTE = 0  # XSyncAbsolute
_POSITIVE_TRANSITION, _NEGATIVE_TRANSITION = 0, 1
_DESTROYED = 2  # XSyncAlarmDestroyed: the notice sent when we destroy an alarm
# XSyncCACounter | XSyncCAValueType | XSyncCAValue | XSyncCATestType | XSyncCADelta | XSyncCAEvents
_ALL_ATTRIBUTES = 0b111111


class XSyncValue(ctypes.Structure):
    _fields_ = (("hi", ctypes.c_int), ("lo", ctypes.c_uint))


class XSyncTrigger(ctypes.Structure):
    _fields_ = (
        ("counter", ctypes.c_ulong),
        ("value_type", ctypes.c_int),
        ("wait_value", XSyncValue),
        ("test_type", ctypes.c_int),
    )


class XSyncAlarmAttributes(ctypes.Structure):
    _fields_ = (
        ("trigger", XSyncTrigger),
        ("delta", XSyncValue),
        ("events", ctypes.c_int),
        ("state", ctypes.c_int),
    )


class XSyncSystemCounter(ctypes.Structure):
    _fields_ = (("name", ctypes.c_char_p), ("counter", ctypes.c_ulong), ("resolution", XSyncValue))


class XSyncAlarmNotifyEvent(ctypes.Structure):
    _fields_ = (
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("alarm", ctypes.c_ulong),
        ("counter_value", XSyncValue),
        ("alarm_value", XSyncValue),
        ("time", ctypes.c_ulong),
        ("state", ctypes.c_int),
    )


def _value(milliseconds: int) -> XSyncValue:
    return XSyncValue(milliseconds >> 32, milliseconds & 0xFFFFFFFF)


def _milliseconds(value: XSyncValue) -> int:
    return (int(value.hi) << 32) | int(value.lo)


class XSyncIdle:
    """Pushed idle and return from XSync alarms; `read_idle` reads the counter for doctor."""

    name = "x11"

    def __init__(self, display: Display, xext: Any, counter: int, event_base: int) -> None:
        self._display = display
        self._xext = xext
        self._counter = counter
        self._alarm_event = event_base + _ALARM_NOTIFY
        self._notifier: QSocketNotifier | None = None
        self._idle_alarm: int | None = None
        self._idle_fired: Callable[[float], None] | None = None
        self._idle_ms_when_fired: int | None = None
        self._return_alarm: int | None = None
        self._return_fired: Callable[[], None] | None = None
        self.description = (
            f"X11 XSync IDLETIME alarms on {display.name or 'the default display'} (pushed: no polling)"
        )

    @classmethod
    async def open(cls, environ: Mapping[str, str]) -> XSyncIdle:
        if environ.get("XDG_SESSION_TYPE") == "wayland":
            raise IdleBackendError("this is a Wayland session; X11 would only see XWayland input")
        if not environ.get("DISPLAY"):
            raise IdleBackendError("DISPLAY is not set")
        try:
            xext = _xext()
            display = Display(environ["DISPLAY"])
        except X11Error as exc:
            raise IdleBackendError(str(exc)) from None
        try:
            event_base, error_base = ctypes.c_int(), ctypes.c_int()
            if not xext.XSyncQueryExtension(
                display.handle, ctypes.byref(event_base), ctypes.byref(error_base)
            ):
                raise IdleBackendError("the X server has no SYNC extension")
            major, minor = ctypes.c_int(), ctypes.c_int()
            if not xext.XSyncInitialize(display.handle, ctypes.byref(major), ctypes.byref(minor)):
                raise IdleBackendError("the X server's SYNC extension cannot be initialised")
            counter = _find_counter(xext, display, IDLETIME)
            if counter is None:
                raise IdleBackendError("the X server's SYNC extension has no IDLETIME counter")
        except IdleBackendError:
            display.close()
            raise
        return cls(display, xext, counter, event_base.value)

    async def read_idle(self) -> float | None:
        milliseconds = self._query()
        return None if milliseconds is None else milliseconds / 1000

    def watch_idle(self, seconds: float, fired: Callable[[float], None]) -> None:
        self._listen()
        if self._idle_alarm is not None:
            self._destroy(self._idle_alarm)
        threshold_ms = max(1, round(seconds * 1000))
        self._idle_fired = fired
        self._idle_alarm = self._create(threshold_ms, _POSITIVE_TRANSITION)
        # A transition fires on crossing the threshold; a user idle past it already has crossed.
        now_ms = self._query()
        if now_ms is not None and now_ms >= threshold_ms:
            QTimer.singleShot(0, lambda: self._on_idle(now_ms))
        self._read_soon()

    def watch_active(self, fired: Callable[[], None]) -> None:
        self._listen()
        if self._return_alarm is not None:
            self._destroy(self._return_alarm)
        self._return_fired = fired
        self._return_alarm = self._create(1, _NEGATIVE_TRANSITION)
        # Input between the idle alarm and this one reset the counter without a transition below 1.
        now_ms, idle_ms = self._query(), self._idle_ms_when_fired
        if now_ms is not None and idle_ms is not None and now_ms < idle_ms:
            QTimer.singleShot(0, self._on_return)
        self._read_soon()

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            release_later(self._notifier)
            self._notifier = None
        for alarm in (self._idle_alarm, self._return_alarm):
            if alarm is not None:
                self._destroy(alarm)
        self._idle_alarm = self._return_alarm = None
        self._idle_fired = self._return_fired = None
        self._display.close()

    # --- the X connection -------------------------------------------------------------------------

    def _listen(self) -> None:
        if self._notifier is None and self._display.handle:
            self._notifier = QSocketNotifier(self._display.fileno(), QSocketNotifier.Type.Read)
            self._notifier.activated.connect(self._read_events)

    def _read_soon(self) -> None:
        """A round trip may have pulled events into Xlib's queue, where the notifier cannot see them."""
        QTimer.singleShot(0, self._read_events)

    def _read_events(self) -> None:
        for event in self._display.events():
            if event.type != self._alarm_event:
                continue
            notice = _alarm_notice(event)
            if notice.state == _DESTROYED:
                continue
            if notice.alarm == self._idle_alarm:
                self._on_idle(_milliseconds(notice.counter_value))
            elif notice.alarm == self._return_alarm:
                self._on_return()

    def _on_idle(self, idle_ms: int) -> None:
        if self._idle_fired is None:
            return
        self._idle_ms_when_fired = idle_ms
        self._idle_fired(idle_ms / 1000)

    def _on_return(self) -> None:
        fired, self._return_fired = self._return_fired, None
        if self._return_alarm is not None:
            self._destroy(self._return_alarm)
            self._return_alarm = None
        self._idle_ms_when_fired = None
        if fired is not None:
            fired()

    def _create(self, milliseconds: int, test_type: int) -> int:
        attributes = XSyncAlarmAttributes()
        attributes.trigger.counter = self._counter
        attributes.trigger.value_type = _ABSOLUTE
        attributes.trigger.wait_value = _value(milliseconds)
        attributes.trigger.test_type = test_type
        attributes.delta = _value(0)  # a transition alarm with no delta stays armed
        attributes.events = 1
        alarm = int(
            self._xext.XSyncCreateAlarm(self._display.handle, _ALL_ATTRIBUTES, ctypes.byref(attributes))
        )
        self._display.flush()
        return alarm

    def _destroy(self, alarm: int) -> None:
        if self._display.handle:
            self._xext.XSyncDestroyAlarm(self._display.handle, alarm)
            self._display.flush()

    def _query(self) -> int | None:
        """IDLETIME now, in milliseconds (one round trip to the X server)."""
        if not self._display.handle:
            return None
        value = XSyncValue()
        if not self._xext.XSyncQueryCounter(self._display.handle, self._counter, ctypes.byref(value)):
            return None
        return _milliseconds(value)


def _alarm_notice(event: XEvent) -> XSyncAlarmNotifyEvent:
    return ctypes.cast(ctypes.pointer(event), ctypes.POINTER(XSyncAlarmNotifyEvent)).contents


def _find_counter(xext: Any, display: Display, name: bytes) -> int | None:
    count = ctypes.c_int()
    counters = xext.XSyncListSystemCounters(display.handle, ctypes.byref(count))
    if not counters:
        return None
    try:
        return next((int(counters[i].counter) for i in range(count.value) if counters[i].name == name), None)
    finally:
        xext.XSyncFreeSystemCounterList(counters)


def _xext() -> Any:
    lib = load_library("Xext", "libXext.so.6")
    ptr, c_int, ulong = ctypes.c_void_p, ctypes.c_int, ctypes.c_ulong
    int_out = ctypes.POINTER(c_int)
    lib.XSyncQueryExtension.argtypes, lib.XSyncQueryExtension.restype = [ptr, int_out, int_out], c_int
    lib.XSyncInitialize.argtypes, lib.XSyncInitialize.restype = [ptr, int_out, int_out], c_int
    lib.XSyncListSystemCounters.argtypes = [ptr, int_out]
    lib.XSyncListSystemCounters.restype = ctypes.POINTER(XSyncSystemCounter)
    lib.XSyncFreeSystemCounterList.argtypes = [ctypes.POINTER(XSyncSystemCounter)]
    lib.XSyncCreateAlarm.argtypes = [ptr, ulong, ctypes.POINTER(XSyncAlarmAttributes)]
    lib.XSyncCreateAlarm.restype = ulong
    lib.XSyncDestroyAlarm.argtypes, lib.XSyncDestroyAlarm.restype = [ptr, ulong], c_int
    lib.XSyncQueryCounter.argtypes = [ptr, ulong, ctypes.POINTER(XSyncValue)]
    lib.XSyncQueryCounter.restype = c_int
    return lib
