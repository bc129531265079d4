"""Finds the files deskbreak ships (routine packs, icons, sounds) in a wheel, a frozen bundle or a checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Literal

BundledFolder = Literal["routines", "assets"]

_CHECKOUT = Path(__file__).resolve().parents[3]  # src/deskbreak/core/resources.py -> the repository


def bundled_path(name: BundledFolder) -> Path:
    """The folder `name`: `deskbreak/data/<name>` inside the installed package, else at the top of a checkout.

    The package is asked through importlib.resources rather than by paths next to this file, so
    the same lookup works in a wheel and in a PyInstaller bundle, whose frozen modules have no
    folder of their own on disk (the bundle keeps data files under its own internal folder).
    """
    package = files("deskbreak")
    candidates = [package / "data" / name] if isinstance(package, Path) else []
    candidates.append(_CHECKOUT / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"deskbreak's bundled '{name}' folder is missing: the installation is incomplete")
