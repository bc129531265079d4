"""Wayland's `ext-idle-notify-v1` protocol: reported honestly, not used yet.

KWin, sway 1.8+, Hyprland and niri offer the protocol (GNOME does not; it has Mutter's D-Bus
monitor instead). A Python client needs pywayland, which deskbreak does not depend on, and no
compositor with the protocol was available to test against. Until both are true this backend
only tells `deskbreak doctor` what is missing, so a user on sway knows why idle is not seen.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from typing import NoReturn

from deskbreak.desktop.idle import IdleBackendError


async def unavailable(environ: Mapping[str, str]) -> NoReturn:
    """Always raises, with the most useful reason for this session."""
    if not environ.get("WAYLAND_DISPLAY"):
        raise IdleBackendError("not a Wayland session (WAYLAND_DISPLAY is not set)")
    if importlib.util.find_spec("pywayland") is None:
        raise IdleBackendError("needs pywayland, which is not installed")
    raise IdleBackendError(
        "pywayland is installed, but this deskbreak version does not use ext-idle-notify-v1 yet"
    )
