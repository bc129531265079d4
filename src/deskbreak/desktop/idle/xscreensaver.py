"""Idle time on X11 from the MIT-SCREEN-SAVER extension (libXss): the polled fallback on X11.

XSync's alarms (xsync.py) push instead and come first; this is for X servers without the SYNC
extension's IDLETIME counter. One query is a round trip to the X server of about 20 µs. It is
not used on Wayland sessions: there XScreenSaver only sees input that goes to XWayland windows,
so a user typing in a native Wayland window would look idle.
"""

from __future__ import annotations

import ctypes
from collections.abc import Mapping
from typing import Any

from deskbreak.desktop.idle import IdleBackendError
from deskbreak.desktop.x11 import Display, X11Error, load_library, xlib


class XScreenSaverInfo(ctypes.Structure):
    _fields_ = (
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),  # milliseconds since the last input
        ("eventMask", ctypes.c_ulong),
    )


class XScreenSaverIdle:
    name = "x11-screensaver"

    def __init__(self, display: Display, xss: Any) -> None:
        self._display = display
        self._xss = xss
        self._info: Any = xss.XScreenSaverAllocInfo()
        self.description = (
            f"X11 XScreenSaver extension on {display.name or 'the default display'} (read once a minute)"
        )

    @classmethod
    async def open(cls, environ: Mapping[str, str]) -> XScreenSaverIdle:
        if environ.get("XDG_SESSION_TYPE") == "wayland":
            raise IdleBackendError("this is a Wayland session; XScreenSaver would only see XWayland input")
        if not environ.get("DISPLAY"):
            raise IdleBackendError("DISPLAY is not set")
        try:
            xss = _xss()
            display = Display(environ["DISPLAY"])
        except X11Error as exc:
            raise IdleBackendError(str(exc)) from None
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(
            display.handle, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            display.close()
            raise IdleBackendError("the X server has no MIT-SCREEN-SAVER extension")
        return cls(display, xss)

    async def read_idle(self) -> float | None:
        if self._display.handle is None:
            return None
        if not self._xss.XScreenSaverQueryInfo(self._display.handle, self._display.root, self._info):
            return None
        return float(self._info.contents.idle) / 1000

    def close(self) -> None:
        if self._info:
            xlib().XFree(self._info)
            self._info = None
        self._display.close()


def _xss() -> Any:
    lib = load_library("Xss", "libXss.so.1")
    ptr = ctypes.c_void_p
    lib.XScreenSaverQueryExtension.argtypes = [
        ptr,
        ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_int),
    ]
    lib.XScreenSaverQueryExtension.restype = ctypes.c_int
    lib.XScreenSaverAllocInfo.restype = ctypes.POINTER(XScreenSaverInfo)
    lib.XScreenSaverQueryInfo.argtypes = [ptr, ctypes.c_ulong, ctypes.POINTER(XScreenSaverInfo)]
    lib.XScreenSaverQueryInfo.restype = ctypes.c_int
    return lib
