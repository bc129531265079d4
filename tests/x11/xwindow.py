"""A bare X window the tests can make fullscreen and focused, the way a window manager would mark it.

Xvfb runs no window manager, so the test sets the EWMH properties itself: `_NET_WM_STATE` on the
window and `_NET_ACTIVE_WINDOW` on the root window, with the types a real manager uses.
"""

from __future__ import annotations

import ctypes

from deskbreak.desktop.x11 import XA_ATOM, XA_WINDOW, Display, xlib

_PROP_MODE_REPLACE = 0


class TestWindow:
    __test__ = False  # not a pytest test class

    def __init__(self, display_name: str) -> None:
        self.display = Display(display_name)
        x = self._x = xlib()
        ulong, ptr = ctypes.c_ulong, ctypes.c_void_p
        x.XCreateSimpleWindow.argtypes = [ptr, ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint,
                                          ctypes.c_uint, ctypes.c_uint, ulong, ulong]  # fmt: skip
        x.XCreateSimpleWindow.restype = ulong
        x.XMapWindow.argtypes = [ptr, ulong]
        x.XDestroyWindow.argtypes = [ptr, ulong]
        x.XChangeProperty.argtypes = [ptr, ulong, ulong, ulong, ctypes.c_int, ctypes.c_int,
                                      ctypes.c_void_p, ctypes.c_int]  # fmt: skip
        self.window = int(
            x.XCreateSimpleWindow(self.display.handle, self.display.root, 0, 0, 320, 200, 0, 0, 0)
        )
        x.XMapWindow(self.display.handle, self.window)
        x.XFlush(self.display.handle)

    def set_fullscreen(self, on: bool) -> None:
        states = [self.display.atom("_NET_WM_STATE_FULLSCREEN")] if on else []
        self._set(self.window, "_NET_WM_STATE", XA_ATOM, states)

    def focus(self) -> None:
        self._set(self.display.root, "_NET_ACTIVE_WINDOW", XA_WINDOW, [self.window])

    def close(self) -> None:
        self._x.XDestroyWindow(self.display.handle, self.window)
        self.display.close()

    def _set(self, window: int, name: str, kind: int, values: list[int]) -> None:
        data = (ctypes.c_ulong * max(1, len(values)))(*values)  # format 32 is passed as C longs
        self._x.XChangeProperty(self.display.handle, window, self.display.atom(name), kind, 32,
                                _PROP_MODE_REPLACE, data, len(values))  # fmt: skip
        self._x.XFlush(self.display.handle)
