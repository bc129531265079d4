"""Tray and window icons from the SVGs in assets/, in the variant that stands out on the panel."""

from __future__ import annotations

from functools import cache
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPalette

from deskbreak.core.effects import Phase
from deskbreak.core.resources import bundled_path

IconVariant = Literal["light", "dark"]

_GLYPH_FOR_PHASE: dict[Phase, str] = {
    "sitting": "sitting",
    "standing": "standing",
    "in_routine": "standing",
    "prompting": "prompt",
    "snoozed": "prompt",
    "away": "sitting",
    "paused": "paused",
    "off_hours": "off",
}


def panel_variant(choice: str = "auto") -> IconVariant:
    """Light glyphs for a dark desktop, dark glyphs for a light one (judged from the colour scheme).

    The user's choice wins: a desktop's colour scheme and its panel's colour can differ.
    """
    if choice in ("light", "dark"):
        return "light" if choice == "light" else "dark"
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return "light"
    if scheme == Qt.ColorScheme.Light:
        return "dark"
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return "light" if window.lightness() < 128 else "dark"


@cache
def tray_icon(phase: Phase, variant: IconVariant) -> QIcon:
    return QIcon(str(bundled_path("assets") / "icons" / f"tray-{_GLYPH_FOR_PHASE[phase]}-{variant}.svg"))


@cache
def app_icon() -> QIcon:
    return QIcon(str(bundled_path("assets") / "icons" / "deskbreak.svg"))
