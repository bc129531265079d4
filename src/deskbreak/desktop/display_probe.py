"""Says in one line why no window can open here, before Qt aborts the whole process over it.

Started without a display (over SSH, in a container, from a cron job), Qt's platform plugin
gives up with exit code 134 and a message that blames a missing library. On Linux and the other
X11/Wayland systems this check runs first: the environment, the Wayland socket, and one X
connection opened and closed again. Windows and macOS always give a desktop session a display.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from deskbreak.desktop.x11 import Display, X11Error

# QT_QPA_PLATFORM values that need a display server; any other plugin (offscreen, vnc, eglfs...)
# was chosen on purpose, and Qt reports its own problems.
_NEEDS_X = ("xcb",)
_NEEDS_WAYLAND = ("wayland", "wayland-egl")


def x_display_opens(name: str) -> bool:
    """Whether an X connection to `name` opens; True when libX11 itself is missing (Qt will say)."""
    try:
        Display(name).close()
    except X11Error as exc:
        return "not installed" in str(exc)
    return True


def wayland_socket_exists(environ: Mapping[str, str]) -> bool:
    display = environ.get("WAYLAND_DISPLAY", "")
    socket = Path(display) if display.startswith("/") else Path(environ.get("XDG_RUNTIME_DIR", "")) / display
    return bool(display) and socket.exists()


def display_problem(
    environ: Mapping[str, str],
    platform: str = sys.platform,
    x_opens: Callable[[str], bool] = x_display_opens,
) -> str | None:
    """Why deskbreak cannot show anything here, in one sentence; None when a display is there.

    Qt tries the plugins QT_QPA_PLATFORM lists ("wayland;xcb" means one, then the other), or
    the display servers the environment names when it lists none; one that connects is enough.
    """
    if platform in ("win32", "darwin"):
        return None
    listed = [entry.split(":")[0] for entry in environ.get("QT_QPA_PLATFORM", "").split(";") if entry]
    if any(plugin not in _NEEDS_X + _NEEDS_WAYLAND for plugin in listed):
        return None
    x_name, wayland_name = environ.get("DISPLAY", ""), environ.get("WAYLAND_DISPLAY", "")
    if not x_name and not wayland_name:
        return (
            "there is no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set; "
            "started over SSH or in a container?). Start deskbreak from your desktop session."
        )
    reasons: list[str] = []
    tried = listed or [plugin for plugin, name in (("wayland", wayland_name), ("xcb", x_name)) if name]
    for plugin in tried:
        if plugin in _NEEDS_WAYLAND:
            if wayland_socket_exists(environ):
                return None
            reasons.append(
                f"the Wayland display {wayland_name!r} has no socket"
                if wayland_name
                else "WAYLAND_DISPLAY is not set"
            )
        else:
            if x_name and x_opens(x_name):
                return None
            reasons.append(f"the X display {x_name!r} does not answer" if x_name else "DISPLAY is not set")
    return f"no graphical display can be used: {'; '.join(dict.fromkeys(reasons))}."
