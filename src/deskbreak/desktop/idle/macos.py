"""Idle time on macOS from CoreGraphics (unverified: written from Apple's documentation).

`CGEventSourceSecondsSinceLastEventType(kCGEventSourceStateHIDSystemState, kCGAnyInputEventType)`
returns the seconds since the last hardware input of any kind. Public code calls it without
extra permissions; reading it costs microseconds.
"""

from __future__ import annotations

import ctypes
import math
from typing import Any

from deskbreak.desktop.idle import IdleBackendError

COREGRAPHICS = "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics"
HID_SYSTEM_STATE = 1
ANY_INPUT_EVENT = 0xFFFFFFFF


class MacIdle:
    name = "macos"
    description = "macOS CoreGraphics CGEventSourceSecondsSinceLastEventType (read once a minute; unverified)"

    def __init__(self, coregraphics: Any) -> None:
        self._cg = coregraphics

    @classmethod
    async def open(cls) -> MacIdle:
        try:
            cg = ctypes.CDLL(COREGRAPHICS)
        except OSError as exc:
            raise IdleBackendError(f"CoreGraphics cannot be loaded ({exc})") from None
        cg.CGEventSourceSecondsSinceLastEventType.argtypes = [ctypes.c_int32, ctypes.c_uint32]
        cg.CGEventSourceSecondsSinceLastEventType.restype = ctypes.c_double
        return cls(cg)

    async def read_idle(self) -> float | None:
        seconds = float(self._cg.CGEventSourceSecondsSinceLastEventType(HID_SYSTEM_STATE, ANY_INPUT_EVENT))
        return seconds if math.isfinite(seconds) and seconds >= 0 else None

    def close(self) -> None:
        """Nothing to release."""
