"""Idle time on Windows from `GetLastInputInfo` (unverified: written from the Win32 documentation).

`GetLastInputInfo` gives the tick count (milliseconds since boot, 32 bits) of the session's last
input; `GetTickCount` gives the tick count now. Both wrap every 49.7 days, so the difference is
taken modulo 2**32. The call costs microseconds and needs no permissions.
"""

from __future__ import annotations

import ctypes
from typing import Any

from deskbreak.desktop.idle import IdleBackendError

_TICK_WRAP = 2**32


class LastInputInfo(ctypes.Structure):
    _fields_ = (("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint))


class WindowsIdle:
    name = "windows"
    description = "Windows GetLastInputInfo (read once a minute; unverified)"

    def __init__(self, user32: Any, kernel32: Any) -> None:
        self._user32 = user32
        self._kernel32 = kernel32

    @classmethod
    async def open(cls) -> WindowsIdle:
        windll = getattr(ctypes, "windll", None)
        if windll is None:
            raise IdleBackendError("not running on Windows")
        user32, kernel32 = windll.user32, windll.kernel32
        user32.GetLastInputInfo.argtypes = [ctypes.POINTER(LastInputInfo)]
        user32.GetLastInputInfo.restype = ctypes.c_int
        kernel32.GetTickCount.restype = ctypes.c_uint
        return cls(user32, kernel32)

    async def read_idle(self) -> float | None:
        info = LastInputInfo(ctypes.sizeof(LastInputInfo), 0)
        if not self._user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        now = int(self._kernel32.GetTickCount())
        return ((now - int(info.dwTime)) % _TICK_WRAP) / 1000

    def close(self) -> None:
        """Nothing to release."""
