"""A simulated month in a store, and light and dark palettes, for the Progress window tests."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtGui import QColor, QPalette

from deskbreak.core.history.store import HistoryStore, open_history
from tests.core.history.days import BERLIN
from tests.core.history.simulated import Habits, Person

PACK_TITLES = {"evening-mobility": "Evening mobility", "strength-session": "Twice-weekly strength"}


def simulated_store(folder: Path, seed: int = 7) -> tuple[HistoryStore, datetime]:
    """29 days of a standing-desk user ending on Monday 23 November 2026 at 11:00 (Berlin)."""
    person = Person(date(2026, 10, 26), BERLIN, seed=seed, habits=Habits(standing_desk=True))
    now = person.live(29)
    opening = open_history(folder / "history.sqlite3", now)
    assert opening.store is not None
    for entry in person.entries:
        opening.store.append(entry.at, entry.event)
    return opening.store, now


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#3d8ee0"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
        (QPalette.ColorRole.Mid, "#555555"),
    ):
        palette.setColor(role, QColor(colour))
    return palette
