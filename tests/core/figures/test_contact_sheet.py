"""The contact sheet shows every figure it is given: both sides, every keyframe, and their words."""

from __future__ import annotations

from deskbreak.core.figures.book import FigureBook
from deskbreak.core.figures.sheet import SheetEntry, contact_sheet


def test_the_sheet_has_a_card_per_exercise_with_each_side_and_keyframe(book: FigureBook) -> None:
    entries = [SheetEntry("bird-dog", "Bird dog", True), SheetEntry("childs-pose", "Child's pose", False)]
    svg = contact_sheet(book, entries)
    assert svg.startswith("<svg ")
    assert "Bird dog" in svg
    assert "Child&#x27;s pose" in svg
    for caption in ("left · 1/2", "left · 2/2", "right · 1/2", "right · 2/2", ">1/1<"):
        assert caption in svg
    assert "Right arm forward, left leg back; hold two  [LEFT LEG]" in svg
    assert "Left arm forward, right leg back; hold two  [RIGHT LEG]" in svg


def test_an_exercise_without_a_figure_is_left_off_the_sheet(book: FigureBook) -> None:
    svg = contact_sheet(book, [SheetEntry("no-such-move", "No such move", False)])
    assert "No such move" not in svg
