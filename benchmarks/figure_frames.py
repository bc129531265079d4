"""Benchmark: what a moving figure costs per frame, from pose data to pixels, against a still picture.

Run with `.venv/bin/python benchmarks/figure_frames.py`; it prints a table and writes
benchmarks/results/figure_frames.md. Nothing here is asserted: the machine is shared and noisy.
The player draws a moving figure up to 20 times a second (ui/figure.py FRAME_MS), so the last
column is the most of one CPU core the animation takes; a figure resting at a keyframe (the
bridge's two-second squeeze) is not redrawn, so the real share is lower.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from deskbreak.core.figures.book import load_figures
from deskbreak.core.figures.colours import LIGHT
from deskbreak.core.figures.drawing import draw, stage_for
from deskbreak.core.figures.motion import motion_for
from deskbreak.core.figures.svg import render_svg

RUNS = 7
FRAMES = 200
FIGURE = "glute-bridge"
TEMPO = 5.0
FRAMES_PER_SECOND = 20


def timed(runs: int, func: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv)
    book = load_figures()
    figure = book.figures[FIGURE]
    stage = stage_for(figure)
    motion = motion_for(figure, "reps", TEMPO)
    image = QImage(680, 544, QImage.Format.Format_ARGB32_Premultiplied)

    def svg_at(step: int) -> str:
        return render_svg(draw(figure, motion.pose(step * TEMPO / FRAMES), "left", stage), LIGHT)

    def pure_frames() -> None:
        for step in range(FRAMES):
            svg_at(step)

    def full_frames() -> None:
        for step in range(FRAMES):
            renderer = QSvgRenderer(QByteArray(svg_at(step).encode()))
            painter = QPainter(image)
            renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
            painter.end()

    still = QByteArray(svg_at(0).encode())

    def still_frames() -> None:
        for _ in range(FRAMES):
            renderer = QSvgRenderer(still)
            painter = QPainter(image)
            renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
            painter.end()

    rows = [
        ("pose, shapes and SVG text (pure Python)", timed(RUNS, pure_frames)),
        ("the same, parsed and painted at 680x544 (a moving figure's frame)", timed(RUNS, full_frames)),
        ("baseline: one still SVG parsed and painted", timed(RUNS, still_frames)),
    ]
    ticks = round(TEMPO * FRAMES_PER_SECOND)
    poses = [motion.pose(tick / FRAMES_PER_SECOND) for tick in range(ticks)]
    redrawn = sum(1 for before, after in zip([None, *poses], poses, strict=False) if before != after)
    frame = statistics.median(rows[1][1]) / FRAMES
    load = timed(RUNS, load_figures)
    stages = timed(RUNS, lambda: [stage_for(f) for f in book.figures.values()])
    lines = [
        "# Figures: the cost of a moving figure",
        "",
        f"{RUNS} runs of {FRAMES} frames of `{FIGURE}` at {TEMPO:g} s per rep; times per frame in"
        f" milliseconds. Measured {datetime.now(UTC):%Y-%m-%d %H:%M %Z}.",
        "",
        f"| what | best ms | median ms | one core at {FRAMES_PER_SECOND} fps |",
        "|---|---|---|---|",
        *[
            f"| {name} | {min(t) / FRAMES * 1000:.2f} | {statistics.median(t) / FRAMES * 1000:.2f} | "
            f"{statistics.median(t) / FRAMES * FRAMES_PER_SECOND * 100:.1f} % |"
            for name, t in rows
        ],
        "",
        f"Of the {ticks} frame ticks of one rep, {redrawn} draw a new pose (the rest rest at a keyframe):"
        f" {frame * redrawn / TEMPO * 100:.1f} % of one core while the bridge runs.",
        "",
        "Once per routine opened, not per frame:",
        "",
        "| what | best ms | median ms |",
        "|---|---|---|",
        f"| reading every bundled figure ({len(book.figures)}) | {min(load) * 1000:.1f} |"
        f" {statistics.median(load) * 1000:.1f} |",
        f"| placing every figure (stage_for) | {min(stages) * 1000:.1f} | {statistics.median(stages) * 1000:.1f} |",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    out = Path(__file__).parent / "results" / "figure_frames.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report)
    del app


if __name__ == "__main__":
    main()
