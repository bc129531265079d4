"""Finds the files deskbreak ships (routine packs, icons, sounds) in a wheel or a source checkout."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

BundledFolder = Literal["routines", "assets"]

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_path(name: BundledFolder) -> Path:
    """The folder `name`: inside the installed package (wheel) or at the top of a source checkout."""
    for candidate in (_PACKAGE / "data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"deskbreak's bundled '{name}' folder is missing: the installation is incomplete")
