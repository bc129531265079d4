"""Xlib through ctypes, for what Qt does not expose: other windows' properties and their changes.

Each user opens its own `Display` (its own X connection), so events one reads are never taken
from another's queue. Only libX11 (always present where X runs) is needed; no python-xlib.
X protocol errors (a window that closed between two requests) are ignored process-wide, the
same choice Qt's xcb plugin makes; the default Xlib handler would exit the process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Iterator
from typing import Any

PROPERTY_NOTIFY = 28
PROPERTY_CHANGE_MASK = 1 << 22
NO_EVENT_MASK = 0
XA_ATOM = 4
XA_WINDOW = 33
_SUCCESS = 0
_MAX_ITEMS = 1024  # longs read from one property; _NET_WM_STATE holds a handful


class X11Error(Exception):
    """libX11 is missing or the display cannot be opened; the text says which."""


class XPropertyEvent(ctypes.Structure):
    _fields_ = (
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("atom", ctypes.c_ulong),
        ("time", ctypes.c_ulong),
        ("state", ctypes.c_int),
    )


class XEvent(ctypes.Union):
    _fields_ = (("type", ctypes.c_int), ("xproperty", XPropertyEvent), ("pad", ctypes.c_long * 24))


_ErrorHandler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
_ignore_errors = _ErrorHandler(lambda _display, _event: 0)  # kept alive for as long as Xlib may call it


def load_library(name: str, soname: str) -> Any:
    """A shared library by its usual soname, else wherever the linker finds it."""
    try:
        return ctypes.CDLL(soname)
    except OSError:
        found = ctypes.util.find_library(name)
        if found is None:
            raise X11Error(f"{soname} is not installed") from None
        return ctypes.CDLL(found)


@functools.cache
def xlib() -> Any:
    """libX11 with the signatures this package uses (64-bit Window and Atom need them)."""
    lib = load_library("X11", "libX11.so.6")
    ptr, ulong, c_int = ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int
    lib.XOpenDisplay.argtypes, lib.XOpenDisplay.restype = [ctypes.c_char_p], ptr
    lib.XCloseDisplay.argtypes = [ptr]
    lib.XDefaultRootWindow.argtypes, lib.XDefaultRootWindow.restype = [ptr], ulong
    lib.XConnectionNumber.argtypes, lib.XConnectionNumber.restype = [ptr], c_int
    lib.XInternAtom.argtypes, lib.XInternAtom.restype = [ptr, ctypes.c_char_p, c_int], ulong
    lib.XSelectInput.argtypes = [ptr, ulong, ctypes.c_long]
    lib.XPending.argtypes, lib.XPending.restype = [ptr], c_int
    lib.XNextEvent.argtypes = [ptr, ctypes.POINTER(XEvent)]
    lib.XFlush.argtypes = [ptr]
    lib.XFree.argtypes = [ptr]
    lib.XGetWindowProperty.argtypes = [
        ptr, ulong, ulong, ctypes.c_long, ctypes.c_long, c_int, ulong,
        ctypes.POINTER(ulong), ctypes.POINTER(c_int), ctypes.POINTER(ulong), ctypes.POINTER(ulong),
        ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte)),
    ]  # fmt: skip
    lib.XGetWindowProperty.restype = c_int
    lib.XSetErrorHandler.argtypes, lib.XSetErrorHandler.restype = [_ErrorHandler], ptr
    lib.XSetErrorHandler(_ignore_errors)
    return lib


class Display:
    """One X connection. `name` is the DISPLAY value to use (None: the process's DISPLAY)."""

    def __init__(self, name: str | None) -> None:
        self._x = xlib()
        self.handle: int | None = self._x.XOpenDisplay(name.encode() if name else None)
        if not self.handle:
            raise X11Error(f"cannot open the X display {name or '(DISPLAY is not set)'}")
        self.name = name
        self.root: int = self._x.XDefaultRootWindow(self.handle)
        self._atoms: dict[str, int] = {}

    def fileno(self) -> int:
        return int(self._x.XConnectionNumber(self.handle))

    def atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = int(self._x.XInternAtom(self.handle, name.encode(), 0))
        return self._atoms[name]

    def property_values(self, window: int, name: str, kind: int) -> list[int]:
        """A 32-bit-format property (a list of windows, atoms or cardinals); [] when unset or gone."""
        actual_type, actual_format = ctypes.c_ulong(), ctypes.c_int()
        count, remaining = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.POINTER(ctypes.c_ubyte)()
        status = self._x.XGetWindowProperty(
            self.handle, window, self.atom(name), 0, _MAX_ITEMS, 0, kind,
            ctypes.byref(actual_type), ctypes.byref(actual_format), ctypes.byref(count),
            ctypes.byref(remaining), ctypes.byref(data),
        )  # fmt: skip
        try:
            if status != _SUCCESS or actual_format.value != 32 or not data:
                return []
            # Xlib hands format-32 data back as C longs, whatever their size on this machine.
            values = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))
            return [int(values[i]) for i in range(count.value)]
        finally:
            if data:
                self._x.XFree(data)

    def watch_properties(self, window: int, on: bool = True) -> None:
        """Ask for PropertyNotify events of `window` on this connection (other clients keep theirs)."""
        self._x.XSelectInput(self.handle, window, PROPERTY_CHANGE_MASK if on else NO_EVENT_MASK)
        self._x.XFlush(self.handle)

    def events(self) -> Iterator[XEvent]:
        """Every event queued on this connection; reads what is ready and never waits.

        Each event is yielded in the same buffer: copy what you need before the next one.
        """
        event = XEvent()
        while self.handle and self._x.XPending(self.handle) > 0:
            self._x.XNextEvent(self.handle, ctypes.byref(event))
            yield event

    def property_events(self) -> Iterator[tuple[int, int]]:
        """(window, atom) of every queued PropertyNotify; other events are dropped."""
        for event in self.events():
            if event.type == PROPERTY_NOTIFY:
                yield int(event.xproperty.window), int(event.xproperty.atom)

    def flush(self) -> None:
        self._x.XFlush(self.handle)

    def close(self) -> None:
        if self.handle:
            self._x.XCloseDisplay(self.handle)
            self.handle = None
