"""Is the window the user is working in fullscreen? (a presentation, a video call, a film, a game)

X11: the window manager names the focused window in the root window's `_NET_ACTIVE_WINDOW`, and a
fullscreen window carries `_NET_WM_STATE_FULLSCREEN` in its `_NET_WM_STATE`. Both are watched
with PropertyNotify events on deskbreak's own X connection, read from the Qt loop through a
QSocketNotifier: focus changes and state changes wake the process, nothing else does, and
nothing polls. Because it is the focused window that counts, a film fullscreen on a second
monitor does not hold prompts while the user types on the first.

Windows (unverified): `SHQueryUserNotificationState` says when a fullscreen or presentation-mode
app runs; Windows has no change notification for it, so it is read once a minute.

Wayland sessions: no protocol tells another app which window is fullscreen, so deskbreak cannot
see it there (do-not-disturb still works).
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QSocketNotifier

from deskbreak.desktop.busy import BusyReason, BusySourceError
from deskbreak.desktop.x11 import XA_ATOM, XA_WINDOW, Display, X11Error

log = logging.getLogger(__name__)


class X11Fullscreen:
    reason: BusyReason = "fullscreen"
    needs_polling = False

    def __init__(self, display: Display) -> None:
        self._display = display
        self._active = 0
        self._busy = False
        self._changed: Callable[[], None] | None = None
        self._notifier: QSocketNotifier | None = None
        self._active_atom = display.atom("_NET_ACTIVE_WINDOW")
        self._state_atom = display.atom("_NET_WM_STATE")
        self._fullscreen_atom = display.atom("_NET_WM_STATE_FULLSCREEN")
        self.description = f"X11 _NET_WM_STATE_FULLSCREEN of the focused window on {display.name}"

    @classmethod
    def open(cls, environ: Mapping[str, str]) -> X11Fullscreen:
        if environ.get("XDG_SESSION_TYPE") == "wayland":
            raise BusySourceError("a Wayland session does not tell other apps which window is fullscreen")
        if not environ.get("DISPLAY"):
            raise BusySourceError("DISPLAY is not set")
        try:
            source = cls(Display(environ["DISPLAY"]))
        except X11Error as exc:
            raise BusySourceError(str(exc)) from None
        source._update()
        return source

    def is_busy(self) -> bool:
        return self._busy

    def start(self, changed: Callable[[], None]) -> None:
        self._changed = changed
        self._display.watch_properties(self._display.root)
        self._watch_active(self._active)
        self._notifier = QSocketNotifier(self._display.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._events)
        self._update()

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        self._display.close()

    def _events(self) -> None:
        relevant = False
        for window, atom in self._display.property_events():
            if (window == self._display.root and atom == self._active_atom) or (
                window == self._active and atom == self._state_atom
            ):
                relevant = True
        if relevant:
            self._update()

    def _update(self) -> None:
        """Re-read the focused window and its state; tell the watcher if the answer changed."""
        active = next(
            iter(self._display.property_values(self._display.root, "_NET_ACTIVE_WINDOW", XA_WINDOW)), 0
        )
        if active != self._active and self._notifier is not None:
            self._watch_active(active)  # select first, then read, so a change in between is not lost
        self._active = active
        states = self._display.property_values(active, "_NET_WM_STATE", XA_ATOM) if active else []
        busy = self._fullscreen_atom in states
        # Reading may have queued events that the socket notifier will not see again.
        queued = list(self._display.property_events())
        if busy != self._busy:
            self._busy = busy
            if self._changed is not None:
                self._changed()
        if any(atom in (self._active_atom, self._state_atom) for _window, atom in queued):
            self._update()

    def _watch_active(self, window: int) -> None:
        if self._active and self._active != window:
            self._display.watch_properties(self._active, on=False)
        if window:
            self._display.watch_properties(window)


# SHQueryUserNotificationState answers (shellapi.h): busy, fullscreen Direct3D, presentation mode.
_QUNS_BUSY, _QUNS_RUNNING_D3D_FULL_SCREEN, _QUNS_PRESENTATION_MODE = 2, 3, 4


class WindowsFullscreen:
    """Polled once a minute by the busy watcher (unverified)."""

    reason: BusyReason = "fullscreen"
    needs_polling = True
    description = "Windows SHQueryUserNotificationState (read once a minute; unverified)"

    def __init__(self, shell32: Any) -> None:
        self._shell32 = shell32

    @classmethod
    def open(cls) -> WindowsFullscreen:
        windll = getattr(ctypes, "windll", None)
        if windll is None:
            raise BusySourceError("not running on Windows")
        return cls(windll.shell32)

    def is_busy(self) -> bool:
        state = ctypes.c_int(0)
        if self._shell32.SHQueryUserNotificationState(ctypes.byref(state)) != 0:  # an HRESULT
            return False
        return state.value in (_QUNS_BUSY, _QUNS_RUNNING_D3D_FULL_SCREEN, _QUNS_PRESENTATION_MODE)

    def start(self, changed: Callable[[], None]) -> None:
        """Nothing announces changes; the watcher's timer reads `is_busy`."""

    def close(self) -> None:
        """Nothing to release."""
