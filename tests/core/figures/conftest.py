"""Figure fixtures: the bundled book and library, and a builder for figures written in a test."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from deskbreak.core.figures.book import FigureBook, load_figures
from deskbreak.core.figures.model import Figure
from deskbreak.core.routines.library import Library, load_library


@pytest.fixture(scope="session")
def book() -> FigureBook:
    return load_figures()


@pytest.fixture(scope="session")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The bundled library only: an empty user folder."""
    return load_library(tmp_path_factory.mktemp("no-user-routines"))


def user_figures(root: Path, text: str, name: str = "mine.yaml") -> Path:
    """Write a figure file into a user routines folder's `figures/`."""
    path = root / "figures" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def figure_from(tmp_path: Path, text: str) -> Figure:
    """One figure from YAML under `figures:`, resolved against the bundled bases."""
    user_figures(tmp_path, "schema: 1\nfigures:\n" + textwrap.indent(textwrap.dedent(text).lstrip(), "  "))
    book = load_figures(tmp_path)
    assert not book.problems, book.problems
    (figure,) = [f for f in book.figures.values() if f.origin == "user"]
    return figure
