"""The box that tells the user what was wrong with their files, capped so no input can freeze it.

A settings value of megabytes or a pack with twenty thousand bad entries once made a box that
took minutes to lay out and was taller than the screen. The box shows the first few problems,
each cut to a readable length, and says how many more there are; the full list is in the log.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

MAX_SHOWN_PROBLEMS = 12
MAX_LINE_CHARS = 240


def cut_line(line: str, limit: int = MAX_LINE_CHARS) -> str:
    """One problem as it may be shown or logged: at most `limit` characters."""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def shown_lines(lines: Sequence[str], limit: int = MAX_SHOWN_PROBLEMS) -> list[str]:
    """The lines the box shows: the first `limit`, cut, then "and N more" for the rest."""
    shown = [cut_line(line) for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"… and {len(lines) - limit} more (the log file lists every one)")
    return shown


class ProblemsBox(QMessageBox):
    """A non-modal warning: a title sentence, then the capped list of problems."""

    def __init__(self, title: str, lines: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Warning, "deskbreak", title, parent=parent)
        self.setInformativeText("\n".join(shown_lines(lines)))
        self.setModal(False)
