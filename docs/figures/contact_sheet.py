"""Renders the contact sheet of every bundled exercise figure (both sides, every keyframe) to PNG.

    .venv/bin/python docs/figures/contact_sheet.py                 # docs/figures/contact-sheet.png
    .venv/bin/python docs/figures/contact_sheet.py --dark --only dead-bug,bird-dog -o /tmp/x.png

Look at the result as someone who has never done the exercises would, and redraw what they would
not recognise: the pose data is in src/deskbreak/core/figures/poses/.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from deskbreak.core.figures.book import load_figures
from deskbreak.core.figures.colours import DARK, LIGHT
from deskbreak.core.figures.sheet import SheetEntry, contact_sheet
from deskbreak.core.routines.library import load_library

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=HERE / "contact-sheet.png")
    parser.add_argument("--dark", action="store_true", help="draw on the dark theme's colours")
    parser.add_argument("--only", default="", help="comma-separated exercise ids")
    parser.add_argument("--columns", type=int, default=2)
    parser.add_argument("--scale", type=float, default=1.5, help="pixels per sheet unit")
    args = parser.parse_args()
    library = load_library(Path("/nonexistent"))  # bundled exercises only
    book = load_figures()
    wanted = {item for item in args.only.split(",") if item}
    entries = [
        SheetEntry(exercise.id, exercise.name, exercise.dose.sides in ("both", "alternate"))
        for exercise in sorted(library.catalogue.exercises.values(), key=lambda e: e.id)
        if not wanted or exercise.id in wanted
    ]
    missing = [entry.exercise_id for entry in entries if entry.exercise_id not in book.figures]
    svg = contact_sheet(book, entries, columns=args.columns, palette=DARK if args.dark else LIGHT)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv)
    renderer = QSvgRenderer(QByteArray(svg.encode()))
    size = renderer.defaultSize()
    image = QImage(
        round(size.width() * args.scale), round(size.height() * args.scale), QImage.Format.Format_RGB32
    )
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    if not image.save(str(args.output)):
        print(f"could not write {args.output}", file=sys.stderr)
        return 1
    del app
    print(
        f"{args.output}: {len(entries) - len(missing)} figures"
        + (f"; no figure yet: {', '.join(missing)}" if missing else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
