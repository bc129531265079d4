"""Rendered figures are written once per drawing, replaced when the drawing changes, and optional."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from deskbreak.core.figures.book import FigureBook
from deskbreak.core.figures.cache import rendered_file


def test_a_figure_is_rendered_on_first_use_and_reused_after(book: FigureBook, tmp_path: Path) -> None:
    figure = book.figures["couch-stretch"]
    first = rendered_file(figure, "left", 0, tmp_path, title="Couch stretch, left side")
    assert first is not None
    assert first.read_text(encoding="utf-8").startswith("<svg ")
    stamp = first.stat().st_mtime_ns
    again = rendered_file(figure, "left", 0, tmp_path)
    assert again == first
    assert first.stat().st_mtime_ns == stamp


def test_each_side_and_keyframe_has_its_own_file(book: FigureBook, tmp_path: Path) -> None:
    figure = book.figures["bird-dog"]
    files = {rendered_file(figure, side, index, tmp_path) for side in ("left", "right") for index in (0, 1)}
    assert len(files) == 4


def test_a_changed_figure_replaces_its_stale_files(book: FigureBook, tmp_path: Path) -> None:
    figure = book.figures["couch-stretch"]
    old = rendered_file(figure, "left", 0, tmp_path)
    changed = replace(figure, lift=3.0)
    new = rendered_file(changed, "left", 0, tmp_path)
    assert new is not None
    assert old is not None
    assert new != old
    assert not old.exists()


def test_another_exercise_whose_id_starts_the_same_is_left_alone(book: FigureBook, tmp_path: Path) -> None:
    stretch = rendered_file(book.figures["couch-stretch"], "left", 0, tmp_path)
    lookalike = replace(book.figures["couch-stretch"], exercise_id="couch")
    rendered_file(replace(lookalike, lift=1.0), "left", 0, tmp_path)
    rendered_file(replace(lookalike, lift=2.0), "left", 0, tmp_path)
    assert stretch is not None
    assert stretch.exists()


def test_a_cache_that_cannot_be_written_gives_no_file_and_no_error(book: FigureBook, tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    assert rendered_file(book.figures["couch-stretch"], "left", 0, blocked) is None
