"""Renders the app icon (assets/icons/deskbreak.svg) into the hicolor PNG sizes a Linux desktop asks for.

Run from the repository root after changing the SVG: `.venv/bin/python packaging/linux/render_icons.py`.
The PNGs are committed, so installing needs neither Qt nor a build step (a distribution, the
Flatpak build and `install.sh` just copy them); `source.sha256` records which SVG they came from,
and a test fails when the SVG changes without a new rendering.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "assets" / "icons" / "deskbreak.svg"
HICOLOR = Path(__file__).resolve().parent / "icons" / "hicolor"
APP_ID = "io.github.deskbreak.Deskbreak"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
STAMP = HICOLOR.parent / "source.sha256"


def source_digest() -> str:
    return hashlib.sha256(SOURCE.read_bytes()).hexdigest()


def render() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):  # the format follows the .png suffix
            raise SystemExit(f"cannot write {target}")
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    STAMP.write_text(f"{source_digest()}  assets/icons/deskbreak.svg\n")


if __name__ == "__main__":
    render()
    print(f"rendered {len(SIZES)} sizes into {HICOLOR.relative_to(ROOT)}")
