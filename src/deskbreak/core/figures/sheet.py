"""A contact sheet of figures as one SVG: every exercise, both sides, every keyframe, with its words.

It exists to be looked at by a person who has never done the exercise; `docs/figures/contact_sheet.py`
turns it into the PNG kept in the repository.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from deskbreak.core.figures.book import FigureBook
from deskbreak.core.figures.colours import LIGHT, Palette
from deskbreak.core.figures.drawing import draw, stage_for
from deskbreak.core.figures.model import Side
from deskbreak.core.figures.svg import _element, style_block

CELL = (150.0, 120.0)  # each keyframe is fitted into a cell this size
PAD = 10.0
CAPTION = 13.0
TITLE = 22.0


@dataclass(frozen=True)
class SheetEntry:
    exercise_id: str
    name: str
    has_sides: bool


def contact_sheet(
    book: FigureBook, entries: Sequence[SheetEntry], columns: int = 2, palette: Palette = LIGHT
) -> str:
    """One card per exercise that has a figure, `columns` cards across."""
    cards = [
        (entry, book.figures[entry.exercise_id]) for entry in entries if entry.exercise_id in book.figures
    ]
    cell_w, cell_h = CELL
    most_cells = max((len(f.keyframes) * (2 if e.has_sides else 1) for e, f in cards), default=1)
    card_w = PAD + most_cells * (cell_w + PAD)
    card_h = TITLE + cell_h + 4 * CAPTION + PAD
    rows = (len(cards) + columns - 1) // columns
    width, height = columns * card_w + PAD, rows * card_h + PAD
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}">',
        style_block(palette),
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="{palette.background}"/>',
    ]
    text = f'font-family="DejaVu Sans, Arial, sans-serif" fill="{palette.ink}"'
    for number, (entry, figure) in enumerate(cards):
        x0 = PAD + (number % columns) * card_w
        y0 = PAD + (number // columns) * card_h
        out.append(
            f'<rect x="{x0 - 4:.1f}" y="{y0 - 4:.1f}" width="{card_w - PAD + 4:.1f}" '
            f'height="{card_h - PAD + 2:.1f}" rx="6" fill="none" stroke="{palette.floor}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{x0:.1f}" y="{y0 + 15:.1f}" font-size="15" font-weight="bold" {text}>'
            f"{escape(entry.name)}</text>"
        )
        stage = stage_for(figure)
        sides: tuple[Side | None, ...] = ("left", "right") if entry.has_sides else (None,)
        cell = 0
        for side in sides:
            for index, keyframe in enumerate(figure.keyframes):
                cx = x0 + cell * (cell_w + PAD)
                cy = y0 + TITLE
                drawing = draw(figure, keyframe.pose, side, stage)
                left, top, width, height = drawing.box
                scale = min(cell_w / width, cell_h / height)
                x = cx + (cell_w - width * scale) / 2 - left * scale
                y = cy + (cell_h - height * scale) - top * scale
                out.append(f'<g transform="translate({x:.1f},{y:.1f}) scale({scale:.3f})">')
                out += [_element(shape) for shape in drawing.shapes]
                out.append("</g>")
                caption = " · ".join(
                    part for part in (side or "", f"{index + 1}/{len(figure.keyframes)}") if part
                )
                out.append(
                    f'<text x="{cx:.1f}" y="{cy + cell_h + 11:.1f}" font-size="10" {text}>{escape(caption)}</text>'
                )
                cell += 1
        lines = []
        for side in sides:
            label = figure.label_for(side)
            lines.append(figure.say_for(side) + (f"  [{label}]" if label else ""))
        labels = [f"{n}: {k.label}" for n, k in enumerate(figure.keyframes, start=1) if k.label]
        if labels:
            lines.append(" · ".join(labels))
        for line, words in enumerate(lines):
            out.append(
                f'<text x="{x0:.1f}" y="{y0 + TITLE + cell_h + 11 + CAPTION * (line + 1):.1f}" '
                f'font-size="11" {text}>{escape(words)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"
