"""How long since the last keyboard or mouse input: one small interface, a backend per desktop.

Backends are chosen by probing, never by guessing from desktop names: a D-Bus service must
answer, an X extension must exist, a library symbol must resolve. Every rejected backend keeps a
sentence saying why, which `deskbreak doctor` prints. When none works, deskbreak still sees
absences through screen lock and sleep, and says so.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, runtime_checkable

from deskbreak.desktop.dbus import Bus
from deskbreak.desktop.steps import StepError, Task


class IdleBackendError(Exception):
    """This backend cannot work here; the text says why, for `deskbreak doctor`."""


class IdleBackend(Protocol):
    """Reads the idle time on demand: `read_idle` gives seconds, or None if one reading failed.

    Reading is a task (desktop/steps.py) because some backends ask a D-Bus service: the app
    runs it from the Qt loop, doctor waits for it.
    """

    name: str
    description: str

    async def read_idle(self) -> float | None: ...

    def close(self) -> None: ...


@runtime_checkable
class IdleWatchBackend(IdleBackend, Protocol):
    """A backend that announces idleness and the return, so nothing needs to poll it."""

    def watch_idle(self, seconds: float, fired: Callable[[float], None]) -> None:
        """Call `fired(idle_seconds)` each time input has been absent for `seconds` (replaces an
        earlier watch)."""

    def watch_active(self, fired: Callable[[], None]) -> None:
        """Call `fired` once, at the next input."""


Candidate = tuple[str, Callable[[], Task[IdleBackend]]]


async def pick_idle_backend(candidates: Sequence[Candidate]) -> tuple[IdleBackend | None, list[str]]:
    """The first candidate that opens and gives a reading, and why each one before it did not."""
    rejected: list[str] = []
    for name, open_backend in candidates:
        try:
            backend = await open_backend()
        except (IdleBackendError, StepError) as exc:
            rejected.append(f"{name}: {exc}")
            continue
        if await backend.read_idle() is None:
            backend.close()
            rejected.append(f"{name}: opened, but gave no idle reading")
            continue
        return backend, rejected
    return None, rejected


def idle_candidates(
    environ: Mapping[str, str],
    session_bus: Callable[[], Bus],
    platform: str = sys.platform,
) -> list[Candidate]:
    """The backends worth trying on this platform, best first.

    On Linux the backends that push come first: Mutter (GNOME on X11 and Wayland; it also
    respects a video player's idle inhibitor), then X11's XSync alarms. The polled ones follow:
    XScreenSaver (X11 servers without the SYNC extension's IDLETIME counter) and the ScreenSaver
    D-Bus call (KDE). X11 is never used on a Wayland session, where it only sees input sent to
    XWayland windows.
    """
    if platform == "win32":
        from deskbreak.desktop.idle.windows import WindowsIdle

        return [("windows", WindowsIdle.open)]
    if platform == "darwin":
        from deskbreak.desktop.idle.macos import MacIdle

        return [("macos", MacIdle.open)]
    from deskbreak.desktop.idle import wayland
    from deskbreak.desktop.idle.dbus_idle import MutterIdle, ScreenSaverIdle
    from deskbreak.desktop.idle.xscreensaver import XScreenSaverIdle
    from deskbreak.desktop.idle.xsync import XSyncIdle

    return [
        ("gnome-mutter", lambda: MutterIdle.open(session_bus())),
        ("x11", lambda: XSyncIdle.open(environ)),
        ("x11-screensaver", lambda: XScreenSaverIdle.open(environ)),
        ("freedesktop-screensaver", lambda: ScreenSaverIdle.open(session_bus())),
        ("wayland-ext-idle-notify", lambda: wayland.unavailable(environ)),
    ]
